#include "risk/RiskGate.h"

#include <gtest/gtest.h>

#include "RiskGateFixture.h"

namespace bw::risk {
namespace {

using RiskGateTest = RiskGateFixture;

TEST_F(RiskGateTest, acceptsValidBracketedLimitEntryAndReservesNotional) {
  const OrderIntent o = entry();
  EXPECT_EQ(gate_.check(o), RejectCode::kAccepted);
  EXPECT_EQ(gate_.accepted(), 1u);
  EXPECT_EQ(gate_.workingOrders(), 1u);
  EXPECT_EQ(gate_.reservedNotional(), 30 * kScale);
}

TEST_F(RiskGateTest, rejectsEverythingWhenKillSwitchTripped) {
  kill_.trip(KillReason::kOperator);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kKillSwitch);
  EXPECT_EQ(gate_.rejects(RejectCode::kKillSwitch), 1u);
  kill_.reset();
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
}

TEST_F(RiskGateTest, rejectsUnknownSymbol) {
  OrderIntent o = entry();
  o.symbol = 40;
  EXPECT_EQ(gate_.check(o), RejectCode::kUnknownSymbol);
}

TEST_F(RiskGateTest, rejectsMarketOrders) {
  OrderIntent o = entry();
  o.type = OrderType::kMarket;
  EXPECT_EQ(gate_.check(o), RejectCode::kMarketOrderNotAllowed);
}

TEST_F(RiskGateTest, rejectsEntryWithoutBracketOrWithBracketOnWrongSide) {
  OrderIntent o = entry();
  o.stop_loss = Price{0};
  EXPECT_EQ(gate_.check(o), RejectCode::kBracketRequired);
  o = entry();
  o.stop_loss = px(60'500);  // a buy's stop above its entry
  EXPECT_EQ(gate_.check(o), RejectCode::kBracketRequired);
  o = entry(Side::kSell);
  o.take_profit = px(61'000);  // a sell's target above its entry
  EXPECT_EQ(gate_.check(o), RejectCode::kBracketRequired);
  EXPECT_EQ(gate_.rejects(RejectCode::kBracketRequired), 3u);
}

TEST_F(RiskGateTest, rejectsOffTickPriceAndOffLotQuantity) {
  OrderIntent o = entry();
  o.limit.raw += 1;
  EXPECT_EQ(gate_.check(o), RejectCode::kInvalidPrice);
  o = entry();
  o.qty.raw += 1;
  EXPECT_EQ(gate_.check(o), RejectCode::kInvalidQty);
  o = entry();
  o.qty = Qty{0};
  EXPECT_EQ(gate_.check(o), RejectCode::kInvalidQty);
}

TEST_F(RiskGateTest, rejectsQuantityAboveMaxOrderQty) {
  OrderIntent o = entry();
  o.qty = Qty{kScale + 1'000};  // 1.00001 BTC > 1.0
  EXPECT_EQ(gate_.check(o), RejectCode::kMaxOrderQty);
}

TEST_F(RiskGateTest, rejectsNotionalAboveMaxOrderNotional) {
  OrderIntent o = entry();
  o.qty = Qty{84'000};  // 0.00084 x 60000 = 50.4 > 50
  EXPECT_EQ(gate_.check(o), RejectCode::kMaxOrderNotional);
  o.qty = Qty{83'000};  // 49.8
  EXPECT_EQ(gate_.check(o), RejectCode::kAccepted);
}

TEST_F(RiskGateTest, rejectsNotionalOverflowInsteadOfWrapping) {
  LimitsConfig huge;
  huge.max_order_qty = Qty{INT64_MAX};
  limits_.set(huge);
  OrderIntent o = entry();
  o.qty = Qty{INT64_MAX / 1'000 * 1'000};
  EXPECT_EQ(gate_.check(o), RejectCode::kNotionalOverflow);
}

TEST_F(RiskGateTest, rejectsPriceOutsideCollar) {
  OrderIntent o = entry();
  o.limit = px(60'301);  // 50.2 bps above 60000 (collar 50 bps)
  o.take_profit = px(61'000);
  o.qty = Qty{10'000};
  EXPECT_EQ(gate_.check(o), RejectCode::kPriceCollar);
  o.limit = px(60'300);  // exactly 50 bps: allowed
  EXPECT_EQ(gate_.check(o), RejectCode::kAccepted);
}

TEST_F(RiskGateTest, rejectsWhenNoReferencePriceYet) {
  PositionBook fresh;
  RiskGate gate(instruments_, limits_, kill_, fresh);
  EXPECT_EQ(gate.check(entry()), RejectCode::kNoReferencePrice);
}

TEST_F(RiskGateTest, rejectsWhenTotalNotionalWouldExceedLimitCountingWorkingOrders) {
  LimitsConfig l;
  l.max_total_notional = Notional{70 * kScale};
  limits_.set(l);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);  // 30 working
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);  // 60 working
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxTotalNotional);
  EXPECT_EQ(gate_.reservedNotional(), 60 * kScale);
}

TEST_F(RiskGateTest, releasesReservationOnCancelAndReject) {
  const OrderIntent a = entry();
  const OrderIntent b = entry();
  ASSERT_EQ(gate_.check(a), RejectCode::kAccepted);
  ASSERT_EQ(gate_.check(b), RejectCode::kAccepted);
  gate_.onExec(exec(ExecEvent::Kind::kCanceled, a));
  EXPECT_EQ(gate_.reservedNotional(), 30 * kScale);
  gate_.onExec(exec(ExecEvent::Kind::kRejected, b));
  EXPECT_EQ(gate_.reservedNotional(), 0);
  EXPECT_EQ(gate_.workingOrders(), 0u);
}

TEST_F(RiskGateTest, fillsMoveReservationIntoPosition) {
  const OrderIntent o = entry();
  ASSERT_EQ(gate_.check(o), RejectCode::kAccepted);
  gate_.onExec(exec(ExecEvent::Kind::kPartialFill, o, Qty{20'000}));
  EXPECT_EQ(positions_.position(btc_).raw, 20'000);
  EXPECT_EQ(gate_.reservedNotional(), 18 * kScale);  // 0.0003 still working x 60000
  gate_.onExec(exec(ExecEvent::Kind::kFill, o, Qty{30'000}));
  EXPECT_EQ(positions_.position(btc_).raw, 50'000);
  EXPECT_EQ(gate_.reservedNotional(), 0);
  EXPECT_EQ(gate_.workingOrders(), 0u);
  EXPECT_EQ(positions_.grossExposure(btc_).raw, 30 * kScale);
}

TEST_F(RiskGateTest, rejectsNewSymbolBeyondMaxOpenPositions) {
  LimitsConfig l;
  l.max_open_positions = 1;
  limits_.set(l);
  ASSERT_EQ(gate_.check(entry()), RejectCode::kAccepted);  // BTC open (working entry)
  OrderIntent eth = entry();
  eth.symbol = eth_;
  eth.limit = px(3'000);
  eth.stop_loss = px(2'900);
  eth.take_profit = px(3'100);
  eth.qty = Qty{1'000'000};  // 0.01 ETH
  EXPECT_EQ(gate_.check(eth), RejectCode::kMaxOpenPositions);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);  // same symbol: not a new position
}

TEST_F(RiskGateTest, rejectsEntriesOnceDailyLossReached) {
  LimitsConfig l;
  l.max_daily_loss_abs = Notional{1 * kScale};
  limits_.set(l);
  const OrderIntent o = entry();
  ASSERT_EQ(gate_.check(o), RejectCode::kAccepted);
  gate_.onExec(exec(ExecEvent::Kind::kFill, o, o.qty));  // long 0.0005 at 60000
  gate_.onTrade(btc_, px(57'000));                        // -1.5 unrealized
  OrderIntent next = entry();
  next.limit = px(57'000);
  next.stop_loss = px(56'000);
  next.take_profit = px(58'000);
  EXPECT_EQ(gate_.check(next), RejectCode::kMaxDailyLoss);
}

TEST_F(RiskGateTest, reduceOnlyExitPassesExposureLimitsButMustReduce) {
  const OrderIntent o = entry();
  ASSERT_EQ(gate_.check(o), RejectCode::kAccepted);
  gate_.onExec(exec(ExecEvent::Kind::kFill, o, o.qty));

  OrderIntent exit;
  exit.id = next_id_++;
  exit.symbol = btc_;
  exit.side = Side::kSell;
  exit.reduce_only = true;
  exit.limit = px(60'000);
  exit.qty = Qty{60'000};  // more than the 0.0005 held
  EXPECT_EQ(gate_.check(exit), RejectCode::kReduceOnlyViolation);
  exit.qty = Qty{50'000};
  EXPECT_EQ(gate_.check(exit), RejectCode::kAccepted);
  OrderIntent again = exit;
  again.id = next_id_++;
  EXPECT_EQ(gate_.check(again), RejectCode::kReduceOnlyViolation);  // the first exit covers it
  OrderIntent wrong_side = exit;
  wrong_side.id = next_id_++;
  wrong_side.side = Side::kBuy;
  EXPECT_EQ(gate_.check(wrong_side), RejectCode::kReduceOnlyViolation);
}

TEST_F(RiskGateTest, cancelsAreApprovedOnlyForWorkingOrdersEvenWhenKilled) {
  const OrderIntent o = entry();
  ASSERT_EQ(gate_.check(o), RejectCode::kAccepted);
  kill_.trip(KillReason::kOperator);
  EXPECT_TRUE(gate_.approveCancel(o.id));
  EXPECT_FALSE(gate_.approveCancel(o.id + 100));
}

TEST_F(RiskGateTest, everyRejectCodeHasStableNameAndRule) {
  for (std::size_t c = 0; c < kRejectCodeCount; ++c) {
    const auto code = static_cast<RejectCode>(c);
    const std::string name = rejectCodeName(code);
    EXPECT_FALSE(name.empty());
    for (char ch : name) EXPECT_TRUE((ch >= 'A' && ch <= 'Z') || ch == '_') << name;
  }
  EXPECT_STREQ(rejectCodeName(RejectCode::kPriceCollar), "PRICE_COLLAR");
  EXPECT_STREQ(rejectCodeRule(RejectCode::kPriceCollar), "MiFID II RTS 6 Art. 15(1)(a) (price collars)");
}

TEST_F(RiskGateTest, tighteningLimitsAtRunTimeTakesEffectOnNextCheck) {
  ASSERT_EQ(gate_.check(entry()), RejectCode::kAccepted);
  LimitsConfig tight = limits_.snapshot();
  tight.max_order_notional = Notional{10 * kScale};
  limits_.set(tight);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxOrderNotional);
}

}  // namespace
}  // namespace bw::risk
