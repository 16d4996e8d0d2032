#include "strategy/DecisionEngine.h"

#include <gtest/gtest.h>

#include <cmath>

namespace bw::strategy {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

class DecisionEngineTest : public ::testing::Test {
 protected:
  DecisionEngineTest() : instruments_(InstrumentTable::withDefaults()), engine_(instruments_, config()) {}

  static Config config() {
    Config c;
    c.strategy.order_notional = Notional{40 * kScale};
    return c;
  }

  Tick trade(std::int64_t price, std::int64_t t_s) {
    Tick t;
    t.kind = TickKind::kTrade;
    t.symbol = 0;
    t.price = Price{price * kScale};
    t.qty = Qty{1'000};
    t.exch_ns = t_s * kSecond;
    return t;
  }

  ExecEvent fill(const OrderIntent& o, Price at) {
    ExecEvent e;
    e.kind = ExecEvent::Kind::kFill;
    e.id = o.id;
    e.symbol = o.symbol;
    e.side = o.side;
    e.last_px = at;
    e.last_qty = o.qty;
    return e;
  }

  /// The policy's answer as the engine gets it: buy 39900, stop 39700, target 40000, 5 s to
  /// live from t = 4 s, mean reversion with hand-picked figures.
  static decision::EntryDecision buyPlan(std::int64_t limit = 39'900) {
    decision::EntryDecision e;
    e.reason = decision::DecisionReason::kEntry;
    e.chosen = TemplateKind::kMeanReversion;
    e.side = Side::kBuy;
    e.limit = Price{limit * kScale};
    e.stop = Price{(limit - 200) * kScale};
    e.target = Price{40'000 * kScale};
    e.ttl_ms = 5'000;
    e.expire_ns = 4 * kSecond + 5 * kSecond;
    decision::TemplateOutcome& o = e.outcomes[0];
    o.reason = decision::DecisionReason::kEntry;
    o.belief = 0.6;
    o.uncertainty = 0.2;
    o.edge_bps = 15.0;
    o.penalty_bps = 3.0;
    o.cost_bps = 4.0;
    o.expected_utility_bps = 8.0;
    return e;
  }

  Decision warmUpAndDrop() { return engine_.act(0, buyPlan()); }

  /// The entry filled, its target child resting and half filled at the target: the
  /// bracket the stop then works on. `left` is the position that remains.
  struct HalfTargeted {
    Decision entry;
    Decision target;
    std::int64_t left = 0;
  };
  HalfTargeted halfFilledTarget() {
    HalfTargeted h;
    h.entry = warmUpAndDrop();
    engine_.onExec(fill(h.entry.intent, h.entry.intent.limit));
    h.target = engine_.onTrade(trade(39'900, 5));
    EXPECT_EQ(h.target.kind, Decision::Kind::kExit);
    ExecEvent half = fill(h.target.intent, h.target.intent.limit);
    half.kind = ExecEvent::Kind::kPartialFill;
    half.last_qty = Qty{h.target.intent.qty.raw / 2};
    engine_.onExec(half);
    h.left = h.entry.intent.qty.raw - h.target.intent.qty.raw / 2;
    EXPECT_EQ(engine_.position(0).raw, h.left);
    return h;
  }

  InstrumentTable instruments_;
  DecisionEngine engine_;
};

TEST_F(DecisionEngineTest, entersWithBracketedLimitBelowVwapNeverMarket) {
  const Decision d = warmUpAndDrop();
  ASSERT_EQ(d.kind, Decision::Kind::kEnter);
  const OrderIntent& o = d.intent;
  EXPECT_EQ(o.type, OrderType::kLimit);
  EXPECT_EQ(o.side, Side::kBuy);
  EXPECT_FALSE(o.reduce_only);
  EXPECT_EQ(o.limit.raw, 39'900 * kScale);
  EXPECT_LT(o.stop_loss, o.limit);
  EXPECT_GT(o.take_profit, o.limit);
  EXPECT_EQ(o.qty.raw, 100'000);  // 40 USDT / 39900 = 0.0010025 -> 0.00100 in 0.00001 lots
  EXPECT_EQ(o.expire_ns, 4 * kSecond + 5 * kSecond);
  EXPECT_GT(o.id, 0u);
}

TEST_F(DecisionEngineTest, entryCarriesTheTemplateAndItsFigures) {
  const Decision d = warmUpAndDrop();
  ASSERT_EQ(d.kind, Decision::Kind::kEnter);
  EXPECT_EQ(d.why.kind, TemplateKind::kMeanReversion);
  EXPECT_EQ(d.why.belief, 0.6);
  EXPECT_EQ(d.why.uncertainty, 0.2);
  EXPECT_EQ(d.why.edge_bps, 15.0);
  EXPECT_EQ(d.why.penalty_bps, 3.0);
  EXPECT_EQ(d.why.cost_bps, 4.0);
  EXPECT_EQ(d.why.expected_utility_bps, 8.0);
  EXPECT_EQ(engine_.counters().entries_by_template[0], 1u);
}

TEST_F(DecisionEngineTest, noEntryWithoutAnEntryPlan) {
  decision::EntryDecision e = buyPlan();
  e.reason = decision::DecisionReason::kBelowThreshold;
  EXPECT_EQ(engine_.act(0, e).kind, Decision::Kind::kNone);
  EXPECT_EQ(engine_.workingEntry(0), 0u);
}

TEST_F(DecisionEngineTest, notionalBelowOneLotIsCountedNotSent) {
  // 40 USDT cannot buy one 0.00001 lot at 5,000,000 USDT.
  EXPECT_EQ(engine_.act(0, buyPlan(5'000'000)).kind, Decision::Kind::kNone);
  EXPECT_EQ(engine_.counters().too_small, 1u);
}

TEST_F(DecisionEngineTest, holdsOneWorkingEntryPerSymbol) {
  ASSERT_EQ(warmUpAndDrop().kind, Decision::Kind::kEnter);
  EXPECT_EQ(engine_.act(0, buyPlan(39'700)).kind, Decision::Kind::kNone);
}

TEST_F(DecisionEngineTest, refusedEntryFreesTheSymbol) {
  const Decision d = warmUpAndDrop();
  engine_.onRefused(d.intent.id);
  EXPECT_EQ(engine_.act(0, buyPlan(39'700)).kind, Decision::Kind::kEnter);
}

TEST_F(DecisionEngineTest, cancelsEntryWhenTimeToLiveRunsOut) {
  const Decision d = warmUpAndDrop();
  EXPECT_EQ(engine_.onTrade(trade(39'950, 8)).kind, Decision::Kind::kNone);
  const Decision c = engine_.onTrade(trade(39'950, 9));
  ASSERT_EQ(c.kind, Decision::Kind::kCancel);
  EXPECT_EQ(c.cancel_target, d.intent.id);
  EXPECT_NE(c.cancel_id, d.intent.id);
  EXPECT_EQ(engine_.onTrade(trade(39'950, 10)).kind, Decision::Kind::kNone);  // only once
}

TEST_F(DecisionEngineTest, onceTheEntryFillsTheTargetRestsAsAReduceOnlyChild) {
  const Decision d = warmUpAndDrop();
  engine_.onExec(fill(d.intent, d.intent.limit));
  EXPECT_EQ(engine_.position(0).raw, d.intent.qty.raw);
  const Decision t = engine_.onTrade(trade(39'900, 5));
  ASSERT_EQ(t.kind, Decision::Kind::kExit);
  EXPECT_STREQ(t.exit_why, "target child");
  EXPECT_TRUE(t.intent.reduce_only);
  EXPECT_EQ(t.intent.side, Side::kSell);
  EXPECT_EQ(t.intent.limit, d.intent.take_profit) << "resting at the target, not through the market";
  EXPECT_EQ(t.intent.qty, d.intent.qty);
  EXPECT_EQ(t.intent.tif, TimeInForce::kGtc);
  EXPECT_EQ(engine_.workingTarget(0), t.intent.id);
  EXPECT_EQ(engine_.onTrade(trade(39'950, 6)).kind, Decision::Kind::kNone) << "one child at a time";
  // The venue fills the child: flat, the bracket is over, a new entry may come.
  engine_.onExec(fill(t.intent, t.intent.limit));
  EXPECT_EQ(engine_.position(0).raw, 0);
  EXPECT_EQ(engine_.workingTarget(0), 0u);
  EXPECT_EQ(engine_.act(0, buyPlan()).kind, Decision::Kind::kEnter);
}

TEST_F(DecisionEngineTest, theStopRepricesTheTargetIntoTheExitWithOneReplace) {
  const HalfTargeted h = halfFilledTarget();
  const Decision& d = h.entry;
  const Decision& t = h.target;
  const std::int64_t left = h.left;
  const std::int64_t through_stop = d.intent.stop_loss.raw / kScale - 1;
  const Decision r = engine_.onTrade(trade(through_stop, 6));
  ASSERT_EQ(r.kind, Decision::Kind::kReplace);
  EXPECT_EQ(r.cancel_target, t.intent.id);
  EXPECT_NE(r.intent.id, t.intent.id);
  EXPECT_STREQ(r.exit_why, "stop reprices target");
  EXPECT_TRUE(r.intent.reduce_only);
  EXPECT_EQ(r.intent.side, Side::kSell);
  EXPECT_EQ(r.intent.qty, t.intent.qty) << "a replace names the order's whole quantity, filled part included";
  EXPECT_LT(r.intent.limit.raw, through_stop * kScale) << "priced through the market";
  // While the replace is out, nothing more is asked.
  EXPECT_EQ(engine_.onTrade(trade(through_stop, 7)).kind, Decision::Kind::kNone);
  ExecEvent replaced;
  replaced.kind = ExecEvent::Kind::kReplaced;
  replaced.id = t.intent.id;
  replaced.new_id = r.intent.id;
  replaced.symbol = 0;
  engine_.onExec(replaced);
  EXPECT_EQ(engine_.workingTarget(0), 0u);
  EXPECT_EQ(engine_.workingExit(0), r.intent.id);
  EXPECT_EQ(engine_.onTrade(trade(through_stop, 8)).kind, Decision::Kind::kNone);
  ExecEvent done = fill(r.intent, r.intent.limit);
  done.last_qty = Qty{left};
  engine_.onExec(done);
  EXPECT_EQ(engine_.position(0).raw, 0);
  EXPECT_EQ(engine_.workingExit(0), 0u);
}

TEST_F(DecisionEngineTest, aRefusedReplaceFallsBackToPullingTheTargetThenExitsWhatIsLeft) {
  const HalfTargeted h = halfFilledTarget();
  const Decision& d = h.entry;
  const Decision& t = h.target;
  const std::int64_t left = h.left;
  const std::int64_t through_stop = d.intent.stop_loss.raw / kScale - 1;
  const Decision r = engine_.onTrade(trade(through_stop, 6));
  ASSERT_EQ(r.kind, Decision::Kind::kReplace);
  ExecEvent refused;  // the venue's OrderCancelReject (CxlRejResponseTo=2)
  refused.kind = ExecEvent::Kind::kReplaceRejected;
  refused.id = t.intent.id;
  refused.new_id = r.intent.id;
  refused.symbol = 0;
  engine_.onExec(refused);
  const Decision pull = engine_.onTrade(trade(through_stop, 7));
  ASSERT_EQ(pull.kind, Decision::Kind::kCancel);
  EXPECT_EQ(pull.cancel_target, t.intent.id);
  EXPECT_STREQ(pull.exit_why, "stop pulls target");
  // Until the child is gone, no exit (both could fill): the cancel is asked again.
  EXPECT_EQ(engine_.onTrade(trade(through_stop, 8)).kind, Decision::Kind::kCancel);
  ExecEvent canceled;
  canceled.kind = ExecEvent::Kind::kCanceled;
  canceled.id = t.intent.id;
  canceled.symbol = 0;
  engine_.onExec(canceled);
  // Gone: the next trade exits the rest through the market, even back above the stop.
  const Decision x = engine_.onTrade(trade(39'850, 9));
  ASSERT_EQ(x.kind, Decision::Kind::kExit);
  EXPECT_STREQ(x.exit_why, "stop");
  EXPECT_TRUE(x.intent.reduce_only);
  EXPECT_EQ(x.intent.qty.raw, left);
  EXPECT_LT(x.intent.limit.raw, 39'850 * kScale) << "priced through the market";
  engine_.onExec(fill(x.intent, x.intent.limit));
  EXPECT_EQ(engine_.position(0).raw, 0);
}

TEST_F(DecisionEngineTest, aReplaceRefusedAfterTheTargetFilledLeavesTheSymbolFreeToTrade) {
  const Decision d = warmUpAndDrop();
  engine_.onExec(fill(d.intent, d.intent.limit));
  const Decision t = engine_.onTrade(trade(39'900, 5));
  ASSERT_EQ(t.kind, Decision::Kind::kExit);
  const Decision r = engine_.onTrade(trade(d.intent.stop_loss.raw / kScale - 1, 6));
  ASSERT_EQ(r.kind, Decision::Kind::kReplace);
  engine_.onExec(fill(t.intent, t.intent.limit));  // the target filled before the replace arrived
  EXPECT_EQ(engine_.position(0).raw, 0);
  ExecEvent refused;
  refused.kind = ExecEvent::Kind::kReplaceRejected;
  refused.id = t.intent.id;
  refused.new_id = r.intent.id;
  refused.symbol = 0;
  engine_.onExec(refused);
  EXPECT_EQ(engine_.workingExit(0), 0u) << "the refused replace no longer holds the symbol busy";
  EXPECT_EQ(engine_.workingTarget(0), 0u);
}

TEST_F(DecisionEngineTest, aStopWithoutARestingChildExitsAtOnce) {
  const Decision d = warmUpAndDrop();
  engine_.onExec(fill(d.intent, d.intent.limit));
  const Decision x = engine_.onTrade(trade(d.intent.stop_loss.raw / kScale - 1, 6));
  ASSERT_EQ(x.kind, Decision::Kind::kExit);
  EXPECT_STREQ(x.exit_why, "stop");
  EXPECT_TRUE(x.intent.reduce_only);
  EXPECT_EQ(x.intent.side, Side::kSell);
  EXPECT_EQ(x.intent.qty, d.intent.qty);
  EXPECT_EQ(x.intent.type, OrderType::kLimit);
  EXPECT_LT(x.intent.limit.raw, d.intent.stop_loss.raw);  // priced through the market
}

TEST_F(DecisionEngineTest, aRefusedTargetChildIsWatchedOnTradesInstead) {
  const Decision d = warmUpAndDrop();
  engine_.onExec(fill(d.intent, d.intent.limit));
  const Decision t = engine_.onTrade(trade(39'900, 5));
  ASSERT_EQ(t.kind, Decision::Kind::kExit);
  engine_.onRefused(t.intent.id);  // e.g. the target is past the gate's price collar
  EXPECT_EQ(engine_.onTrade(trade(39'950, 6)).kind, Decision::Kind::kNone) << "never asked again";
  const Decision x = engine_.onTrade(trade(d.intent.take_profit.raw / kScale + 1, 7));
  ASSERT_EQ(x.kind, Decision::Kind::kExit);
  EXPECT_STREQ(x.exit_why, "target");
  engine_.onExec(fill(x.intent, x.intent.limit));
  EXPECT_EQ(engine_.position(0).raw, 0);
  EXPECT_EQ(engine_.workingExit(0), 0u);
}

}  // namespace
}  // namespace bw::strategy

namespace bw::strategy {
namespace {

/// One timeframe, mean reversion on the session VWAP deviation only, any positive utility:
/// small enough to work by hand. `smoothing_alpha` 1: no belief smoothing.
Config meanReversionOnVwap(double smoothing_alpha) {
  Config c;
  c.signals.timeframes_ms = {1'000};
  c.signals.atr_bars = 2;
  c.belief.smoothing_alpha = smoothing_alpha;
  c.belief.min_side_bars = 1;
  c.decision.min_expected_utility_bps = 0.0;
  c.templates[TemplateKind::kMomentum].enabled = false;
  TemplateConfig& mr = c.templates[TemplateKind::kMeanReversion];
  mr.lockouts = LockoutConfig{};
  mr.constraints = {ConstraintConfig{false, 0 /* vwap_dev_bps */, 0, -1, 0.0, 10.0, 1.0}};
  return c;
}

/// A one-unit quote of symbol 0 a unit either side of `mid`.
Tick quoteAround(std::int64_t mid) {
  Tick quote;
  quote.kind = TickKind::kQuote;
  quote.symbol = 0;
  quote.bid = Price{(mid - 1) * kScale};
  quote.ask = Price{(mid + 1) * kScale};
  quote.bid_qty = quote.ask_qty = Qty{kScale};
  return quote;
}

/// A 1 s bar of symbol 0 closing at `close` at second `end_s`, one unit of volume.
feed::Bar oneSecondBar(std::int64_t close, std::int64_t end_s) {
  feed::Bar b;
  b.symbol = 0;
  b.open = b.close = Price{close * kScale};
  b.high = Price{(close + 10) * kScale};
  b.low = Price{(close - 10) * kScale};
  b.volume = Qty{kScale};
  b.turnover = Notional{close * kScale};
  b.trades = 1;
  b.start_ns = (end_s - 1) * kSecond;
  b.end_ns = end_s * kSecond;
  return b;
}

/// The whole path on one symbol: ticks and bars into the signals, the policy on the close,
/// the order out, with a config small enough to work by hand (one timeframe, mean reversion
/// on the session VWAP deviation only, no smoothing, any positive utility).
TEST(DecisionEngineSignalsTest, barsThroughSignalsAndPolicyGiveAReasonedEntry) {
  const Config c = meanReversionOnVwap(1.0);
  const TemplateConfig& mr = c.templates[TemplateKind::kMeanReversion];
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  DecisionEngine engine(instruments, c);
  engine.onTick(quoteAround(39'900));
  const auto bar = oneSecondBar;
  for (int i = 1; i <= 3; ++i) {
    engine.onBar(0, bar(40'000, i));
    EXPECT_EQ(engine.decide(0).kind, Decision::Kind::kNone) << "at the VWAP: no direction";
  }
  EXPECT_EQ(engine.lastEntryDecision(0).reason, decision::DecisionReason::kNoDirection);
  // Session VWAP (40000 x 3 + 39900) / 4 = 39975; the close is 18.76 bps below it: the
  // single constraint votes 2 sigma(18.76 / 10) - 1 = 0.73 for up.
  engine.onBar(0, bar(39'900, 4));
  const Decision d = engine.decide(0);
  ASSERT_EQ(d.kind, Decision::Kind::kEnter) << decision::decisionReasonName(engine.lastEntryDecision(0).reason);
  EXPECT_EQ(d.intent.side, Side::kBuy);
  EXPECT_EQ(d.intent.type, OrderType::kLimit);
  EXPECT_EQ(d.intent.limit.raw, 39'899 * kScale) << "min(close, bid)";
  EXPECT_EQ(d.intent.take_profit.raw, 39'975 * kScale) << "the session VWAP";
  EXPECT_LT(d.intent.stop_loss, d.intent.limit);
  EXPECT_EQ(d.intent.expire_ns, 4 * kSecond + mr.ttl_ms * 1'000'000);
  EXPECT_EQ(d.why.kind, TemplateKind::kMeanReversion);
  EXPECT_NEAR(d.why.belief, 2.0 / (1.0 + std::exp(-1.876172607879925)) - 1.0, 1e-4);
  EXPECT_GT(d.why.edge_bps, d.why.cost_bps);
  EXPECT_EQ(engine.counters().by_reason[static_cast<std::size_t>(decision::DecisionReason::kEntry)], 1u);
  // Busy now: the next close is evaluated (smoothing) but asks for nothing.
  engine.onBar(0, bar(39'800, 5));
  EXPECT_EQ(engine.decide(0).kind, Decision::Kind::kNone);
  EXPECT_EQ(engine.counters().busy, 1u);
}

/// An idle engine warms a symbol's indicator update and policy between bar closes
/// (pipeline/Engine.h). Warming must keep nothing: the same bars give the same decisions,
/// ids, counters and indicators with or without it, with belief smoothing (state the policy
/// updates) switched on.
TEST(DecisionEngineSignalsTest, warmingThePolicyKeepsNothing) {
  const Config c = meanReversionOnVwap(0.6);  // smoothing on: state the policy updates
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  DecisionEngine plain(instruments, c);
  DecisionEngine warmed(instruments, c);
  plain.onTick(quoteAround(39'800));
  warmed.onTick(quoteAround(39'800));
  std::size_t entries = 0;
  std::size_t warm_said_enter = 0;
  for (int i = 1; i <= 12; ++i) {
    const std::int64_t close = i <= 3 ? 40'000 : 39'900 - 10 * i;  // at the VWAP, then stretched below it
    const feed::Bar b = oneSecondBar(close, i);
    plain.onBar(0, b);
    warmed.onBar(0, b);
    bool would_enter = false;
    for (int w = 0; w < 3; ++w) {
      warmed.warmIndicators(0);
      would_enter = warmed.warm(0);
    }
    const Decision p = plain.decide(0);
    const Decision d = warmed.decide(0);
    ASSERT_EQ(d.kind, p.kind) << "bar " << i;
    EXPECT_EQ(d.intent.id, p.intent.id) << "bar " << i;
    EXPECT_EQ(d.intent.limit, p.intent.limit) << "bar " << i;
    EXPECT_EQ(d.intent.qty, p.intent.qty) << "bar " << i;
    EXPECT_DOUBLE_EQ(d.why.belief, p.why.belief) << "bar " << i << ": the smoothing moved only once";
    EXPECT_EQ(warmed.lastEntryDecision(0).reason, plain.lastEntryDecision(0).reason) << "bar " << i;
    if (p.kind == Decision::Kind::kEnter) ++entries;
    if (would_enter) ++warm_said_enter;
    if (p.kind == Decision::Kind::kEnter) {
      // Both refused, as the gate might: the symbol is free again, so later bars enter too.
      plain.onRefused(p.intent.id);
      warmed.onRefused(d.intent.id);
    }
  }
  EXPECT_GT(entries, 2u) << "the bars must reach entries, or the comparison proves little";
  EXPECT_GE(warm_said_enter, entries) << "warm() runs the same policy: it sees each entry coming";
  EXPECT_EQ(warmed.counters().evaluations, plain.counters().evaluations);
  // warmIndicators() folded each last bar into its scratch again: the real indicators saw each bar once.
  const indicators::BarIndicatorSet& w = warmed.signals(0).timeframe(0);
  const indicators::BarIndicatorSet& p = plain.signals(0).timeframe(0);
  EXPECT_EQ(w.session_vwap.value().raw, p.session_vwap.value().raw);
  EXPECT_EQ(w.rolling_vwap.value().raw, p.rolling_vwap.value().raw);
  EXPECT_EQ(w.atr.value().raw, p.atr.value().raw);
}

/// The features the engine computes per timeframe are those its templates read: the shipped
/// templates read vwap_dev_bps, rolling_vwap_dev_bps, roc_short and di_spread on 1s (and the
/// ADX, for the trend/range lockouts), roc_mid and di_spread on 5s, nothing on 1m and 5m.
TEST(DecisionEngineSignalsTest, computesTheBarFeaturesItsTemplatesRead) {
  const auto b = [](BarFeature f) { return 1U << static_cast<unsigned>(f); };
  const Config shipped;
  const auto read = barFeaturesRead(shipped.templates);
  EXPECT_EQ(read[0], b(BarFeature::kVwapDeviationBps) | b(BarFeature::kRollingVwapDeviationBps) |
                         b(BarFeature::kRocShort) | b(BarFeature::kDiSpread) | b(BarFeature::kAdx));
  EXPECT_EQ(read[1], b(BarFeature::kRocMid) | b(BarFeature::kDiSpread));
  EXPECT_EQ(read[2], 0u);
  EXPECT_EQ(read[3], 0u);
  // A disabled template's constraints are not computed.
  Config no_momentum;
  no_momentum.templates[TemplateKind::kMomentum].enabled = false;
  EXPECT_EQ(barFeaturesRead(no_momentum.templates)[1], 0u);
  // The engine builds its signals that way: the 1m series updates no indicator.
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  const DecisionEngine engine(instruments, shipped);
  EXPECT_EQ(engine.signals(0).timeframe(2).updated(), 0u);
  EXPECT_NE(engine.signals(0).timeframe(1).updated(), 0u);
}

}  // namespace
}  // namespace bw::strategy
