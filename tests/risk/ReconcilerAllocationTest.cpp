// Proves OrderLifecycle and Reconciler allocate nothing per report: this binary links the
// counting operator new (tests/support/AllocationCounter.cpp), builds the reconciler
// first, then runs a long stream of every kind of event, desyncs (and their texts)
// included, and fails on any allocation in between.

#include <gtest/gtest.h>

#include <memory>

#include "AllocationCounter.h"
#include "risk/Reconciler.h"

namespace bw::risk {
namespace {

using E = LifecycleEvent;

constexpr Qty q(std::int64_t hundredths) { return Qty{hundredths * (kScale / 100)}; }

OrderReport report(E event, OrderId id, Qty last, Qty cum, Qty leaves) {
  OrderReport r;
  r.event = event;
  r.id = id;
  r.symbol = 0;
  r.last_qty = last;
  r.cum_qty = cum;
  r.leaves_qty = leaves;
  return r;
}

TEST(ReconcilerAllocationTest, counterSeesAnAllocation) {
  const std::uint64_t before = test::allocationCount();
  static int* volatile sink = nullptr;  // volatile: the new/delete pair cannot be elided
  sink = new int(7);
  delete sink;
  EXPECT_EQ(test::allocationCount() - before, 1u);
}

TEST(ReconcilerAllocationTest, aLongStreamOfReportsAllocatesNothing) {
  auto rec = std::make_unique<Reconciler>();  // built before counting: the table is ~200 KiB
  constexpr int kRounds = 50'000;
  std::uint64_t clean = 0;
  std::uint64_t dirty = 0;
  auto tally = [&](ReconcileResult r) { r.desync == DesyncKind::kNone ? ++clean : ++dirty; };

  const std::uint64_t before = test::allocationCount();
  OrderId id = 1;
  for (int round = 0; round < kRounds; ++round) {
    // A: ack, part fill, cancel out, part fill, cancel refused, replace, replaced, filled.
    const OrderId a = id++;
    const OrderId a2 = id++;
    (void)rec->onNewSent(a, 0, Side::kBuy, q(100));
    tally(rec->onReport(report(E::kAck, a, q(0), q(0), q(100))));
    tally(rec->onReport(report(E::kPartialFill, a, q(20), q(20), q(80))));
    (void)rec->onCancelSent(a);
    tally(rec->onReport(report(E::kPartialFill, a, q(20), q(40), q(60))));
    tally(rec->onReport(report(E::kCancelReject, a, q(0), q(0), q(0))));
    (void)rec->onReplaceSent(a, a2, q(200));
    OrderReport rep = report(E::kReplaced, a, q(0), q(40), q(160));
    rep.replacement_id = a2;
    rep.order_qty = q(200);
    tally(rec->onReport(rep));
    tally(rec->onReport(report(E::kFill, a2, q(160), q(200), q(0))));
    OrderReport st = report(E::kStatus, a2, q(0), q(200), q(0));
    st.status = OrderState::kFilled;
    tally(rec->onReport(st));
    // B: canceled, then a late fill (a desync, its text formatted), a duplicate cancel.
    const OrderId b = id++;
    (void)rec->onNewSent(b, 0, Side::kSell, q(100));
    tally(rec->onReport(report(E::kAck, b, q(0), q(0), q(100))));
    tally(rec->onReport(report(E::kCanceled, b, q(0), q(0), q(0))));
    tally(rec->onReport(report(E::kFill, b, q(100), q(100), q(0))));
    tally(rec->onReport(report(E::kCanceled, b, q(0), q(0), q(0))));
    // An unknown ClOrdID, an overfill-free mismatch and a position comparison.
    tally(rec->onReport(report(E::kFill, id + 1'000'000, q(10), q(10), q(0))));
    (void)rec->comparePosition(0, q(round % 3), q(0));
  }
  const std::uint64_t allocations = test::allocationCount() - before;
  EXPECT_EQ(allocations, 0u);
  EXPECT_EQ(clean, 10u * kRounds);  // a duplicate cancel is counted, no desync
  EXPECT_EQ(dirty, 2u * kRounds);
  EXPECT_EQ(rec->desyncs(DesyncKind::kFillAfterDone), static_cast<std::uint64_t>(kRounds));
  EXPECT_EQ(rec->desyncs(DesyncKind::kUnknownOrder), static_cast<std::uint64_t>(kRounds));
  EXPECT_EQ(rec->desyncs(DesyncKind::kPositionMismatch), static_cast<std::uint64_t>(kRounds - (kRounds + 2) / 3));
  EXPECT_EQ(rec->transitionErrors(TransitionError::kOrderDone), static_cast<std::uint64_t>(kRounds));
}

}  // namespace
}  // namespace bw::risk
