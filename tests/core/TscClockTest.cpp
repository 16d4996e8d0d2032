#include "core/TscClock.h"

#include <gtest/gtest.h>

#include <thread>

namespace bw {
namespace {

TEST(TscClockTest, calibratedTscAgreesWithMonotonicClock) {
  const TscClock clock = TscClock::calibrate(20);
  EXPECT_GT(clock.ticksPerNs(), 0.1);   // no x86 TSC below 100 MHz
  EXPECT_LT(clock.ticksPerNs(), 10.0);  // nor above 10 GHz
  const std::int64_t ns0 = TscClock::monotonicNs();
  const std::uint64_t t0 = TscClock::now();
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  const std::int64_t elapsed_ns = TscClock::monotonicNs() - ns0;
  const std::int64_t tsc_ns = clock.toNs(TscClock::now() - t0);
  // Same interval measured both ways: within 5% (the sleep itself may overrun, equally).
  EXPECT_NEAR(static_cast<double>(tsc_ns), static_cast<double>(elapsed_ns), 0.05 * static_cast<double>(elapsed_ns));
}

TEST(TscClockTest, slightlyReversedCrossCoreStampsGiveSmallNegativeNotAWrap) {
  // Stamps from two cores whose TSCs are a little out of step: later - earlier < 0.
  const TscClock clock = TscClock::calibrate(5);
  const std::uint64_t earlier = 1'000'000'100;
  const std::uint64_t later = 1'000'000'000;
  const std::int64_t ns = clock.toNs(later - earlier);
  EXPECT_LT(ns, 0);
  EXPECT_GT(ns, -1'000);
}

TEST(TscClockTest, refusesNonPositiveWindow) { EXPECT_THROW(TscClock::calibrate(0), std::invalid_argument); }

}  // namespace
}  // namespace bw
