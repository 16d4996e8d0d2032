#pragma once
// A trade's value, price x qty in 1e-8 quote units truncated: checkedNotional's result
// for positive operands, without a 128-bit division.
//
// Why: the 64x64 product of a BTCUSDT trade passes 64 bits from ~0.03 BTC (16% of the
// 2024-08-08 trades), and the old `product / kScale` on the 128-bit value then called
// __udivti3 behind an unpredictable branch (3.4% of the bar benchmark's samples in
// __udivti3 alone; perf, 2-vCPU AMD EPYC KVM guest). Here a product that fits 64 bits takes one 64-bit
// division by the constant 1e8 (a multiply and a shift), a larger one three. (Taking all
// trades through the three measured 0.6 ns per trade slower on the shipped bar set than
// this branch, bench_bars BM_BarsFullSet, same machine.)
//
// With product = hi * 2^64 + lo and 2^64 = kQ * d + kR (d = 1e8):
//   product / d = hi * kQ + lo / d + (hi * kR + lo % d) / d      (exact, all terms 64-bit)
// valid while hi < d; hi >= d means a value >= 2^64, which does not fit anyway.

#include <cstdint>
#include <limits>

#include "core/FixedPoint.h"

namespace bw::feed {

/// price x qty / kScale for price, qty > 0; false (out untouched) when it exceeds int64.
/// Any thread; no allocation.
[[nodiscard]] inline bool tradeValue(Price price, Qty qty, Notional& out) noexcept {
  __extension__ using U128 = unsigned __int128;
  constexpr std::uint64_t kD = static_cast<std::uint64_t>(kScale);
  constexpr std::uint64_t kQ = ~std::uint64_t{0} / kD;      // floor(2^64 / d): 2^64 is no multiple of 1e8
  constexpr std::uint64_t kR = ~std::uint64_t{0} % kD + 1;  // 2^64 mod d
  static_assert(kR < kD && (kD - 1) * kR + (kD - 1) < ~std::uint64_t{0}, "the middle term fits 64 bits");
  const U128 product = static_cast<U128>(static_cast<std::uint64_t>(price.raw)) * static_cast<std::uint64_t>(qty.raw);
  const auto hi = static_cast<std::uint64_t>(product >> 64);
  const auto lo = static_cast<std::uint64_t>(product);
  if (hi >= kD) return false;
  const std::uint64_t value = hi == 0 ? lo / kD : hi * kQ + lo / kD + (hi * kR + lo % kD) / kD;
  if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
  out.raw = static_cast<std::int64_t>(value);
  return true;
}

}  // namespace bw::feed
