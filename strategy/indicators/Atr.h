#pragma once
// Average true range with Wilder's smoothing (Wilder, "New Concepts in Technical Trading
// Systems", 1978):
//   TR    = max(high, previous close) - min(low, previous close); the first bar's TR = high - low
//   ATR_N = mean of the first N true ranges (ready at the N-th bar),
//   then ATR = (previous ATR x (N - 1) + TR) / N.
// In integers (1e-8 quote units), each step truncated toward zero: the drift from an exact
// computation stays below N x 1e-8, far under any price tick. O(1), no allocation.
// Single thread (the engine).

#include <cstdint>

#include "core/FixedPoint.h"
#include "feed/Bar.h"
#include "strategy/indicators/ConstantDivisor.h"
#include "strategy/indicators/IndicatorName.h"

namespace bw::indicators {

/// True range of `bar` against the previous close (Wilder). Pure.
[[nodiscard]] constexpr std::int64_t trueRange(const feed::Bar& bar, Price previous_close) noexcept {
  const std::int64_t high = bar.high.raw > previous_close.raw ? bar.high.raw : previous_close.raw;
  const std::int64_t low = bar.low.raw < previous_close.raw ? bar.low.raw : previous_close.raw;
  return high - low;
}

class Atr {
 public:
  /// Throws std::invalid_argument when length is 0. Cold path.
  explicit Atr(std::uint32_t length);

  /// Folds a closed bar in. No allocation.
  void onBar(const feed::Bar& bar) noexcept;

  /// True from the N-th bar on.
  [[nodiscard]] bool ready() const noexcept { return bars_ >= length_; }
  /// The ATR (0 before ready()).
  [[nodiscard]] Price value() const noexcept { return ready() ? Price{atr_} : Price{0}; }
  [[nodiscard]] std::uint32_t length() const noexcept { return static_cast<std::uint32_t>(length_); }
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_;
  std::int64_t length_;
  ConstantDivisor by_length_;  // the smoothing's / N, without an idiv per bar
  std::int64_t bars_ = 0;
  std::int64_t atr_ = 0;  // while filling: the sum of the true ranges so far
  Price previous_close_{};
};

// Per-bar updates, inline: BarIndicatorSet::onBar runs a dozen of them on every close.

inline void Atr::onBar(const feed::Bar& bar) noexcept {
  const std::int64_t tr = bars_ == 0 ? bar.high.raw - bar.low.raw : trueRange(bar, previous_close_);
  previous_close_ = bar.close;
  ++bars_;
  if (bars_ < length_) {
    atr_ += tr;
  } else if (bars_ == length_) {
    atr_ = by_length_.divide(atr_ + tr);  // seed: simple mean of the first N true ranges
  } else {
    atr_ = by_length_.divide(atr_ * (length_ - 1) + tr);
  }
}

}  // namespace bw::indicators
