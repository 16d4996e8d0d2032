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

/// An idle engine re-judges its last intent to keep the check warm (pipeline/Engine.h):
/// warm() must answer as check() would and record nothing - no reservation, no working
/// order, no counter, no rate token, no duplicate-window stamp.
TEST_F(RiskGateTest, warmJudgesAsCheckWouldAndRecordsNothing) {
  setLimit(LimitKey::kDuplicateWindowMs, 60'000);
  setLimit(LimitKey::kMaxOrdersPerSec, 1);
  const OrderIntent o = entry();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(gate_.warm(o), RejectCode::kAccepted);
  EXPECT_EQ(gate_.accepted(), 0u);
  EXPECT_EQ(gate_.workingOrders(), 0u);
  EXPECT_EQ(gate_.reservedNotional(), 0);
  EXPECT_EQ(gate_.reservedRisk(), 0);
  // Neither the one-order-a-second token nor the duplicate window was taken by the warm-ups.
  EXPECT_EQ(gate_.check(o), RejectCode::kAccepted);
  EXPECT_EQ(gate_.reservedNotional(), 30 * kScale);
  // Both are live: the same order again is a duplicate, and warm() says so too, uncounted.
  OrderIntent again = o;
  again.id = o.id + 100;
  EXPECT_EQ(gate_.warm(again), RejectCode::kAccepted) << "the shadow path judges no duplicate window or rate";
  EXPECT_EQ(gate_.check(again), RejectCode::kDuplicateOrder);
  control_.tripKill(KillScope::kGlobal, 0, 1, "test", "operator");
  EXPECT_EQ(gate_.warm(entry()), RejectCode::kKillSwitch);
  EXPECT_EQ(gate_.rejects(RejectCode::kKillSwitch), 0u) << "a warm-up's verdict is not counted";
  EXPECT_EQ(gate_.accepted(), 1u);
}

/// A backing-off engine prefetches the check's lines on every strategy close
/// (pipeline/Engine.cpp): for any symbol id, known or not, and any strategy, it must
/// change nothing a check sees.
TEST_F(RiskGateTest, prefetchCheckChangesNothing) {
  setLimit(LimitKey::kMaxOrdersPerSec, 1);
  for (SymbolId s = 0; s < 64; ++s) gate_.prefetchCheck(s, static_cast<StrategyId>(s));
  gate_.prefetchCheck(kNoSymbol, 255);
  EXPECT_EQ(gate_.accepted(), 0u);
  EXPECT_EQ(gate_.workingOrders(), 0u);
  EXPECT_EQ(gate_.reservedNotional(), 0);
  const OrderIntent o = entry();
  gate_.prefetchCheck(o.symbol, o.strategy);
  EXPECT_EQ(gate_.check(o), RejectCode::kAccepted);  // the one token a second is still there
  EXPECT_EQ(gate_.reservedNotional(), 30 * kScale);
  gate_.prefetchCheck(o.symbol, o.strategy);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxOrderRate);  // and was taken by the check, not the prefetch
}

TEST_F(RiskGateTest, rejectsEverythingWhenKillSwitchTripped) {
  control_.tripKill(KillScope::kGlobal, 0, 1, "test", "operator");
  EXPECT_EQ(gate_.check(entry()), RejectCode::kKillSwitch);
  EXPECT_EQ(gate_.rejects(RejectCode::kKillSwitch), 1u);
  control_.resetKill(KillScope::kGlobal, 0);
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
  setLimit(LimitKey::kMaxOrderQty, INT64_MAX);
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
  RiskGate gate(instruments_, control_, fresh, GateOptions{});
  EXPECT_EQ(gate.check(entry()), RejectCode::kNoReferencePrice);
}

TEST_F(RiskGateTest, rejectsWhenTotalNotionalWouldExceedLimitCountingWorkingOrders) {
  setLimit(LimitKey::kMaxTotalNotional, 70 * kScale);
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
  setLimit(LimitKey::kMaxOpenPositions, 1);
  ASSERT_EQ(gate_.check(entry()), RejectCode::kAccepted);  // BTC open (working entry)
  EXPECT_EQ(gate_.check(ethEntry()), RejectCode::kMaxOpenPositions);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);  // same symbol: not a new position
}

TEST_F(RiskGateTest, rejectsEntriesOnceDailyLossReached) {
  setLimit(LimitKey::kMaxDailyLossAbs, 1 * kScale);
  const OrderIntent o = entry();
  ASSERT_EQ(gate_.check(o), RejectCode::kAccepted);
  gate_.onExec(exec(ExecEvent::Kind::kFill, o, o.qty));  // long 0.0005 at 60000
  gate_.onTrade(btc_, px(57'000), now_);                  // -1.5 unrealized
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

  OrderIntent exit = exitOrder(Side::kSell, Qty{60'000});  // more than the 0.0005 held
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
  control_.tripKill(KillScope::kGlobal, 0, 1, "test", "operator");
  setLimit(LimitKey::kMaxCancelsPerSec, 1);
  EXPECT_EQ(gate_.checkCancel(o.id, now_), RejectCode::kAccepted);
  EXPECT_EQ(gate_.checkCancel(o.id, now_), RejectCode::kAccepted);  // unthrottled while killed
  EXPECT_EQ(gate_.checkCancel(o.id + 100, now_), RejectCode::kUnknownSymbol);
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
  setLimit(LimitKey::kMaxOrderNotional, 10 * kScale);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxOrderNotional);
}

}  // namespace
}  // namespace bw::risk
