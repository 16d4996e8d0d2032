#include "risk/Reconciler.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/ControlBlock.h"
#include "risk/DesyncKill.h"
#include "risk/KillSwitch.h"

namespace bw::risk {
namespace {

using E = LifecycleEvent;
using S = OrderState;
using X = TransitionError;

constexpr SymbolId kBtc = 0;
constexpr SymbolId kEth = 1;

/// Quantities in hundredths of a unit: q(150) is 1.5.
constexpr Qty q(std::int64_t hundredths) { return Qty{hundredths * (kScale / 100)}; }

/// A report of `event` about order `id` on BTC, quantities zero.
OrderReport about(E event, OrderId id) {
  OrderReport r;
  r.event = event;
  r.id = id;
  r.symbol = kBtc;
  return r;
}
OrderReport ack(OrderId id, Qty qty) {
  OrderReport r = about(E::kAck, id);
  r.leaves_qty = qty;
  return r;
}
/// A fill: kFill when nothing is left, as the gateway maps it.
OrderReport fill(OrderId id, Qty last, Qty cum, Qty leaves) {
  OrderReport r = about(leaves.raw == 0 ? E::kFill : E::kPartialFill, id);
  r.last_qty = last;
  r.cum_qty = cum;
  r.leaves_qty = leaves;
  return r;
}
OrderReport ended(E event, OrderId id, Qty cum) {
  OrderReport r = about(event, id);
  r.cum_qty = cum;
  return r;
}
/// A cancel or replace refused (35=9 carries no quantities).
OrderReport answer(E event, OrderId id, OrderId replacement_id = 0) {
  OrderReport r = about(event, id);
  r.replacement_id = replacement_id;
  return r;
}
OrderReport replaced(OrderId id, OrderId new_id, Qty new_qty, Qty cum) {
  OrderReport r = answer(E::kReplaced, id, new_id);
  r.order_qty = new_qty;
  r.cum_qty = cum;
  r.leaves_qty = Qty{new_qty.raw > cum.raw ? new_qty.raw - cum.raw : 0};
  return r;
}
OrderReport status(OrderId id, S state, Qty cum, Qty leaves) {
  OrderReport r = ended(E::kStatus, id, cum);
  r.status = state;
  r.leaves_qty = leaves;
  return r;
}

class ReconcilerTest : public ::testing::Test {
 protected:
  /// Sends `id` for `qty` (buy) and has the venue acknowledge it, both clean.
  void working(OrderId id, Qty qty) {
    ASSERT_EQ(rec_->onNewSent(id, kBtc, Side::kBuy, qty), X::kNone);
    expectClean(ack(id, qty));
  }
  void expectClean(const OrderReport& r) {
    const ReconcileResult result = rec_->onReport(r);
    EXPECT_EQ(result.desync, DesyncKind::kNone) << lifecycleEventName(r.event) << " order " << r.id << ": "
                                                << rec_->lastDesync().text;
    EXPECT_EQ(result.transition, X::kNone) << lifecycleEventName(r.event) << " order " << r.id;
  }
  DesyncKind desyncOf(const OrderReport& r) { return rec_->onReport(r).desync; }
  std::string text() const { return rec_->lastDesync().text; }

