#include "fix/VenueSimulator.h"

#include <gtest/gtest.h>

#include <string>

#include "FixSessionFixture.h"

namespace bw::fix::testing {
namespace {

TEST(VenueSimulatorTest, picksDistinctFreePortsForTwoVenues) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  VenueConfig a_config;
  VenueConfig b_config;
  b_config.sender_comp_id = "VENUESIM2";  // QuickFIX session ids are process-wide
  VenueSimulator a(a_config, instruments);
  VenueSimulator b(b_config, instruments);
  EXPECT_EQ(a.port(), 0);
  a.start();
  b.start();
  EXPECT_NE(a.port(), 0);
  EXPECT_NE(b.port(), 0);
  EXPECT_NE(a.port(), b.port());
  b.stop();
  a.stop();
  a.stop();  // twice is fine
}

TEST(VenueSimulatorTest, refusesFixedPortThatIsTakenNamingIt) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  VenueSimulator first(VenueConfig{}, instruments);
  first.start();
  VenueConfig second_config;
  second_config.port = first.port();
  second_config.sender_comp_id = "VENUESIM2";
  VenueSimulator second(second_config, instruments);
  try {
    second.start();
    FAIL() << "two venues listened on port " << first.port();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(std::to_string(first.port())), std::string::npos) << e.what();
  }
}

TEST(VenueSimulatorTest, countsTradeQueueOverflowInsteadOfBlocking) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  VenueSimulator venue(VenueConfig{}, instruments);  // not started: nobody drains
  Tick t;
  t.kind = TickKind::kTrade;
  t.symbol = instruments.find("BTCUSDT");
  t.price = Price{100 * kScale};
  t.qty = Qty{kScale};
  for (std::size_t i = 0; i < VenueSimulator::kTradeQueueCapacity + 100; ++i) venue.onMarketTrade(t);
  EXPECT_GE(venue.counters().trade_queue_full.load(), 100u);
}

TEST(VenueSimulatorTest, ignoresTicksThatAreNotTrades) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  VenueSimulator venue(VenueConfig{}, instruments);
  Tick q;
  q.kind = TickKind::kQuote;
  for (std::size_t i = 0; i < VenueSimulator::kTradeQueueCapacity + 100; ++i) venue.onMarketTrade(q);
  EXPECT_EQ(venue.counters().trade_queue_full.load(), 0u);
}

using VenueSessionTest = FixSessionTest;

TEST_F(VenueSessionTest, seesTheGatewayLogOnAndCountsEachOutcome) {
  EXPECT_TRUE(waitUntil([&] { return venue_.counters().logged_on.load(); }));
  marketTrade("100", "1", "ETHUSDT");
  OrderRequest eth = limit(1, Side::kSell, "99", "0.5", "ETHUSDT");  // marketable sell
  ASSERT_TRUE(gateway_->send(eth));
  ASSERT_TRUE(gateway_->send(limit(2, Side::kBuy, "10", "1")));   // rests
  ASSERT_TRUE(gateway_->send(limit(3, Side::kBuy, "10", "-1")));  // rejected
  ASSERT_TRUE(gateway_->send(cancel(4, 2, Side::kBuy, "1")));
  ASSERT_TRUE(gateway_->send(cancel(5, 2, Side::kBuy, "1")));  // already canceled
  std::string kinds;
  for (int i = 0; i < 6; ++i) kinds += std::string(execKindName(nextExec().kind)) + " ";
  EXPECT_EQ(kinds, "NEW FILL NEW REJECTED CANCELED CANCEL_REJECTED ");
  const VenueCounters& c = venue_.counters();
  EXPECT_EQ(c.orders_received.load(), 3u);
  EXPECT_EQ(c.cancel_requests.load(), 2u);
  EXPECT_EQ(c.acks.load(), 2u);
  EXPECT_EQ(c.fills.load(), 1u);
  EXPECT_EQ(c.rejects.load(), 1u);
  EXPECT_EQ(c.cancels.load(), 1u);
  EXPECT_EQ(c.cancel_rejects.load(), 1u);
  EXPECT_EQ(c.send_failures.load(), 0u);
  EXPECT_EQ(c.order_queue_full.load(), 0u);
}

TEST_F(VenueSessionTest, logsTheGatewayOutWhenStopped) {
  venue_.stop();
  EXPECT_TRUE(waitUntil([&] { return !gateway_->loggedOn(); })) << "gateway still logged on";
  EXPECT_FALSE(gateway_->send(limit(1, Side::kBuy, "10", "1")));
}

}  // namespace
}  // namespace bw::fix::testing
