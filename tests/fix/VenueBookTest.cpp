#include "fix/VenueBook.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "WireTestSupport.h"
#include "core/Decimal.h"
#include "fix/WireConvert.h"

namespace bw::fix {
namespace {

using test::dec;
using test::set;

WireOrder limitOrder(const char* id, char side, const char* price, const char* qty, const char* symbol = "BTCUSDT") {
  WireOrder w;
  w.msg_type = 'D';
  w.side = side;
  w.ord_type = '2';
  w.tif = '0';
  set(w.cl_ord_id, id);
  set(w.symbol, symbol);
  set(w.price, price);
  set(w.order_qty, qty);
  return w;
}

WireOrder cancelOf(const char* id, const char* orig) {
  WireOrder w;
  w.msg_type = 'F';
  w.side = '1';
  set(w.cl_ord_id, id);
  set(w.orig_cl_ord_id, orig);
  set(w.symbol, "BTCUSDT");
  return w;
}

class VenueBookTest : public ::testing::Test {
 protected:
  VenueBookTest() { out_.reserve(VenueBook::kMaxReportsPerCall); }

  std::vector<VenueReport>& order(const WireOrder& w) {
    out_.clear();
    book_.onOrder(w, out_);
    return out_;
  }
  std::vector<VenueReport>& trade(const char* price, const char* qty, const char* symbol = "BTCUSDT") {
    Tick t;
    t.kind = TickKind::kTrade;
    t.symbol = instruments_.find(symbol);
    t.price = Price{dec(price)};
    t.qty = Qty{dec(qty)};
    out_.clear();
    book_.onTrade(t, out_);
    return out_;
  }
  std::string rejectReason(const WireOrder& w) {
    const auto& r = order(w);
    EXPECT_EQ(r.size(), 1u);
    if (r.empty()) return "";
    EXPECT_EQ(r[0].kind, VenueReport::Kind::kRejected);
    return r[0].text;
  }

