#pragma once
// Average directional index with +DI and -DI (Wilder, "New Concepts in Technical Trading
// Systems", 1978). From the second bar on, against the previous bar:
//   up = high - previous high, down = previous low - low
//   +DM = up   if up > down and up > 0,   else 0
//   -DM = down if down > up and down > 0, else 0
//   TR  = max(high, previous close) - min(low, previous close)
// TR, +DM and -DM are Wilder-smoothed over N: the first value is the mean of the first N
// (bars 2..N+1), then S = (S x (N - 1) + x) / N. Then
//   +DI = 100 x S(+DM) / S(TR), -DI = 100 x S(-DM) / S(TR)
//   DX  = 100 x |+DI - -DI| / (+DI + -DI)   (0 when both are 0)
//   ADX = mean of the first N DX (bars N+1..2N), then (ADX x (N - 1) + DX) / N.
// So the DIs are ready at bar N + 1 and the ADX at bar 2N, the bars at which TA-Lib's first
// appear; TA-Lib seeds its smoothing differently (the first N - 1 movements summed, then one
// Wilder step), so its early values differ and the gap shrinks by (N - 1)/N per bar (README,
// "Indicator CSV"). Wilder's own running-sum form (S - S/N + x) scales every S by N and
// gives the same ratios.
// The smoothing runs in double: the outputs are dimensionless and the sums of 1e-8 units
// are exact in a double up to 2^53 (9e7 quote units of range per bar). O(1), no allocation.
// Single thread (the engine).

#include <cstdint>

#include "core/FixedPoint.h"
#include "feed/Bar.h"
#include "strategy/indicators/Atr.h"
#include "strategy/indicators/IndicatorName.h"

namespace bw::indicators {

class Adx {
 public:
  /// Throws std::invalid_argument when length is 0. Cold path.
  explicit Adx(std::uint32_t length);

  /// Folds a closed bar in. No allocation.
  void onBar(const feed::Bar& bar) noexcept;

  /// +DI and -DI exist from bar N + 1 on.
  [[nodiscard]] bool diReady() const noexcept { return bars_ > length_; }
  /// The ADX exists from bar 2N on.
  [[nodiscard]] bool ready() const noexcept { return dx_count_ >= length_; }
  /// 0 before diReady(). Divided out when read: the bar update needs only DX.
  [[nodiscard]] double plusDi() const noexcept { return diReady() && tr_ > 0.0 ? 100.0 * plus_dm_ / tr_ : 0.0; }
  [[nodiscard]] double minusDi() const noexcept { return diReady() && tr_ > 0.0 ? 100.0 * minus_dm_ / tr_ : 0.0; }
  /// +DI - -DI in one division (0 before diReady()).
  [[nodiscard]] double diSpread() const noexcept {
    return diReady() && tr_ > 0.0 ? 100.0 * (plus_dm_ - minus_dm_) / tr_ : 0.0;
  }
  [[nodiscard]] double dx() const noexcept { return dx_; }
  /// 0 before ready().
  [[nodiscard]] double value() const noexcept { return ready() ? adx_ : 0.0; }
  /// "adx14"; the DIs are "plus_di14" and "minus_di14".
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }
  [[nodiscard]] std::string_view plusDiName() const noexcept { return plus_name_.view(); }
  [[nodiscard]] std::string_view minusDiName() const noexcept { return minus_name_.view(); }

 private:
  IndicatorName name_;
  IndicatorName plus_name_;
  IndicatorName minus_name_;
  std::int64_t length_;
  double n_;
  double one_over_n_;  // Wilder's x + (v - x) / N as a multiply: one division per bar is left (DX)
  std::int64_t bars_ = 0;
  std::int64_t dx_count_ = 0;
  // While filling: sums; then the Wilder-smoothed values.
  double tr_ = 0.0;
  double plus_dm_ = 0.0;
  double minus_dm_ = 0.0;
  double adx_ = 0.0;
  double dx_ = 0.0;
  Price previous_high_{};
  Price previous_low_{};
  Price previous_close_{};
};

// Per-bar updates, inline: BarIndicatorSet::onBar runs a dozen of them on every close.

inline void Adx::onBar(const feed::Bar& bar) noexcept {
  ++bars_;
  const std::int64_t up = bar.high.raw - previous_high_.raw;
  const std::int64_t down = previous_low_.raw - bar.low.raw;
  const std::int64_t true_range = trueRange(bar, previous_close_);
  previous_high_ = bar.high;
  previous_low_ = bar.low;
  previous_close_ = bar.close;
  if (bars_ == 1) return;  // directional movement needs a previous bar

  const auto plus_dm = static_cast<double>(up > down && up > 0 ? up : 0);
  const auto minus_dm = static_cast<double>(down > up && down > 0 ? down : 0);
  const auto tr = static_cast<double>(true_range);

  const std::int64_t movements = bars_ - 1;  // bars 2.. carry one each
  if (movements < length_) {
    tr_ += tr;
    plus_dm_ += plus_dm;
    minus_dm_ += minus_dm;
    return;
  }
  if (movements == length_) {  // seed: the means of the first N
    tr_ = (tr_ + tr) / n_;
    plus_dm_ = (plus_dm_ + plus_dm) / n_;
    minus_dm_ = (minus_dm_ + minus_dm) / n_;
  } else {  // (x (N - 1) + v) / N
    tr_ += (tr - tr_) * one_over_n_;
    plus_dm_ += (plus_dm - plus_dm_) * one_over_n_;
    minus_dm_ += (minus_dm - minus_dm_) * one_over_n_;
  }
  // DX = 100 |+DI - -DI| / (+DI + -DI); both DIs are 100 DM / TR, so TR cancels (and a zero
  // TR means zero DMs: a DM never exceeds the true range).
  const double dm_sum = plus_dm_ + minus_dm_;
  const double dm_gap = plus_dm_ > minus_dm_ ? plus_dm_ - minus_dm_ : minus_dm_ - plus_dm_;
  dx_ = dm_sum > 0.0 ? 100.0 * dm_gap / dm_sum : 0.0;

  ++dx_count_;
  if (dx_count_ < length_) {
    adx_ += dx_;
  } else if (dx_count_ == length_) {
    adx_ = (adx_ + dx_) / n_;
  } else {
    adx_ += (dx_ - adx_) * one_over_n_;
  }
}

}  // namespace bw::indicators
