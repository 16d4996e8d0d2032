// The per-symbol data-quality score: each part costs its weight and recovers in market
// time; one symbol's trouble stays its own. This binary links the counting operator new
// (tests/support/AllocationCounter.cpp) to prove observe() allocates nothing.

#include "feed/DataQuality.h"

#include <gtest/gtest.h>

#include "AllocationCounter.h"

namespace bw::feed {
namespace {

constexpr SymbolId kBtc = 0;
constexpr SymbolId kEth = 1;
constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kStart = 1'723'161'600'000'000'000;  // 2024-08-09 00:00:00 UTC

Tick trade(SymbolId symbol, std::int64_t at_ms, std::uint64_t id, std::int64_t price_units = 100) {
  Tick t;
  t.kind = TickKind::kTrade;
  t.symbol = symbol;
  t.recv_ns = kStart + at_ms * kMs;
  t.exch_ns = t.recv_ns - 50 * kMs;
  t.seq = id;
  t.price = Price{price_units * kScale};
  t.qty = Qty{kScale};
  return t;
}

Tick depth(SymbolId symbol, std::int64_t at_ms, std::uint64_t first, std::uint64_t last) {
  Tick t;
  t.kind = TickKind::kDepth;
  t.symbol = symbol;
  t.recv_ns = kStart + at_ms * kMs;
  t.exch_ns = t.recv_ns - 50 * kMs;
  t.first_seq = first;
  t.seq = last;
  return t;
}

class DataQualityTest : public ::testing::Test {
 protected:
  /// Feeds `t` and returns the score written into it.
  std::uint32_t feed(Tick t) {
    t.quality = 255;  // proves observe() writes it
    q_.observe(t);
    return t.quality;
  }

