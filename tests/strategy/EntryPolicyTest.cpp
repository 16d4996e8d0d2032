// Entry plans worked by hand on hand-built FeatureVectors (BeliefFixtures.h): close 100.00,
// bid 99.99, ask 100.01, session VWAP 100.50, ATR 0.203, tick 0.01; fee 1 bps a side,
// slippage 1 bps, half spread (0.02 / 200.00) x 1e4 = 1 bps: cost 4 bps on every plan.

#include "strategy/decision/EntryPolicy.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "BeliefFixtures.h"
#include "strategy/belief/Sigmoid.h"
#include "strategy/decision/TickGrid.h"

namespace bw::strategy::decision {
namespace {

using namespace strategy::test;  // NOLINT: the fixtures

constexpr double kBpsTolerance = 2e-3;  // sigmoid table error (1.2e-5 per likelihood) x ~60 bps moves

struct PolicySetup {
  TemplatesConfig templates;
  BeliefConfig belief = immediateBelief();
  DecisionConfig decision = decisionConfig();
  PolicySetup() { templates.by_kind = {meanReversion(), momentum()}; }
  [[nodiscard]] EntryPolicy policy() const { return EntryPolicy(templates, belief, decision); }
  TemplateConfig& mr() { return templates[TemplateKind::kMeanReversion]; }
  TemplateConfig& mo() { return templates[TemplateKind::kMomentum]; }
};

/// Mean reversion's constraint at z = ln 3: vote 1/2; with the trade-sign vote 0,
/// b = (2 x 1/2 + 1 x 0) / 3 = 1/3.
FeatureVector meanReversionUp() {
  FeatureVector f = readyFeatures();
  f.set(BarFeature::kVwapDeviationBps, 0, -50.0, true);
  return f;
}

EntryDecision decideOnce(const PolicySetup& s, const FeatureVector& f) {
  SymbolBeliefState state;
  return s.policy().decide(f, instrument(), state);
}

TEST(EntryPolicyTest, meanReversionBuysAtTheBidWithTheTargetAtTheVwap) {
  const EntryDecision d = decideOnce(PolicySetup{}, meanReversionUp());
  ASSERT_TRUE(d.enter()) << decisionReasonName(d.reason);
  EXPECT_EQ(d.chosen, TemplateKind::kMeanReversion);
  EXPECT_EQ(d.side, Side::kBuy);
  EXPECT_EQ(d.limit, usdt(9'999));    // min(close 100.00, bid 99.99)
  EXPECT_EQ(d.target, usdt(10'050));  // the session VWAP, 100.50
  EXPECT_EQ(d.stop, usdt(9'959));     // 2 x 0.203 = 0.406 -> 0.40 (toward the entry): 99.59
  EXPECT_EQ(d.ttl_ms, 30'000);
  EXPECT_EQ(d.expire_ns, meanReversionUp().prices.bar_end_ns + 30'000'000'000);
  const TemplateOutcome& o = d.decisive();
  // b = 1/3; u^2 = (2 x (1/2 - 1/3)^2 + (0 - 1/3)^2) / 3 = (2/36 + 4/36) / 3 = 1/18.
  EXPECT_NEAR(o.belief, 1.0 / 3.0, 3e-5);
  EXPECT_NEAR(o.uncertainty, 1.0 / std::sqrt(18.0), 1e-4);
  // move = 0.51 / 99.99 x 1e4 = 51.0051 bps; edge = 51.0051 / 3 = 17.0017;
  // penalty = 1 x 0.235702 x 51.0051 = 12.0220; cost = 2 x 1 + 1 + 1 = 4; EU = 0.9797 >= 0.5.
  EXPECT_NEAR(o.move_bps, 51.0051005, 1e-6);
  EXPECT_NEAR(o.edge_bps, 17.0017002, kBpsTolerance);
  EXPECT_NEAR(o.penalty_bps, 12.0220201, kBpsTolerance);
  EXPECT_NEAR(o.cost_bps, 4.0, 1e-9);
  EXPECT_NEAR(o.expected_utility_bps, 0.9796801, 2 * kBpsTolerance);
  // Momentum saw no move (every feature 0): no direction.
  EXPECT_EQ(d.outcome(TemplateKind::kMomentum).reason, DecisionReason::kNoDirection);
}

TEST(EntryPolicyTest, rollingVwapTargetWhenConfigured) {
  PolicySetup s;
  s.mr().vwap = VwapReference::kRolling;
  s.decision.uncertainty_penalty = 0.0;  // a 41 bps move: 13.67 edge - 4 cost
  const EntryDecision d = decideOnce(s, meanReversionUp());
  ASSERT_TRUE(d.enter());
  EXPECT_EQ(d.target, usdt(10'040));
}

TEST(EntryPolicyTest, momentumSellsAtTheAskWithAtrBracketOnTheTickGrid) {
  FeatureVector f = readyFeatures();
  f.set(BarFeature::kRocShort, 0, -0.1, true);   // z = -ln 3: vote -1/2
  f.set(BarFeature::kDiSpread, 1, -10.0, true);  // z = -ln 3: vote -1/2
  const EntryDecision d = decideOnce(PolicySetup{}, f);
  ASSERT_TRUE(d.enter()) << decisionReasonName(d.reason);
  EXPECT_EQ(d.chosen, TemplateKind::kMomentum);
  EXPECT_EQ(d.side, Side::kSell);
  EXPECT_EQ(d.limit, usdt(10'001));   // max(close 100.00, ask 100.01)
  EXPECT_EQ(d.target, usdt(9'941));   // 3 x 0.203 = 0.609 -> 0.60 below
  EXPECT_EQ(d.stop, usdt(10'031));    // 1.5 x 0.203 = 0.3045 -> 0.30 above
  EXPECT_EQ(d.ttl_ms, 10'000);
  const TemplateOutcome& o = d.decisive();
  // b = -1/2, u = 0; move = 0.60 / 100.01 x 1e4 = 59.9940 bps; edge = 29.9970; EU = 25.9970.
  EXPECT_NEAR(o.belief, -0.5, 3e-5);
  EXPECT_NEAR(o.uncertainty, 0.0, 1e-3);
  EXPECT_NEAR(o.move_bps, 59.9940006, 1e-6);
  EXPECT_NEAR(o.edge_bps, 29.9970003, kBpsTolerance);
  EXPECT_NEAR(o.expected_utility_bps, 25.9970003, 0.1);  // u ~ 1e-5 x 60 bps of penalty at most
  EXPECT_EQ(d.outcome(TemplateKind::kMeanReversion).reason, DecisionReason::kNoDirection);  // b = 0 there
}

TEST(EntryPolicyTest, bestExpectedUtilityWinsWhenBothEnter) {
  FeatureVector f = meanReversionUp();
  f.set(BarFeature::kRocShort, 0, 0.1, true);
  f.set(BarFeature::kDiSpread, 1, 10.0, true);
  const EntryDecision d = decideOnce(PolicySetup{}, f);
  ASSERT_TRUE(d.enter());
  EXPECT_EQ(d.outcome(TemplateKind::kMeanReversion).reason, DecisionReason::kEntry);  // EU ~0.98
  EXPECT_EQ(d.outcome(TemplateKind::kMomentum).reason, DecisionReason::kEntry);       // EU ~26.0
  EXPECT_EQ(d.chosen, TemplateKind::kMomentum);
  EXPECT_EQ(d.side, Side::kBuy);
  EXPECT_EQ(d.limit, usdt(9'999));
  EXPECT_EQ(d.target, usdt(10'059));
  EXPECT_EQ(d.stop, usdt(9'969));
}

TEST(EntryPolicyTest, thresholdIsInclusive) {
  PolicySetup s;
  const double eu = decideOnce(s, meanReversionUp()).decisive().expected_utility_bps;
  s.decision.min_expected_utility_bps = eu;
  EXPECT_EQ(decideOnce(s, meanReversionUp()).reason, DecisionReason::kEntry);
  s.decision.min_expected_utility_bps = std::nextafter(eu, 1e9);
  const EntryDecision below = decideOnce(s, meanReversionUp());
  EXPECT_EQ(below.reason, DecisionReason::kBelowThreshold);
  EXPECT_EQ(below.chosen, TemplateKind::kMeanReversion);
  EXPECT_EQ(below.decisive().expected_utility_bps, eu);  // figures still reported
}

TEST(EntryPolicyTest, uncertaintyPenaltyAndFeesMoveTheUtility) {
  PolicySetup s;
  s.decision.uncertainty_penalty = 0.0;  // EU = 17.0017 - 0 - 4
  EXPECT_NEAR(decideOnce(s, meanReversionUp()).decisive().expected_utility_bps, 13.0017002, kBpsTolerance);
  s.decision.fee_bps = 10.0;  // cost = 20 + 1 + 1 = 22: EU = -4.998
  const EntryDecision d = decideOnce(s, meanReversionUp());
  EXPECT_EQ(d.reason, DecisionReason::kBelowThreshold);
  EXPECT_NEAR(d.decisive().cost_bps, 22.0, 1e-9);
}

struct LockoutCase {
  const char* name;
  void (*configure)(LockoutConfig&);
  void (*market)(FeatureVector&);
  Lockout expected;
};

TEST(EntryPolicyTest, eachLockoutHoldsTheTemplateBackAndOnlyInItsRegime) {
  const LockoutCase cases[] = {
      {"low_vol", [](LockoutConfig& l) { l.vol_regimes = kLockLowVol; },
       [](FeatureVector& f) { f.vol_regime[0] = indicators::VolRegime::kLow; }, Lockout::kLowVol},
      {"normal_vol", [](LockoutConfig& l) { l.vol_regimes = kLockNormalVol; }, [](FeatureVector&) {},
       Lockout::kNormalVol},
      {"high_vol", [](LockoutConfig& l) { l.vol_regimes = kLockHighVol; },
       [](FeatureVector& f) { f.vol_regime[0] = indicators::VolRegime::kHigh; }, Lockout::kHighVol},
      {"trend", [](LockoutConfig& l) { l.trend = true; },
       [](FeatureVector& f) { f.set(BarFeature::kAdx, 0, 25.0, true); }, Lockout::kTrend},  // 25 >= adx_trend
      {"range", [](LockoutConfig& l) { l.range = true; }, [](FeatureVector&) {}, Lockout::kRange},  // ADX 20
      {"phase", [](LockoutConfig& l) { l.phases = 1U << 2; }, [](FeatureVector& f) { f.session_phase = 2; },
       Lockout::kPhase},
      {"no_phase", [](LockoutConfig& l) { l.no_phase = true; }, [](FeatureVector& f) { f.session_phase = 0xFF; },
       Lockout::kNoPhase},
  };
  for (const LockoutCase& c : cases) {
    PolicySetup s;
    c.configure(s.mr().lockouts);
    FeatureVector f = meanReversionUp();
    c.market(f);
    const TemplateOutcome o = decideOnce(s, f).outcome(TemplateKind::kMeanReversion);
    EXPECT_EQ(o.reason, DecisionReason::kLockedOut) << c.name;
    EXPECT_EQ(o.lockout, c.expected) << c.name;
    if (c.expected == Lockout::kPhase) {
      EXPECT_EQ(o.phase, 2) << c.name;
    }
  }
  // Outside the locked regime the same template enters.
  PolicySetup s;
  s.mr().lockouts = LockoutConfig{kLockHighVol, true, false, 1U << 2, true};
  EXPECT_TRUE(decideOnce(s, meanReversionUp()).enter());  // normal vol, ADX 20 (range), phase 0
  FeatureVector f = meanReversionUp();
  f.set(BarFeature::kAdx, 0, 24.99, true);
  s.mr().lockouts = LockoutConfig{0, false, true, 0, false};
  EXPECT_EQ(decideOnce(s, f).outcome(TemplateKind::kMeanReversion).lockout, Lockout::kRange);
  f.set(BarFeature::kAdx, 0, 25.0, true);
  EXPECT_TRUE(decideOnce(s, f).enter());
}

TEST(EntryPolicyTest, notReadyUntilFeaturesPricesAndLockoutRegimesAreKnown) {
  const PolicySetup s;
  FeatureVector f = meanReversionUp();
  f.set(TickFeature::kTradeSignImbalance, 0.0, false);
  EXPECT_EQ(decideOnce(s, f).outcome(TemplateKind::kMeanReversion).reason, DecisionReason::kNotReady);
  for (Price PriceContext::*field : {&PriceContext::atr, &PriceContext::session_vwap, &PriceContext::bid,
                                     &PriceContext::close}) {
    f = meanReversionUp();
    f.prices.*field = Price{0};
    EXPECT_EQ(decideOnce(s, f).outcome(TemplateKind::kMeanReversion).reason, DecisionReason::kNotReady);
  }
  PolicySetup locked;
  locked.mr().lockouts.vol_regimes = kLockHighVol;
  f = meanReversionUp();
  f.vol_regime[0] = indicators::VolRegime::kUnknown;
  EXPECT_EQ(decideOnce(locked, f).outcome(TemplateKind::kMeanReversion).reason, DecisionReason::kNotReady);
  locked.mr().lockouts = LockoutConfig{0, true, false, 0, false};
  f = meanReversionUp();
  f.set(BarFeature::kAdx, 0, 0.0, false);
  EXPECT_EQ(decideOnce(locked, f).outcome(TemplateKind::kMeanReversion).reason, DecisionReason::kNotReady);
  // Without a lockout that reads them, an unknown regime and ADX do not matter.
  EXPECT_TRUE(decideOnce(s, f).enter());
}

TEST(EntryPolicyTest, meanReversionNeedsTheBeliefToPointTowardTheVwap) {
  FeatureVector f = meanReversionUp();  // belief up...
  f.prices.session_vwap = usdt(9'950);  // ...but the VWAP is below the close
  EXPECT_EQ(decideOnce(PolicySetup{}, f).reason, DecisionReason::kNoDirection);
}

TEST(EntryPolicyTest, noBracketWhenTheVwapIsWithinATickOfTheEntry) {
  FeatureVector f = meanReversionUp();
  f.prices.bid = usdt(10'000);
  f.prices.ask = usdt(10'002);
  f.prices.session_vwap = Price{10'000'400'000};  // 100.004: target rounds down to 100.00 = the limit
  const EntryDecision d = decideOnce(PolicySetup{}, f);
  EXPECT_EQ(d.reason, DecisionReason::kNoBracket);
  EXPECT_EQ(d.decisive().limit, usdt(10'000));
  EXPECT_EQ(d.decisive().target, usdt(10'000));
}

TEST(EntryPolicyTest, waitsForTheSmoothedBeliefToKeepItsSide) {
  PolicySetup s;
  s.belief = BeliefConfig{0.5, 2};
  const EntryPolicy policy = s.policy();
  SymbolBeliefState state;
  EXPECT_EQ(policy.decide(meanReversionUp(), instrument(), state).reason, DecisionReason::kNotStable);
  EXPECT_TRUE(policy.decide(meanReversionUp(), instrument(), state).enter());
  // A bar whose features are not ready forgets the smoothing: the wait starts again.
  FeatureVector gap = meanReversionUp();
  gap.set(BarFeature::kVwapDeviationBps, 0, 0.0, false);
  EXPECT_EQ(policy.decide(gap, instrument(), state).outcome(TemplateKind::kMeanReversion).reason,
            DecisionReason::kNotReady);
  EXPECT_FALSE(state.smoothers[0].seeded());
  EXPECT_EQ(policy.decide(meanReversionUp(), instrument(), state).reason, DecisionReason::kNotStable);
}

TEST(EntryPolicyTest, smoothingDampsTheBeliefTradedOn) {
  // alpha 0.5: bar 1 seeds s = 1/3; bar 2 has b = 0 (deviation 0): s = 1/3 + 0.5 x (0 - 1/3) = 1/6.
  PolicySetup s;
  s.belief = BeliefConfig{0.5, 1};
  const EntryPolicy policy = s.policy();
  SymbolBeliefState state;
  (void)policy.decide(meanReversionUp(), instrument(), state);
  FeatureVector flat = meanReversionUp();
  flat.set(BarFeature::kVwapDeviationBps, 0, 0.0, true);
  const EntryDecision d = policy.decide(flat, instrument(), state);
  EXPECT_NEAR(d.outcome(TemplateKind::kMeanReversion).raw_belief, 0.0, 1e-12);
  EXPECT_NEAR(d.outcome(TemplateKind::kMeanReversion).belief, 1.0 / 6.0, 3e-5);
}

TEST(EntryPolicyTest, disabledTemplateNeverEntersAndTheFurthestReasonIsReported) {
  PolicySetup s;
  s.mr().enabled = false;
  const EntryDecision d = decideOnce(s, meanReversionUp());
  EXPECT_EQ(d.outcome(TemplateKind::kMeanReversion).reason, DecisionReason::kDisabled);
  EXPECT_EQ(d.reason, DecisionReason::kNoDirection);  // momentum's, which got further
  EXPECT_EQ(d.chosen, TemplateKind::kMomentum);
  s.mo().enabled = false;
  EXPECT_EQ(decideOnce(s, meanReversionUp()).reason, DecisionReason::kDisabled);
}

TEST(EntryPolicyTest, shippedTemplatesDecideDeterministically) {
  const Config config;  // the defaults: equal to config/breakwater.toml
  const EntryPolicy a(config);
  const EntryPolicy b(config);
  SymbolBeliefState sa;
  SymbolBeliefState sb;
  for (int bar = 0; bar < 50; ++bar) {
    FeatureVector f = readyFeatures();
    f.set(BarFeature::kVwapDeviationBps, 0, -3.0 * (bar % 7), true);
    f.set(BarFeature::kRocShort, 0, 0.01 * (bar % 5 - 2), true);
    const EntryDecision x = a.decide(f, instrument(), sa);
    const EntryDecision y = b.decide(f, instrument(), sb);
    EXPECT_EQ(x.reason, y.reason);
    EXPECT_EQ(x.limit, y.limit);
    for (std::size_t t = 0; t < kTemplateCount; ++t) {
      EXPECT_EQ(x.outcomes[t].belief, y.outcomes[t].belief);  // bit for bit
      EXPECT_EQ(x.outcomes[t].expected_utility_bps, y.outcomes[t].expected_utility_bps);
    }
  }
}

TEST(EntryPolicyTest, reasonNamesAreStable) {
  EXPECT_STREQ(decisionReasonName(DecisionReason::kEntry), "ENTRY");
  EXPECT_STREQ(decisionReasonName(DecisionReason::kBelowThreshold), "BELOW_THRESHOLD");
  EXPECT_STREQ(decisionReasonName(DecisionReason::kLockedOut), "LOCKED_OUT");
  EXPECT_STREQ(lockoutName(Lockout::kHighVol), "high_vol");
}

}  // namespace
}  // namespace bw::strategy::decision

namespace bw::strategy::decision {
namespace {

TEST(TickGridTest, roundsToTheGridAndAtrDistancesDownEvenPastInt64Products) {
  EXPECT_EQ(floorToTick(1'234, 100), 1'200);
  EXPECT_EQ(floorToTick(1'200, 100), 1'200);
  EXPECT_EQ(ceilToTick(1'201, 100), 1'300);
  EXPECT_EQ(ceilToTick(1'200, 100), 1'200);
  // 0.203 x 1.5 = 0.3045 -> 0.30 on a 0.01 grid.
  EXPECT_EQ(atrDistance(Price{20'300'000}, 150'000'000, 1'000'000), 30'000'000);
  // ATR 1e10 raw (100 USDT) x 100 ATRs (1e10 in 1e-8 units): the product 1e20 passes int64;
  // the Int128 path gives 1e12 raw (10000 USDT), on a 0.01 grid.
  EXPECT_EQ(atrDistance(Price{10'000'000'000}, 10'000'000'000, 1'000'000), 1'000'000'000'000);
  EXPECT_EQ(atrDistance(Price{10'000'000'123}, 10'000'000'000, 1'000'000), 1'000'000'000'000);
}

}  // namespace
}  // namespace bw::strategy::decision
