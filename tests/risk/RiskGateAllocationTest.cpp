// Proves RiskGate::check, onTrade and onExec allocate nothing: this binary links the
// counting operator new (tests/support/AllocationCounter.cpp), warms up, then runs the accept path,
// every reject path, fills and cancels, and fails on any allocation in between.

#include <gtest/gtest.h>

#include "AllocationCounter.h"
#include "RiskGateFixture.h"

namespace bw::risk {
namespace {

using RiskGateAllocationTest = RiskGateFixture;

TEST_F(RiskGateAllocationTest, counterSeesAnAllocation) {
  // The counter itself works: otherwise the zero below would prove nothing.
  const std::uint64_t before = test::allocationCount();
  static int* volatile sink = nullptr;  // volatile: the new/delete pair cannot be elided
  sink = new int(7);
  delete sink;
  EXPECT_EQ(test::allocationCount() - before, 1u);
}

TEST_F(RiskGateAllocationTest, checkAndFeedbackAllocateNothing) {
  // Every control on, with the time-based ones at runbook values; shadow limits on too.
  LimitValues live = defaultLimitValues();
  live[LimitKey::kMaxTotalNotional] = 100 * kScale;
  live[LimitKey::kMaxOrdersPerSec] = 1'000'000;
  live[LimitKey::kMaxMessagesPerSec] = 1'000'000;
  live[LimitKey::kMaxConsecutiveLosses] = 1'000;
  live[LimitKey::kDuplicateWindowMs] = 1;
  control_.layout().limit_sets[0].store(live);
  LimitValues shadow = live;
  shadow[LimitKey::kMaxOrderNotional] = 20 * kScale;
  control_.layout().limit_sets[1].store(shadow);
  control_.layout().shadow_enabled.store(1);
  OrderIntent collar_breach = entry();
  collar_breach.limit = px(70'000);
  collar_breach.take_profit = px(71'000);
  const OrderIntent bad_collar = collar_breach;

  const std::uint64_t before = test::allocationCount();
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  for (int round = 0; round < 10'000; ++round) {
    const OrderIntent a = entry();
    const OrderIntent b = entry();
    const OrderIntent c = entry();
    const OrderIntent d = entry();  // 4 x 30 > 100: rejected on total notional
    for (const OrderIntent* o : {&a, &b, &c, &d, &bad_collar}) {
      gate_.check(*o) == RejectCode::kAccepted ? ++accepted : ++rejected;
    }
    gate_.onTrade(btc_, px(60'000 + round % 7), now_);
    (void)gate_.checkCancel(b.id, now_);
    gate_.onExec(exec(ExecEvent::Kind::kPartialFill, a, Qty{10'000}));
    gate_.onExec(exec(ExecEvent::Kind::kCanceled, a));
    gate_.onExec(exec(ExecEvent::Kind::kCanceled, b));
    gate_.onExec(exec(ExecEvent::Kind::kRejected, c));
    // Sell back what the partial fill bought, so exposure stays flat round to round.
    const OrderIntent exit = exitOrder(Side::kSell, Qty{10'000});
    if (gate_.check(exit) == RejectCode::kAccepted) gate_.onExec(exec(ExecEvent::Kind::kFill, exit, exit.qty));
  }
  // Automatic triggers trip the kill from the engine thread: that path allocates nothing either.
  for (int round = 0; round < 1'000; ++round) {
    control_.tripKill(KillScope::kGlobal, 0, 2, "breakwater (automatic)", "daily loss");
    (void)gate_.check(entry());
    control_.resetKill(KillScope::kGlobal, 0);
  }
  const std::uint64_t allocations = test::allocationCount() - before;
  EXPECT_EQ(allocations, 0u) << "RiskGate allocated on the hot path";
  EXPECT_EQ(accepted, 30'000u);
  EXPECT_EQ(rejected, 20'000u);
  EXPECT_EQ(gate_.rejects(RejectCode::kMaxTotalNotional), 10'000u);
  EXPECT_EQ(gate_.rejects(RejectCode::kPriceCollar), 10'000u);
  EXPECT_EQ(gate_.rejects(RejectCode::kKillSwitch), 1'000u);
  EXPECT_EQ(gate_.shadowRejects(RejectCode::kMaxOrderNotional), 50'000u);  // 30 and 35 USDT > 20
}

}  // namespace
}  // namespace bw::risk
