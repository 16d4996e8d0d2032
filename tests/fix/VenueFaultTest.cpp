// The venue simulator's configurable faults (VenueConfig, VenueSimulator::injectFault),
// each seen from the gateway side of a real loopback session.

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "FixSessionFixture.h"

namespace bw::fix::testing {
namespace {

using Kind = ExecEvent::Kind;

template <typename Arm>
VenueConfig faulty(Arm arm) {
  VenueConfig c;
  arm(c);
  return c;
}

class RejectingVenueTest : public FixSessionTest {
 protected:
  RejectingVenueTest() : FixSessionTest(faulty([](VenueConfig& c) {
    c.reject_new_orders = 2;
    c.reject_text = "halted";
  })) {}
};

TEST_F(RejectingVenueTest, rejectsTheFirstNNewOrdersWithTheTextThenAcceptsAgain) {
  for (OrderId id = 1; id <= 3; ++id) ASSERT_TRUE(gateway_->send(limit(id, Side::kBuy, "100", "1")));
  for (OrderId id = 1; id <= 2; ++id) {
    const ExecEvent e = nextExec();
    EXPECT_EQ(e.kind, Kind::kRejected);
    EXPECT_EQ(e.id, id);
    EXPECT_STREQ(e.text, "halted");
  }
  ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kNew);
  EXPECT_EQ(e.id, 3u);
  venue_.injectFault(VenueFault::kRejectNewOrders, 1);  // armed again at run time
  ASSERT_TRUE(gateway_->send(limit(4, Side::kBuy, "100", "1")));
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kRejected);
  EXPECT_EQ(e.id, 4u);
  EXPECT_EQ(venue_.counters().fault_rejects.load(), 3u);
}

class DroppingVenueTest : public FixSessionTest {
 protected:
  DroppingVenueTest() : FixSessionTest(faulty([](VenueConfig& c) { c.disconnect_after_orders = 1; })) {}
};

TEST_F(DroppingVenueTest, dropsTheLineAfterTheNthOrderAndTheGatewayLogsOnAgain) {
  ASSERT_TRUE(gateway_->send(limit(1, Side::kBuy, "100", "1")));
  EXPECT_EQ(nextExec().kind, Kind::kNew);  // the order's reports go out before the drop
  ASSERT_TRUE(waitUntil([&] { return !gateway_->loggedOn(); })) << "the gateway never saw the line drop";
  EXPECT_EQ(venue_.counters().fault_disconnects.load(), 1u);
  // QuickFIX's initiator reconnects on its own (ReconnectInterval) and the session resumes.
  ASSERT_TRUE(gateway_->waitLoggedOn(kWait + kWait));
  ASSERT_TRUE(gateway_->send(cancel(2, 1, Side::kBuy, "1")));
  EXPECT_EQ(nextExec().kind, Kind::kCanceled);  // the venue's book outlived the line
  // Once only: the second order did not drop it again; a drop on call does.
  EXPECT_TRUE(gateway_->loggedOn());
  venue_.injectFault(VenueFault::kDisconnect);
  ASSERT_TRUE(waitUntil([&] { return !gateway_->loggedOn(); }));
  EXPECT_EQ(venue_.counters().fault_disconnects.load(), 2u);
}

class DuplicatingVenueTest : public FixSessionTest {
 protected:
  DuplicatingVenueTest() : FixSessionTest(faulty([](VenueConfig& c) { c.duplicate_reports = 1; })) {}
};

TEST_F(DuplicatingVenueTest, sendsTheNextReportTwiceAndTheGatewayReceivesBoth) {
  ASSERT_TRUE(gateway_->send(limit(1, Side::kBuy, "100", "1")));
  ASSERT_TRUE(gateway_->send(limit(2, Side::kBuy, "100", "1")));
  EXPECT_EQ(nextExec().id, 1u);
  EXPECT_EQ(nextExec().id, 1u);  // the duplicate: same order, same ack
  EXPECT_EQ(nextExec().id, 2u);  // only the next one
  EXPECT_EQ(gateway_->counters().exec_received.load(), 3u);
  // The venue thread counts a report after handing it over: the gateway can see it first.
  EXPECT_TRUE(waitUntil([&] { return venue_.counters().reports_sent.load() == 3u; }));
  EXPECT_EQ(venue_.counters().fault_duplicates.load(), 1u);
}

class ReorderingVenueTest : public FixSessionTest {
 protected:
  ReorderingVenueTest() : FixSessionTest(faulty([](VenueConfig& c) { c.reorder_report_pairs = 1; })) {}
};

TEST_F(ReorderingVenueTest, swapsTheNextTwoReportsSoTheFillArrivesBeforeItsAck) {
  marketTrade("100", "1");
  ASSERT_TRUE(gateway_->send(limit(1, Side::kBuy, "100", "1")));  // marketable: New, then Fill
  ASSERT_TRUE(gateway_->send(limit(2, Side::kBuy, "90", "1")));   // rests: New, in its place
  EXPECT_EQ(nextExec().kind, Kind::kFill);
  EXPECT_EQ(nextExec().kind, Kind::kNew);
  const ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kNew);
  EXPECT_EQ(e.id, 2u);
  EXPECT_EQ(venue_.counters().fault_reorders.load(), 1u);
}

}  // namespace
}  // namespace bw::fix::testing
