// Session and rolling VWAP, and the close's deviation from them, worked by hand.
#include "strategy/indicators/Vwap.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "IndicatorFixtures.h"

namespace bw::indicators {
namespace {

using test::bar;
using test::kDayStartNs;
constexpr std::int64_t kMinuteNs = 60'000'000'000;

TEST(VwapTest, rollingVwapIsVolumeWeightedOverTheLastNBars) {
  RollingVwap v(2);
  EXPECT_EQ(v.name(), "vwap2");
  v.onBar(bar(100, 100, 100, 1));
  EXPECT_FALSE(v.ready()) << "one bar of two";
  v.onBar(bar(110, 100, 110, 3));
  ASSERT_TRUE(v.ready());
  EXPECT_EQ(v.value().raw, 10'750'000'000);  // (100 x 1 + 110 x 3) / 4 = 107.5
  // close 110 vs 107.5: 10'000 x 2.5 / 107.5 = 232.558139...
  EXPECT_NEAR(v.deviationBps(), 10'000.0 * 2.5 / 107.5, 1e-9);
  v.onBar(bar(120, 110, 120, 1));            // the first bar leaves the window
  EXPECT_EQ(v.value().raw, 11'250'000'000);  // (110 x 3 + 120 x 1) / 4 = 112.5
  EXPECT_NEAR(v.deviationBps(), 10'000.0 * 7.5 / 112.5, 1e-9);
}

TEST(VwapTest, rollingVwapIsNotReadyWhileTheWindowTradedNothing) {
  RollingVwap v(1);
  v.onBar(bar(100, 100, 100, 0));
  EXPECT_FALSE(v.ready());
  EXPECT_EQ(v.value().raw, 0);
  EXPECT_EQ(v.deviationBps(), 0.0);
}

TEST(VwapTest, sessionVwapAccumulatesUntilTheSessionBoundaryThenRestarts) {
  SessionVwap v;  // sessions open at 00:00 UTC
  EXPECT_EQ(v.name(), "vwap");
  EXPECT_FALSE(v.ready());
  feed::Bar b = bar(100, 100, 100, 1);
  b.start_ns = kDayStartNs - 2 * kMinuteNs;  // 23:58 the day before
  v.onBar(b);
  b = bar(103, 103, 103, 2);
  b.start_ns = kDayStartNs - kMinuteNs;  // 23:59
  v.onBar(b);
  ASSERT_TRUE(v.ready());
  EXPECT_EQ(v.value().raw, 10'200'000'000);  // (100 x 1 + 103 x 2) / 3 = 306 / 3 = 102
  EXPECT_NEAR(v.deviationBps(), 10'000.0 * 1.0 / 102.0, 1e-9);  // close 103
  b = bar(90, 90, 90, 1);
  b.start_ns = kDayStartNs;  // 00:00: a new session
  v.onBar(b);
  EXPECT_EQ(v.value().raw, 9'000'000'000);
  EXPECT_EQ(v.deviationBps(), 0.0);
}

TEST(VwapTest, sessionStartMinuteMovesTheBoundary) {
  SessionVwap v(60);  // sessions open at 01:00 UTC: 23:59 and 00:00 are one session
  feed::Bar b = bar(100, 100, 100, 1);
  b.start_ns = kDayStartNs - kMinuteNs;
  v.onBar(b);
  b = bar(90, 90, 90, 1);
  b.start_ns = kDayStartNs;
  v.onBar(b);
  EXPECT_EQ(v.value().raw, 9'500'000'000);  // (100 + 90) / 2 = 95
  b.start_ns = kDayStartNs + 60 * kMinuteNs;  // 01:00: restart
  v.onBar(b);
  EXPECT_EQ(v.value().raw, 9'000'000'000);
}

TEST(VwapTest, badParametersAreRefused) {
  EXPECT_THROW(SessionVwap(1'440), std::invalid_argument);
  EXPECT_THROW(RollingVwap(0), std::invalid_argument);
}

}  // namespace
}  // namespace bw::indicators