  QualityConfig config_;  // the defaults: recovery 30 s, so 300 ms of market time per point
  DataQuality q_{config_};
};

TEST_F(DataQualityTest, cleanFeedScoresFullMarks) {
  for (std::uint64_t i = 1; i <= 100; ++i) EXPECT_EQ(feed(trade(kBtc, static_cast<std::int64_t>(i) * 10, i)), 100u);
  const QualityParts p = q_.parts(kBtc);
  EXPECT_EQ(p.ticks, 100u);
  EXPECT_EQ(p.gaps + p.out_of_order + p.outliers + p.stale_periods + p.lagged_ticks + p.missing_fields, 0u);
  EXPECT_EQ(p.min_score, 100u);
  EXPECT_EQ(p.lag_floor_ns, 50 * kMs);
  EXPECT_EQ(q_.score(kEth), 100u);  // never seen
}

TEST_F(DataQualityTest, tradeIdGapCostsItsWeightThenRecovers) {
  (void)feed(trade(kBtc, 0, 1));
  (void)feed(trade(kBtc, 10, 2));
  EXPECT_EQ(feed(trade(kBtc, 20, 5)), 100u - config_.gap_weight);  // 3 and 4 missing: one gap
  EXPECT_EQ(q_.parts(kBtc).gaps, 1u);
  // 10 points recover in a tenth of recovery_ms (3 s): still down after 2.9 s, clear after 3 s.
  EXPECT_LT(feed(trade(kBtc, 20 + 2'900, 6)), 100u);
  EXPECT_EQ(feed(trade(kBtc, 20 + 3'000, 7)), 100u);
  EXPECT_EQ(q_.parts(kBtc).min_score, 100u - config_.gap_weight);
}

TEST_F(DataQualityTest, unknownSequenceIdsAreNotJudged) {
  for (int i = 0; i < 50; ++i) EXPECT_EQ(feed(trade(kBtc, i * 10, 0)), 100u);
  EXPECT_EQ(feed(depth(kBtc, 600, 0, 0)), 100u);
  EXPECT_EQ(q_.parts(kBtc).gaps, 0u);
}

TEST_F(DataQualityTest, depthUpdatesMustChainFromTheSnapshotAndEachOther) {
  Tick snap;
  snap.kind = TickKind::kSnapshot;
  snap.symbol = kBtc;
  snap.recv_ns = kStart;
  snap.seq = 100;
  EXPECT_EQ(feed(snap), 100u);
  EXPECT_EQ(feed(depth(kBtc, 10, 90, 95)), 100u);    // already in the snapshot: skipped, no fault
  EXPECT_EQ(feed(depth(kBtc, 20, 98, 103)), 100u);   // straddles lastUpdateId + 1: in sync
  EXPECT_EQ(feed(depth(kBtc, 30, 104, 110)), 100u);  // U = previous u + 1
  EXPECT_EQ(feed(depth(kBtc, 40, 115, 120)), 100u - config_.gap_weight);
  EXPECT_EQ(q_.parts(kBtc).gaps, 1u);
}

TEST_F(DataQualityTest, depthGapAfterASnapshotIsAGap) {
  Tick snap;
  snap.kind = TickKind::kSnapshot;
  snap.symbol = kEth;
  snap.recv_ns = kStart;
  snap.seq = 100;
  (void)feed(snap);
  EXPECT_EQ(feed(depth(kEth, 10, 105, 110)), 100u - config_.gap_weight);  // 101..104 never seen
}

TEST_F(DataQualityTest, timesOrIdsGoingBackwardsAreOutOfOrder) {
  (void)feed(trade(kBtc, 100, 10));
  Tick early_receive = trade(kBtc, 90, 11);
  early_receive.exch_ns = kStart + 60 * kMs;  // exchange time still moving forward
  EXPECT_EQ(feed(early_receive), 100u - config_.out_of_order_weight);  // receive time back
  Tick late_exchange = trade(kBtc, 200, 12);
  late_exchange.exch_ns = kStart;  // exchange time before the previous trade's
  (void)feed(late_exchange);
  (void)feed(trade(kBtc, 300, 12));  // a repeated trade id
  EXPECT_EQ(q_.parts(kBtc).out_of_order, 3u);
  EXPECT_EQ(q_.parts(kBtc).gaps, 0u);
}

TEST_F(DataQualityTest, tradeOutsideTheRollingBandIsAnOutlier) {
  std::uint64_t id = 1;
  for (int i = 0; i < 64; ++i) (void)feed(trade(kBtc, i * 10, id++, 100 + i % 2));  // 100 and 101
  EXPECT_EQ(feed(trade(kBtc, 700, id++, 102)), 100u);  // a normal move
  EXPECT_EQ(q_.parts(kBtc).outliers, 0u);
  EXPECT_EQ(feed(trade(kBtc, 710, id++, 150)), 100u - config_.outlier_weight);
  EXPECT_EQ(feed(trade(kBtc, 720, id++, 50)), 100u - 2 * config_.outlier_weight);
  EXPECT_EQ(q_.parts(kBtc).outliers, 2u);
}

TEST_F(DataQualityTest, bandIsNotJudgedBeforeWarmUp) {
  std::uint64_t id = 1;
  for (std::uint32_t i = 0; i + 1 < config_.outlier_warmup_trades; ++i) (void)feed(trade(kBtc, i, id++, 100));
  EXPECT_EQ(feed(trade(kBtc, 100, id++, 200)), 100u);
  EXPECT_EQ(q_.parts(kBtc).outliers, 0u);
}

TEST_F(DataQualityTest, lagAboveTheFloorPastTheThresholdCosts) {
  std::uint64_t id = 1;
  for (int i = 0; i < 20; ++i) (void)feed(trade(kBtc, i * 10, id++));
  std::uint32_t last = 100;
  for (int i = 20; i < 60; ++i) {
    Tick t = trade(kBtc, i * 10, id++);
    t.exch_ns -= 5'000 * kMs;  // the feed now arrives 5 s late
    last = feed(t);
  }
  const QualityParts p = q_.parts(kBtc);
  EXPECT_GT(p.lagged_ticks, 0u);
  EXPECT_LT(last, 100u);
  EXPECT_GE(p.lag_floor_ns, 50 * kMs);   // drifts up a little towards the late figures
  EXPECT_LT(p.lag_floor_ns, 150 * kMs);
  EXPECT_GE(p.lag_max_ns, static_cast<std::uint64_t>(4'900 * kMs));  // histogram bucket bound
  EXPECT_LE(p.lag_max_ns, static_cast<std::uint64_t>(5'000 * kMs));
  EXPECT_GT(p.lag_p50_ns, static_cast<std::uint64_t>(4'000 * kMs));  // 40 of 60 samples are late
}

TEST_F(DataQualityTest, oneFreakEarlyStampIsForgottenByTheLagFloor) {
  std::uint64_t id = 1;
  for (int i = 0; i < 20; ++i) (void)feed(trade(kBtc, i * 10, id++));
  Tick freak = trade(kBtc, 200, id++);
  freak.exch_ns += 3'000 * kMs;  // an exchange stamp 3 s ahead: raw lag 3 s below the floor
  (void)feed(freak);
  // Every later tick now reads 3 s above the floor; the floor drifts back up within a few
  // thousand ticks, after which the smoothed lag is under the threshold again.
  std::uint32_t last = 0;
  for (int i = 21; i < 20'000; ++i) last = feed(trade(kBtc, i * 10, id++));
  EXPECT_GT(q_.parts(kBtc).lagged_ticks, 0u);
  EXPECT_EQ(last, 100u);
  EXPECT_GT(q_.parts(kBtc).lag_floor_ns, 0);
}

TEST_F(DataQualityTest, refusedLinesLowerEverySymbolFeedWide) {
  (void)feed(trade(kBtc, 0, 1));
  (void)feed(trade(kEth, 0, 1));
  q_.noteRefusedLines(3);
  q_.noteRefusedLines(3);  // the same total again: nothing new
  const std::uint32_t expected = 100u - 3 * config_.missing_field_weight;
  EXPECT_EQ(feed(trade(kBtc, 10, 2)), expected);
  EXPECT_EQ(feed(trade(kEth, 10, 2)), expected);
  EXPECT_EQ(q_.parts(kEth).missing_fields, 3u);
}

TEST_F(DataQualityTest, linesRefusedBeforeTheFirstTickStillCount) {
  q_.noteRefusedLines(2);
  EXPECT_EQ(feed(trade(kBtc, 0, 1)), 100u - 2 * config_.missing_field_weight);
}

TEST_F(DataQualityTest, oneSymbolsTroubleLeavesTheOthersAlone) {
  (void)feed(trade(kBtc, 0, 1));
  (void)feed(trade(kEth, 0, 1));
  (void)feed(trade(kEth, 10, 50));  // gap
  (void)feed(trade(kEth, 20, 80));  // gap
  EXPECT_EQ(q_.score(kEth), 100u - 2 * config_.gap_weight);
  EXPECT_EQ(feed(trade(kBtc, 30, 2)), 100u);
}

TEST_F(DataQualityTest, silentSymbolIsMarkedStaleByOtherSymbolsTicks) {
  (void)feed(trade(kBtc, 0, 1));
  std::uint64_t id = 1;
  for (std::int64_t at = 0; at <= 6'000; at += 100) (void)feed(trade(kEth, at, id++));
  EXPECT_EQ(q_.parts(kBtc).stale_periods, 1u);
  EXPECT_EQ(q_.score(kBtc), 100u - config_.stale_weight);
  EXPECT_EQ(q_.score(kEth), 100u);
  // Back: the period ends and its points recover (30 points: 9 s).
  EXPECT_EQ(feed(trade(kBtc, 6'100, 2)), 100u - config_.stale_weight);
  for (std::uint64_t k = 1; k < 9; ++k) EXPECT_LT(feed(trade(kBtc, 6'100 + static_cast<std::int64_t>(k) * 1'000, 2 + k)), 100u);
  EXPECT_EQ(feed(trade(kBtc, 6'100 + 9'000, 11)), 100u);
  EXPECT_EQ(q_.parts(kBtc).stale_periods, 1u);
}

TEST_F(DataQualityTest, silenceNoticedOnlyWhenTheSymbolReturnsStillCounts) {
  (void)feed(trade(kBtc, 0, 1));
  EXPECT_EQ(feed(trade(kBtc, 10'000, 2)), 100u - config_.stale_weight);
  EXPECT_EQ(q_.parts(kBtc).stale_periods, 1u);
}

TEST_F(DataQualityTest, idleCheckWithAWallClockMarksStale) {
  (void)feed(trade(kBtc, 0, 1));
  q_.checkStale(kStart + 4'000 * kMs);
  EXPECT_EQ(q_.parts(kBtc).stale_periods, 0u);
  q_.checkStale(kStart + 6'000 * kMs);
  q_.checkStale(kStart + 7'000 * kMs);  // the same period
  EXPECT_EQ(q_.parts(kBtc).stale_periods, 1u);
  EXPECT_EQ(q_.score(kBtc), 100u - config_.stale_weight);
}

TEST_F(DataQualityTest, burstDrivesTheScoreToZeroAndClearsWithinTheRecoveryWindow) {
  std::uint64_t id = 1;
  (void)feed(trade(kBtc, 0, id));
  for (int i = 1; i <= 20; ++i) {
    id += 2;  // every trade skips one id
    (void)feed(trade(kBtc, i, id));
  }
  EXPECT_EQ(q_.score(kBtc), 0u);
  EXPECT_EQ(q_.parts(kBtc).min_score, 0u);
  // A clean trade a second: 200 points were capped at 100, so recovery_ms (30 s) clears it.
  std::uint32_t previous = 0;
  for (std::int64_t k = 1; k < 30; ++k) {
    const std::uint32_t now = feed(trade(kBtc, 20 + k * 1'000, ++id));
    EXPECT_GT(now, previous);
    EXPECT_LT(now, 100u);
    previous = now;
  }
  EXPECT_EQ(feed(trade(kBtc, 20 + 30 * 1'000, ++id)), 100u);
  EXPECT_EQ(q_.parts(kBtc).stale_periods, 0u);
}

TEST_F(DataQualityTest, unknownSymbolIsLeftAlone) {
  Tick t = trade(kNoSymbol, 0, 1);
  t.quality = 7;
  q_.observe(t);
  EXPECT_EQ(t.quality, 7u);
}

TEST(DataQualityAllocationTest, counterSeesAnAllocation) {
  const std::uint64_t before = bw::test::allocationCount();
  static int* volatile sink = nullptr;  // volatile: the new/delete pair cannot be elided
  sink = new int(7);
  delete sink;
  EXPECT_EQ(bw::test::allocationCount() - before, 1u);
}

TEST(DataQualityAllocationTest, observingEveryKindOfEventAllocatesNothing) {
  const QualityConfig config;
  DataQuality q(config);
  std::uint64_t scored = 0;
  const std::uint64_t before = bw::test::allocationCount();
  for (std::int64_t i = 0; i < 100'000; ++i) {
    // Gaps, outliers, out-of-order times, late ticks, silences and refused lines, mixed.
    Tick t = trade(static_cast<SymbolId>(i % 3), i * 3 + (i % 97 == 0 ? 7'000 : 0), static_cast<std::uint64_t>(i + i / 50),
                   i % 211 == 0 ? 500 : 100);
    if (i % 13 == 0) t.recv_ns -= 5 * kMs;
    if (i % 17 == 0) t.exch_ns -= 3'000 * kMs;
    q.observe(t);
    if (i % 1'000 == 0) q.noteRefusedLines(static_cast<std::uint64_t>(i / 1'000));
    if (i % 5'000 == 0) q.checkStale(t.recv_ns);
    scored += t.quality;
  }
  EXPECT_EQ(bw::test::allocationCount() - before, 0u) << "DataQuality allocated while observing";
  EXPECT_GT(scored, 0u);
  EXPECT_GT(q.parts(0).gaps + q.parts(0).outliers + q.parts(0).out_of_order, 0u);
}

}  // namespace
}  // namespace bw::feed
