// The order lifecycle's other messages on the wire (issue 6 item 1): replace (35=G),
// mass cancel (35=q -> 35=r), order status (35=H), and their answers decoded by the
// gateway and mapped for the reconciler.
#include <gtest/gtest.h>

#include <memory>

#include "FixSessionFixture.h"
#include "risk/OrderReport.h"
#include "risk/Reconciler.h"

namespace bw::fix::testing {
namespace {

using Kind = ExecEvent::Kind;
using LifecycleMessagesTest = FixSessionTest;

OrderRequest replaceOf(OrderId new_id, OrderId orig_id, const OrderRequest& order, const char* price,
                       const char* qty) {
  OrderRequest r = order;
  r.action = OrderRequest::Action::kReplace;
  r.id = new_id;
  r.orig_id = orig_id;
  r.limit = Price{dec(price)};
  r.qty = Qty{dec(qty)};
  return r;
}

TEST_F(LifecycleMessagesTest, replaceChangesPriceAndQuantityAndIsReportedAsReplaced) {
  const OrderRequest order = limit(1, Side::kBuy, "60000.10", "0.003");
  ASSERT_TRUE(gateway_->send(order));
  ASSERT_EQ(nextExec().kind, Kind::kNew);

  ASSERT_TRUE(gateway_->send(replaceOf(2, 1, order, "60000.20", "0.005")));
  const ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kReplaced);
  EXPECT_EQ(e.id, 1u);      // the order replaced
  EXPECT_EQ(e.new_id, 2u);  // lives on under the replace's ClOrdID
  EXPECT_EQ(e.order_qty.raw, 500'000);
  EXPECT_EQ(e.leaves_qty.raw, 500'000);
  EXPECT_EQ(e.ord_status, '0');
  EXPECT_EQ(gateway_->counters().sent_replace.load(), 1u);
  EXPECT_EQ(venue_.counters().replaces.load(), 1u);

  // The replacement rests at the new price: a trade there fills it under id 2.
  marketTrade("60000.20", "1");
  const ExecEvent fill = nextExec();
  EXPECT_EQ(fill.kind, Kind::kFill);
  EXPECT_EQ(fill.id, 2u);
  EXPECT_EQ(fill.last_px.raw, 6'000'020'000'000);
  EXPECT_EQ(fill.last_qty.raw, 500'000);
}

TEST_F(LifecycleMessagesTest, replaceOfUnknownOrderIsRejectedWithReplaceResponse) {
  const OrderRequest order = limit(1, Side::kBuy, "60000.10", "0.003");
  ASSERT_TRUE(gateway_->send(replaceOf(8, 7, order, "60000.20", "0.005")));
  const ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kReplaceRejected);
  EXPECT_EQ(e.id, 7u);
  EXPECT_EQ(e.new_id, 8u);
  EXPECT_STREQ(e.text, "unknown order");
}

TEST_F(LifecycleMessagesTest, replaceIsSquaredByTheReconciler) {
  const auto owned = std::make_unique<risk::Reconciler>();  // ~200 KiB: not on the stack
  risk::Reconciler& reconciler = *owned;
  const OrderRequest order = limit(1, Side::kBuy, "60000.10", "0.003");
  ASSERT_EQ(reconciler.onNewSent(1, order.symbol, order.side, order.qty), risk::TransitionError::kNone);
  ASSERT_TRUE(gateway_->send(order));
  EXPECT_EQ(reconciler.onReport(risk::fromExecEvent(nextExec())).desync, risk::DesyncKind::kNone);
  ASSERT_EQ(reconciler.onReplaceSent(1, 2, Qty{dec("0.005")}), risk::TransitionError::kNone);
  ASSERT_TRUE(gateway_->send(replaceOf(2, 1, order, "60000.10", "0.005")));
  const risk::ReconcileResult r = reconciler.onReport(risk::fromExecEvent(nextExec()));
  EXPECT_EQ(r.desync, risk::DesyncKind::kNone) << reconciler.lastDesync().text;
  EXPECT_EQ(r.transition, risk::TransitionError::kNone);
  ASSERT_NE(reconciler.find(1), nullptr);
  EXPECT_EQ(reconciler.find(1)->life.state(), risk::OrderState::kReplaced);
  ASSERT_NE(reconciler.find(2), nullptr);
  EXPECT_EQ(reconciler.find(2)->life.state(), risk::OrderState::kNew);

  // And a status request for the replacement agrees with our books.
  OrderRequest status = order;
  status.action = OrderRequest::Action::kStatus;
  status.id = 2;
  ASSERT_TRUE(gateway_->send(status));
  const ExecEvent s = nextExec();
  EXPECT_EQ(s.kind, Kind::kStatus);
  EXPECT_EQ(s.id, 2u);
  const risk::ReconcileResult rs = reconciler.onReport(risk::fromExecEvent(s));
  EXPECT_EQ(rs.desync, risk::DesyncKind::kNone) << reconciler.lastDesync().text;
  EXPECT_EQ(rs.transition, risk::TransitionError::kNone);
}

TEST_F(LifecycleMessagesTest, statusRequestReportsWorkingOrderAndUnknownOrder) {
  const OrderRequest order = limit(1, Side::kSell, "61000", "0.002");
  ASSERT_TRUE(gateway_->send(order));
  ASSERT_EQ(nextExec().kind, Kind::kNew);
  OrderRequest status = order;
  status.action = OrderRequest::Action::kStatus;
  ASSERT_TRUE(gateway_->send(status));
  ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kStatus);
  EXPECT_EQ(e.id, 1u);
  EXPECT_EQ(e.ord_status, '0');
  EXPECT_EQ(e.leaves_qty.raw, 200'000);
  EXPECT_EQ(e.side, Side::kSell);

  status.id = 99;
  ASSERT_TRUE(gateway_->send(status));
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kStatus);
  EXPECT_EQ(e.id, 99u);
  EXPECT_EQ(e.ord_status, '8');
  EXPECT_EQ(gateway_->counters().sent_status.load(), 2u);
  EXPECT_EQ(venue_.counters().status_reports.load(), 2u);
}

TEST_F(LifecycleMessagesTest, massCancelBySymbolCancelsEachOrderThenReports) {
  ASSERT_TRUE(gateway_->send(limit(1, Side::kBuy, "60000", "0.001")));
  ASSERT_TRUE(gateway_->send(limit(2, Side::kSell, "61000", "0.001")));
  ASSERT_TRUE(gateway_->send(limit(3, Side::kBuy, "3000", "0.01", "ETHUSDT")));
  for (int i = 0; i < 3; ++i) ASSERT_EQ(nextExec().kind, Kind::kNew);

  OrderRequest mass;
  mass.action = OrderRequest::Action::kMassCancel;
  mass.id = 10;
  mass.symbol = gateway_instruments_.find("BTCUSDT");
  ASSERT_TRUE(gateway_->send(mass));
  ExecEvent e = nextExec();
  EXPECT_EQ(e.kind, Kind::kCanceled);
  EXPECT_EQ(e.id, 1u);
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kCanceled);
  EXPECT_EQ(e.id, 2u);
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kMassCancelReport);
  EXPECT_EQ(e.id, 10u);
  EXPECT_EQ(e.mass_response, '1');
  EXPECT_EQ(e.affected, 2u);
  EXPECT_FALSE(execConcernsOneOrder(e.kind));

  mass.id = 11;
  mass.symbol = kNoSymbol;  // all the rest
  ASSERT_TRUE(gateway_->send(mass));
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kCanceled);
  EXPECT_EQ(e.id, 3u);
  e = nextExec();
  EXPECT_EQ(e.kind, Kind::kMassCancelReport);
  EXPECT_EQ(e.mass_response, '7');
  EXPECT_EQ(e.affected, 1u);
  EXPECT_EQ(gateway_->counters().sent_mass_cancel.load(), 2u);
  EXPECT_EQ(gateway_->counters().exec_malformed.load(), 0u);
}

}  // namespace
}  // namespace bw::fix::testing
