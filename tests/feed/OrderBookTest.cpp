#include "feed/OrderBook.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

#include "BookEquality.h"

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

/// Up to 60 changes to one side: distinct prices in [lo, hi] (held and absent levels both),
/// a third of them removals. Mostly sorted best first (Binance's order), else worse first,
/// shuffled, or sorted with one price given twice.
std::vector<BookLevel> randomChanges(std::mt19937_64& rng, bool bid_side, std::int64_t lo, std::int64_t hi) {
  const auto count = static_cast<std::size_t>(rng() % 61);
  std::set<std::int64_t> prices;
  while (prices.size() < count) prices.insert(lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1)));
  std::vector<BookLevel> changes;
  for (const std::int64_t p : prices) {
    changes.push_back(BookLevel{px(p), rng() % 3 == 0 ? Qty{0} : qty(1 + static_cast<std::int64_t>(rng() % 100))});
  }
  // Ascending now: best first for asks, worse first for bids.
  const auto order = rng() % 8;
  const bool best_first = order < 5 ? true : order == 5 ? false : rng() % 2 == 0;
  if (best_first == bid_side) std::reverse(changes.begin(), changes.end());
  if (order == 6) std::shuffle(changes.begin(), changes.end(), rng);
  if (order == 7 && !changes.empty()) {
    const std::size_t i = rng() % changes.size();
    changes.insert(changes.begin() + static_cast<std::ptrdiff_t>(i), BookLevel{changes[i].price, qty(7)});
  }
  return changes;
}

TEST(OrderBookTest, aBatchOfChangesGivesTheBookTheyGiveOneByOne) {
  std::mt19937_64 rng(20261125);
  std::uint64_t in_one_pass = 0;
  for (int trial = 0; trial < 1500; ++trial) {
    // One trial in four on a small capacity: sides near full, where batches go one by one.
    const std::size_t capacity = trial % 4 == 0 ? 48 : 400;
    OrderBook batched(capacity);
    OrderBook one_by_one(capacity);
    BookLevels start;
    start.bid_count = static_cast<std::uint32_t>(rng() % (capacity + 1));
    start.ask_count = static_cast<std::uint32_t>(rng() % (capacity + 1));
    for (std::uint32_t i = 0; i < start.bid_count; ++i) start.bids[i] = {px(1000 - 2 * static_cast<std::int64_t>(i)), qty(1)};
    for (std::uint32_t i = 0; i < start.ask_count; ++i) start.asks[i] = {px(1001 + 2 * static_cast<std::int64_t>(i)), qty(1)};
    batched.applySnapshot(start);
    one_by_one.applySnapshot(start);
    for (int update = 0; update < 6; ++update) {
      const std::vector<BookLevel> bids = randomChanges(rng, true, 1000 - 900, 1000);
      const std::vector<BookLevel> asks = randomChanges(rng, false, 1001, 1001 + 900);
      batched.applyChanges(true, bids.data(), static_cast<std::uint32_t>(bids.size()));
      batched.applyChanges(false, asks.data(), static_cast<std::uint32_t>(asks.size()));
      for (const BookLevel& b : bids) one_by_one.apply(true, b.price, b.qty);
      for (const BookLevel& a : asks) one_by_one.apply(false, a.price, a.qty);
      ASSERT_TRUE(test::sameBook(batched, one_by_one)) << "trial " << trial << ", update " << update;
    }
    in_one_pass += batched.batchesInOnePass();
  }
  EXPECT_GT(in_one_pass, 5000u) << "the one-pass merge must be what was compared, most of the time";
}

TEST(OrderBookTest, aBatchInOnePassSetsRemovesAndAddsLevels) {
  OrderBook book(64);
  BookLevels start;
  for (std::int64_t p = 100; p > 80; --p) start.bids[start.bid_count++] = {px(p), qty(1)};  // 100 .. 81
  book.applySnapshot(start);
  // 16 changes, best first: 100 removed, 99 set, 79 .. 66 added below the book.
  std::vector<BookLevel> changes = {{px(100), qty(0)}, {px(99), qty(9)}};
  for (std::int64_t p = 79; p > 65; --p) changes.push_back({px(p), qty(2)});
  book.applyChanges(true, changes.data(), static_cast<std::uint32_t>(changes.size()));
  EXPECT_EQ(book.batchesInOnePass(), 1u);
  EXPECT_EQ(book.bidLevels(), 20u - 1u + 14u);
  EXPECT_EQ(book.bestBid().price, px(99));
  EXPECT_EQ(book.bestBid().qty, qty(9));
  EXPECT_EQ(book.bid(18).price, px(81));
  EXPECT_EQ(book.bid(18).qty, qty(1));
  EXPECT_EQ(book.bid(19).price, px(79));
  EXPECT_EQ(book.bid(19).qty, qty(2));
  EXPECT_EQ(book.bid(32).price, px(66));
  // 15 changes: below the batch size, one by one.
  changes.resize(15);
  book.applyChanges(true, changes.data(), 15);
  EXPECT_EQ(book.batchesInOnePass(), 1u);
}

}  // namespace
}  // namespace bw::feed
