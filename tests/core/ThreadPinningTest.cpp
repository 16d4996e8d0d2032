#include "core/ThreadPinning.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

namespace bw {
namespace {

TEST(ThreadPinningTest, pinsThreadToRequestedCore) {
  int used = -2, seen = -2;
  std::thread t([&] {
    used = pinCurrentThread(0, "bw-test");
    seen = currentThreadSingleCore();
  });
  t.join();
  EXPECT_EQ(used, 0);
  EXPECT_EQ(seen, 0);
}

TEST(ThreadPinningTest, wrapsCoreBeyondMachineSize) {
  const int online = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  int used = -2;
  std::thread t([&] { used = pinCurrentThread(online + 1, "bw-test"); });
  t.join();
  EXPECT_EQ(used, 1 % online);
}

TEST(ThreadPinningTest, negativeCoreLeavesThreadUnpinned) {
  int used = -2;
  std::thread t([&] { used = pinCurrentThread(-1, "bw-test"); });
  t.join();
  EXPECT_EQ(used, -1);
}

TEST(ThreadPinningTest, scopedAffinityHoldsTheCallerAndItsNewThreadsThenGivesTheCoresBack) {
  // Replay's [cores] helpers: threads we do not start ourselves inherit the core.
  int before = -2, inside = -2, child = -2, after = -2, unpinned_scope = -2;
  std::thread caller([&] {
    before = currentThreadSingleCore();
    {
      const ScopedCoreAffinity helpers(0);
      EXPECT_EQ(helpers.core(), 0);
      inside = currentThreadSingleCore();
      std::thread started_inside([&] { child = currentThreadSingleCore(); });
      started_inside.join();
    }
    after = currentThreadSingleCore();
    const ScopedCoreAffinity none(-1);
    EXPECT_EQ(none.core(), -1);
    unpinned_scope = currentThreadSingleCore();
  });
  caller.join();
  EXPECT_EQ(inside, 0);
  EXPECT_EQ(child, 0);
  EXPECT_EQ(after, before);  // -1 on a machine with more than one core: all of them again
  EXPECT_EQ(unpinned_scope, before);
}

}  // namespace
}  // namespace bw
