#include "fix/OrderGateway.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "FixSessionFixture.h"

namespace bw::fix::testing {
namespace {

using Kind = ExecEvent::Kind;

using OrderGatewayTest = FixSessionTest;

TEST_F(OrderGatewayTest, restingBuyIsAckedThenFilledPartlyThenFullyAtItsLimit) {
  marketTrade("60010.00", "0.5");
  ASSERT_TRUE(gateway_->send(limit(1, Side::kBuy, "60000.10", "0.003")));
  ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kNew);
  EXPECT_EQ(e.id, 1u);
  EXPECT_EQ(e.symbol, gateway_instruments_.find("BTCUSDT"));
  EXPECT_EQ(e.side, Side::kBuy);
  EXPECT_EQ(e.leaves_qty.raw, 300'000);
  EXPECT_EQ(e.cum_qty.raw, 0);
  EXPECT_NE(e.recv_tsc, 0u);

  marketTrade("60000.11", "5");  // one cent above the limit: must not fill
  EXPECT_EQ(venue_.counters().fills.load() + venue_.counters().partial_fills.load(), 0u);

  marketTrade("59999.99", "0.001");
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kPartialFill);
  EXPECT_EQ(e.id, 1u);
  EXPECT_EQ(e.last_px.raw, 6'000'010'000'000);  // 60000.10 exactly, at the limit
  EXPECT_EQ(e.last_qty.raw, 100'000);
  EXPECT_EQ(e.cum_qty.raw, 100'000);
  EXPECT_EQ(e.leaves_qty.raw, 200'000);

  marketTrade("60000.00", "0.25");
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kFill);
  EXPECT_EQ(e.id, 1u);
  EXPECT_EQ(e.last_px.raw, 6'000'010'000'000);
  EXPECT_EQ(e.last_qty.raw, 200'000);
  EXPECT_EQ(e.cum_qty.raw, 300'000);
  EXPECT_EQ(e.leaves_qty.raw, 0);

  EXPECT_EQ(gateway_->counters().sent_new.load(), 1u);
  EXPECT_EQ(gateway_->counters().exec_received.load(), 3u);
  EXPECT_EQ(gateway_->counters().exec_malformed.load(), 0u);
  EXPECT_EQ(venue_.counters().acks.load(), 1u);
  EXPECT_EQ(venue_.counters().partial_fills.load(), 1u);
  EXPECT_EQ(venue_.counters().fills.load(), 1u);
}

TEST_F(OrderGatewayTest, marketableOrderFillsAtOnceAtLastTradePrice) {
  marketTrade("61000.00", "0.00001");
  ASSERT_TRUE(gateway_->send(limit(7, Side::kBuy, "61005.50", "0.002")));
  EXPECT_EQ(nextExec().kind, Kind::kNew);
  ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kFill);
  EXPECT_EQ(e.id, 7u);
  EXPECT_EQ(e.last_px.raw, 6'100'000'000'000);  // the last trade, not our limit
  EXPECT_EQ(e.last_qty.raw, 200'000);
  EXPECT_EQ(e.leaves_qty.raw, 0);

  ASSERT_TRUE(gateway_->send(limit(8, Side::kSell, "60990.00", "0.5")));
  EXPECT_EQ(nextExec().kind, Kind::kNew);
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kFill);
  EXPECT_EQ(e.id, 8u);
  EXPECT_EQ(e.side, Side::kSell);
  EXPECT_EQ(e.last_px.raw, 6'100'000'000'000);
  EXPECT_EQ(e.last_qty.raw, 50'000'000);
}

TEST_F(OrderGatewayTest, cancelOfRestingOrderYieldsCanceledForThatOrder) {
  ASSERT_TRUE(gateway_->send(limit(21, Side::kSell, "70000", "0.01")));
  ASSERT_EQ(nextExec().kind, Kind::kNew);
  ASSERT_TRUE(gateway_->send(cancel(22, 21, Side::kSell, "0.01")));
  const ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kCanceled);
  EXPECT_EQ(e.id, 21u);  // the canceled order, not the cancel request
  EXPECT_EQ(e.leaves_qty.raw, 0);
  EXPECT_EQ(gateway_->counters().sent_cancel.load(), 1u);
  EXPECT_EQ(venue_.counters().cancels.load(), 1u);

  // The order is gone: a trade through its price fills nothing.
  marketTrade("70001", "1");
  EXPECT_EQ(venue_.counters().fills.load(), 0u);
}

TEST_F(OrderGatewayTest, cancelOfUnknownOrderYieldsCancelRejected) {
  ASSERT_TRUE(gateway_->send(cancel(31, 999, Side::kBuy, "0.01")));
  const ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kCancelRejected);
  EXPECT_EQ(e.id, 999u);
  EXPECT_STREQ(e.text, "unknown order");
  EXPECT_EQ(venue_.counters().cancel_rejects.load(), 1u);
}

TEST_F(OrderGatewayTest, orderForSymbolUnknownToVenueIsRejectedWithText) {
  ASSERT_TRUE(gateway_->send(limit(41, Side::kBuy, "0.10", "100", "DOGEUSDT")));
  const ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kRejected);
  EXPECT_EQ(e.id, 41u);
  EXPECT_EQ(e.symbol, gateway_instruments_.find("DOGEUSDT"));
  EXPECT_STREQ(e.text, "unknown symbol");
  EXPECT_EQ(venue_.counters().rejects.load(), 1u);
}

TEST_F(OrderGatewayTest, zeroQuantityOrderIsRejectedWithText) {
  ASSERT_TRUE(gateway_->send(limit(51, Side::kSell, "60000", "0")));
  const ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kRejected);
  EXPECT_EQ(e.id, 51u);
  EXPECT_EQ(e.side, Side::kSell);
  EXPECT_STREQ(e.text, "quantity must be positive");
}

