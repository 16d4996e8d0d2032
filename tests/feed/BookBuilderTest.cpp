#include "feed/BookBuilder.h"

#include <gtest/gtest.h>

#include <sstream>

namespace bw::feed {
namespace {

Price px(std::int64_t units) { return Price{units * kScale}; }
Qty qty(std::int64_t units) { return Qty{units * kScale}; }

class BookBuilderTest : public ::testing::Test {
 protected:
  Tick snapshot(std::uint64_t last_update_id, std::int64_t bid, std::int64_t ask) {
    levels_.clear();
    levels_.bids[levels_.bid_count++] = BookLevel{px(bid), qty(1)};
    levels_.asks[levels_.ask_count++] = BookLevel{px(ask), qty(1)};
    Tick t;
    t.kind = TickKind::kSnapshot;
    t.symbol = btc_;
    t.seq = last_update_id;
    t.levels = &levels_;
    return t;
  }
  /// An update U..u setting one bid level.
  Tick update(std::uint64_t first, std::uint64_t last, std::int64_t bid, std::int64_t bid_qty) {
    levels_.clear();
    levels_.bids[levels_.bid_count++] = BookLevel{px(bid), qty(bid_qty)};
    Tick t;
    t.kind = TickKind::kDepth;
    t.symbol = btc_;
    t.first_seq = first;
    t.seq = last;
    t.levels = &levels_;
    return t;
  }
  Tick apply(Tick t) {
    books_.apply(t);
    return t;
  }
  static bool synced(const Tick& t) { return (t.flags & kTickBookSynced) != 0; }

  InstrumentTable instruments_ = InstrumentTable::withDefaults();
  SymbolId btc_ = instruments_.find("BTCUSDT");
  SymbolId eth_ = instruments_.find("ETHUSDT");
  std::ostringstream log_;
  BookBuilder books_{instruments_, log_, 64};
  BookLevels levels_;
};

TEST_F(BookBuilderTest, awaitsASnapshotThenAppliesBufferedAndLaterUpdatesInSequence) {
  EXPECT_EQ(books_.state(btc_), BookState::kAwaitingSnapshot);
  EXPECT_FALSE(synced(apply(update(1, 5, 90, 1))));    // before the snapshot: buffered, stale at it
  EXPECT_FALSE(synced(apply(update(6, 12, 95, 2))));   // buffered: bridges L=10 (6 <= 11 <= 12)
  const Tick snap = apply(snapshot(10, 100, 101));
  EXPECT_TRUE(synced(snap));
  EXPECT_EQ(books_.state(btc_), BookState::kSynced);
  EXPECT_EQ(books_.lastUpdateId(btc_), 12u);
  EXPECT_EQ(books_.book(btc_).bidLevels(), 2u);  // 100 from the snapshot and 95; the 90 update was stale
  const Tick t = apply(update(13, 14, 100, 0));  // removes the best bid
  EXPECT_TRUE(synced(t));
  EXPECT_EQ(t.bid, px(95));
  EXPECT_EQ(t.bid_qty, qty(2));
  EXPECT_EQ(t.ask, px(101));
  const BookCounters c = books_.counters(btc_);
  EXPECT_EQ(c.stale_dropped, 1u);
  EXPECT_EQ(c.updates_applied, 2u);
  EXPECT_EQ(c.gaps, 0u);
  EXPECT_TRUE(log_.str().empty());
}

TEST_F(BookBuilderTest, staleUpdatesAfterTheSnapshotAreDroppedAndCounted) {
  (void)apply(snapshot(10, 100, 101));
  EXPECT_TRUE(synced(apply(update(3, 9, 99, 1))));
  EXPECT_TRUE(synced(apply(update(9, 10, 99, 1))));
  EXPECT_EQ(books_.counters(btc_).stale_dropped, 2u);
  EXPECT_EQ(books_.counters(btc_).updates_applied, 0u);
  EXPECT_EQ(books_.book(btc_).bidLevels(), 1u);
}

TEST_F(BookBuilderTest, anInjectedGapIsReportedWithTheSymbolAndDegradesUntilTheNextSnapshot) {
  (void)apply(snapshot(10, 100, 101));
  EXPECT_TRUE(synced(apply(update(11, 15, 99, 1))));
  const Tick gap = apply(update(17, 20, 98, 1));  // 16 is missing
  EXPECT_FALSE(synced(gap));
  EXPECT_EQ(books_.state(btc_), BookState::kDegraded);
  EXPECT_EQ(books_.counters(btc_).gaps, 1u);
  EXPECT_NE(log_.str().find("BTCUSDT"), std::string::npos) << log_.str();
  EXPECT_NE(log_.str().find("expected U = 16"), std::string::npos) << log_.str();
  EXPECT_NE(log_.str().find("U=17 u=20"), std::string::npos) << log_.str();
  EXPECT_FALSE(synced(apply(update(21, 22, 97, 1))));  // degraded: held, not applied
  EXPECT_EQ(books_.counters(btc_).updates_applied, 1u);
  EXPECT_EQ(books_.state(eth_), BookState::kAwaitingSnapshot);  // other symbols unaffected
  // The next snapshot resynchronises (counted) and the held update bridges it.
  EXPECT_TRUE(synced(apply(snapshot(21, 200, 201))));
  EXPECT_EQ(books_.state(btc_), BookState::kSynced);
  EXPECT_EQ(books_.counters(btc_).resyncs, 1u);
  EXPECT_EQ(books_.lastUpdateId(btc_), 22u);
  EXPECT_TRUE(synced(apply(update(23, 23, 199, 1))));
  EXPECT_EQ(books_.counters(btc_).gaps, 1u);
  EXPECT_EQ(books_.totals().gaps, 1u);
}

TEST_F(BookBuilderTest, aFirstUpdateThatStartsPastTheSnapshotIsAGap) {
  (void)apply(snapshot(10, 100, 101));
  EXPECT_FALSE(synced(apply(update(12, 14, 99, 1))));  // L+1 = 11 not covered
  EXPECT_EQ(books_.counters(btc_).gaps, 1u);
  EXPECT_NE(log_.str().find("expected U <= 11"), std::string::npos) << log_.str();
}

TEST_F(BookBuilderTest, tradesAndQuotesPassUnchanged) {
  Tick t;
  t.kind = TickKind::kQuote;
  t.symbol = btc_;
  t.bid = px(5);
  const Tick out = apply(t);
  EXPECT_EQ(out.bid, px(5));
  EXPECT_EQ(out.flags, 0);
}

}  // namespace
}  // namespace bw::feed
