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

SymbolSignals::SymbolSignals(const SignalLengths& lengths)
    : ticks_(lengths.trade_sign_trades, lengths.phases) {
  if (lengths.timeframes == 0 || lengths.timeframes > kMaxTimeframes) {
    throw std::invalid_argument("signals: between 1 and 4 confluence timeframes");
  }
  bar_sets_.reserve(lengths.timeframes);
  for (std::size_t t = 0; t < lengths.timeframes; ++t) bar_sets_.emplace_back(lengths.bars);
  features_.timeframes = static_cast<std::uint8_t>(lengths.timeframes);
}

void SymbolSignals::onBar(std::size_t timeframe, const feed::Bar& bar) noexcept {
  if (timeframe >= bar_sets_.size()) return;
  indicators::BarIndicatorSet& s = bar_sets_[timeframe];
  s.onBar(bar);
  FeatureVector& f = features_;
  f.set(BarFeature::kVwapDeviationBps, timeframe, s.session_vwap.deviationBps(), s.session_vwap.ready());
  f.set(BarFeature::kRollingVwapDeviationBps, timeframe, s.rolling_vwap.deviationBps(), s.rolling_vwap.ready());
  f.set(BarFeature::kRocShort, timeframe, s.roc[0].value(), s.roc[0].ready());
  f.set(BarFeature::kRocMid, timeframe, s.roc[1].value(), s.roc[1].ready());
  f.set(BarFeature::kRocLong, timeframe, s.roc[2].value(), s.roc[2].ready());
  f.set(BarFeature::kAtrBps, timeframe, bpsOf(s.atr.value().raw, bar.close.raw), s.atr.ready() && bar.close.raw > 0);
  f.set(BarFeature::kRelativeVolume, timeframe, s.relative_volume.value(), s.relative_volume.ready());
  f.set(BarFeature::kVolumeZScore, timeframe, s.volume_zscore.value(), s.volume_zscore.ready());
  f.set(BarFeature::kBuySellImbalance, timeframe, s.imbalance.value(), s.imbalance.ready());
  f.set(BarFeature::kAdx, timeframe, s.adx.value(), s.adx.ready());
  f.set(BarFeature::kDiSpread, timeframe, s.adx.plusDi() - s.adx.minusDi(), s.adx.diReady());
  f.set(BarFeature::kVolatilityRatio, timeframe, s.vol_regime.ratio(), s.vol_regime.ready());
  f.vol_regime[timeframe] = s.vol_regime.value();
  if (timeframe != 0) return;
  // The bracket is built from the strategy's own series.
  PriceContext& p = f.prices;
  p.close = bar.close;
  p.session_vwap = s.session_vwap.ready() ? s.session_vwap.value() : Price{0};
  p.rolling_vwap = s.rolling_vwap.ready() ? s.rolling_vwap.value() : Price{0};
  p.atr = s.atr.value();
  p.bar_end_ns = bar.end_ns;
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
