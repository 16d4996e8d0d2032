#include "strategy/DecisionEngine.h"

#include <gtest/gtest.h>

namespace bw::strategy {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

class DecisionEngineTest : public ::testing::Test {
 protected:
  DecisionEngineTest() : instruments_(InstrumentTable::withDefaults()), engine_(instruments_, config()) {}

  static StrategyConfig config() {
    StrategyConfig c;
    c.vwap_bars = 3;
    c.atr_bars = 2;
    c.entry_band_atr = 1 * kScale;  // 1 x ATR
    c.stop_atr = 2 * kScale;
    c.order_notional = Notional{40 * kScale};
    c.entry_ttl_ms = 5'000;
    return c;
  }

  feed::Bar bar(std::int64_t close, std::int64_t range, std::int64_t end_s) {
    feed::Bar b;
    b.symbol = 0;
    b.open = b.close = Price{close * kScale};
    b.high = Price{(close + range) * kScale};
    b.low = Price{(close - range) * kScale};
    b.volume = Qty{kScale};
    b.turnover = Notional{close * kScale};
    b.trades = 1;
    b.start_ns = (end_s - 1) * kSecond;
    b.end_ns = end_s * kSecond;
    return b;
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

  /// Three quiet bars at 40000 +/- 10, then one that closes far below: a buy entry.
  Decision warmUpAndDrop() {
    for (int i = 1; i <= 3; ++i) EXPECT_EQ(engine_.onBar(bar(40'000, 10, i)).kind, Decision::Kind::kNone);
    return engine_.onBar(bar(39'900, 10, 4));
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

/// A fifth bar that crosses the band on its own: window (40000, 39900, 39700) gives VWAP
/// 39866.67, true ranges 110 and 210 give ATR 160, so 39700 < 39706.67 is an entry signal.
/// Whether it enters depends only on the symbol's state.
constexpr std::int64_t kSecondDropClose = 39'700;

TEST_F(DecisionEngineTest, holdsOneWorkingEntryPerSymbol) {
  ASSERT_EQ(warmUpAndDrop().kind, Decision::Kind::kEnter);
  EXPECT_EQ(engine_.onBar(bar(kSecondDropClose, 10, 5)).kind, Decision::Kind::kNone);
}

TEST_F(DecisionEngineTest, refusedEntryFreesTheSymbol) {
  const Decision d = warmUpAndDrop();
  engine_.onRefused(d.intent.id);
  EXPECT_EQ(engine_.onBar(bar(kSecondDropClose, 10, 5)).kind, Decision::Kind::kEnter);
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

TEST_F(DecisionEngineTest, exitsReduceOnlyWhenStopIsHit) {
  const Decision d = warmUpAndDrop();
  engine_.onExec(fill(d.intent, d.intent.limit));
  EXPECT_EQ(engine_.position(0).raw, d.intent.qty.raw);
  EXPECT_EQ(engine_.onTrade(trade(39'900, 5)).kind, Decision::Kind::kNone);
  const Decision x = engine_.onTrade(trade(d.intent.stop_loss.raw / kScale - 1, 6));
  ASSERT_EQ(x.kind, Decision::Kind::kExit);
  EXPECT_TRUE(x.intent.reduce_only);
  EXPECT_EQ(x.intent.side, Side::kSell);
  EXPECT_EQ(x.intent.qty, d.intent.qty);
  EXPECT_EQ(x.intent.type, OrderType::kLimit);
  EXPECT_LT(x.intent.limit.raw, d.intent.stop_loss.raw);  // priced through the market
}

TEST_F(DecisionEngineTest, exitsWhenTargetIsHitThenGoesFlat) {
  const Decision d = warmUpAndDrop();
  engine_.onExec(fill(d.intent, d.intent.limit));
  const Decision x = engine_.onTrade(trade(d.intent.take_profit.raw / kScale + 1, 6));
  ASSERT_EQ(x.kind, Decision::Kind::kExit);
  engine_.onExec(fill(x.intent, x.intent.limit));
  EXPECT_EQ(engine_.position(0).raw, 0);
  EXPECT_EQ(engine_.workingExit(0), 0u);
}

}  // namespace
}  // namespace bw::strategy
