#pragma once
// Floor division of a non-negative int64 by a divisor fixed at construction (an indicator's
// length), by one 64x64 multiply instead of an idiv, which costs tens of cycles and sits on
// the bar-close path of Wilder's smoothing. With e = m x d - 2^64, m = floor(2^64 / d) + 1:
//   x x m / 2^64 = x / d + x x e / (d x 2^64),
// so floor(x x m / 2^64) = floor(x / d) whenever x x e < 2^64 (the excess stays under the
// 1/d left above the floor's remainder). Past that bound, and for d = 1, it divides.
// Exact: the same quotient as `/` for every x >= 0 (tested against it). Any thread.

#include <cstdint>
#include <stdexcept>

namespace bw::indicators {

__extension__ using UInt128 = unsigned __int128;

class ConstantDivisor {
 public:
  /// Throws std::invalid_argument on d < 1. Cold path.
  explicit ConstantDivisor(std::int64_t d) : d_(d) {
    if (d < 1) throw std::invalid_argument("a divisor must be at least 1");
    if (d == 1) return;  // m would be 2^64 + 1: divide (limit_ stays -1)
    const auto ud = static_cast<UInt128>(d);
    const UInt128 two64 = static_cast<UInt128>(1) << 64;
    m_ = static_cast<std::uint64_t>(two64 / ud + 1);
    const auto e = static_cast<std::uint64_t>(static_cast<UInt128>(m_) * ud - two64);
    const std::uint64_t limit = UINT64_MAX / e;
    limit_ = limit > static_cast<std::uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<std::int64_t>(limit);
  }

  /// floor(x / d) for x >= 0 (a negative x takes the plain division). No allocation.
  [[nodiscard]] std::int64_t divide(std::int64_t x) const noexcept {
    if (x >= 0 && x <= limit_) {
      return static_cast<std::int64_t>((static_cast<UInt128>(static_cast<std::uint64_t>(x)) * m_) >> 64);
    }
    return x / d_;
  }

  [[nodiscard]] std::int64_t divisor() const noexcept { return d_; }

 private:
  std::int64_t d_;
  std::uint64_t m_ = 0;
  std::int64_t limit_ = -1;  // largest x the multiply is exact for
};

}  // namespace bw::indicators
