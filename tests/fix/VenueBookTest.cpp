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
  /// A bookTicker quote: best bid/ask with their sizes.
  void quote(const char* bid, const char* bid_qty, const char* ask, const char* ask_qty,
             const char* symbol = "BTCUSDT", TickKind kind = TickKind::kQuote, std::uint8_t flags = 0) {
    Tick t;
    t.kind = kind;
    t.flags = flags;
    t.symbol = instruments_.find(symbol);
    t.bid = Price{dec(bid)};
    t.bid_qty = Qty{dec(bid_qty)};
    t.ask = Price{dec(ask)};
    t.ask_qty = Qty{dec(ask_qty)};
    book_.onQuote(t);
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

// --- marketability against the quote ---

TEST_F(VenueBookTest, buyAtOrThroughTheAskTakesTheAskSizeAtTheAskAndRestsTheRest) {
  trade("101", "1");  // a last trade above the ask: the quote decides, not the trade
  quote("99", "5", "100", "0.3");
  auto& r = order(limitOrder("1", '1', "100.50", "1"));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].kind, VenueReport::Kind::kNew);
  EXPECT_EQ(r[1].kind, VenueReport::Kind::kPartialFill);
  EXPECT_EQ(r[1].last_px.raw, dec("100"));  // the ask, better than the limit
  EXPECT_EQ(r[1].last_qty.raw, dec("0.3"));  // the displayed size, no more
  EXPECT_EQ(r[1].leaves_qty.raw, dec("0.7"));
  EXPECT_EQ(book_.resting(), 1u);
  EXPECT_EQ(book_.queueAhead("1"), 0);  // above the bid: nothing ahead

  // The ask's size is spent: a second buy at the ask takes nothing until a new quote.
  auto& second = order(limitOrder("2", '1', "100", "1"));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(book_.resting(), 2u);

  // The rest of the first fills at its own limit on a print that reaches it; the average
  // price blends the two fills: (0.3 x 100 + 0.7 x 100.5) / 1 = 100.35.
  auto& later = trade("100.50", "2");  // above order 2's limit: only order 1
  ASSERT_EQ(later.size(), 1u);
  EXPECT_STREQ(later[0].cl_ord_id, "1");
  EXPECT_EQ(later[0].kind, VenueReport::Kind::kFill);
  EXPECT_EQ(later[0].last_px.raw, dec("100.50"));
  EXPECT_EQ(later[0].avg_px.raw, dec("100.35"));
}

TEST_F(VenueBookTest, sellAtOrBelowTheBidTakesTheBidAndBelowTheQuoteDoesNotUseTheLastTrade) {
  quote("99", "2", "100", "1");
  trade("98", "1");  // last trade below the sell's limit: no longer makes it marketable
  auto& rests = order(limitOrder("1", '2', "98.5", "0.5"));
  // 98.5 is below the bid 99: it takes the bid.
  ASSERT_EQ(rests.size(), 2u);
  EXPECT_EQ(rests[1].kind, VenueReport::Kind::kFill);
  EXPECT_EQ(rests[1].last_px.raw, dec("99"));
  auto& above = order(limitOrder("2", '2', "99.5", "0.5"));  // inside the spread: rests
  ASSERT_EQ(above.size(), 1u);
  EXPECT_EQ(book_.queueAhead("2"), 0);
}

TEST_F(VenueBookTest, iocTakesWhatTheAskShowsAndCancelsTheRest) {
  quote("99", "5", "100", "0.25");
  WireOrder w = limitOrder("1", '1', "100", "1");
  w.tif = '3';
  auto& r = order(w);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1].kind, VenueReport::Kind::kPartialFill);
  EXPECT_EQ(r[1].last_qty.raw, dec("0.25"));
  EXPECT_EQ(r[2].kind, VenueReport::Kind::kCanceled);
  EXPECT_EQ(r[2].cum_qty.raw, dec("0.25"));
  EXPECT_EQ(r[2].leaves_qty.raw, 0);
  EXPECT_EQ(book_.resting(), 0u);
}

TEST_F(VenueBookTest, ignoresDepthTicksTheBookBuilderHasNotSynced) {
  trade("100", "1");
  quote("90", "1", "91", "1", "BTCUSDT", TickKind::kDepth, 0);  // not synced: ignored
  auto& last_rule = order(limitOrder("1", '1', "100", "1"));
  ASSERT_EQ(last_rule.size(), 2u);
  EXPECT_EQ(last_rule[1].last_px.raw, dec("100"));  // still the last-trade rule
  quote("90", "1", "91", "1", "BTCUSDT", TickKind::kDepth, kTickBookSynced);
  auto& quoted = order(limitOrder("2", '1', "100", "1"));
  ASSERT_EQ(quoted.size(), 2u);
  EXPECT_EQ(quoted[1].last_px.raw, dec("91"));
}

// --- queue position ---

