#include "strategy/indicators/BarIndicatorSet.h"

#include <stdexcept>

namespace bw::indicators {

BarIndicatorSet::BarIndicatorSet(const BarIndicatorLengths& lengths, std::uint32_t updated)
    : session_vwap(lengths.session_start_minute),
      rolling_vwap(lengths.rolling_vwap),
      atr(lengths.atr),
      roc{RateOfChange(lengths.roc[0]), RateOfChange(lengths.roc[1]), RateOfChange(lengths.roc[2])},
      relative_volume(lengths.relative_volume),
      volume_zscore(lengths.volume_zscore),
      adx(lengths.adx),
      vol_regime(lengths.vol_regime),
      updated_(updated & kAllBarIndicators) {
  if (on(BarIndicator::kVolRegime) && !on(BarIndicator::kAtr)) {
    throw std::invalid_argument("bar indicators: the volatility regime needs the ATR");
  }
}

void BarIndicatorSet::onBar(const feed::Bar& bar) noexcept {
  if (updated_ == kAllBarIndicators) {  // the CSV and tests: no test per indicator
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
    return;
  }
  if (on(BarIndicator::kSessionVwap)) session_vwap.onBar(bar);
  if (on(BarIndicator::kRollingVwap)) rolling_vwap.onBar(bar);
  if (on(BarIndicator::kAtr)) atr.onBar(bar);
  if (on(BarIndicator::kRocShort)) roc[0].onBar(bar);
  if (on(BarIndicator::kRocMid)) roc[1].onBar(bar);
  if (on(BarIndicator::kRocLong)) roc[2].onBar(bar);
  if (on(BarIndicator::kRelativeVolume)) relative_volume.onBar(bar);
  if (on(BarIndicator::kVolumeZScore)) volume_zscore.onBar(bar);
  if (on(BarIndicator::kImbalance)) imbalance.onBar(bar);
  if (on(BarIndicator::kObv)) obv.onBar(bar);
  if (on(BarIndicator::kAdx)) adx.onBar(bar);
  if (on(BarIndicator::kVolRegime) && atr.ready()) vol_regime.onAtr(atr.value(), bar.close);
}

}  // namespace bw::indicators
