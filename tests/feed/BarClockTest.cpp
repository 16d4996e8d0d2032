#include "feed/BarClock.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "feed/BarSet.h"

namespace bw::feed {
namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kSecond = 1'000 * kMs;
constexpr std::int64_t kT0 = 1'723'161'300 * kSecond;  // a multiple of every interval below (boundaries are the epoch's)

BarsConfig intervals(std::vector<std::int64_t> ms) {
  BarsConfig c;
  c.time_intervals_ms = std::move(ms);
  return c;
}

TEST(BarClockTest, theFirstTimeOnlyStartsTheClockThenEachSecondCrossesOnce) {
  BarClock clock(intervals({1'000, 5'000}));
  EXPECT_FALSE(clock.crosses(kT0 + 400 * kMs)) << "no bar is open before the first tick";
  EXPECT_EQ(clock.nextNs(), kT0 + kSecond);
  EXPECT_FALSE(clock.crosses(kT0 + 999 * kMs));
  EXPECT_TRUE(clock.crosses(kT0 + kSecond)) << "a boundary is reached at its own time (BarSet: at or before now)";
  EXPECT_FALSE(clock.crosses(kT0 + kSecond)) << "the message that crossed follows with the same time";
  EXPECT_FALSE(clock.crosses(kT0 + 1'500 * kMs));
  EXPECT_TRUE(clock.crosses(kT0 + 7'300 * kMs)) << "a silence over several boundaries is one crossing";
  EXPECT_EQ(clock.nextNs(), kT0 + 8 * kSecond);
}

TEST(BarClockTest, intervalsThatAreNotMultiplesCrossAtEachOnesBoundaries) {
  BarClock clock(intervals({300, 1'000}));
  ASSERT_FALSE(clock.crosses(kT0));
  std::vector<std::int64_t> crossed_ms;
  for (std::int64_t ms = 1; ms <= 2'000; ++ms) {
    if (clock.crosses(kT0 + ms * kMs)) crossed_ms.push_back(ms);
  }
  EXPECT_EQ(crossed_ms, (std::vector<std::int64_t>{300, 600, 900, 1'000, 1'200, 1'500, 1'800, 2'000}));
}

TEST(BarClockTest, receiveTimesGoingBackwardsNeverCross) {
  BarClock clock(intervals({1'000}));
  ASSERT_FALSE(clock.crosses(kT0 + 900 * kMs));
  ASSERT_TRUE(clock.crosses(kT0 + 1'100 * kMs));
  EXPECT_FALSE(clock.crosses(kT0 + 800 * kMs)) << "a merged file's earlier stamp";
  EXPECT_FALSE(clock.crosses(kT0 + 1'050 * kMs));
  EXPECT_TRUE(clock.crosses(kT0 + 2'000 * kMs));
}

TEST(BarClockTest, noTimeIntervalNeverCrosses) {
  BarClock clock(intervals({}));
  EXPECT_FALSE(clock.crosses(kT0));
  EXPECT_FALSE(clock.crosses(kT0 + 3'600 * kSecond));
}

// The clock stands for BarSet's own boundaries: from the first tick on, the times at which
// the clock crosses are exactly those at which BarSet closes a time bar, so a clock tick
// comes before every close and none is sent for nothing.
TEST(BarClockTest, crossesExactlyWhereBarSetClosesATimeBar) {
  const BarsConfig config = intervals({300, 1'000, 5'000, 60'000});  // 1 s is no multiple of 300 ms
  BarClock clock(config);
  BarSet bars(config);
  std::uint64_t state = 88172645463325252ULL;  // xorshift: gaps of 1-1,500 ms, some over several boundaries
  std::int64_t t = kT0 + 17 * kMs;
  std::uint64_t closes = 0;
  for (int i = 0; i < 20'000; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    t += static_cast<std::int64_t>(1 + state % 1'500) * kMs / (i % 7 == 0 ? 1 : 20);
    Tick trade;
    trade.kind = TickKind::kTrade;
    trade.symbol = 0;
    trade.recv_ns = t;
    trade.price = Price{100 * kScale};
    trade.qty = Qty{kScale};
    const bool crossed = clock.crosses(t);
    bool closed = false;
    bars.onTick(trade, [&](const Bar& bar) {
      if (bar.series < config.time_intervals_ms.size()) closed = true;
    });
    ASSERT_EQ(crossed, closed) << "tick " << i << " at +" << (t - kT0) / kMs << " ms";
    closes += closed ? 1 : 0;
  }
  EXPECT_GT(closes, 1'000u);
}

}  // namespace
}  // namespace bw::feed