TEST_F(VenueBookTest, orderAtTheBidWaitsBehindTheDisplayedSizeThenFillsPartially) {
  quote("99", "2", "100", "1");
  ASSERT_EQ(order(limitOrder("1", '1', "99", "1")).size(), 1u);
  EXPECT_EQ(book_.queueAhead("1"), dec("2"));
  EXPECT_TRUE(trade("99", "1.5").empty());  // 2 ahead -> 0.5 ahead
  EXPECT_EQ(book_.queueAhead("1"), dec("0.5"));
  auto& part = trade("99", "0.75");  // 0.5 to the queue, 0.25 to us
  ASSERT_EQ(part.size(), 1u);
  EXPECT_EQ(part[0].kind, VenueReport::Kind::kPartialFill);
  EXPECT_EQ(part[0].last_qty.raw, dec("0.25"));
  EXPECT_EQ(part[0].last_px.raw, dec("99"));
  EXPECT_EQ(book_.queueAhead("1"), 0);
  auto& rest = trade("99", "5");
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].kind, VenueReport::Kind::kFill);
  EXPECT_EQ(rest[0].last_qty.raw, dec("0.75"));
}

TEST_F(VenueBookTest, tradeThroughThePriceFillsWhateverTheQueue) {
  quote("99", "50", "100", "1");
  (void)order(limitOrder("1", '1', "99", "1"));
  auto& r = trade("98.99", "0.4");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].last_qty.raw, dec("0.4"));
  EXPECT_EQ(r[0].last_px.raw, dec("99"));
  EXPECT_EQ(book_.queueAhead("1"), dec("50"));  // a print at 98.99 is not at our level
}

TEST_F(VenueBookTest, orderInsideTheSpreadHasNoQueue) {
  quote("99", "50", "100", "50");
  (void)order(limitOrder("1", '1', "99.5", "1"));
  (void)order(limitOrder("2", '2', "99.6", "1"));
  EXPECT_EQ(book_.queueAhead("1"), 0);
  EXPECT_EQ(book_.queueAhead("2"), 0);
  EXPECT_EQ(trade("99.5", "1").size(), 1u);
}

TEST_F(VenueBookTest, shrinkingLevelCutsTheQueueAndAnEmptiedLevelClearsIt) {
  quote("99", "3", "100", "4");
  (void)order(limitOrder("b", '1', "99", "1"));
  (void)order(limitOrder("s", '2', "100", "1"));
  EXPECT_EQ(book_.queueAhead("b"), dec("3"));
  EXPECT_EQ(book_.queueAhead("s"), dec("4"));
  quote("99", "5", "100", "1.5");  // bid grew (joined behind us): no change; ask shrank
  EXPECT_EQ(book_.queueAhead("b"), dec("3"));
  EXPECT_EQ(book_.queueAhead("s"), dec("1.5"));
  quote("98.5", "7", "100.5", "9");  // both levels gone: we are at the front
  EXPECT_EQ(book_.queueAhead("b"), 0);
  EXPECT_EQ(book_.queueAhead("s"), 0);
  quote("99", "8", "100", "8");  // the level refills behind us: still front
  EXPECT_EQ(book_.queueAhead("b"), 0);
}

TEST_F(VenueBookTest, orderBelowTheBidWaitsForAQuoteToShowItsLevel) {
  quote("99", "3", "100", "4");
  (void)order(limitOrder("1", '1', "98", "1"));
  EXPECT_EQ(book_.queueAhead("1"), VenueBook::kUnknownQueue);
  EXPECT_TRUE(trade("98", "100").empty());  // at its price, queue unknown: nothing
  quote("98", "0.5", "98.5", "1");          // the level shows 0.5 in front
  EXPECT_EQ(book_.queueAhead("1"), dec("0.5"));
  auto& r = trade("98", "1");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].last_qty.raw, dec("0.5"));
}

TEST_F(VenueBookTest, onePrintWorksThroughEachQueueAndIsSharedByOurOrders) {
  quote("99", "1", "100", "1");
  (void)order(limitOrder("1", '1', "99", "1"));  // 1 ahead
  quote("99", "1.5", "100", "1");
  (void)order(limitOrder("2", '1', "99", "1"));  // 1.5 ahead (our first is not in the quote)
  // A 2-lot print at 99: order 1 gets 2 - 1 = 1 (filled); order 2 gets 2 - 1.5 - 1 < 0: none.
  auto& r = trade("99", "2");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_STREQ(r[0].cl_ord_id, "1");
  EXPECT_EQ(r[0].kind, VenueReport::Kind::kFill);
  EXPECT_EQ(book_.queueAhead("2"), 0);
  auto& next = trade("99", "0.25");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].last_qty.raw, dec("0.25"));
}

// --- replace, mass cancel, status (venue side of 35=G, 35=q, 35=H) ---

WireOrder replaceOf(const char* id, const char* orig, char side, const char* price, const char* qty) {
  WireOrder w = limitOrder(id, side, price, qty);
  w.msg_type = 'G';
  set(w.orig_cl_ord_id, orig);
  return w;
}

