#include "core/LatencyHistogram.h"

#include <gtest/gtest.h>

namespace bw {
namespace {

TEST(LatencyHistogramTest, isExactBelowSixtyFour) {
  LatencyHistogram h;
  for (int v = 1; v <= 50; ++v) h.record(v);
  EXPECT_EQ(h.count(), 50u);
  EXPECT_EQ(h.percentile(0.5), 25u);
  EXPECT_EQ(h.percentile(0.99), 50u);
  EXPECT_EQ(h.max(), 50u);
}

TEST(LatencyHistogramTest, percentilesStayWithinThreePercentAboveSixtyFour) {
  LatencyHistogram h;
  for (std::int64_t v = 1; v <= 100'000; ++v) h.record(v);
  const auto p50 = static_cast<double>(h.percentile(0.5));
  const auto p99 = static_cast<double>(h.percentile(0.99));
  EXPECT_GE(p50, 50'000.0);
  EXPECT_LE(p50, 50'000.0 * 1.035);
  EXPECT_GE(p99, 99'000.0);
  EXPECT_LE(p99, 99'000.0 * 1.035);
  EXPECT_EQ(h.percentile(1.0), 100'000u);
}

TEST(LatencyHistogramTest, bucketBoundsAreConsistent) {
  for (std::uint64_t v : {0ull, 63ull, 64ull, 65ull, 1'000ull, 123'456'789ull, 1ull << 50}) {
    const std::size_t i = LatencyHistogram::indexOf(v);
    ASSERT_LT(i, LatencyHistogram::kBuckets);
    EXPECT_GE(LatencyHistogram::upperBoundOf(i), v);
    if (i > 0) {
      EXPECT_LT(LatencyHistogram::upperBoundOf(i - 1), v);
    }
  }
}

TEST(LatencyHistogramTest, spikeShowsInTheTailNotTheMedian) {
  LatencyHistogram h;
  for (int i = 0; i < 999; ++i) h.record(100);
  h.record(1'000'000);
  EXPECT_LE(h.percentile(0.5), 103u);
  EXPECT_EQ(h.max(), 1'000'000u);
  EXPECT_GE(h.percentile(0.9995), 1'000'000u * 97 / 100);
}

TEST(LatencyHistogramTest, mergeAddsCounts) {
  LatencyHistogram a, b;
  a.record(10);
  b.record(20);
  b.record(-5);  // clock skew: counted as zero, never dropped
  a.merge(b);
  EXPECT_EQ(a.count(), 3u);
  EXPECT_EQ(a.max(), 20u);
  EXPECT_EQ(a.percentile(0.01), 0u);
}

}  // namespace
}  // namespace bw
