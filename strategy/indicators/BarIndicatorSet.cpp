#include "strategy/indicators/BarIndicatorSet.h"

namespace bw::indicators {

BarIndicatorSet::BarIndicatorSet(const BarIndicatorLengths& lengths)
    : session_vwap(lengths.session_start_minute),
      rolling_vwap(lengths.rolling_vwap),
      atr(lengths.atr),
      roc{RateOfChange(lengths.roc[0]), RateOfChange(lengths.roc[1]), RateOfChange(lengths.roc[2])},
      relative_volume(lengths.relative_volume),
      volume_zscore(lengths.volume_zscore),
      adx(lengths.adx),
      vol_regime(lengths.vol_regime) {}

void BarIndicatorSet::onBar(const feed::Bar& bar) noexcept {
  session_vwap.onBar(bar);
  rolling_vwap.onBar(bar);
  atr.onBar(bar);
  for (RateOfChange& r : roc) r.onBar(bar);
  relative_volume.onBar(bar);
  volume_zscore.onBar(bar);
  imbalance.onBar(bar);
  obv.onBar(bar);
  adx.onBar(bar);
  if (atr.ready()) vol_regime.onAtr(atr.value(), bar.close);
}

}  // namespace bw::indicators
