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

}  // namespace
}  // namespace bw
