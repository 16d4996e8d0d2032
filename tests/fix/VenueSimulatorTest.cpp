#include "fix/VenueSimulator.h"

#include <gtest/gtest.h>

#include <thread>

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
  // The queue holds at least its capacity and less than twice it (core/SpscQueue.h).
  for (std::size_t i = 0; i < 2 * VenueSimulator::kTradeQueueCapacity + 100; ++i) venue.onMarketTrade(t);
  EXPECT_GE(venue.counters().trade_queue_full.load(), 100u);
}

TEST(VenueSimulatorTest, queuesOnlyTradesAsTradesAndOnlyTopOfBookAsQuotes) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  VenueSimulator venue(VenueConfig{}, instruments);  // not started: nobody drains
  Tick q;
  q.kind = TickKind::kQuote;
  Tick depth;
  depth.kind = TickKind::kDepth;  // not synced: not the top of book
  Tick trade;
  for (std::size_t i = 0; i < VenueSimulator::kTradeQueueCapacity + 100; ++i) {
    venue.onMarketTrade(q);
    venue.onMarketQuote(trade);
    venue.onMarketQuote(depth);
  }
  EXPECT_EQ(venue.counters().trade_queue_full.load(), 0u);
  EXPECT_EQ(venue.counters().quote_queue_full.load(), 0u);
  for (std::size_t i = 0; i < 2 * VenueSimulator::kTradeQueueCapacity + 100; ++i) venue.onMarketQuote(q);
  EXPECT_GE(venue.counters().quote_queue_full.load(), 100u);
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

TEST_F(VenueSessionTest, fillsAgainstTheReplayedQuoteAndQueuesBehindTheBid) {
  marketQuote("100", "2", "101", "0.75");
  ASSERT_TRUE(gateway_->send(limit(1, Side::kBuy, "102", "0.5")));  // takes 0.5 of the ask at 101
  ASSERT_TRUE(gateway_->send(limit(2, Side::kBuy, "100", "1")));  // joins behind 2 at the bid
  ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, ExecEvent::Kind::kNew);
  e = nextExec();
  EXPECT_EQ(e.kind, ExecEvent::Kind::kFill);
  EXPECT_EQ(e.id, 1u);
  EXPECT_EQ(e.last_px.raw, dec("101"));
  EXPECT_EQ(e.last_qty.raw, dec("0.5"));
  EXPECT_EQ(nextExec().kind, ExecEvent::Kind::kNew);
  marketTrade("100", "2.25");  // 2 to the queue ahead, 0.25 to order 2
  e = nextExec();
  EXPECT_EQ(e.kind, ExecEvent::Kind::kPartialFill);
  EXPECT_EQ(e.id, 2u);
  EXPECT_EQ(e.last_qty.raw, dec("0.25"));
  EXPECT_EQ(venue_.counters().market_quotes.load(), 1u);
}

TEST_F(VenueSessionTest, logsTheGatewayOutWhenStopped) {
  // Stopped from another thread: this one is the gateway's order thread, which must read
  // the venue's Logout and answer it (the fast send path's session runs only when polled).
  std::thread stopping([this] { venue_.stop(); });
  EXPECT_TRUE(waitUntil([&] { return !gateway_->loggedOn(); })) << "gateway still logged on";
  stopping.join();
  EXPECT_FALSE(gateway_->send(limit(1, Side::kBuy, "10", "1")));
}

}  // namespace
}  // namespace bw::fix::testing
