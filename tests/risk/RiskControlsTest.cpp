// One test (at least) per pre-trade control added for the complete risk core: each shows
// the control refusing with its own code, and the order passing once the cause is gone.

#include <gtest/gtest.h>

#include "RiskGateFixture.h"
#include "risk/LiveGate.h"

namespace bw::risk {
namespace {

using RiskControlsTest = RiskGateFixture;

TEST_F(RiskControlsTest, strategyAndSymbolKillsStopOnlyTheirOwnOrders) {
  control_.tripKill(KillScope::kStrategy, 3, 1, "ops", "strategy 3 misbehaves");
  OrderIntent s3 = entry();
  s3.strategy = 3;
  EXPECT_EQ(gate_.check(s3), RejectCode::kKillSwitch);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);  // strategy 0
  control_.tripKill(KillScope::kSymbol, btc_, 1, "ops", "BTC halted at venue");
  EXPECT_EQ(gate_.check(entry()), RejectCode::kKillSwitch);
  EXPECT_EQ(gate_.check(ethEntry()), RejectCode::kAccepted);
}

TEST_F(RiskControlsTest, flatteningExitPassesATrippedKillButMustStillReduce) {
  fill(entry());
  control_.tripKill(KillScope::kGlobal, 0, 1, "ops", "stop");
  OrderIntent flat = exitOrder(Side::kSell, Qty{50'000});
  EXPECT_EQ(gate_.check(flat), RejectCode::kKillSwitch);
  flat.flatten = true;
  flat.id = next_id_++;
  EXPECT_EQ(gate_.check(flat), RejectCode::kAccepted);
  OrderIntent more = exitOrder(Side::kSell, Qty{10'000});
  more.flatten = true;
  EXPECT_EQ(gate_.check(more), RejectCode::kReduceOnlyViolation);
}

TEST_F(RiskControlsTest, haltedRefusesEverythingReducingOnlyReducingOrders) {
  fill(entry());
  control_.setTradingState(TradingState::kReducing);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kReducingOnly);
  EXPECT_EQ(gate_.check(exitOrder(Side::kSell, Qty{20'000})), RejectCode::kAccepted);
  control_.setTradingState(TradingState::kHalted);
  EXPECT_EQ(gate_.check(exitOrder(Side::kSell, Qty{20'000})), RejectCode::kTradingHalted);
  control_.setTradingState(TradingState::kActive);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
}

TEST_F(RiskControlsTest, restrictedSymbolAndDisallowedTifAreRefused) {
  LimitsConfig lists;
  lists.restricted_symbols = {"ETHUSDT", "NOTLISTED"};
  lists.allowed_tif_mask = 0b001;  // DAY only
  PositionBook book;
  RiskGate gate(instruments_, control_, book, gateOptionsFrom(lists, instruments_, Callers::kSingle, false));
  gate.onTrade(btc_, px(60'000), now_);
  gate.onTrade(eth_, px(3'000), now_);
  EXPECT_EQ(gate.check(ethEntry()), RejectCode::kRestrictedSymbol);
  OrderIntent gtc = entry();
  gtc.tif = TimeInForce::kGtc;
  EXPECT_EQ(gate.check(gtc), RejectCode::kTifNotAllowed);
  EXPECT_EQ(gate.check(entry()), RejectCode::kAccepted);
}

TEST_F(RiskControlsTest, duplicateWithinWindowIsRefusedAfterItPasses) {
  setLimit(LimitKey::kDuplicateWindowMs, 500);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kDuplicateOrder);  // 1 ms later, same order
  OrderIntent other = entry();
  other.qty = Qty{40'000};
  EXPECT_EQ(gate_.check(other), RejectCode::kAccepted);  // different quantity
  now_ += 600'000'000;
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);  // the window has passed
}

TEST_F(RiskControlsTest, staleMarketDataAndLowQualityBlockOrders) {
  setLimit(LimitKey::kMaxDataAgeMs, 100);
  now_ += 200'000'000;
  EXPECT_EQ(gate_.check(entry()), RejectCode::kStaleMarketData);
  gate_.onTrade(btc_, px(60'000), now_);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
  gate_.setDataQuality(40);  // below min_data_quality 50
  EXPECT_EQ(gate_.check(entry()), RejectCode::kDataQuality);
}

TEST_F(RiskControlsTest, dataQualityBlocksOnlyTheDegradedSymbol) {
  gate_.setDataQuality(eth_, 30);  // a degraded ETH feed, below min_data_quality 50
  EXPECT_EQ(gate_.check(ethEntry()), RejectCode::kDataQuality);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);  // BTC trades on
  EXPECT_EQ(gate_.dataQuality(eth_), 30u);
  EXPECT_EQ(gate_.dataQuality(btc_), 100u);
  EXPECT_EQ(gate_.dataQuality(), 30u);  // published: the worst symbol
  gate_.setDataQuality(eth_, 50);        // at the limit: passes
  EXPECT_EQ(gate_.check(ethEntry()), RejectCode::kAccepted);
  EXPECT_EQ(gate_.dataQuality(), 50u);
}

TEST_F(RiskControlsTest, dataQualityForAnUnknownSymbolIsIgnored) {
  gate_.setDataQuality(static_cast<SymbolId>(InstrumentTable::kCapacity), 0);
  gate_.setDataQuality(kNoSymbol, 0);
  EXPECT_EQ(gate_.dataQuality(), 100u);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
}

TEST_F(RiskControlsTest, adverseSlippageBlocksEntries) {
  setLimit(LimitKey::kMaxSlippageBps, 10);
  for (int i = 0; i < 20 && gate_.slippageBps() <= 10; ++i) {
    const OrderIntent o = entry();
    ASSERT_EQ(gate_.check(o), RejectCode::kAccepted);
    ExecEvent e = exec(ExecEvent::Kind::kFill, o, Qty{1'000});
    e.last_px = px(60'120);  // 20 bps worse than the reference
    gate_.onExec(e);
    gate_.onExec(exec(ExecEvent::Kind::kCanceled, o));
  }
  EXPECT_GT(gate_.slippageBps(), 10);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kExecutionQuality);
}

TEST_F(RiskControlsTest, lossControlsPercentDrawdownStreakAndPerTrade) {
  OrderIntent big = entry();
  big.stop_loss = px(30'000);  // risk 15 > max_loss_per_trade 10
  EXPECT_EQ(gate_.check(big), RejectCode::kMaxLossPerTrade);

  setLimit(LimitKey::kStartEquity, 100 * kScale);
  setLimit(LimitKey::kMaxDailyLossPct, 1);  // 1 USDT
  fill(entry());
  gate_.onTrade(btc_, px(57'000), now_);  // -1.5
  const auto at57k = [this] {
    OrderIntent o = entry();
    o.limit = px(57'000);
    o.stop_loss = px(56'000);
    o.take_profit = px(58'000);
    return o;
  };
  EXPECT_EQ(gate_.check(at57k()), RejectCode::kMaxDailyLossPct);
  setLimit(LimitKey::kMaxDailyLossPct, 100);
  setLimit(LimitKey::kMaxDrawdown, 1 * kScale);
  EXPECT_EQ(gate_.check(at57k()), RejectCode::kMaxDrawdown);
  setLimit(LimitKey::kMaxDrawdown, 2 * kScale);
  EXPECT_EQ(gate_.check(at57k()), RejectCode::kAccepted);
}

TEST_F(RiskControlsTest, consecutiveLosingRoundTripsStopEntries) {
  setLimit(LimitKey::kMaxConsecutiveLosses, 2);
  for (int i = 0; i < 2; ++i) {
    fill(entry());
    OrderIntent out = exitOrder(Side::kSell, Qty{50'000});
    out.limit = px(59'990);  // a small loss
    fill(out);
  }
  EXPECT_EQ(positions_.consecutiveLosses(), 2u);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxConsecutiveLosses);
}

TEST_F(RiskControlsTest, positionQtyCountsPositionAndWorkingEntries) {
  setLimit(LimitKey::kMaxPositionQty, 120'000);  // 0.0012 BTC
  fill(entry());                                  // 0.0005 held
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);  // + 0.0005 working
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxPositionQty);
  EXPECT_EQ(gate_.check(entry(Side::kSell)), RejectCode::kAccepted);  // the other side nets down
}

TEST_F(RiskControlsTest, symbolGrossAndNetNotional) {
  setLimit(LimitKey::kMaxSymbolGrossNotional, 100 * kScale);
  setLimit(LimitKey::kMaxSymbolNetNotional, 65 * kScale);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);                 // net +30
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);                 // net +60
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxSymbolNetNotional);     // +90
  EXPECT_EQ(gate_.check(entry(Side::kSell)), RejectCode::kAccepted);      // gross 90
  EXPECT_EQ(gate_.check(entry(Side::kSell)), RejectCode::kMaxSymbolGrossNotional);  // 120
  EXPECT_EQ(gate_.check(ethEntry()), RejectCode::kAccepted);              // another symbol
}

TEST_F(RiskControlsTest, totalNetNotionalWorstSide) {
  setLimit(LimitKey::kMaxTotalNetNotional, 50 * kScale);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);      // +30
  EXPECT_EQ(gate_.check(ethEntry()), RejectCode::kMaxTotalNetNotional);  // +60 across symbols
}

TEST_F(RiskControlsTest, openRiskAndItsPerSymbolShare) {
  setLimit(LimitKey::kMaxOpenRisk, 2 * kScale);           // four 0.5 risks
  setLimit(LimitKey::kMaxSymbolRiskSharePct, 50);          // 1.0 per symbol
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxSymbolRiskShare);
  EXPECT_EQ(gate_.check(ethEntry()), RejectCode::kAccepted);  // ETH risk 1.0
  EXPECT_EQ(gate_.reservedRisk(), 2 * kScale);
  EXPECT_EQ(gate_.check(ethEntry()), RejectCode::kMaxOpenRisk);
}

TEST_F(RiskControlsTest, openOrdersCountExitsAndInFlightOrders) {
  setLimit(LimitKey::kMaxOpenOrders, 2);
  fill(entry());
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
  EXPECT_EQ(gate_.check(exitOrder(Side::kSell, Qty{10'000})), RejectCode::kAccepted);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxOpenOrders);
  EXPECT_EQ(gate_.openOrders(), 2);
}

TEST_F(RiskControlsTest, orderIdInUseIsRefusedAndGivesEverythingBack) {
  const OrderIntent a = entry();
  ASSERT_EQ(gate_.check(a), RejectCode::kAccepted);
  OrderIntent b = entry();
  b.id = a.id + WorkingOrders::kCapacity;  // same slot, still working
  EXPECT_EQ(gate_.check(b), RejectCode::kOrderIdInUse);
  EXPECT_EQ(gate_.reservedNotional(), 30 * kScale);
  EXPECT_EQ(gate_.openOrders(), 1);
}

TEST_F(RiskControlsTest, orderAndMessageRatesAreTokenBuckets) {
  setLimit(LimitKey::kMaxOrdersPerSec, 3);
  setLimit(LimitKey::kMaxOpenOrders, 100);
  setLimit(LimitKey::kMaxTotalNotional, 1'000 * kScale);
  setLimit(LimitKey::kMaxSymbolGrossNotional, 1'000 * kScale);
  setLimit(LimitKey::kMaxSymbolNetNotional, 1'000 * kScale);
  setLimit(LimitKey::kMaxTotalNetNotional, 1'000 * kScale);
  setLimit(LimitKey::kMaxPositionQty, 100 * kScale);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxOrderRate);  // a burst of 3 in 4 ms
  now_ += 400'000'000;                                         // one token refilled (1/3 s)
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
  setLimit(LimitKey::kMaxOrdersPerSec, 1'000);
  setLimit(LimitKey::kMaxMessagesPerSec, 5);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);  // a burst of 5
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxMessageRate);
}

TEST_F(RiskControlsTest, cancelRateThrottlesCancelsWhileTrading) {
  setLimit(LimitKey::kMaxCancelsPerSec, 1);
  const OrderIntent a = entry();
  const OrderIntent b = entry();
  ASSERT_EQ(gate_.check(a), RejectCode::kAccepted);
  ASSERT_EQ(gate_.check(b), RejectCode::kAccepted);
  EXPECT_EQ(gate_.checkCancel(a.id, now_), RejectCode::kAccepted);
  EXPECT_EQ(gate_.checkCancel(b.id, now_), RejectCode::kMaxCancelRate);
  EXPECT_EQ(gate_.rejects(RejectCode::kMaxCancelRate), 1u);
}

TEST_F(RiskControlsTest, aRejectAfterReservationsGivesEveryReservationBack) {
  setLimit(LimitKey::kMaxOrdersPerSec, 1);
  ASSERT_EQ(gate_.check(entry()), RejectCode::kAccepted);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxOrderRate);  // after every exposure reservation
  EXPECT_EQ(gate_.reservedNotional(), 30 * kScale);
  EXPECT_EQ(gate_.reservedRisk(), 50'000'000);
  EXPECT_EQ(gate_.openOrders(), 1);
  EXPECT_EQ(gate_.openSymbols(), 1);
}

TEST_F(RiskControlsTest, shadowLimitsCountWouldHaveRejectedAndNeverBlock) {
  LimitValues shadow = fixtureLimits();
  shadow[LimitKey::kMaxOrderNotional] = 20 * kScale;
  control_.layout().limit_sets[1].store(shadow);
  control_.layout().shadow_enabled.store(1);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
  EXPECT_EQ(gate_.shadowRejects(RejectCode::kMaxOrderNotional), 2u);
  EXPECT_EQ(gate_.rejects(RejectCode::kMaxOrderNotional), 0u);
  EXPECT_EQ(gate_.openOrders(), 2);  // the shadow took nothing
  control_.swapLimitSets();          // promote the shadow set atomically
  EXPECT_EQ(gate_.check(entry()), RejectCode::kMaxOrderNotional);
}

TEST_F(RiskControlsTest, accountingBalancesAcrossCancelRejectFillAndUnsent) {
  std::int64_t accepted = 0;
  std::vector<OrderIntent> orders;
  for (int i = 0; i < 6; ++i) {
    const OrderIntent o = i % 2 == 0 ? entry() : ethEntry();
    if (gate_.check(o) == RejectCode::kAccepted) {
      accepted += 30 * kScale;
      orders.push_back(o);
    }
  }
  ASSERT_EQ(orders.size(), 6u);
  gate_.onExec(exec(ExecEvent::Kind::kCanceled, orders[0]));
  gate_.onExec(exec(ExecEvent::Kind::kRejected, orders[1]));
  gate_.onExec(exec(ExecEvent::Kind::kPartialFill, orders[2], Qty{20'000}));
  gate_.onExec(exec(ExecEvent::Kind::kFill, orders[3], orders[3].qty));
  gate_.releaseUnsent(orders[4].id);
  EXPECT_EQ(accepted, gate_.releasedNotional() + gate_.filledNotional() + gate_.reservedNotional());
  EXPECT_EQ(gate_.openOrders(), 2);
}

class LiveVenueTest : public RiskGateFixture {
 protected:
  LiveVenueTest() : RiskGateFixture(Callers::kSingle, true) {}
};

TEST_F(LiveVenueTest, liveVenueNeedsEveryGateLayer) {
  EXPECT_EQ(gate_.check(entry()), RejectCode::kLiveGateClosed);  // default: DRY_RUN
  ControlBlockLayout& b = control_.layout();
  b.configured_mode.store(static_cast<std::uint8_t>(ExecutionMode::kLive));
  control_.setOperatorIntent(static_cast<std::uint8_t>(ExecutionMode::kLive), "ops", "certified");
  b.token_ok.store(1);
  EXPECT_EQ(gate_.check(entry()), RejectCode::kLiveGateClosed);  // promotion still closed
  control_.setPromotion(true, "PASS");
  EXPECT_TRUE(liveGateOpen(control_));
  EXPECT_EQ(gate_.check(entry()), RejectCode::kAccepted);
  control_.forceDryRun(ForcedDryRun::kKillsPerDay);  // a stop signal closes it at once
  EXPECT_FALSE(liveGateOpen(control_));
  EXPECT_EQ(gate_.check(entry()), RejectCode::kLiveGateClosed);
  const auto layers = describeLiveGate(control_);
  EXPECT_FALSE(layers[0].open);
  EXPECT_NE(layers[0].reason.find("KILLS_PER_DAY"), std::string::npos);
  EXPECT_TRUE(layers[1].open);
  EXPECT_NE(layers[1].reason.find("certified"), std::string::npos);
}

TEST_F(RiskControlsTest, aReplaceRepricesAWorkingExitAndMovesItToTheNewClOrdId) {
  fill(entry());  // long 0.0005 BTC
  const OrderIntent target = exitOrder(Side::kSell, Qty{50'000});
  ASSERT_EQ(gate_.check(target), RejectCode::kAccepted);
  const OrderId replacement = next_id_++;
  ASSERT_EQ(gate_.checkReplace(target.id, replacement, px(59'990), now_), RejectCode::kAccepted);
  // One replace out at a time.
  EXPECT_EQ(gate_.checkReplace(target.id, next_id_++, px(59'980), now_), RejectCode::kReplaceNotAllowed);
  ExecEvent replaced = exec(ExecEvent::Kind::kReplaced, target);
  replaced.new_id = replacement;
  EXPECT_FALSE(gate_.onExec(replaced).desync);
  EXPECT_EQ(gate_.working().find(target.id), nullptr) << "the old ClOrdID is done";
  const WorkingOrder* moved = gate_.working().find(replacement);
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(moved->limit, px(59'990));
  EXPECT_EQ(moved->leaves.raw, 50'000);
  EXPECT_TRUE(moved->reduce_only);
  EXPECT_EQ(gate_.openOrders(), 1);
  // Its fill, under the new id, flattens the position and frees every reservation.
  OrderIntent as_replaced = target;
  as_replaced.id = replacement;
  gate_.onExec(exec(ExecEvent::Kind::kFill, as_replaced, Qty{50'000}));
  EXPECT_EQ(positions_.position(btc_).raw, 0);
  EXPECT_EQ(gate_.openOrders(), 0);
  EXPECT_EQ(gate_.check(exitOrder(Side::kSell, Qty{10'000})), RejectCode::kReduceOnlyViolation);
}

TEST_F(RiskControlsTest, aReplaceIsRefusedForAnEntryOffTheCollarOrNotWorking) {
  const OrderIntent e = entry();
  ASSERT_EQ(gate_.check(e), RejectCode::kAccepted);
  EXPECT_EQ(gate_.checkReplace(e.id, next_id_++, px(59'990), now_), RejectCode::kReplaceNotAllowed);
  EXPECT_EQ(gate_.rejects(RejectCode::kReplaceNotAllowed), 1u);
  gate_.onExec(exec(ExecEvent::Kind::kFill, e, e.qty));
  const OrderIntent target = exitOrder(Side::kSell, Qty{50'000});
  ASSERT_EQ(gate_.check(target), RejectCode::kAccepted);
  EXPECT_EQ(gate_.checkReplace(target.id, next_id_++, px(30'000), now_), RejectCode::kPriceCollar);
  EXPECT_EQ(gate_.checkReplace(target.id, next_id_++, Price{px(59'990).raw + 1}, now_), RejectCode::kInvalidPrice);
  EXPECT_EQ(gate_.checkReplace(target.id, 0, px(59'990), now_), RejectCode::kOrderIdInUse);
  EXPECT_EQ(gate_.checkReplace(target.id, target.id, px(59'990), now_), RejectCode::kOrderIdInUse);
  EXPECT_EQ(gate_.checkReplace(987'654, next_id_++, px(59'990), now_), RejectCode::kUnknownSymbol);
  // Refused by the venue: the order works on under its own id, and may be repriced again.
  const OrderId first = next_id_++;
  ASSERT_EQ(gate_.checkReplace(target.id, first, px(59'990), now_), RejectCode::kAccepted);
  ExecEvent refused = exec(ExecEvent::Kind::kReplaceRejected, target);
  refused.new_id = first;
  EXPECT_FALSE(gate_.onExec(refused).desync);
  ASSERT_NE(gate_.working().find(target.id), nullptr);
  EXPECT_EQ(gate_.working().find(target.id)->limit, px(60'000));
  const OrderId second = next_id_++;
  ASSERT_EQ(gate_.checkReplace(target.id, second, px(59'980), now_), RejectCode::kAccepted);
  // Never sent (the order thread lost the line): the same, told by the engine.
  EXPECT_EQ(gate_.releaseUnsentReplace(second), target.id);
  EXPECT_EQ(gate_.releaseUnsentReplace(second), 0u);
  EXPECT_EQ(gate_.checkReplace(target.id, next_id_++, px(59'980), now_), RejectCode::kAccepted);
}

}  // namespace
}  // namespace bw::risk
