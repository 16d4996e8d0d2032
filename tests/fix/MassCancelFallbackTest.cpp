// Mass cancel against a venue without OrderMassCancelRequest (issue 6 item 1): with
// [fix] mass_cancel = false the gateway sends one OrderCancelRequest per order it knows
// to be working; with it left true such a venue refuses the 35=q with a 35=j, which the
// gateway reports as a refused mass cancel.
#include <gtest/gtest.h>

#include "FixSessionFixture.h"

namespace bw::fix::testing {
namespace {

using Kind = ExecEvent::Kind;

VenueConfig venueWithoutMassCancel() {
  VenueConfig c;
  c.mass_cancel = false;
  return c;
}

FixEndpoint gatewayCancellingPerOrder() {
  FixEndpoint e;
  e.mass_cancel = false;
  return e;
}

OrderRequest massCancel(OrderId id, SymbolId symbol) {
  OrderRequest r;
  r.action = OrderRequest::Action::kMassCancel;
  r.id = id;
  r.symbol = symbol;
  return r;
}

class MassCancelFallbackTest : public FixSessionTest {
 protected:
  MassCancelFallbackTest() : FixSessionTest(venueWithoutMassCancel(), gatewayCancellingPerOrder()) {}
};

TEST_F(MassCancelFallbackTest, cancelsEachWorkingOrderOfTheSymbolOneByOne) {
  ASSERT_TRUE(gateway_->send(limit(1, Side::kBuy, "60000", "0.001")));
  ASSERT_TRUE(gateway_->send(limit(2, Side::kSell, "61000", "0.001")));
  ASSERT_TRUE(gateway_->send(limit(3, Side::kBuy, "60500", "0.001")));
  ASSERT_TRUE(gateway_->send(limit(4, Side::kBuy, "3000", "0.01", "ETHUSDT")));
  for (int i = 0; i < 4; ++i) ASSERT_EQ(nextExec().kind, Kind::kNew);
  marketTrade("60400", "1");  // fills order 3 (a buy at 60500): it is no longer working
  ASSERT_EQ(nextExec().kind, Kind::kFill);

  ASSERT_TRUE(gateway_->send(massCancel(10, gateway_instruments_.find("BTCUSDT"))));
  ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kCanceled);
  EXPECT_EQ(e.id, 1u);
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kCanceled);
  EXPECT_EQ(e.id, 2u);
  const OrderGatewayCounters& c = gateway_->counters();
  EXPECT_EQ(c.mass_cancel_fallbacks.load(), 1u);
  EXPECT_EQ(c.fallback_cancels.load(), 2u);
  EXPECT_EQ(c.sent_mass_cancel.load(), 0u);
  EXPECT_EQ(venue_.counters().cancel_requests.load(), 2u);  // not 3: the filled order was left out
  EXPECT_EQ(venue_.counters().cancels.load(), 2u);
  EXPECT_EQ(venue_.counters().cancel_rejects.load(), 0u);
  EXPECT_EQ(venue_.counters().unsupported_messages.load(), 0u);  // no 35=q went out

  ASSERT_TRUE(gateway_->send(massCancel(11, kNoSymbol)));  // all: only ETH is left
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kCanceled);
  EXPECT_EQ(e.id, 4u);
  EXPECT_EQ(c.fallback_cancels.load(), 3u);
  EXPECT_EQ(c.open_untracked.load(), 0u);
}

TEST_F(MassCancelFallbackTest, followsAReplaceToTheNewClOrdId) {
  OrderRequest order = limit(1, Side::kBuy, "60000", "0.001");
  ASSERT_TRUE(gateway_->send(order));
  ASSERT_EQ(nextExec().kind, Kind::kNew);
  order.action = OrderRequest::Action::kReplace;
  order.orig_id = 1;
  order.id = 2;
  order.qty = Qty{dec("0.002")};
  ASSERT_TRUE(gateway_->send(order));
  ASSERT_EQ(nextExec().kind, Kind::kReplaced);
  ASSERT_TRUE(gateway_->send(massCancel(10, kNoSymbol)));
  const ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kCanceled);
  EXPECT_EQ(e.id, 2u);  // the order under its new ClOrdID, not a cancel reject for 1
}

/// The gateway believes the venue takes 35=q; the venue does not.
class VenueWithoutMassCancelTest : public FixSessionTest {
 protected:
  VenueWithoutMassCancelTest() : FixSessionTest(venueWithoutMassCancel()) {}
};

TEST_F(VenueWithoutMassCancelTest, refusesMassCancelWithBusinessRejectReadAsRefusedReport) {
  ASSERT_TRUE(gateway_->send(limit(1, Side::kBuy, "60000", "0.001")));
  ASSERT_EQ(nextExec().kind, Kind::kNew);
  ASSERT_TRUE(gateway_->send(massCancel(10, kNoSymbol)));
  const ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kMassCancelReport);
  EXPECT_EQ(e.id, 10u);
  EXPECT_EQ(e.mass_response, '0');
  EXPECT_EQ(venue_.counters().unsupported_messages.load(), 1u);
  EXPECT_EQ(venue_.counters().cancels.load(), 0u);  // the order still works
}

}  // namespace
}  // namespace bw::fix::testing
