#pragma once
// Rate of change (momentum) over N bars, in percent:
//   ROC = 100 x (close - close N bars ago) / close N bars ago.
// Ready once N + 1 closes are in. Dimensionless, so a double. O(1) per bar: a ring of the
// last N closes, no allocation after construction. Single thread (the engine).

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
  [[nodiscard]] double value() const noexcept { return value_; }
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_;
  Ring<std::int64_t> closes_;  // the last N closes, current one included
  bool ready_ = false;
  double value_ = 0.0;
};

}  // namespace bw::indicators
