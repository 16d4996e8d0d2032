// Proves the book stage allocates nothing per tick once built: snapshots, updates,
// stale drops, buffering while unsynced, gaps and resyncs. Linked into the binary with
// the counting operator new (tests/support/AllocationCounter.cpp).

#include <gtest/gtest.h>

#include <ostream>

#include "AllocationCounter.h"
#include "FeedTestSupport.h"
#include "feed/BookBuilder.h"

namespace bw::feed {
namespace {

/// 1000 levels a side, `step` price units apart, from 50,000 / 50,001 outwards.
void fillLadder(BookLevels& snapshot, std::int64_t step) {
  for (std::uint32_t i = 0; i < 1000; ++i) {
    snapshot.bids[i] = BookLevel{Price{(50'000 - step * i) * kScale}, Qty{kScale}};
    snapshot.asks[i] = BookLevel{Price{(50'001 + step * i) * kScale}, Qty{kScale}};
  }
  snapshot.bid_count = snapshot.ask_count = 1000;
}

/// A snapshot (first_seq unused) or depth tick pointing at `levels`.
Tick bookTick(SymbolId symbol, TickKind kind, std::uint64_t first_seq, std::uint64_t seq, const BookLevels& levels) {
  Tick t;
  t.symbol = symbol;
  t.kind = kind;
  t.first_seq = first_seq;
  t.seq = seq;
  t.levels = &levels;
  return t;
}

class BookBuilderAllocationTest : public ::testing::Test {
 protected:
  const InstrumentTable instruments_ = InstrumentTable::withDefaults();
  // A stream with no buffer writes nothing: the gap report's text is not what is measured.
  std::ostream no_log_{nullptr};
  BookBuilder books_{instruments_, no_log_};
  const SymbolId btc_ = instruments_.find("BTCUSDT");
};

TEST_F(BookBuilderAllocationTest, applyingDepthTicksAllocatesNothing) {
  BookLevels snapshot;
  fillLadder(snapshot, 1);
  BookLevels update;
  update.bid_count = update.ask_count = 3;

  std::uint64_t synced = 0;
  const std::uint64_t before = bw::test::allocationCount();
  std::uint64_t id = 100;
  for (int round = 0; round < 200; ++round) {
    Tick t = bookTick(btc_, TickKind::kSnapshot, 0, id, snapshot);
    books_.apply(t);
    for (int n = 0; n < 50; ++n) {
      for (std::uint32_t i = 0; i < 3; ++i) {
        update.bids[i] = BookLevel{Price{(49'990 + (n + static_cast<int>(i)) % 20) * kScale}, Qty{(n % 3) * kScale}};
        update.asks[i] = BookLevel{Price{(50'001 + (n + static_cast<int>(i)) % 20) * kScale}, Qty{(n % 2) * kScale}};
      }
      // Every 20th update skips an id: a gap, then updates buffered until the next snapshot.
      const std::uint64_t first = id + 1 + (n == 20 ? 1 : 0);
      Tick u = bookTick(btc_, TickKind::kDepth, first, first + 1, update);
      id = u.seq;
      books_.apply(u);
      synced += (u.flags & kTickBookSynced) != 0 ? 1u : 0u;
    }
    id += 2;
  }
  EXPECT_EQ(bw::test::allocationCount() - before, 0u) << "BookBuilder allocated while applying ticks";
  EXPECT_EQ(books_.counters(btc_).gaps, 200u);
  EXPECT_EQ(books_.counters(btc_).resyncs, 199u);
  EXPECT_EQ(synced, 200u * 20u);
}

// Diffs of 40 levels a side, in Binance's order, adding and removing levels across the
// book: each side goes through the one-pass merge and its spare array.
TEST_F(BookBuilderAllocationTest, applyingLargeDiffsInOnePassAllocatesNothing) {
  BookLevels snapshot;
  fillLadder(snapshot, 2);
  Tick t = bookTick(btc_, TickKind::kSnapshot, 0, 100, snapshot);
  books_.apply(t);
  BookLevels update;
  update.bid_count = update.ask_count = 40;

  const std::uint64_t before = bw::test::allocationCount();
  for (std::uint64_t n = 0; n < 2000; ++n) {
    // Best first, 50 price units apart: held (even offsets) and absent (odd) levels alike,
    // set on even rounds and removed on odd ones.
    for (std::uint32_t i = 0; i < 40; ++i) {
      const std::int64_t offset = static_cast<std::int64_t>(50 * i + n % 2 + n % 7);
      const Qty q{(n % 2 == 0) ? kScale : 0};
      update.bids[i] = BookLevel{Price{(50'000 - offset) * kScale}, q};
      update.asks[i] = BookLevel{Price{(50'001 + offset) * kScale}, q};
    }
    Tick u = bookTick(btc_, TickKind::kDepth, 101 + n, 101 + n, update);
    books_.apply(u);
  }
  EXPECT_EQ(bw::test::allocationCount() - before, 0u) << "BookBuilder allocated while applying large diffs";
  EXPECT_EQ(books_.counters(btc_).updates_applied, 2000u);
  EXPECT_EQ(books_.book(btc_).batchesInOnePass(), 2u * 2000u);
}

}  // namespace
}  // namespace bw::feed
