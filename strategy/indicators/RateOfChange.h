#pragma once
// Rate of change (momentum) over N bars, in percent:
//   ROC = 100 x (close - close N bars ago) / close N bars ago.
// Ready once N + 1 closes are in. Dimensionless, so a double. O(1) per bar: a ring of the
// last N closes, no allocation after construction. Single thread (the engine). The
// division is made when value() is read, not on every bar.

#include <cstdint>

#include "core/FixedPoint.h"
#include "feed/Bar.h"
#include "strategy/indicators/IndicatorName.h"
#include "strategy/indicators/Ring.h"

namespace bw::indicators {

class RateOfChange {
 public:
  /// Throws std::invalid_argument when length is 0. Cold path.
  explicit RateOfChange(std::uint32_t length);

  /// Folds a closed bar in. No allocation.
  void onBar(const feed::Bar& bar) noexcept;

  [[nodiscard]] bool ready() const noexcept { return ready_; }
  /// ROC in percent (0 before ready(), and when the old close is not positive).
  [[nodiscard]] double value() const noexcept {
    return old_ > 0 ? 100.0 * static_cast<double>(close_ - old_) / static_cast<double>(old_) : 0.0;
  }
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_;
  Ring<std::int64_t> closes_;  // the last N closes, current one included
  bool ready_ = false;
  std::int64_t close_ = 0;  // once ready: this bar's close and the one N bars before it
  std::int64_t old_ = 0;
};

// Per-bar updates, inline: BarIndicatorSet::onBar runs a dozen of them on every close.

inline void RateOfChange::onBar(const feed::Bar& bar) noexcept {
  // Once the ring is full, the close it displaces is the one N bars before this bar.
  const bool had_n = closes_.full();
  const std::int64_t old = closes_.push(bar.close.raw);
  if (!had_n) return;
  ready_ = true;
  close_ = bar.close.raw;
  old_ = old;
}

}  // namespace bw::indicators
