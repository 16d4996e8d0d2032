#pragma once
// Writers of FIX field values straight into a caller-owned buffer, for the pre-built
// order encoder (OrderEncoder.h). Each writes at dst, returns the end of what it wrote
// and writes no terminating NUL. The caller guarantees the room (the kMax* bounds).
// Any thread; no allocation, no exception, no system call.

#include <charconv>
#include <cstddef>
#include <cstdint>

#include "core/FixedPoint.h"

namespace bw::fix {

/// Longest writeUnsigned text: 2^64 - 1 has 20 digits.
inline constexpr std::size_t kMaxUnsignedText = 20;
/// Longest writeDecimal text: INT64_MIN is "-92233720368.54775808" (21 characters).
inline constexpr std::size_t kMaxDecimalText = 21;

/// Decimal digits of v, no sign, no padding.
inline char* writeUnsigned(std::uint64_t v, char* dst) noexcept {
  // to_chars cannot fail: every caller leaves kMaxUnsignedText bytes.
  return std::to_chars(dst, dst + kMaxUnsignedText, v).ptr;
}

/// 1e-8 units as the same text core/Decimal.h's formatDecimal makes ("61837.63", "5",
/// "-0.00000001"): trailing fraction zeros trimmed, no '.' for whole numbers. Integer
/// arithmetic only: the value never passes through a double.
inline char* writeDecimal(std::int64_t raw, char* dst) noexcept {
  if (raw < 0) *dst++ = '-';
  // Unsigned magnitude, so INT64_MIN formats too.
  const std::uint64_t magnitude =
      raw < 0 ? static_cast<std::uint64_t>(-(raw + 1)) + 1U : static_cast<std::uint64_t>(raw);
  const auto scale = static_cast<std::uint64_t>(kScale);
  dst = writeUnsigned(magnitude / scale, dst);
  std::uint64_t frac = magnitude % scale;
  if (frac == 0) return dst;
  int digits = kDecimals;
  while (frac % 10 == 0) {  // trim trailing zeros: "0.5", not "0.50000000"
    frac /= 10;
    --digits;
  }
  *dst++ = '.';
  for (int i = digits - 1; i >= 0; --i) {  // zero-padded on the left: 0.00012 -> "00012"
    dst[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  return dst + digits;
}

}  // namespace bw::fix