TEST_F(OrderGatewayTest, countsRefusedSendsAndSendsNothingAfterStop) {
  OrderRequest bad = limit(61, Side::kBuy, "1", "1");
  bad.symbol = kNoSymbol;
  EXPECT_FALSE(gateway_->send(bad));
  EXPECT_EQ(gateway_->counters().send_failures.load(), 1u);

  gateway_->stop();
  EXPECT_FALSE(gateway_->loggedOn());
  EXPECT_TRUE(waitUntil([&] { return !venue_.counters().logged_on.load(); })) << "venue saw no logout";
  EXPECT_FALSE(gateway_->send(limit(62, Side::kBuy, "1", "1")));
  EXPECT_EQ(gateway_->counters().send_failures.load(), 2u);
  EXPECT_EQ(gateway_->counters().sent_new.load(), 0u);
  gateway_->stop();  // twice is fine
  EXPECT_EQ(venue_.counters().orders_received.load(), 0u);
}

TEST(OrderGatewayStandaloneTest, sendBeforeLogonReturnsFalseAndCounts) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  FixEndpoint endpoint;
  endpoint.port = 1;  // nothing listens on tcpmux; the session never logs on
  OrderGateway gateway(endpoint, instruments);
  OrderRequest r;
  r.id = 1;
  r.symbol = instruments.find("BTCUSDT");
  r.limit = Price{100 * kScale};
  r.qty = Qty{kScale};
  EXPECT_FALSE(gateway.send(r));  // not even started
  gateway.start();
  EXPECT_FALSE(gateway.waitLoggedOn(std::chrono::milliseconds(50)));
  EXPECT_FALSE(gateway.send(r));
  EXPECT_EQ(gateway.counters().send_failures.load(), 2u);
  EXPECT_EQ(gateway.counters().sent_new.load(), 0u);
  ExecEvent e;
  EXPECT_FALSE(gateway.pollExec(e));
  gateway.stop();
}

TEST(OrderGatewayStandaloneTest, refusesSecondSessionWithSameCompIdsInOneProcess) {
  // QuickFIX 1.15 would accept it and crash later: its session table is process-wide.
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  FixEndpoint endpoint;
  endpoint.port = 1;
  OrderGateway first(endpoint, instruments);
  first.start();
  {
    OrderGateway second(endpoint, instruments);
    try {
      second.start();
      FAIL() << "two sessions BREAKWATER->VENUESIM in one process";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("already active"), std::string::npos) << e.what();
    }
  }
  first.stop();
  OrderGateway third(endpoint, instruments);  // the id is free again once stopped
  EXPECT_NO_THROW(third.start());
}

TEST(OrderGatewayStandaloneTest, writesQuickFixLogUnderWorkDirOnlyWhenAsked) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(::testing::TempDir()) / ("bw_fix_log_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  VenueConfig venue_config;
  venue_config.work_dir = (dir / "venue").string();  // file_log off: nothing written
  VenueSimulator venue(venue_config, instruments);
  venue.start();
  FixEndpoint endpoint;
  endpoint.port = venue.port();
  endpoint.work_dir = (dir / "gateway").string();
  endpoint.file_log = true;
  OrderGateway gateway(endpoint, instruments);
  gateway.start();
  ASSERT_TRUE(gateway.waitLoggedOn(kWait));
  gateway.stop();
  venue.stop();

  EXPECT_FALSE(fs::exists(dir / "venue"));
  std::ifstream log(dir / "gateway" / "FIX.4.4-BREAKWATER-VENUESIM.messages.current.log");
  ASSERT_TRUE(log.good());
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_NE(text.str().find("35=A"), std::string::npos);  // logon
  EXPECT_NE(text.str().find("35=5"), std::string::npos);  // logout: the stop was clean
  fs::remove_all(dir);
}

/// The venue fault the kill-during-replay test relies on: each new order is held
/// ack_delay_ms before the venue takes it, so nothing about it (ack or fill) comes back
/// sooner, and a cancel sent meanwhile is answered after it, in order.
class SlowVenueTest : public FixSessionTest {
 protected:
  static constexpr std::int64_t kDelayMs = 300;
  static VenueConfig slow() {
    VenueConfig c;
    c.ack_delay_ms = kDelayMs;
    return c;
  }
  SlowVenueTest() : FixSessionTest(slow()) {}
};

TEST_F(SlowVenueTest, holdsEachNewOrderForTheDelayThenTakesCancelsInOrder) {
  const auto sent_at = std::chrono::steady_clock::now();
  ASSERT_TRUE(gateway_->send(limit(41, Side::kSell, "70000", "0.01")));
  ASSERT_TRUE(gateway_->send(cancel(42, 41, Side::kSell, "0.01")));
  ExecEvent e = nextExec();
  const auto waited = std::chrono::steady_clock::now() - sent_at;
  EXPECT_EQ(e.kind, Kind::kNew);
  EXPECT_EQ(e.id, 41u);
  EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count(), kDelayMs);
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kCanceled);  // the cancel waited behind the held order
  EXPECT_EQ(e.id, 41u);
  EXPECT_EQ(venue_.counters().acks.load(), 1u);
  EXPECT_EQ(venue_.counters().cancels.load(), 1u);
}

}  // namespace
}  // namespace bw::fix::testing
