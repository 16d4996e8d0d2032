// The same lifecycle over FIX 4.2 (issue 6 item 1: 4.2 and 4.4 by config): both ends
// speak 4.2, the venue sends 4.2's report shapes (ExecTransType, fills as ExecType 1/2,
// status as ExecTransType 3), and the gateway reads them into the same events. 4.2 has
// no mass cancel message, so a mass cancel goes as per-order cancels.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "FixSessionFixture.h"

namespace bw::fix::testing {
namespace {

using Kind = ExecEvent::Kind;

std::string logDir() {
  return (std::filesystem::path(::testing::TempDir()) / ("bw_fix42_" + std::to_string(::getpid()))).string();
}

VenueConfig venue42() {
  VenueConfig c;
  c.begin_string = "FIX.4.2";
  return c;
}

FixEndpoint gateway42() {
  FixEndpoint e;
  e.begin_string = "FIX.4.2";
  e.work_dir = logDir();
  e.file_log = true;  // to read what went over the wire
  return e;
}

class Fix42SessionTest : public FixSessionTest {
 protected:
  Fix42SessionTest() : FixSessionTest(venue42(), gateway42()) { std::filesystem::remove_all(logDir()); }
  ~Fix42SessionTest() override { std::filesystem::remove_all(logDir()); }

  std::string wireLog() const {
    std::ifstream log(std::filesystem::path(logDir()) / "FIX.4.2-BREAKWATER-VENUESIM.messages.current.log");
    std::stringstream text;
    text << log.rdbuf();
    return text.str();
  }
};

TEST_F(Fix42SessionTest, ordersFillsCancelsStatusAndMassCancelOverFix42) {
  ASSERT_TRUE(gateway_->send(limit(1, Side::kBuy, "60000.10", "0.003")));
  EXPECT_EQ(nextExec().kind, Kind::kNew);
  marketTrade("59999.99", "0.001");
  ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kPartialFill);
  EXPECT_EQ(e.last_qty.raw, 100'000);
  marketTrade("59999.99", "1");
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kFill);
  EXPECT_EQ(e.cum_qty.raw, 300'000);

  OrderRequest order = limit(2, Side::kSell, "61000", "0.002");
  ASSERT_TRUE(gateway_->send(order));
  EXPECT_EQ(nextExec().kind, Kind::kNew);
  order.action = OrderRequest::Action::kStatus;
  ASSERT_TRUE(gateway_->send(order));
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kStatus);
  EXPECT_EQ(e.id, 2u);
  EXPECT_EQ(e.ord_status, '0');

  ASSERT_TRUE(gateway_->send(limit(3, Side::kSell, "61500", "0.002")));
  EXPECT_EQ(nextExec().kind, Kind::kNew);
  ASSERT_TRUE(gateway_->send(cancel(4, 3, Side::kSell, "0.002")));
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kCanceled);
  EXPECT_EQ(e.id, 3u);

  OrderRequest mass;
  mass.action = OrderRequest::Action::kMassCancel;
  mass.id = 10;
  ASSERT_TRUE(gateway_->send(mass));
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kCanceled);
  EXPECT_EQ(e.id, 2u);
  EXPECT_EQ(gateway_->counters().mass_cancel_fallbacks.load(), 1u);
  EXPECT_EQ(gateway_->counters().sent_mass_cancel.load(), 0u);
  EXPECT_EQ(gateway_->counters().exec_malformed.load(), 0u);

  const std::string wire = wireLog();
  EXPECT_NE(wire.find("8=FIX.4.2\x01"), std::string::npos);
  EXPECT_EQ(wire.find("8=FIX.4.4"), std::string::npos);
  EXPECT_NE(wire.find("\x01" "21=1\x01"), std::string::npos);   // HandlInst on our orders
  EXPECT_NE(wire.find("\x01" "20=0\x01"), std::string::npos);   // ExecTransType on reports
  EXPECT_NE(wire.find("\x01" "20=3\x01"), std::string::npos);   // the status answer
  EXPECT_NE(wire.find("\x01" "150=1\x01"), std::string::npos);  // a 4.2 partial fill
  EXPECT_NE(wire.find("\x01" "150=2\x01"), std::string::npos);  // a 4.2 fill
  EXPECT_EQ(wire.find("\x01" "150=F\x01"), std::string::npos);
  EXPECT_EQ(wire.find("\x01" "35=q\x01"), std::string::npos);
}

TEST(Fix42EndpointTest, refusesAnUnknownBeginString) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  FixEndpoint endpoint;
  endpoint.begin_string = "FIX.5.0";
  OrderGateway gateway(endpoint, instruments);
  EXPECT_THROW(gateway.start(), std::runtime_error);
}

}  // namespace
}  // namespace bw::fix::testing
