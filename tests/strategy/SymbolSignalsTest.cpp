// SymbolSignals: each timeframe's row of the FeatureVector mirrors that timeframe's
// indicators (ready bits clear during warm-up), bars of one timeframe leave the others
// alone, the bracket prices come from timeframe 0, and snapshot() adds the tick features.
// With features_read, only the features read (and the indicators behind them, plus the
// bracket's and lockouts' on timeframe 0) are computed, with the same values.

#include <gtest/gtest.h>

#include <initializer_list>
#include <stdexcept>

#include "IndicatorFixtures.h"
#include "strategy/signals/SymbolSignals.h"

namespace bw::strategy {
namespace {

using indicators::test::bar;

SignalLengths shortLengths(std::size_t timeframes) {
  SignalLengths l;
  l.bars.rolling_vwap = 3;
  l.bars.atr = 3;
  l.bars.roc = {1, 2, 3};
  l.bars.relative_volume = 3;
  l.bars.volume_zscore = 3;
  l.bars.adx = 3;
  l.bars.vol_regime.length = 3;
  l.timeframes = timeframes;
  l.trade_sign_trades = 2;
  return l;
}

TEST(SymbolSignalsTest, refusesZeroOrTooManyTimeframes) {
  EXPECT_THROW(SymbolSignals(shortLengths(0)), std::invalid_argument);
  EXPECT_THROW(SymbolSignals(shortLengths(kMaxTimeframes + 1)), std::invalid_argument);
}

TEST(SymbolSignalsTest, rowsStayNotReadyDuringWarmUp) {
  SymbolSignals s(shortLengths(2));
  s.onBar(0, bar(101, 99, 100, 2));
  const FeatureVector& f = s.snapshot();
  EXPECT_EQ(f.timeframes, 2);
  EXPECT_TRUE(f.ready(BarFeature::kVwapDeviationBps, 0));  // session VWAP is ready on the first traded bar
  EXPECT_FALSE(f.ready(BarFeature::kAtrBps, 0));            // Wilder ATR needs 3 bars
  EXPECT_FALSE(f.ready(BarFeature::kAdx, 0));
  EXPECT_FALSE(f.ready(BarFeature::kRocShort, 0));          // ROC(1) needs 2 closes
  EXPECT_EQ(f.value(BarFeature::kAtrBps, 0), 0.0);
  EXPECT_EQ(f.bar_ready[1], 0u) << "timeframe 1 saw no bar";
  EXPECT_FALSE(f.ready(BarFeature::kVwapDeviationBps, 3)) << "timeframe 3 is not configured";
  EXPECT_FALSE(f.ready(TickFeature::kSpreadBps));
  EXPECT_FALSE(f.ready(TickFeature::kTradeSignImbalance));
}

TEST(SymbolSignalsTest, rowsMirrorTheIndicatorsOfTheirTimeframe) {
  SymbolSignals s(shortLengths(2));
  const std::int64_t closes[] = {100, 102, 101, 104, 103, 106, 105, 108};
  for (std::int64_t i = 0; i < 8; ++i) {
    feed::Bar b = bar(closes[i] + 1, closes[i] - 2, closes[i], 1 + i);
    b.buy_volume = Qty{(1 + i) * kScale};
    s.onBar(0, b);
  }
  s.onBar(1, bar(108, 97, 108, 36));
  const FeatureVector& f = s.snapshot();
  const indicators::BarIndicatorSet& t0 = s.timeframe(0);
  ASSERT_TRUE(t0.atr.ready() && t0.adx.ready() && t0.roc[2].ready());
  EXPECT_EQ(f.value(BarFeature::kAtrBps, 0), 10'000.0 * static_cast<double>(t0.atr.value().raw) / (108.0 * 1e8));
  EXPECT_EQ(f.value(BarFeature::kAdx, 0), t0.adx.value());
  EXPECT_NEAR(f.value(BarFeature::kDiSpread, 0), t0.adx.plusDi() - t0.adx.minusDi(), 1e-9);
  EXPECT_GT(f.value(BarFeature::kDiSpread, 0), 0.0) << "rising highs: +DI above -DI";
  EXPECT_EQ(f.value(BarFeature::kRocShort, 0), t0.roc[0].value());
  EXPECT_DOUBLE_EQ(f.value(BarFeature::kRocShort, 0), 100.0 * (108.0 - 105.0) / 105.0);
  EXPECT_EQ(f.value(BarFeature::kRocLong, 0), t0.roc[2].value());
  EXPECT_EQ(f.value(BarFeature::kRollingVwapDeviationBps, 0), t0.rolling_vwap.deviationBps());
  EXPECT_EQ(f.value(BarFeature::kBuySellImbalance, 0), 1.0) << "every bar's volume was bought";
  EXPECT_EQ(f.value(BarFeature::kRelativeVolume, 0), t0.relative_volume.value());
  // One bar on timeframe 1: its session VWAP is the bar's own price, the rest warms up.
  EXPECT_TRUE(f.ready(BarFeature::kVwapDeviationBps, 1));
  EXPECT_EQ(f.value(BarFeature::kVwapDeviationBps, 1), 0.0);
  EXPECT_FALSE(f.ready(BarFeature::kAtrBps, 1));
  // The bracket prices are timeframe 0's, never timeframe 1's.
  EXPECT_EQ(f.prices.close.raw, 108 * kScale);
  EXPECT_EQ(f.prices.atr.raw, t0.atr.value().raw);
  EXPECT_EQ(f.prices.rolling_vwap.raw, t0.rolling_vwap.value().raw);
  EXPECT_EQ(f.prices.session_vwap.raw, t0.session_vwap.value().raw);
}

/// The engine's idle warm-up (DecisionEngine::warm) runs the strategy timeframe's update on a
/// scratch copy: the scratch must end where the real set will be after the same bar, however
/// often it is warmed, and the real set must not move.
TEST(SymbolSignalsTest, warmFromUpdatesAScratchCopyAndLeavesTheRealAlone) {
  SymbolSignals real(shortLengths(2));
  SymbolSignals twin(shortLengths(2));  // the same bars, never a warm-up
  SymbolSignals scratch(shortLengths(2));
  const std::int64_t closes[] = {100, 102, 101, 104, 103, 106, 105, 108};
  for (std::int64_t i = 0; i < 8; ++i) {
    const feed::Bar b = bar(closes[i] + 1, closes[i] - 2, closes[i], 1 + i);
    real.onBar(0, b);
    twin.onBar(0, b);
  }
  const feed::Bar next = bar(112, 104, 111, 9);
  for (int w = 0; w < 3; ++w) scratch.warmFrom(real, next);
  const indicators::BarIndicatorSet& r = real.timeframe(0);
  const indicators::BarIndicatorSet& t = twin.timeframe(0);
  EXPECT_EQ(r.atr.value().raw, t.atr.value().raw) << "the real set is as if never warmed";
  EXPECT_EQ(r.adx.value(), t.adx.value());
  EXPECT_EQ(r.roc[0].value(), t.roc[0].value());
  EXPECT_EQ(r.rolling_vwap.value().raw, t.rolling_vwap.value().raw);
  real.onBar(0, next);
  const indicators::BarIndicatorSet& w = scratch.timeframe(0);
  ASSERT_NE(r.roc[0].value(), t.roc[0].value()) << "the next bar must move the indicators, or this proves little";
  EXPECT_EQ(w.atr.value().raw, r.atr.value().raw) << "the scratch is the real set one bar on, once";
  EXPECT_EQ(w.adx.value(), r.adx.value());
  EXPECT_EQ(w.roc[0].value(), r.roc[0].value());
  EXPECT_EQ(w.roc[2].value(), r.roc[2].value());
  EXPECT_EQ(w.rolling_vwap.value().raw, r.rolling_vwap.value().raw);
  EXPECT_EQ(w.session_vwap.value().raw, r.session_vwap.value().raw);
  EXPECT_EQ(scratch.snapshot().prices.atr.raw, real.snapshot().prices.atr.raw);
}

TEST(SymbolSignalsTest, snapshotAddsTheTickFeatures) {
  SymbolSignals s(shortLengths(1));
  // bid 100, ask 100.02, bid qty 3, ask qty 1: mid 100.01, spread 0.02 = 1.9998 bps of the
  // mid, imbalance (3 - 1) / 4 = 0.5, micro-price 100 + 0.02 x 3/4 = 100.015, which is
  // 0.005 / 100.01 = 0.49995 bps above the mid.
  s.onTick(indicators::test::quote(100 * kScale, 100 * kScale + 2'000'000, 3 * kScale, kScale));
  s.onTick(indicators::test::trade(Side::kBuy));
  s.onTick(indicators::test::trade(Side::kBuy));
  const FeatureVector& f = s.snapshot();
  ASSERT_TRUE(f.ready(TickFeature::kSpreadBps));
  EXPECT_NEAR(f.value(TickFeature::kSpreadBps), 10'000.0 * 0.02 / 100.01, 1e-9);
  EXPECT_DOUBLE_EQ(f.value(TickFeature::kTopImbalance), 0.5);
  EXPECT_NEAR(f.value(TickFeature::kMicroPriceOffsetBps), 10'000.0 * 0.005 / 100.01, 1e-9);
  ASSERT_TRUE(f.ready(TickFeature::kTradeSignImbalance));
  EXPECT_EQ(f.value(TickFeature::kTradeSignImbalance), 1.0);
  EXPECT_EQ(f.prices.bid.raw, 100 * kScale);
  EXPECT_EQ(f.prices.ask.raw, 100 * kScale + 2'000'000);
  EXPECT_NE(f.session_phase, 0xFF) << "the trades' time has a phase";
}

std::uint32_t bits(std::initializer_list<BarFeature> features) {
  std::uint32_t m = 0;
  for (const BarFeature f : features) m |= 1U << static_cast<unsigned>(f);
  return m;
}

TEST(SymbolSignalsTest, indicatorsForMapsFeaturesToTheIndicatorsBehindThem) {
  using indicators::BarIndicator;
  using indicators::bit;
  EXPECT_EQ(indicatorsFor(0, false), 0u);
  EXPECT_EQ(indicatorsFor(bits({BarFeature::kRocMid, BarFeature::kDiSpread}), false),
            bit(BarIndicator::kRocMid) | bit(BarIndicator::kAdx));
  EXPECT_EQ(indicatorsFor(bits({BarFeature::kVolatilityRatio}), false),
            bit(BarIndicator::kAtr) | bit(BarIndicator::kVolRegime));
  // Timeframe 0 always keeps what the bracket and the lockouts read.
  EXPECT_EQ(indicatorsFor(0, true), bit(BarIndicator::kSessionVwap) | bit(BarIndicator::kRollingVwap) |
                                        bit(BarIndicator::kAtr) | bit(BarIndicator::kAdx) |
                                        bit(BarIndicator::kVolRegime));
  EXPECT_EQ(indicatorsFor(kAllBarFeatures, false), indicators::kAllBarIndicators);
}

TEST(SymbolSignalsTest, computesOnlyTheFeaturesReadWithTheSameValues) {
  SignalLengths some = shortLengths(3);
  some.features_read = {bits({BarFeature::kRocShort}), bits({BarFeature::kRocMid, BarFeature::kDiSpread}), 0, 0};
  SymbolSignals lean(some);
  SymbolSignals full(shortLengths(3));
  for (std::int64_t i = 0; i < 12; ++i) {
    const std::int64_t close = 100 + (i % 3) * 2 + i;
    const feed::Bar b = bar(close + 1, close - 2, close, 1 + i);
    for (std::size_t t = 0; t < 3; ++t) {
      lean.onBar(t, b);
      full.onBar(t, b);
    }
  }
  const FeatureVector& l = lean.snapshot();
  const FeatureVector& f = full.snapshot();
  EXPECT_EQ(l.bar_ready[0], bits({BarFeature::kRocShort}));
  EXPECT_EQ(l.bar_ready[1], bits({BarFeature::kRocMid, BarFeature::kDiSpread}));
  EXPECT_EQ(l.bar_ready[2], 0u);
  EXPECT_EQ(l.value(BarFeature::kRocShort, 0), f.value(BarFeature::kRocShort, 0));
  EXPECT_EQ(l.value(BarFeature::kRocMid, 1), f.value(BarFeature::kRocMid, 1));
  EXPECT_EQ(l.value(BarFeature::kDiSpread, 1), f.value(BarFeature::kDiSpread, 1));
  EXPECT_NE(l.value(BarFeature::kDiSpread, 1), 0.0);
  // The bracket and the lockouts read the same prices and regime on timeframe 0.
  EXPECT_EQ(l.prices.atr.raw, f.prices.atr.raw);
  EXPECT_EQ(l.prices.session_vwap.raw, f.prices.session_vwap.raw);
  EXPECT_EQ(l.prices.rolling_vwap.raw, f.prices.rolling_vwap.raw);
  EXPECT_EQ(l.vol_regime[0], f.vol_regime[0]);
  EXPECT_EQ(l.value(BarFeature::kAdx, 0), 0.0) << "not read here: not filled";
  // A timeframe no decision reads updates nothing at all.
  EXPECT_EQ(lean.timeframe(2).updated(), 0u);
  EXPECT_FALSE(lean.timeframe(2).atr.ready());
  EXPECT_TRUE(full.timeframe(2).atr.ready());
  EXPECT_FALSE(lean.timeframe(1).relative_volume.ready()) << "5s relative volume is not read";
}

TEST(SymbolSignalsTest, aVolatilityRegimeWithoutItsAtrIsRefused) {
  EXPECT_THROW(indicators::BarIndicatorSet(indicators::BarIndicatorLengths{}, bit(indicators::BarIndicator::kVolRegime)),
               std::invalid_argument);
}

}  // namespace
}  // namespace bw::strategy
