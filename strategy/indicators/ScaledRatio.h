#pragma once
// floor(numerator x 1e8 / denominator) for a non-negative numerator and a positive
// denominator: a VWAP (turnover / volume) or a share (ATR / close) in fixed point. The
// 128-bit division (__divti3) costs tens of ns per call on this class of machine, and bar
// indicators make three per bar; when both operands fit in 64 bits the quotient is split
// as q x 1e8 + r x 1e8 / d (r < d, so r x 1e8 stays in 64 bits for d < ~9.2e10), which is
// the same floor exactly. Anything larger takes the 128-bit path. Any thread; no allocation.

#include <cstdint>

#include "core/FixedPoint.h"

namespace bw::indicators {

[[nodiscard]] inline std::int64_t scaledRatio(Int128 numerator, Int128 denominator) noexcept {
  constexpr Int128 kMax64 = INT64_MAX;
  if (numerator >= 0 && numerator <= kMax64 && denominator > 0 && denominator <= kMax64) {
    const auto n = static_cast<std::int64_t>(numerator);
    const auto d = static_cast<std::int64_t>(denominator);
    if (n <= INT64_MAX / kScale) return n * kScale / d;  // a share (ATR / close): one division
    const std::int64_t q = n / d;
    const std::int64_t r = n % d;
    std::int64_t whole = 0;
    std::int64_t part = 0;
    if (!__builtin_mul_overflow(q, kScale, &whole) && !__builtin_mul_overflow(r, kScale, &part)) {
      const std::int64_t fraction = part / d;
      std::int64_t sum = 0;
      if (!__builtin_add_overflow(whole, fraction, &sum)) return sum;
    }
  }
  return static_cast<std::int64_t>(numerator * kScale / denominator);
}

}  // namespace bw::indicators
