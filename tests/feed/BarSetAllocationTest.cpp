// Proves the bar set allocates nothing after construction: trades, ticks of every kind,
// closes on time, flat bars, tick and volume bars, for several symbols. This binary links
// the counting operator new (tests/support/AllocationCounter.cpp).

#include <gtest/gtest.h>

#include "AllocationCounter.h"
#include "feed/BarSet.h"

namespace bw::feed {
namespace {

TEST(BarSetAllocationTest, counterSeesAnAllocation) {
  const std::uint64_t before = bw::test::allocationCount();
  static int* volatile sink = nullptr;  // volatile: the new/delete pair cannot be elided
  sink = new int(7);
  delete sink;
  EXPECT_EQ(bw::test::allocationCount() - before, 1u);
}

TEST(BarSetAllocationTest, everyKindOfUpdateAndCloseAllocatesNothing) {
  BarsConfig c;  // the defaults: 1s, 5s, 1m, 5m, tick100, vol10
  c.max_flat_bars = 10;
  BarSet set(c);
  std::uint64_t bars = 0;
  std::uint64_t flat = 0;
  const auto sink = [&](const Bar& b) noexcept {
    ++bars;
    flat += b.flat() ? 1u : 0u;
  };
  Tick t;
  t.recv_ns = 1'723'161'254'087'896'568;
  const std::uint64_t before = bw::test::allocationCount();
  for (int i = 0; i < 200'000; ++i) {
    t.recv_ns += (i % 5'000 == 4'999) ? 400'000'000'000 : 3'000'000;  // now and then a long silence
    t.symbol = static_cast<SymbolId>(i % 3);
    t.kind = i % 4 == 0 ? TickKind::kQuote : TickKind::kTrade;
    t.price = Price{(60'000 + i % 17) * kScale};
    t.qty = Qty{(i % 7 + 1) * 10'000'000};
    t.aggressor = i % 2 == 0 ? Side::kBuy : Side::kSell;
    set.onTick(t, sink);
    if (i % 1'000 == 0) set.advanceTo(t.recv_ns + 1, sink);
  }
  EXPECT_EQ(bw::test::allocationCount() - before, 0u) << "BarSet allocated after construction";
  EXPECT_GT(bars, 1'000u);
  EXPECT_GT(flat, 0u);
  EXPECT_GT(set.flatSkipped(0), 0u) << "the silences passed the cap";
  EXPECT_GT(set.closed(4), 0u) << "tick bars closed";
  EXPECT_GT(set.closed(5), 0u) << "volume bars closed";
}

}  // namespace
}  // namespace bw::feed
