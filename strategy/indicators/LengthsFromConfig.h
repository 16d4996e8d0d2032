#pragma once
// [signals] lengths (core/StrategyConfig.h) as the bar indicators take them: one place
// that maps the config onto BarIndicatorLengths, for the engine's signals and for
// `breakwater indicators --config F`. Cold path.

#include "core/StrategyConfig.h"
#include "strategy/indicators/BarIndicatorSet.h"

namespace bw::indicators {

[[nodiscard]] inline BarIndicatorLengths barIndicatorLengthsFrom(const SignalsConfig& s) {
  BarIndicatorLengths l;
  l.session_start_minute = s.session_start_minute;
  l.rolling_vwap = s.rolling_vwap_bars;
  l.atr = s.atr_bars;
  l.roc = s.roc_bars;
  l.relative_volume = s.relative_volume_bars;
  l.volume_zscore = s.volume_zscore_bars;
  l.adx = s.adx_bars;
  l.vol_regime = VolRegimeParams{s.vol_regime_bars, s.vol_regime_low_ratio, s.vol_regime_high_ratio};
  return l;
}

}  // namespace bw::indicators
