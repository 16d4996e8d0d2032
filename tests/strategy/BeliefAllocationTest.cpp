// Proves the belief model and the entry policy allocate nothing per decision, entries and
// refusals alike. This binary links the counting operator new (tests/support/AllocationCounter.cpp).

#include <gtest/gtest.h>

#include "AllocationCounter.h"
#include "BeliefFixtures.h"
#include "strategy/decision/EntryPolicy.h"

namespace bw::strategy::decision {
namespace {

TEST(BeliefAllocationTest, decideAllocatesNothing) {
  const Config config;  // the shipped templates
  const EntryPolicy policy(config);
  const Instrument inst = strategy::test::instrument();
  SymbolBeliefState state;
  FeatureVector f = strategy::test::readyFeatures();
  std::uint64_t entries = 0;
  const std::uint64_t before = bw::test::allocationCount();
  for (int bar = 0; bar < 20'000; ++bar) {
    f.set(BarFeature::kVwapDeviationBps, 0, -40.0 + (bar % 81), true);
    f.set(BarFeature::kRocShort, 0, 0.02 * (bar % 11 - 5), true);
    f.set(BarFeature::kDiSpread, 1, 3.0 * (bar % 13 - 6), true);
    f.set(BarFeature::kAdx, 0, bar % 50, true);
    f.set(TickFeature::kTradeSignImbalance, 0.0, bar % 97 != 0);  // now and then not ready
    f.vol_regime[0] = static_cast<indicators::VolRegime>(1 + bar % 3);
    const EntryDecision d = policy.decide(f, inst, state);
    entries += d.enter() ? 1U : 0U;
  }
  EXPECT_EQ(bw::test::allocationCount() - before, 0u) << "the entry policy allocated per decision";
  EXPECT_GT(entries, 0u);  // the loop exercised the entry path too
}

}  // namespace
}  // namespace bw::strategy::decision
