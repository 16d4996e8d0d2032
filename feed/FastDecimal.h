#pragma once
// Decimal text in the shape Binance sends every price and quantity in: 1 to 10 integer
// digits, '.', exactly 8 fraction digits, the closing quote ("61837.63000000"), into 1e-8
// units. The digits are converted eight at a time (SWAR, DigitRun.h). On the recorded captures a per-character decimal loop was the JSON parser's
// largest cost (callgrind: 21% of instructions, more than simdjson's stage 1).

#include <cstdint>
#include <cstring>

#include "core/FixedPoint.h"
#include "feed/DigitRun.h"

namespace bw::feed {

/// `p` is just past the opening quote. Returns the byte after the closing quote, or nullptr
/// when the text is not in the shape above (the caller then takes the general parser).
/// Reads at most 21 bytes from `p` without knowing where the text ends: the caller
/// guarantees that many readable bytes (a padded buffer) and checks the returned end
/// against its own.
[[gnu::always_inline]] inline const char* fastDecimal(const char* p, std::int64_t& out) noexcept {
  std::uint64_t word = 0;
  std::memcpy(&word, p, 8);
  const unsigned whole_digits = leadingDigits(word);
  std::int64_t whole = 0;
  if (whole_digits == 0) return nullptr;
  if (whole_digits < 8) {
    whole = static_cast<std::int64_t>(leadingDigitsValue(word, whole_digits));
    p += whole_digits;
  } else {
    int digits = 0;
    while (*p >= '0' && *p <= '9') {
      if (++digits > 10) return nullptr;  // 10 digits * 1e8 still fits an int64
      whole = whole * 10 + (*p++ - '0');
    }
  }
  if (*p != '.') return nullptr;
  std::uint64_t fraction = 0;
  std::memcpy(&fraction, p + 1, 8);
  if (leadingDigits(fraction) != 8 || p[9] != '"') return nullptr;
  out = whole * kScale + static_cast<std::int64_t>(eightDigitsValue(fraction));
  return p + 10;
}

}  // namespace bw::feed
