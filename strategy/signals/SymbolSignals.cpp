#include "strategy/signals/SymbolSignals.h"

#include <stdexcept>

namespace bw::strategy {
namespace {

constexpr double kBps = 10'000.0;

/// value / reference in bps; 0 when the reference is not positive.
double bpsOf(std::int64_t value, std::int64_t reference) noexcept {
  return reference > 0 ? kBps * static_cast<double>(value) / static_cast<double>(reference) : 0.0;
}

}  // namespace

std::uint32_t indicatorsFor(std::uint32_t features_read, bool strategy_timeframe) noexcept {
  using indicators::BarIndicator;
  using indicators::bit;
  const auto read = [features_read](BarFeature f) { return (features_read >> static_cast<unsigned>(f) & 1U) != 0; };
  std::uint32_t on = 0;
  if (read(BarFeature::kVwapDeviationBps)) on |= bit(BarIndicator::kSessionVwap);
  if (read(BarFeature::kRollingVwapDeviationBps)) on |= bit(BarIndicator::kRollingVwap);
  if (read(BarFeature::kRocShort)) on |= bit(BarIndicator::kRocShort);
  if (read(BarFeature::kRocMid)) on |= bit(BarIndicator::kRocMid);
  if (read(BarFeature::kRocLong)) on |= bit(BarIndicator::kRocLong);
  if (read(BarFeature::kAtrBps)) on |= bit(BarIndicator::kAtr);
  if (read(BarFeature::kRelativeVolume)) on |= bit(BarIndicator::kRelativeVolume);
  if (read(BarFeature::kVolumeZScore)) on |= bit(BarIndicator::kVolumeZScore);
  if (read(BarFeature::kBuySellImbalance)) on |= bit(BarIndicator::kImbalance);
  if (read(BarFeature::kAdx) || read(BarFeature::kDiSpread)) on |= bit(BarIndicator::kAdx);
  if (read(BarFeature::kVolatilityRatio)) on |= bit(BarIndicator::kAtr) | bit(BarIndicator::kVolRegime);
  if (strategy_timeframe) {  // the bracket (close, VWAP target, ATR stop) and the regime lockouts
    on |= bit(BarIndicator::kSessionVwap) | bit(BarIndicator::kRollingVwap) | bit(BarIndicator::kAtr) |
          bit(BarIndicator::kAdx) | bit(BarIndicator::kVolRegime);
  }
  // Every feature read: every indicator, OBV included (the CSV's column, no feature of its own).
  if ((features_read & kAllBarFeatures) == kAllBarFeatures) on = indicators::kAllBarIndicators;
  return on;
}

SymbolSignals::SymbolSignals(const SignalLengths& lengths)
    : ticks_(lengths.trade_sign_trades, lengths.phases) {
  if (lengths.timeframes == 0 || lengths.timeframes > kMaxTimeframes) {
    throw std::invalid_argument("signals: between 1 and 4 confluence timeframes");
  }
  bar_sets_.reserve(lengths.timeframes);
  for (std::size_t t = 0; t < lengths.timeframes; ++t) {
    bar_sets_.emplace_back(lengths.bars, indicatorsFor(lengths.features_read[t], t == 0));
  }
  features_read_ = lengths.features_read;
  features_.timeframes = static_cast<std::uint8_t>(lengths.timeframes);
}

void SymbolSignals::onBar(std::size_t timeframe, const feed::Bar& bar) noexcept {
  if (timeframe >= bar_sets_.size()) return;
  indicators::BarIndicatorSet& s = bar_sets_[timeframe];
  if (s.updated() == 0) return;  // a timeframe no decision reads
  s.onBar(bar);
  FeatureVector& f = features_;
  f.vol_regime[timeframe] = s.vol_regime.value();
  const std::uint32_t read = features_read_[timeframe];
  const auto wanted = [read](BarFeature b) { return (read >> static_cast<unsigned>(b) & 1U) != 0; };
  // The VWAPs divide when read: once each here, for the feature and the bracket's target.
  const bool prices = timeframe == 0;
  const Price session_vwap = s.session_vwap.ready() && (prices || wanted(BarFeature::kVwapDeviationBps))
                                 ? s.session_vwap.value()
                                 : Price{0};
  const Price rolling_vwap = s.rolling_vwap.ready() && (prices || wanted(BarFeature::kRollingVwapDeviationBps))
                                 ? s.rolling_vwap.value()
                                 : Price{0};
  if (wanted(BarFeature::kVwapDeviationBps)) {
    f.set(BarFeature::kVwapDeviationBps, timeframe, indicators::deviationBps(bar.close, session_vwap),
          s.session_vwap.ready());
  }
  if (wanted(BarFeature::kRollingVwapDeviationBps)) {
    f.set(BarFeature::kRollingVwapDeviationBps, timeframe, indicators::deviationBps(bar.close, rolling_vwap),
          s.rolling_vwap.ready());
  }
  if (wanted(BarFeature::kRocShort)) f.set(BarFeature::kRocShort, timeframe, s.roc[0].value(), s.roc[0].ready());
  if (wanted(BarFeature::kRocMid)) f.set(BarFeature::kRocMid, timeframe, s.roc[1].value(), s.roc[1].ready());
  if (wanted(BarFeature::kRocLong)) f.set(BarFeature::kRocLong, timeframe, s.roc[2].value(), s.roc[2].ready());
  if (wanted(BarFeature::kAtrBps)) {
    f.set(BarFeature::kAtrBps, timeframe, bpsOf(s.atr.value().raw, bar.close.raw), s.atr.ready() && bar.close.raw > 0);
  }
  if (wanted(BarFeature::kRelativeVolume)) {
    f.set(BarFeature::kRelativeVolume, timeframe, s.relative_volume.value(), s.relative_volume.ready());
  }
  if (wanted(BarFeature::kVolumeZScore)) {
    f.set(BarFeature::kVolumeZScore, timeframe, s.volume_zscore.value(), s.volume_zscore.ready());
  }
  if (wanted(BarFeature::kBuySellImbalance)) {
    f.set(BarFeature::kBuySellImbalance, timeframe, s.imbalance.value(), s.imbalance.ready());
  }
  if (wanted(BarFeature::kAdx)) f.set(BarFeature::kAdx, timeframe, s.adx.value(), s.adx.ready());
  if (wanted(BarFeature::kDiSpread)) {
    f.set(BarFeature::kDiSpread, timeframe, s.adx.diSpread(), s.adx.diReady());
  }
  if (wanted(BarFeature::kVolatilityRatio)) {
    f.set(BarFeature::kVolatilityRatio, timeframe, s.vol_regime.ratio(), s.vol_regime.ready());
  }
  if (!prices) return;
  // The bracket is built from the strategy's own series.
  PriceContext& p = f.prices;
  p.close = bar.close;
  p.session_vwap = session_vwap;
  p.rolling_vwap = rolling_vwap;
  p.atr = s.atr.value();
  p.bar_end_ns = bar.end_ns;
}

void SymbolSignals::warmFrom(const SymbolSignals& real, const feed::Bar& bar) noexcept {
  if (&real == this || real.bar_sets_.empty() || bar_sets_.empty()) return;
  bar_sets_[0] = real.bar_sets_[0];
  features_read_[0] = real.features_read_[0];
  onBar(0, bar);
}

const FeatureVector& SymbolSignals::snapshot() noexcept {
  FeatureVector& f = features_;
  const indicators::QuoteFeatures& q = ticks_.quote;
  const bool quoted = q.ready();
  const std::int64_t mid2 = q.bid().raw + q.ask().raw;  // twice the mid: no rounding
  f.set(TickFeature::kSpreadBps, q.spreadBps(), quoted);
  f.set(TickFeature::kTopImbalance, q.topImbalance(), quoted);
  f.set(TickFeature::kMicroPriceOffsetBps, bpsOf(2 * q.microPrice().raw - mid2, mid2), quoted);
  f.set(TickFeature::kTradeSignImbalance, ticks_.trade_sign.value(), ticks_.trade_sign.ready());
  f.session_phase = ticks_.session_phase.ready() ? ticks_.session_phase.value() : 0xFF;
  f.prices.bid = q.bid();
  f.prices.ask = q.ask();
  return f;
}

}  // namespace bw::strategy
