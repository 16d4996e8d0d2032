// Proves TickParser::parse allocates nothing once reserved: this binary links the
// counting operator new (tests/support/AllocationCounter.cpp).

#include <gtest/gtest.h>

#include <vector>

#include "AllocationCounter.h"
#include "FeedTestSupport.h"
#include "feed/TickParser.h"

namespace bw::feed {
namespace {

TEST(TickParserAllocationTest, counterSeesAnAllocation) {
  const std::uint64_t before = bw::test::allocationCount();
  static int* volatile sink = nullptr;  // volatile: the new/delete pair cannot be elided
  sink = new int(7);
  delete sink;
  EXPECT_EQ(bw::test::allocationCount() - before, 1u);
}

TEST(TickParserAllocationTest, parsingEveryKindOfLineAllocatesNothing) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  TickParser parser(instruments);
  parser.reserve(64 * 1024);
  const std::vector<test::PaddedLine> lines{test::PaddedLine(test::kTradeLine), test::PaddedLine(test::kQuoteLine),
                                            test::PaddedLine(test::kDepthLine), test::PaddedLine(test::kSnapshotLine),
                                            test::PaddedLine("1 {broken"), test::PaddedLine("garbage"),
                                            test::PaddedLine(R"({"u":9,"s":"BTCUSDT","b":"1.0","B":"2","a":"1.1","A":"3"})"),
                                            test::PaddedLine(test::kDepthLine.substr(test::kDepthLine.find('{')))};
  Tick tick;
  std::uint64_t ok = 0;
  const std::uint64_t before = bw::test::allocationCount();
  for (int round = 0; round < 10'000; ++round) {
    for (const test::PaddedLine& l : lines) ok += parser.parse(l.view(), tick).ok() ? 1u : 0u;
  }
  EXPECT_EQ(bw::test::allocationCount() - before, 0u) << "TickParser allocated while parsing";
  EXPECT_EQ(ok, 60'000u);
}

}  // namespace
}  // namespace bw::feed
