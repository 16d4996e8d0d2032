// Proves MappedStoreFile::append (the fast send path's store write) allocates nothing:
// this binary links the counting operator new (tests/support/AllocationCounter.cpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "AllocationCounter.h"
#include "TestTempDir.h"
#include "fix/MappedStoreFile.h"

namespace bw::fix {
namespace {

TEST(MappedStoreFileAllocationTest, appendAllocatesNothing) {
  const std::filesystem::path dir = test::testTempDir("mapped-store-alloc");
  std::filesystem::create_directories(dir);
  {
    MappedStoreFile f((dir / "a.store").string(), "FIX.4.4:A->B", 1024, 512);
    const std::string msg(200, 'x');  // about a NewOrderSingle
    const std::uint64_t before = test::allocationCount();
    int stored = 0;
    for (int seq = 1; seq <= 100'000; ++seq) {  // wraps the ring many times
      stored += f.append(seq, msg.data(), msg.size()) ? 1 : 0;
      f.setNextSenderSeqNum(seq + 1);
    }
    EXPECT_EQ(test::allocationCount() - before, 0u);
    EXPECT_EQ(stored, 100'000);
    // The counter works: get() allocates its strings.
    std::vector<std::string> out;
    f.get(99'990, 100'000, out);
    EXPECT_GT(test::allocationCount() - before, 0u);
    EXPECT_EQ(out.size(), 11u);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bw::fix
