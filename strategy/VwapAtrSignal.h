#pragma once
// The first signal: a rolling VWAP over the last N bars and an ATR (simple mean of true
// ranges) over the last M bars, both in integers. O(1) per bar: running sums over
// fixed rings sized at construction. Issue 5 replaces the ATR mean with Wilder's smoothing.
// Single thread (the engine).

#include <cstdint>
#include <vector>

#include "core/FixedPoint.h"
#include "feed/Bar.h"

namespace bw::strategy {

class VwapAtrSignal {
 public:
  /// Allocates both rings once. Cold path.
  VwapAtrSignal(std::uint32_t vwap_bars, std::uint32_t atr_bars);

  /// Folds a closed bar in. No allocation.
  void onBar(const feed::Bar& bar) noexcept;

  /// True once both windows are full.
  [[nodiscard]] bool ready() const noexcept { return bars_seen_ >= vwap_turnover_.size() && bars_seen_ > atr_ranges_.size(); }
  /// Volume-weighted average price over the window (0 when the window traded nothing).
  [[nodiscard]] Price vwap() const noexcept;
  /// Mean true range over the window.
  [[nodiscard]] Price atr() const noexcept;
  [[nodiscard]] std::uint64_t barsSeen() const noexcept { return bars_seen_; }

 private:
  std::vector<std::int64_t> vwap_turnover_;  // ring, 1e-8 quote units
  std::vector<std::int64_t> vwap_volume_;    // ring, 1e-8 base units
  std::vector<std::int64_t> atr_ranges_;     // ring, 1e-8 quote units
  std::int64_t turnover_sum_ = 0;
  std::int64_t volume_sum_ = 0;
  std::int64_t range_sum_ = 0;
  std::uint64_t bars_seen_ = 0;
  Price prev_close_{};
};

}  // namespace bw::strategy
