#include "fix/SendThrottle.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace bw::fix {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

TEST(SendThrottleTest, passesUpToTheLimitThenHoldsUntilTheOldestIsAWindowOld) {
  SendThrottle throttle(3, kSecond);
  EXPECT_TRUE(throttle.tryAcquire(0));
  EXPECT_TRUE(throttle.tryAcquire(100));
  EXPECT_TRUE(throttle.tryAcquire(200));
  EXPECT_FALSE(throttle.tryAcquire(300));
  EXPECT_EQ(throttle.waitNs(300), kSecond - 300);
  EXPECT_FALSE(throttle.tryAcquire(kSecond - 1));
  EXPECT_TRUE(throttle.tryAcquire(kSecond));  // the first one has left the window
  EXPECT_FALSE(throttle.tryAcquire(kSecond + 99));
  EXPECT_TRUE(throttle.tryAcquire(kSecond + 100));
}

TEST(SendThrottleTest, neverLetsMoreThanTheLimitIntoAnySlidingWindow) {
  // A token bucket would let 2x through across a window boundary; the ring must not.
  SendThrottle throttle(10, kSecond);
  std::int64_t sent[200] = {};
  int n = 0;
  for (std::int64_t t = 0; n < 200; t += 7'000'000) {
    if (throttle.tryAcquire(t)) sent[n++] = t;
  }
  for (int i = 10; i < n; ++i) EXPECT_GE(sent[i] - sent[i - 10], kSecond) << i;
}

TEST(SendThrottleTest, zeroLimitIsNoThrottle) {
  SendThrottle throttle(0, kSecond);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(throttle.tryAcquire(0));
  EXPECT_EQ(throttle.waitNs(0), 0);
}

}  // namespace
}  // namespace bw::fix
