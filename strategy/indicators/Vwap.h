#pragma once
// Volume-weighted average price of closed bars, two ways: since the session opened
// (SessionVwap, reset at a configurable UTC minute of day) and over the last N bars
// (RollingVwap). Both give the VWAP as a Price (turnover / volume, 1e-8, truncated) and the
// bar close's deviation from it in basis points, 10'000 x (close - vwap) / vwap.
// Sums are 128-bit: a busy BTCUSDT day trades ~1e10 USDT, 1e18 in 1e-8 units, too close to
// the int64 limit. O(1) per bar, no allocation after construction. Single thread (the engine).
// onBar() only adds to the sums; the division is made the first time value() or
// deviationBps() is read after a bar (and kept for the next read), so a timeframe whose
// VWAP no decision reads pays nothing for it.

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
  /// 0 before ready(). Divides on the first read after a bar.
  [[nodiscard]] Price value() const noexcept;
  /// The last bar's close against the session VWAP, bps (0 before ready()).
  [[nodiscard]] double deviationBps() const noexcept { return indicators::deviationBps(last_close_, value()); }
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_{"vwap"};
  std::int64_t offset_ns_;
  std::int64_t session_ = INT64_MIN;  // index of the session the sums belong to
  Int128 turnover_ = 0;
  Int128 volume_ = 0;
  Price last_close_{};
  mutable Price value_{};       // the division, made on the first read after a bar
  mutable bool divided_ = true;  // value_ is current (0 with no sums yet)
};

class RollingVwap {
 public:
  /// Allocates the ring of `bars` bars. Throws std::invalid_argument when bars is 0. Cold path.
  explicit RollingVwap(std::uint32_t bars);

  void onBar(const feed::Bar& bar) noexcept;

  /// True once N bars are in and they traded something.
  [[nodiscard]] bool ready() const noexcept { return turnover_.full() && volume_sum_ > 0; }
  /// 0 before ready(). Divides on the first read after a bar.
  [[nodiscard]] Price value() const noexcept;
  [[nodiscard]] double deviationBps() const noexcept { return indicators::deviationBps(last_close_, value()); }
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_;
  Ring<std::int64_t> turnover_;  // per bar, 1e-8 quote units
  Ring<std::int64_t> volume_;    // per bar, 1e-8 base units
  Int128 turnover_sum_ = 0;
  Int128 volume_sum_ = 0;
  Price last_close_{};
  mutable Price value_{};       // the division, made on the first read after a bar
  mutable bool divided_ = true;  // value_ is current (0 with no sums yet)
};

// Per-bar updates, inline: BarIndicatorSet::onBar runs a dozen of them on every close.

namespace vwap_detail {
inline constexpr std::int64_t kNsPerMinute = 60'000'000'000;
inline constexpr std::int64_t kNsPerDay = 1'440 * kNsPerMinute;

// Floor division: bars before 1970 do not occur, but a negative offset must not shift a
// session by one.
[[nodiscard]] inline std::int64_t floorDiv(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}
}  // namespace vwap_detail

inline void SessionVwap::onBar(const feed::Bar& bar) noexcept {
  const std::int64_t session = vwap_detail::floorDiv(bar.start_ns - offset_ns_, vwap_detail::kNsPerDay);
  if (session != session_) {
    session_ = session;
    turnover_ = 0;
    volume_ = 0;
  }
  turnover_ += bar.turnover.raw;
  volume_ += bar.volume.raw;
  last_close_ = bar.close;
  divided_ = false;
}

inline void RollingVwap::onBar(const feed::Bar& bar) noexcept {
  turnover_sum_ += bar.turnover.raw - turnover_.push(bar.turnover.raw);
  volume_sum_ += bar.volume.raw - volume_.push(bar.volume.raw);
  last_close_ = bar.close;
  divided_ = false;
}

}  // namespace bw::indicators
