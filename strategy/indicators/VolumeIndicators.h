#pragma once
// Volume signals of closed bars. O(1) per bar (running sums over rings sized at
// construction), no allocation after construction. Single thread (the engine).
//   RelativeVolume    bar volume / mean volume of the previous N bars
//   VolumeZScore      (volume - mean) / standard deviation over the last N bars, this one
//                     included; population deviation (divide by N), as a rolling z-score is
//                     usually published
//   BuySellImbalance  (buy volume - sell volume) / (buy volume + sell volume) of the bar,
//                     by the taker's side
//   OnBalanceVolume   Granville: + volume on an up close, - volume on a down close, unchanged
//                     on an equal one; starts at 0 on the first bar
// Volumes are exact integers (1e-8 base units); the dimensionless ratios are doubles,
// divided out when value() is read rather than on every bar.

#include <cstdint>

#include "core/FixedPoint.h"
#include "feed/Bar.h"
#include "strategy/indicators/IndicatorName.h"
#include "strategy/indicators/Ring.h"

namespace bw::indicators {

class RelativeVolume {
 public:
  /// Throws std::invalid_argument when length is 0. Cold path.
  explicit RelativeVolume(std::uint32_t length);
  void onBar(const feed::Bar& bar) noexcept;
  /// True once N bars precede the current one.
  [[nodiscard]] bool ready() const noexcept { return ready_; }
  /// 0 before ready(), and when the previous N bars traded nothing.
  [[nodiscard]] double value() const noexcept;
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_;
  Ring<std::int64_t> volumes_;  // the previous N bars' volumes (before this bar's push)
  std::int64_t sum_ = 0;
  bool ready_ = false;
  std::int64_t volume_ = 0;     // once ready: this bar's volume...
  std::int64_t prior_sum_ = 0;  // ...and the previous N bars' total
};

class VolumeZScore {
 public:
  explicit VolumeZScore(std::uint32_t length);
  void onBar(const feed::Bar& bar) noexcept;
  /// True once N bars are in.
  [[nodiscard]] bool ready() const noexcept { return volumes_.full(); }
  /// 0 before ready(), and when the N volumes are all equal (no deviation).
  [[nodiscard]] double value() const noexcept;
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_;
  Ring<std::int64_t> volumes_;
  Int128 sum_ = 0;
  Int128 sum_squares_ = 0;  // squares of 1e-8 units pass int64 from ~30 units of volume
  std::int64_t volume_ = 0;  // the last bar's
};

class BuySellImbalance {
 public:
  void onBar(const feed::Bar& bar) noexcept;
  /// True once a bar is in.
  [[nodiscard]] bool ready() const noexcept { return ready_; }
  /// In [-1, 1]; 0 for a bar without volume.
  [[nodiscard]] double value() const noexcept {
    const std::int64_t total = buy_ + sell_;
    return total > 0 ? static_cast<double>(buy_ - sell_) / static_cast<double>(total) : 0.0;
  }
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_{"imbalance"};
  bool ready_ = false;
  std::int64_t buy_ = 0;  // the last bar's taker volumes
  std::int64_t sell_ = 0;
};

class OnBalanceVolume {
 public:
  void onBar(const feed::Bar& bar) noexcept;
  [[nodiscard]] bool ready() const noexcept { return ready_; }
  [[nodiscard]] Qty value() const noexcept { return Qty{obv_}; }
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_{"obv"};
  bool ready_ = false;
  std::int64_t obv_ = 0;
  Price previous_close_{};
};

// Per-bar updates, inline: BarIndicatorSet::onBar runs a dozen of them on every close.

inline void RelativeVolume::onBar(const feed::Bar& bar) noexcept {
  if (volumes_.full()) {
    ready_ = true;
    volume_ = bar.volume.raw;
    prior_sum_ = sum_;
  }
  sum_ += bar.volume.raw - volumes_.push(bar.volume.raw);
}

inline void VolumeZScore::onBar(const feed::Bar& bar) noexcept {
  const std::int64_t v = bar.volume.raw;
  const Int128 out = volumes_.push(v);
  sum_ += v - out;
  sum_squares_ += static_cast<Int128>(v) * v - out * out;
  volume_ = v;
}

inline void BuySellImbalance::onBar(const feed::Bar& bar) noexcept {
  ready_ = true;
  buy_ = bar.buy_volume.raw;
  sell_ = bar.sell_volume.raw;
}

inline void OnBalanceVolume::onBar(const feed::Bar& bar) noexcept {
  if (ready_) {
    if (bar.close > previous_close_) obv_ += bar.volume.raw;
    if (bar.close < previous_close_) obv_ -= bar.volume.raw;
  }
  ready_ = true;
  previous_close_ = bar.close;
}

}  // namespace bw::indicators
