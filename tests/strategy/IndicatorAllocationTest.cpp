// Proves the bar indicators and tick features allocate nothing after construction, over
// warm-up and long after it (rings wrapping, session restarts, every tick kind). This
// binary links the counting operator new (tests/support/AllocationCounter.cpp).

#include <gtest/gtest.h>

#include "AllocationCounter.h"
#include "IndicatorFixtures.h"
#include "strategy/indicators/BarIndicatorSet.h"
#include "strategy/indicators/TickFeatureSet.h"

namespace bw::indicators {
namespace {

TEST(IndicatorAllocationTest, counterSeesAnAllocation) {
  const std::uint64_t before = bw::test::allocationCount();
  static int* volatile sink = nullptr;  // volatile: the new/delete pair cannot be elided
  sink = new int(7);
  delete sink;
  EXPECT_EQ(bw::test::allocationCount() - before, 1u);
}

TEST(IndicatorAllocationTest, barIndicatorsAllocateNothingPerBar) {
  BarIndicatorSet set(BarIndicatorLengths{});
  feed::Bar b = indicators::test::bar(100, 100, 100, 1);
  const std::uint64_t before = bw::test::allocationCount();
  for (std::int64_t i = 0; i < 20'000; ++i) {
    const std::int64_t mid = 60'000 + (i * 37) % 101;
    b = indicators::test::bar(mid + i % 5, mid - i % 3, mid, 1 + i % 9);
    b.buy_volume = Qty{(i % 4) * kScale};
    b.sell_volume = Qty{(i % 3) * kScale};
    b.start_ns = indicators::test::kDayStartNs + i * 60'000'000'000;  // 1m bars: ~14 sessions
    set.onBar(b);
  }
  EXPECT_EQ(bw::test::allocationCount() - before, 0u) << "a bar indicator allocated after construction";
  EXPECT_TRUE(set.adx.ready());
  EXPECT_TRUE(set.vol_regime.ready());
}

TEST(IndicatorAllocationTest, tickFeaturesAllocateNothingPerTick) {
  TickFeatureSet features(50);
  Tick t;
  const std::uint64_t before = bw::test::allocationCount();
  for (std::int64_t i = 0; i < 100'000; ++i) {
    t = i % 2 == 0 ? indicators::test::quote(6'000'000'000'000 + i, 6'000'001'000'000 + i, (i % 7 + 1) * kScale, kScale)
                   : indicators::test::trade(i % 3 == 0 ? Side::kSell : Side::kBuy);
    t.recv_ns = indicators::test::kDayStartNs + i * 1'000'000'000;
    features.onTick(t);
  }
  EXPECT_EQ(bw::test::allocationCount() - before, 0u) << "a tick feature allocated after construction";
  EXPECT_TRUE(features.trade_sign.ready());
  EXPECT_TRUE(features.quote.ready());
}

}  // namespace
}  // namespace bw::indicators