TEST_F(VenueBookTest, replaceDownInQuantityAtTheSamePriceKeepsTheQueue) {
  quote("99", "2", "100", "1");
  (void)order(limitOrder("1", '1', "99", "1"));
  (void)order(limitOrder("2", '1', "99", "1"));
  auto& r = order(replaceOf("1b", "1", '1', "99", "0.5"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind, VenueReport::Kind::kReplaced);
  EXPECT_STREQ(r[0].cl_ord_id, "1b");
  EXPECT_STREQ(r[0].orig_cl_ord_id, "1");
  EXPECT_EQ(r[0].leaves_qty.raw, dec("0.5"));
  EXPECT_EQ(book_.queueAhead("1b"), dec("2"));
  EXPECT_EQ(book_.queueAhead("1"), -1);
  // Still first of ours: a print of 2.5 at 99 fills it, not order 2 (2 ahead, then 0.5 to 1b).
  auto& f = trade("99", "2.5");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_STREQ(f[0].cl_ord_id, "1b");
  EXPECT_EQ(f[0].kind, VenueReport::Kind::kFill);
}

TEST_F(VenueBookTest, replaceUpInQuantityOrToANewPriceLosesThePlace) {
  quote("99", "2", "100", "1");
  (void)order(limitOrder("1", '1', "99", "1"));
  (void)trade("99", "1.5");  // 0.5 ahead now
  ASSERT_EQ(order(replaceOf("1b", "1", '1', "99", "2")).size(), 1u);
  EXPECT_EQ(book_.queueAhead("1b"), dec("2"));  // back behind the displayed size
  quote("99", "3", "100", "1");
  auto& moved = order(replaceOf("1c", "1b", '1', "100", "2"));  // to the ask: takes 1 at once
  ASSERT_EQ(moved.size(), 2u);
  EXPECT_EQ(moved[0].kind, VenueReport::Kind::kReplaced);
  EXPECT_EQ(moved[1].kind, VenueReport::Kind::kPartialFill);
  EXPECT_EQ(moved[1].last_px.raw, dec("100"));
  EXPECT_EQ(moved[1].last_qty.raw, dec("1"));
  EXPECT_EQ(book_.queueAhead("1c"), 0);  // above the bid
}

TEST_F(VenueBookTest, rejectsReplaceOfUnknownOrderOrBelowTheFilledQuantity) {
  auto& unknown = order(replaceOf("9", "8", '1', "99", "1"));
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].kind, VenueReport::Kind::kCancelRejected);
  EXPECT_EQ(unknown[0].cxl_rej_response_to, '2');
  EXPECT_STREQ(unknown[0].text, "unknown order");
  quote("99", "0", "100", "1");
  (void)order(limitOrder("1", '1', "99", "1"));
  (void)trade("99", "0.6");
  auto& below = order(replaceOf("1b", "1", '1', "99", "0.5"));
  ASSERT_EQ(below.size(), 1u);
  EXPECT_STREQ(below[0].text, "quantity not above the filled quantity");
  EXPECT_EQ(book_.queueAhead("1"), 0);  // untouched
}

TEST_F(VenueBookTest, massCancelCancelsEachOrderOfTheSymbolThenReports) {
  (void)order(limitOrder("1", '1', "99", "1"));
  (void)order(limitOrder("2", '2', "101", "1"));
  (void)order(limitOrder("3", '1', "50", "1", "ETHUSDT"));
  WireOrder q;
  q.msg_type = 'q';
  q.mass_cancel_type = '1';
  set(q.cl_ord_id, "m1");
  set(q.symbol, "BTCUSDT");
  auto& r = order(q);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].kind, VenueReport::Kind::kCanceled);
  EXPECT_STREQ(r[0].orig_cl_ord_id, "1");
  EXPECT_STREQ(r[1].orig_cl_ord_id, "2");
  EXPECT_EQ(r[2].kind, VenueReport::Kind::kMassCancelReport);
  EXPECT_EQ(r[2].affected, 2u);
  EXPECT_STREQ(r[2].cl_ord_id, "m1");
  EXPECT_EQ(book_.resting(), 1u);
  q.mass_cancel_type = '7';
  set(q.cl_ord_id, "m2");
  EXPECT_EQ(order(q).back().affected, 1u);
  EXPECT_EQ(book_.resting(), 0u);
  q.mass_cancel_type = '4';
  auto& refused = order(q);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_STREQ(refused[0].text, "unsupported MassCancelRequestType");
}

TEST_F(VenueBookTest, statusRequestReportsTheOrderOrUnknown) {
  trade("100", "1");
  (void)order(limitOrder("1", '1', "99", "1"));
  (void)trade("98", "0.25");
  WireOrder h;
  h.msg_type = 'H';
  h.side = '1';
  set(h.cl_ord_id, "1");
  set(h.symbol, "BTCUSDT");
  auto& r = order(h);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind, VenueReport::Kind::kStatus);
  EXPECT_EQ(r[0].ord_status, '1');
  EXPECT_EQ(r[0].cum_qty.raw, dec("0.25"));
  EXPECT_EQ(r[0].leaves_qty.raw, dec("0.75"));
  set(h.cl_ord_id, "404");
  EXPECT_EQ(order(h)[0].ord_status, '8');
}

}  // namespace
}  // namespace bw::fix