  std::unique_ptr<Reconciler> rec_ = std::make_unique<Reconciler>();
};

TEST_F(ReconcilerTest, aCleanStreamGivesNoDesync) {
  // 1: part filled, then filled.
  working(1, q(200));
  expectClean(fill(1, q(50), q(50), q(150)));
  expectClean(fill(1, q(150), q(200), q(0)));
  // 2: a sell, part filled while our cancel is out, then canceled.
  ASSERT_EQ(rec_->onNewSent(2, kBtc, Side::kSell, q(100)), X::kNone);
  expectClean(ack(2, q(100)));
  ASSERT_EQ(rec_->onCancelSent(2), X::kNone);
  expectClean(fill(2, q(25), q(25), q(75)));
  expectClean(ended(E::kCanceled, 2, q(25)));
  // 3: cancel refused, a status report agrees, then filled.
  working(3, q(100));
  ASSERT_EQ(rec_->onCancelSent(3), X::kNone);
  expectClean(answer(E::kCancelReject, 3));
  expectClean(status(3, S::kNew, q(0), q(100)));
  expectClean(fill(3, q(100), q(100), q(0)));
  // 4 -> 5: part filled, replaced up to 3, the rest filled under the new ClOrdID.
  working(4, q(200));
  expectClean(fill(4, q(50), q(50), q(150)));
  ASSERT_EQ(rec_->onReplaceSent(4, 5, q(300)), X::kNone);
  expectClean(replaced(4, 5, q(300), q(50)));
  expectClean(fill(5, q(250), q(300), q(0)));
  // 6: replace refused, then expired.
  working(6, q(100));
  ASSERT_EQ(rec_->onReplaceSent(6, 7, q(200)), X::kNone);
  expectClean(answer(E::kReplaceReject, 6, 7));
  expectClean(ended(E::kExpired, 6, q(0)));
  // 8: filled before any ack; 9: rejected.
  ASSERT_EQ(rec_->onNewSent(8, kBtc, Side::kBuy, q(100)), X::kNone);
  expectClean(fill(8, q(100), q(100), q(0)));
  ASSERT_EQ(rec_->onNewSent(9, kBtc, Side::kBuy, q(100)), X::kNone);
  expectClean(ended(E::kRejected, 9, q(0)));

  EXPECT_EQ(rec_->desyncsTotal(), 0u);
  for (std::size_t i = 1; i < kTransitionErrorCount; ++i) EXPECT_EQ(rec_->transitionErrors(static_cast<X>(i)), 0u);
  EXPECT_EQ(rec_->reports(), 19u);
  EXPECT_EQ(rec_->find(4)->life.state(), S::kReplaced);
  EXPECT_EQ(rec_->find(5)->life.state(), S::kFilled);
  EXPECT_EQ(rec_->find(5)->cum.raw, q(300).raw);
  EXPECT_EQ(rec_->find(7), nullptr);  // the refused replacement's slot was given back
  // Bought 2 + 1 + 3 + 1, sold 0.25.
  EXPECT_EQ(rec_->reportedPosition(kBtc).raw, q(675).raw);
  EXPECT_EQ(rec_->comparePosition(kBtc, q(675), rec_->reportedPosition(kBtc)), DesyncKind::kNone);
}

TEST_F(ReconcilerTest, reportForAnUnknownClOrdIdIsADesync) {
  EXPECT_EQ(desyncOf(fill(999, q(50), q(50), q(50))), DesyncKind::kUnknownOrder);
  EXPECT_EQ(text(), "UNKNOWN_ORDER order 999: PARTIAL_FILL for a ClOrdID we did not send (ours 0, venue 0.5)");
  EXPECT_EQ(rec_->lastDesync().id, 999u);
  EXPECT_EQ(rec_->desyncs(DesyncKind::kUnknownOrder), 1u);
  EXPECT_EQ(rec_->reportedPosition(kBtc).raw, q(50).raw);  // the venue moved anyway
}

TEST_F(ReconcilerTest, overfillIsADesync) {
  working(1, q(100));
  EXPECT_EQ(desyncOf(fill(1, q(150), q(150), q(0))), DesyncKind::kOverfill);
  EXPECT_EQ(text(), "OVERFILL order 1: cum past the order quantity (ours 1, venue 1.5)");
  EXPECT_EQ(rec_->lastDesync().ours, q(100).raw);
  EXPECT_EQ(rec_->lastDesync().theirs, q(150).raw);
}

TEST_F(ReconcilerTest, fillAfterCancelIsADesync) {
  working(1, q(100));
  expectClean(ended(E::kCanceled, 1, q(0)));
  const ReconcileResult r = rec_->onReport(fill(1, q(50), q(50), q(50)));
  EXPECT_EQ(r.desync, DesyncKind::kFillAfterDone);
  EXPECT_EQ(r.transition, X::kFillWhenDone);
  EXPECT_EQ(text(), "FILL_AFTER_DONE order 1: fill after CANCELED (ours 0, venue 0.5)");
  EXPECT_EQ(rec_->find(1)->life.state(), S::kCanceled);
  EXPECT_EQ(rec_->transitionErrors(X::kFillWhenDone), 1u);
}

TEST_F(ReconcilerTest, cumGoingBackwardsIsAQuantityMismatch) {
  working(1, q(100));
  expectClean(fill(1, q(50), q(50), q(50)));
  // The same report again: the venue says 0.5 where ours plus the fill is 1.
  EXPECT_EQ(desyncOf(fill(1, q(50), q(50), q(50))), DesyncKind::kQuantityMismatch);
  EXPECT_EQ(text(), "QUANTITY_MISMATCH order 1: cum went backwards (ours 1, venue 0.5)");

  working(2, q(100));
  expectClean(fill(2, q(50), q(50), q(50)));
  EXPECT_EQ(desyncOf(ended(E::kCanceled, 2, q(25))), DesyncKind::kQuantityMismatch);
  EXPECT_EQ(text(), "QUANTITY_MISMATCH order 2: cum went backwards (ours 0.5, venue 0.25)");
}

TEST_F(ReconcilerTest, cumPlusLeavesNotTheQuantityIsAQuantityMismatch) {
  working(1, q(100));
  EXPECT_EQ(desyncOf(fill(1, q(50), q(50), q(100))), DesyncKind::kQuantityMismatch);
  EXPECT_EQ(text(), "QUANTITY_MISMATCH order 1: cum + leaves is not the order quantity (ours 1, venue 1.5)");

  ASSERT_EQ(rec_->onNewSent(2, kBtc, Side::kBuy, q(100)), X::kNone);
  EXPECT_EQ(desyncOf(ack(2, q(90))), DesyncKind::kQuantityMismatch);
  EXPECT_EQ(text(), "QUANTITY_MISMATCH order 2: leaves is not the order quantity less cum (ours 1, venue 0.9)");

  working(3, q(100));
  OrderReport moved = ended(E::kCanceled, 3, q(10));
  EXPECT_EQ(desyncOf(moved), DesyncKind::kQuantityMismatch);
  EXPECT_EQ(text(), "QUANTITY_MISMATCH order 3: cum moved without a fill (ours 0, venue 0.1)");
}

TEST_F(ReconcilerTest, fillKindThatDisagreesWithTheQuantitiesIsAMismatch) {
  working(1, q(100));
  OrderReport partial_that_completes = fill(1, q(100), q(100), q(0));
  partial_that_completes.event = E::kPartialFill;
  EXPECT_EQ(desyncOf(partial_that_completes), DesyncKind::kQuantityMismatch);
  EXPECT_EQ(text(), "QUANTITY_MISMATCH order 1: partial fill completes the order (ours 1, venue 1)");
}

TEST_F(ReconcilerTest, replaceWithAnotherQuantityIsAMismatch) {
  working(1, q(100));
  ASSERT_EQ(rec_->onReplaceSent(1, 2, q(200)), X::kNone);
  EXPECT_EQ(desyncOf(replaced(1, 2, q(300), q(0))), DesyncKind::kQuantityMismatch);
  EXPECT_EQ(text(), "QUANTITY_MISMATCH order 2: replaced with another quantity than we asked (ours 2, venue 3)");
}

TEST_F(ReconcilerTest, reportForAReplacementBeforeItIsConfirmedIsUnknown) {
  working(1, q(100));
  ASSERT_EQ(rec_->onReplaceSent(1, 2, q(200)), X::kNone);
  EXPECT_EQ(desyncOf(fill(2, q(50), q(50), q(150))), DesyncKind::kUnknownOrder);
  OrderReport stranger = replaced(1, 3, q(200), q(0));  // replaced by a ClOrdID we never sent
  EXPECT_EQ(desyncOf(stranger), DesyncKind::kUnknownOrder);
  EXPECT_EQ(text(), "UNKNOWN_ORDER order 3: replaced by a ClOrdID we did not send (ours 0, venue 0)");
}

TEST_F(ReconcilerTest, statusReportWithAnotherStateIsAStateMismatch) {
  working(1, q(100));
  EXPECT_EQ(desyncOf(status(1, S::kCanceled, q(0), q(0))), DesyncKind::kStateMismatch);
  EXPECT_EQ(text(), "STATE_MISMATCH order 1: venue says CANCELED, ours NEW (ours 0, venue 0)");
  EXPECT_EQ(rec_->find(1)->life.state(), S::kNew);  // ours is left as it was
  EXPECT_EQ(desyncOf(status(1, S::kNew, q(20), q(80))), DesyncKind::kQuantityMismatch);
}

TEST_F(ReconcilerTest, venuePositionThatDiffersIsAPositionMismatch) {
  EXPECT_EQ(rec_->comparePosition(kEth, q(150), q(100)), DesyncKind::kPositionMismatch);
  EXPECT_EQ(text(), "POSITION_MISMATCH symbol 1: venue position differs from ours (ours 1, venue 1.5)");
  EXPECT_EQ(rec_->lastDesync().symbol, kEth);
  EXPECT_EQ(rec_->comparePosition(kEth, q(-150), q(-150)), DesyncKind::kNone);
  EXPECT_EQ(rec_->comparePosition(kEth, q(-150), q(0)), DesyncKind::kPositionMismatch);
  EXPECT_EQ(text(), "POSITION_MISMATCH symbol 1: venue position differs from ours (ours 0, venue -1.5)");
  EXPECT_EQ(rec_->desyncs(DesyncKind::kPositionMismatch), 2u);
}

TEST_F(ReconcilerTest, duplicateAckIsCountedButIsNoDesync) {
  working(1, q(100));
  const ReconcileResult r = rec_->onReport(ack(1, q(100)));
  EXPECT_EQ(r.desync, DesyncKind::kNone);
  EXPECT_EQ(r.transition, X::kAlreadyAcknowledged);
  EXPECT_EQ(rec_->transitionErrors(X::kAlreadyAcknowledged), 1u);
  EXPECT_EQ(rec_->desyncsTotal(), 0u);
}

TEST_F(ReconcilerTest, sendsThatBreakTheLifecycleAreRefused) {
  working(1, q(100));
  EXPECT_EQ(rec_->onNewSent(1, kBtc, Side::kBuy, q(100)), X::kAlreadySent);
  EXPECT_EQ(rec_->onCancelSent(42), X::kNotSent);
  ASSERT_EQ(rec_->onCancelSent(1), X::kNone);
  EXPECT_EQ(rec_->onReplaceSent(1, 2, q(50)), X::kRequestPending);
  EXPECT_EQ(rec_->find(2), nullptr);  // nothing tracked for a replace that never went out
  // A live order holds its slot against an id kCapacity later; a terminal one gives it up.
  const OrderId same_slot = 1 + Reconciler::kCapacity;
  EXPECT_EQ(rec_->onNewSent(same_slot, kBtc, Side::kBuy, q(100)), X::kNoRoom);
  expectClean(ended(E::kCanceled, 1, q(0)));
  EXPECT_EQ(rec_->onNewSent(same_slot, kBtc, Side::kBuy, q(100)), X::kNone);
  EXPECT_EQ(desyncOf(fill(1, q(50), q(50), q(50))), DesyncKind::kUnknownOrder);  // 1's record is gone
}

TEST_F(ReconcilerTest, desyncTripsTheGlobalKillWithItsText) {
  ControlBlock control = ControlBlock::anonymous();
  working(1, q(100));
  EXPECT_FALSE(tripKillOnDesync(control, rec_->lastDesync()));  // no desync yet
  EXPECT_FALSE(control.globallyKilled());
  ASSERT_EQ(desyncOf(fill(1, q(150), q(150), q(0))), DesyncKind::kOverfill);
  EXPECT_TRUE(tripKillOnDesync(control, rec_->lastDesync()));
  EXPECT_TRUE(control.globallyKilled());
  const KillView kill = control.readKill(KillScope::kGlobal, 0);
  EXPECT_EQ(static_cast<KillReason>(kill.reason), KillReason::kPositionDesync);
  EXPECT_EQ(kill.who, "breakwater (reconciler)");
  EXPECT_EQ(kill.why, "OVERFILL order 1: cum past the order quantity (ours 1, venue 1.5)");
  EXPECT_FALSE(tripKillOnDesync(control, rec_->lastDesync()));  // latched: the first trip stays
}

TEST_F(ReconcilerTest, execEventsMapOntoLifecycleEvents) {
  ExecEvent e;
  e.id = 7;
  e.symbol = kEth;
  e.side = Side::kSell;
  e.kind = ExecEvent::Kind::kNew;
  EXPECT_EQ(fromExecEvent(e).event, E::kAck);
  e.kind = ExecEvent::Kind::kPartialFill;
  e.last_qty = q(10);
  e.cum_qty = q(10);
  e.leaves_qty = q(90);
  const OrderReport partial = fromExecEvent(e);
  EXPECT_EQ(partial.event, E::kPartialFill);
  EXPECT_EQ(partial.id, 7u);
  EXPECT_EQ(partial.symbol, kEth);
  EXPECT_EQ(partial.side, Side::kSell);
  EXPECT_EQ(partial.last_qty.raw, q(10).raw);
  EXPECT_EQ(partial.cum_qty.raw, q(10).raw);
  EXPECT_EQ(partial.leaves_qty.raw, q(90).raw);
  e.leaves_qty = Qty{};  // the last fill, whatever OrdStatus said (6 while a cancel is pending)
  EXPECT_EQ(fromExecEvent(e).event, E::kFill);
  e.kind = ExecEvent::Kind::kCanceled;
  EXPECT_EQ(fromExecEvent(e).event, E::kCanceled);
  e.kind = ExecEvent::Kind::kRejected;
  EXPECT_EQ(fromExecEvent(e).event, E::kRejected);
  e.kind = ExecEvent::Kind::kCancelRejected;
  EXPECT_EQ(fromExecEvent(e).event, E::kCancelReject);
}

}  // namespace
}  // namespace bw::risk