  InstrumentTable instruments_ = InstrumentTable::withDefaults();
  VenueBook book_{instruments_};
  std::vector<VenueReport> out_;
};

TEST_F(VenueBookTest, rejectsEachInvalidOrderWithItsReason) {
  WireOrder w = limitOrder("1", '1', "100", "1");
  w.ord_type = '1';
  EXPECT_EQ(rejectReason(w), "only limit orders (OrdType=2)");
  EXPECT_EQ(rejectReason(limitOrder("1", '1', "100", "1", "DOGEUSDT")), "unknown symbol");
  EXPECT_EQ(rejectReason(limitOrder("1", '1', "0", "1")), "price must be positive");
  EXPECT_EQ(rejectReason(limitOrder("1", '1', "-5", "1")), "price must be positive");
  EXPECT_EQ(rejectReason(limitOrder("1", '1', "1e5", "1")), "bad price");
  EXPECT_EQ(rejectReason(limitOrder("1", '1', "100", "0")), "quantity must be positive");
  EXPECT_EQ(rejectReason(limitOrder("1", '1', "100", "")), "bad quantity");
  EXPECT_EQ(rejectReason(limitOrder("1", '1', "100.001", "1")), "price not on tick size");
  EXPECT_EQ(rejectReason(limitOrder("1", '1', "100", "0.000001")), "quantity not on lot size");
  EXPECT_EQ(rejectReason(limitOrder("1", '3', "100", "1")), "bad side");
  EXPECT_EQ(rejectReason(limitOrder("", '1', "100", "1")), "missing ClOrdID");
  w = limitOrder("1", '1', "100", "1");
  w.tif = '6';
  EXPECT_EQ(rejectReason(w), "unsupported TimeInForce");
  w = limitOrder("1", '1', "100", "1");
  w.overlong = true;
  EXPECT_EQ(rejectReason(w), "field too long");
  EXPECT_EQ(book_.resting(), 0u);
}

TEST_F(VenueBookTest, echoesClOrdIdSymbolAndSideOnReject) {
  const auto& r = order(limitOrder("77", '2', "100", "0", "ETHUSDT"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_STREQ(r[0].cl_ord_id, "77");
  EXPECT_STREQ(r[0].symbol_text, "ETHUSDT");
  EXPECT_EQ(r[0].side, '2');
  EXPECT_EQ(r[0].order_id, 0u);
}

TEST_F(VenueBookTest, restsBuyBelowLastTradeAndFillsAtLimitOnLaterPrints) {
  trade("100.00", "1");
  auto& acked = order(limitOrder("1", '1', "99.50", "0.3"));
  ASSERT_EQ(acked.size(), 1u);
  EXPECT_EQ(acked[0].kind, VenueReport::Kind::kNew);
  EXPECT_EQ(acked[0].leaves_qty.raw, dec("0.3"));
  const std::uint64_t order_id = acked[0].order_id;
  EXPECT_NE(order_id, 0u);
  EXPECT_EQ(book_.resting(), 1u);

  EXPECT_TRUE(trade("99.51", "5").empty());  // above the limit: no fill
  auto& partial = trade("99.40", "0.1");
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_EQ(partial[0].kind, VenueReport::Kind::kPartialFill);
  EXPECT_EQ(partial[0].order_id, order_id);
  EXPECT_EQ(partial[0].last_px.raw, dec("99.50"));  // its own limit, not the print's price
  EXPECT_EQ(partial[0].last_qty.raw, dec("0.1"));
  EXPECT_EQ(partial[0].cum_qty.raw, dec("0.1"));
  EXPECT_EQ(partial[0].leaves_qty.raw, dec("0.2"));

  auto& full = trade("99.50", "7");
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(full[0].kind, VenueReport::Kind::kFill);
  EXPECT_EQ(full[0].last_qty.raw, dec("0.2"));
  EXPECT_EQ(full[0].cum_qty.raw, dec("0.3"));
  EXPECT_EQ(full[0].leaves_qty.raw, 0);
  EXPECT_EQ(full[0].avg_px.raw, dec("99.50"));
  EXPECT_EQ(book_.resting(), 0u);
  EXPECT_TRUE(trade("90", "1").empty());
}

TEST_F(VenueBookTest, fillsMarketableOrdersAtOnceAtLastTradePrice) {
  trade("100.00", "0.00001");
  auto& buy = order(limitOrder("1", '1', "100.50", "2"));
  ASSERT_EQ(buy.size(), 2u);
  EXPECT_EQ(buy[0].kind, VenueReport::Kind::kNew);
  EXPECT_EQ(buy[1].kind, VenueReport::Kind::kFill);
  EXPECT_EQ(buy[1].last_px.raw, dec("100"));
  EXPECT_EQ(buy[1].last_qty.raw, dec("2"));  // full quantity, whatever the print's size
  EXPECT_EQ(buy[1].leaves_qty.raw, 0);

  auto& sell = order(limitOrder("2", '2', "100.00", "1"));  // at the last price: marketable
  ASSERT_EQ(sell.size(), 2u);
  EXPECT_EQ(sell[1].kind, VenueReport::Kind::kFill);
  EXPECT_EQ(sell[1].last_px.raw, dec("100"));
  EXPECT_EQ(sell[1].side, '2');
  EXPECT_EQ(book_.resting(), 0u);
}

TEST_F(VenueBookTest, restsEverythingBeforeTheFirstTrade) {
  ASSERT_EQ(order(limitOrder("1", '1', "1000000", "1")).size(), 1u);
  ASSERT_EQ(order(limitOrder("2", '2', "0.01", "1")).size(), 1u);
  EXPECT_EQ(book_.resting(), 2u);
}

TEST_F(VenueBookTest, sharesOnePrintAmongRestingOrdersInArrivalOrder) {
  trade("100", "1");
  (void)order(limitOrder("1", '1', "99", "0.4"));
  (void)order(limitOrder("2", '1', "98", "0.4"));
  (void)order(limitOrder("3", '2', "101", "0.4"));  // other side: never touched by a low print
  auto& fills = trade("97", "0.5");
  ASSERT_EQ(fills.size(), 2u);
  EXPECT_STREQ(fills[0].cl_ord_id, "1");
  EXPECT_EQ(fills[0].kind, VenueReport::Kind::kFill);
  EXPECT_EQ(fills[0].last_qty.raw, dec("0.4"));
  EXPECT_STREQ(fills[1].cl_ord_id, "2");
  EXPECT_EQ(fills[1].kind, VenueReport::Kind::kPartialFill);
  EXPECT_EQ(fills[1].last_qty.raw, dec("0.1"));
  EXPECT_EQ(fills[1].last_px.raw, dec("98"));
  EXPECT_EQ(book_.resting(), 2u);

  auto& sell = trade("101.5", "1");
  ASSERT_EQ(sell.size(), 1u);
  EXPECT_STREQ(sell[0].cl_ord_id, "3");
  EXPECT_EQ(sell[0].last_px.raw, dec("101"));
}

TEST_F(VenueBookTest, matchesOnlyTradesOfTheSameSymbol) {
  trade("100", "1");
  (void)order(limitOrder("1", '1', "99", "1"));
  EXPECT_TRUE(trade("50", "10", "ETHUSDT").empty());
  EXPECT_EQ(trade("99", "10").size(), 1u);
}

TEST_F(VenueBookTest, cancelsRestingOrderAndRejectsUnknownOrFinishedOnes) {
  (void)order(limitOrder("1", '2', "100", "1"));
  auto& canceled = order(cancelOf("2", "1"));
  ASSERT_EQ(canceled.size(), 1u);
  EXPECT_EQ(canceled[0].kind, VenueReport::Kind::kCanceled);
  EXPECT_STREQ(canceled[0].cl_ord_id, "2");
  EXPECT_STREQ(canceled[0].orig_cl_ord_id, "1");
  EXPECT_EQ(canceled[0].side, '2');
  EXPECT_EQ(book_.resting(), 0u);

  auto& again = order(cancelOf("3", "1"));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].kind, VenueReport::Kind::kCancelRejected);
  EXPECT_STREQ(again[0].orig_cl_ord_id, "1");
  EXPECT_STREQ(again[0].text, "unknown order");

  trade("100", "1");
  (void)order(limitOrder("4", '1', "100", "1"));  // marketable: filled at once
  EXPECT_EQ(order(cancelOf("5", "4"))[0].kind, VenueReport::Kind::kCancelRejected);
}

TEST_F(VenueBookTest, cancelsIocOrderThatIsNotMarketable) {
  trade("100", "1");
  WireOrder w = limitOrder("1", '1', "99", "1");
  w.tif = '3';
  auto& r = order(w);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].kind, VenueReport::Kind::kNew);
  EXPECT_EQ(r[1].kind, VenueReport::Kind::kCanceled);
  EXPECT_EQ(book_.resting(), 0u);
}

TEST_F(VenueBookTest, rejectsDuplicateClOrdIdOfRestingOrder) {
  (void)order(limitOrder("1", '1', "99", "1"));
  EXPECT_EQ(rejectReason(limitOrder("1", '1', "98", "1")), "duplicate ClOrdID");
}

TEST_F(VenueBookTest, rejectsOrderThatWouldRestBeyondCapacity) {
  for (std::size_t i = 0; i < VenueBook::kCapacity; ++i) {
    const std::string id = std::to_string(i + 1);
    ASSERT_EQ(order(limitOrder(id.c_str(), '1', "1", "1")).size(), 1u);
  }
  EXPECT_EQ(book_.resting(), VenueBook::kCapacity);
  EXPECT_EQ(rejectReason(limitOrder("x", '1', "1", "1")), "venue book full");
  // One print reaching every resting order reports each of them without allocating.
  const auto capacity_before = out_.capacity();
  EXPECT_EQ(trade("1", "100000").size(), VenueBook::kCapacity);
  EXPECT_EQ(out_.capacity(), capacity_before);
  EXPECT_EQ(book_.resting(), 0u);
}

}  // namespace
}  // namespace bw::fix
