#pragma once
// Decimal text <-> fixed-point integers, straight, never through double.

#include <cstdint>
#include <string>
#include <string_view>

namespace bw {

/// Why a decimal string was refused.
enum class DecimalError : std::uint8_t {
  kOk = 0,        ///< parsed
  kEmpty,         ///< no digits at all
  kBadCharacter,  ///< something other than sign, digits and one '.'
  kTooPrecise,    ///< a non-zero digit beyond the 8th decimal (would lose value)
  kOverflow,      ///< does not fit an int64 once scaled by 10^8
};

[[nodiscard]] const char* decimalErrorName(DecimalError e) noexcept;

/// Parses "-123.45600000" into 1e-8 units (-12345600000). Trailing zero decimals beyond
/// the 8th are accepted; a non-zero one is refused rather than rounded.
/// Any thread; no allocation; no exception.
[[nodiscard]] DecimalError parseDecimal(std::string_view text, std::int64_t& out) noexcept;

/// Formats 1e-8 units as a decimal with trailing zeros trimmed ("61837.63"). Cold path.
[[nodiscard]] std::string formatDecimal(std::int64_t raw);

}  // namespace bw
