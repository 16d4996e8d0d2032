#include "core/SpscQueue.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/Tick.h"

namespace bw {
namespace {

TEST(SpscQueueTest, refusesPushWhenFullInsteadOfGrowing) {
  SpscQueue<int> q(4);
  int pushed = 0;
  while (q.tryPush(pushed)) ++pushed;
  EXPECT_GE(pushed, 4);
  EXPECT_LT(pushed, 64);
  int v = -1;
  ASSERT_TRUE(q.tryPop(v));
  EXPECT_EQ(v, 0);
}

TEST(SpscQueueTest, deliversEveryTickInOrderAcrossThreads) {
  constexpr std::uint64_t kTicks = 200'000;
  SpscQueue<Tick> q(1024);
  std::thread producer([&] {
    for (std::uint64_t i = 1; i <= kTicks; ++i) {
      Tick t;
      t.recv_ns = static_cast<std::int64_t>(i);
      while (!q.tryPush(t)) std::this_thread::yield();
    }
  });
  std::uint64_t expected = 1;
  Tick t;
  while (expected <= kTicks) {
    if (q.tryPop(t)) {
      ASSERT_EQ(t.recv_ns, static_cast<std::int64_t>(expected));
      ++expected;
    }
  }
  producer.join();
  EXPECT_FALSE(q.tryPop(t));
}

}  // namespace
}  // namespace bw
