#pragma once
// Hand-built FeatureVectors and configs for the belief and decision tests: every feature
// ready on two timeframes, a quote of 99.99 / 100.01 around a 100.00 close, tick 0.01.

#include <cmath>
#include <vector>

#include "core/Instrument.h"
#include "core/StrategyConfig.h"
#include "strategy/signals/FeatureVector.h"

namespace bw::strategy::test {

inline constexpr std::int64_t kCent = kScale / 100;  // 0.01 USDT: the tick
inline const double kLn3 = std::log(3.0);            // sigma(ln 3) = 3/4: a vote of exactly 1/2

inline Price usdt(std::int64_t cents) { return Price{cents * kCent}; }

inline Instrument instrument() {
  Instrument i;
  i.id = 0;
  i.tick_size = Price{kCent};
  i.lot_size = Qty{1'000};
  return i;
}

/// Every bar and tick feature ready with value 0 on `timeframes` timeframes, normal
/// volatility, ADX 20 (a range at adx_trend 25), phase 0; close 100.00, session VWAP
/// 100.50, rolling VWAP 100.40, ATR 0.203, bid 99.99, ask 100.01.
inline FeatureVector readyFeatures(std::uint8_t timeframes = 2) {
  FeatureVector f;
  f.timeframes = timeframes;
  for (std::size_t tf = 0; tf < timeframes; ++tf) {
    for (std::size_t i = 0; i < kBarFeatureCount; ++i) f.set(static_cast<BarFeature>(i), tf, 0.0, true);
    f.set(BarFeature::kAdx, tf, 20.0, true);
    f.vol_regime[tf] = indicators::VolRegime::kNormal;
  }
  for (std::size_t i = 0; i < kTickFeatureCount; ++i) f.set(static_cast<TickFeature>(i), 0.0, true);
  f.session_phase = 0;
  f.prices.close = usdt(10'000);
  f.prices.session_vwap = usdt(10'050);
  f.prices.rolling_vwap = usdt(10'040);
  f.prices.atr = Price{20'300'000};  // 0.203
  f.prices.bid = usdt(9'999);
  f.prices.ask = usdt(10'001);
  f.prices.bar_end_ns = 1'723'075'200'000'000'000;
  return f;
}

inline ConstraintConfig barConstraint(BarFeature f, std::uint8_t tf, std::int8_t sign, double scale, double weight,
                                      double center = 0.0) {
  return ConstraintConfig{false, static_cast<std::uint8_t>(f), tf, sign, center, scale, weight};
}

inline ConstraintConfig tickConstraint(TickFeature f, std::int8_t sign, double scale, double weight,
                                       double center = 0.0) {
  return ConstraintConfig{true, static_cast<std::uint8_t>(f), 0, sign, center, scale, weight};
}

/// Mean reversion on the session VWAP deviation (weight 2) and the trade-sign imbalance
/// (weight 1), no lockouts, stop 2 ATR, 30 s.
inline TemplateConfig meanReversion() {
  TemplateConfig t;
  t.vwap = VwapReference::kSession;
  t.stop_atr = 2 * kScale;
  t.ttl_ms = 30'000;
  t.constraints = {barConstraint(BarFeature::kVwapDeviationBps, 0, -1, 50.0 / kLn3, 2.0),
                   tickConstraint(TickFeature::kTradeSignImbalance, 1, 1.0, 1.0)};
  return t;
}

/// Momentum on roc_short (timeframe 0) and di_spread (timeframe 1), equal weights, no
/// lockouts, target 3 ATR, stop 1.5 ATR, 10 s.
inline TemplateConfig momentum() {
  TemplateConfig t;
  t.stop_atr = 15 * kScale / 10;
  t.target_atr = 3 * kScale;
  t.ttl_ms = 10'000;
  t.constraints = {barConstraint(BarFeature::kRocShort, 0, 1, 0.1 / kLn3, 1.0),
                   barConstraint(BarFeature::kDiSpread, 1, 1, 10.0 / kLn3, 1.0)};
  return t;
}

/// No smoothing (alpha 1) and no stability wait, so one bar decides.
inline BeliefConfig immediateBelief() { return BeliefConfig{1.0, 1}; }

/// fee 1 bps a side, slippage 1 bps, penalty 1, threshold 0.5 bps, trend at ADX 25.
inline DecisionConfig decisionConfig() { return DecisionConfig{1.0, 1.0, 1.0, 0.5, 25.0}; }

}  // namespace bw::strategy::test
