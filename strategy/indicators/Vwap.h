#pragma once
// Volume-weighted average price of closed bars, two ways: since the session opened
// (SessionVwap, reset at a configurable UTC minute of day) and over the last N bars
// (RollingVwap). Both give the VWAP as a Price (turnover / volume, 1e-8, truncated) and the
// bar close's deviation from it in basis points, 10'000 x (close - vwap) / vwap.
// Sums are 128-bit: a busy BTCUSDT day trades ~1e10 USDT, 1e18 in 1e-8 units, too close to
// the int64 limit. O(1) per bar, no allocation after construction. Single thread (the engine).

#include <cstdint>

#include "core/FixedPoint.h"
#include "feed/Bar.h"
#include "strategy/indicators/IndicatorName.h"
#include "strategy/indicators/Ring.h"

namespace bw::indicators {

/// Basis points of `value` away from `reference`: 10'000 x (value - reference) / reference.
/// 0 when the reference is not positive.
[[nodiscard]] double deviationBps(Price value, Price reference) noexcept;

class SessionVwap {
 public:
  /// session_start_minute: the UTC minute of day (0-1439) at which a session opens; a bar
  /// whose start falls in a later session than the previous bar's resets the sums.
  /// Throws std::invalid_argument past 1439. Cold path.
  explicit SessionVwap(std::uint32_t session_start_minute = 0);

  /// Folds a closed bar in. No allocation.
  void onBar(const feed::Bar& bar) noexcept;

  /// True once the session has traded (a VWAP exists).
  [[nodiscard]] bool ready() const noexcept { return volume_ > 0; }
  /// 0 before ready().
  [[nodiscard]] Price value() const noexcept { return value_; }
  /// The last bar's close against the session VWAP, bps (0 before ready()).
  [[nodiscard]] double deviationBps() const noexcept { return deviation_bps_; }
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_{"vwap"};
  std::int64_t offset_ns_;
  std::int64_t session_ = INT64_MIN;  // index of the session the sums belong to
  Int128 turnover_ = 0;
  Int128 volume_ = 0;
  Price value_{};  // divided out once per bar: the 128-bit division is the costly step
  double deviation_bps_ = 0.0;
};

class RollingVwap {
 public:
  /// Allocates the ring of `bars` bars. Throws std::invalid_argument when bars is 0. Cold path.
  explicit RollingVwap(std::uint32_t bars);

  void onBar(const feed::Bar& bar) noexcept;

  /// True once N bars are in and they traded something.
  [[nodiscard]] bool ready() const noexcept { return turnover_.full() && volume_sum_ > 0; }
  /// 0 before ready().
  [[nodiscard]] Price value() const noexcept { return value_; }
  [[nodiscard]] double deviationBps() const noexcept { return deviation_bps_; }
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_;
  Ring<std::int64_t> turnover_;  // per bar, 1e-8 quote units
  Ring<std::int64_t> volume_;    // per bar, 1e-8 base units
  Int128 turnover_sum_ = 0;
  Int128 volume_sum_ = 0;
  Price value_{};  // divided out once per bar: the 128-bit division is the costly step
  double deviation_bps_ = 0.0;
};

}  // namespace bw::indicators
