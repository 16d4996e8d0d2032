// VenueLockstep's bookkeeping, on one thread: what keeps the engine waiting, and that a
// wait given up does not make every later tick wait for the same lost message. The
// venue and gateway are constructed but never started, so their counters stay at zero
// and only the engine- and order-thread-side counts move.

#include "pipeline/VenueLockstep.h"

#include <gtest/gtest.h>

#include "core/InstrumentTable.h"
#include "fix/OrderGateway.h"
#include "fix/VenueSimulator.h"

namespace bw::pipeline {
namespace {

class VenueLockstepTest : public ::testing::Test {
 protected:
  InstrumentTable instruments_ = InstrumentTable::withDefaults();
  fix::VenueSimulator venue_{fix::VenueConfig{}, instruments_};
  fix::OrderGateway gateway_{fix::FixEndpoint{}, instruments_};
  VenueLockstep lockstep_{venue_, gateway_, 1'000'000};
};

TEST_F(VenueLockstepTest, settledWhenNothingWasHandedOver) {
  EXPECT_TRUE(lockstep_.requestsHandedOff());
  EXPECT_TRUE(lockstep_.settled(false));
  EXPECT_TRUE(lockstep_.settled(true));
  EXPECT_EQ(lockstep_.timeoutNs(), 1'000'000);
}

TEST_F(VenueLockstepTest, waitsUntilTheOrderThreadHasHandledEveryRequest) {
  lockstep_.noteRequestQueued();
  lockstep_.noteRequestQueued();
  EXPECT_FALSE(lockstep_.requestsHandedOff());
  EXPECT_FALSE(lockstep_.settled(false));
  lockstep_.noteRequestHandled();
  EXPECT_FALSE(lockstep_.settled(false));
  lockstep_.noteRequestHandled();  // refused ones: nothing went on the wire, nothing to answer
  EXPECT_TRUE(lockstep_.requestsHandedOff());
  EXPECT_TRUE(lockstep_.settled(false));
}

TEST_F(VenueLockstepTest, waitsForTheVenueToMatchTradesOnlyWhileOrdersRest) {
  lockstep_.noteTradeHanded();
  EXPECT_TRUE(lockstep_.settled(false)) << "no order working: a trade cannot make a report";
  EXPECT_FALSE(lockstep_.settled(true)) << "the venue has not matched the trade";
}

TEST_F(VenueLockstepTest, givingUpWritesOffWhatIsMissingNowButNotWhatComesLater) {
  lockstep_.noteTradeHanded();
  lockstep_.noteRequestQueued();
  ASSERT_FALSE(lockstep_.settled(true));
  lockstep_.giveUp();
  EXPECT_TRUE(lockstep_.settled(true));
  // The next tick waits for its own trade and request again.
  lockstep_.noteTradeHanded();
  EXPECT_FALSE(lockstep_.settled(true));
  lockstep_.giveUp();
  lockstep_.noteRequestQueued();
  EXPECT_FALSE(lockstep_.settled(false));
}

TEST_F(VenueLockstepTest, relaysSendRecordsInOrder) {
  JournalEvent a;
  a.order_id = 7;
  JournalEvent b;
  b.order_id = 8;
  ASSERT_TRUE(lockstep_.relaySendRecord(a));
  ASSERT_TRUE(lockstep_.relaySendRecord(b));
  JournalEvent out;
  ASSERT_TRUE(lockstep_.takeSendRecord(out));
  EXPECT_EQ(out.order_id, 7u);
  ASSERT_TRUE(lockstep_.takeSendRecord(out));
  EXPECT_EQ(out.order_id, 8u);
  EXPECT_FALSE(lockstep_.takeSendRecord(out));
}

}  // namespace
}  // namespace bw::pipeline
