#include "feed/OrderBook.h"

#include <gtest/gtest.h>

namespace bw::feed {
namespace {

Price px(std::int64_t units) { return Price{units * kScale}; }
Qty qty(std::int64_t units) { return Qty{units * kScale}; }

BookLevels levels(std::initializer_list<BookLevel> bids, std::initializer_list<BookLevel> asks) {
  BookLevels l;
  for (const BookLevel& b : bids) l.bids[l.bid_count++] = b;
  for (const BookLevel& a : asks) l.asks[l.ask_count++] = a;
  return l;
}

TEST(OrderBookTest, snapshotReplacesTheBookAndGivesBestLevelsAndDepth) {
  OrderBook book(8);
  book.apply(true, px(1), qty(1));
  book.applySnapshot(levels({{px(100), qty(1)}, {px(99), qty(2)}, {px(98), qty(0)}, {px(97), qty(3)}},
                            {{px(102), qty(4)}, {px(101), qty(5)}}));
  EXPECT_EQ(book.bidLevels(), 3u);  // the qty-0 level and the old level are gone
  EXPECT_EQ(book.askLevels(), 2u);
  EXPECT_EQ(book.bestBid().price, px(100));
  EXPECT_EQ(book.bestBid().qty, qty(1));
  EXPECT_EQ(book.bestAsk().price, px(101));
  EXPECT_EQ(book.bestAsk().qty, qty(5));
  EXPECT_EQ(book.bid(1).price, px(99));
  EXPECT_EQ(book.bid(2).price, px(97));
  EXPECT_EQ(book.bid(3).price.raw, 0);  // beyond the side
  EXPECT_EQ(book.ask(1).price, px(102));
}

TEST(OrderBookTest, updatesSetAndRemoveLevels) {
  OrderBook book(8);
  book.applySnapshot(levels({{px(100), qty(1)}, {px(99), qty(2)}}, {{px(101), qty(1)}}));
  book.applyUpdate(levels({{px(100), qty(0)}, {px(99), qty(7)}, {px(98), qty(1)}}, {{px(100), qty(0)}, {px(103), qty(2)}}));
  EXPECT_EQ(book.bestBid().price, px(99));
  EXPECT_EQ(book.bestBid().qty, qty(7));
  EXPECT_EQ(book.bidLevels(), 2u);
  EXPECT_EQ(book.askLevels(), 2u);  // removing the absent 100 ask is a no-op
  EXPECT_EQ(book.ask(1).price, px(103));
  book.apply(false, px(101), qty(0));
  book.apply(false, px(103), qty(0));
  EXPECT_FALSE(book.hasAsk());
  EXPECT_EQ(book.bestAsk().price.raw, 0);
}

TEST(OrderBookTest, aFullSideKeepsItsBestLevelsAndCountsTheOverflow) {
  OrderBook book(3);
  for (std::int64_t p = 10; p < 13; ++p) book.apply(true, px(p), qty(1));
  book.apply(true, px(5), qty(1));  // worse than all held: dropped
  EXPECT_EQ(book.overflowed(), 1u);
  EXPECT_EQ(book.bid(2).price, px(10));
  book.apply(true, px(20), qty(1));  // better: the worst (10) goes
  EXPECT_EQ(book.overflowed(), 2u);
  EXPECT_EQ(book.bidLevels(), 3u);
  EXPECT_EQ(book.bestBid().price, px(20));
  EXPECT_EQ(book.bid(2).price, px(11));
  book.apply(true, px(15), qty(1));  // in the middle
  EXPECT_EQ(book.bid(1).price, px(15));
  EXPECT_EQ(book.bid(2).price, px(12));
  // A snapshot larger than the capacity keeps its best levels.
  book.applySnapshot(levels({{px(1), qty(1)}, {px(4), qty(1)}, {px(3), qty(1)}, {px(2), qty(1)}}, {}));
  EXPECT_EQ(book.bidLevels(), 3u);
  EXPECT_EQ(book.bestBid().price, px(4));
  EXPECT_EQ(book.bid(2).price, px(2));
}

}  // namespace
}  // namespace bw::feed
