// scaledRatio's 64-bit split equals the 128-bit floor(n x 1e8 / d) everywhere: typical
// VWAP operands, remainders whose x 1e8 passes int64, numerators past int64, and a sweep.

#include <gtest/gtest.h>

#include "strategy/indicators/ScaledRatio.h"

namespace bw::indicators {
namespace {

std::int64_t reference(Int128 n, Int128 d) { return static_cast<std::int64_t>(n * kScale / d); }

TEST(ScaledRatioTest, equalsThe128BitFloorOnEdgeCases) {
  const Int128 big = static_cast<Int128>(INT64_MAX) * 3;  // a day's turnover of a busy symbol can pass int64
  const std::pair<Int128, Int128> cases[] = {
      {0, 1},
      {1, 3},                                     // 0.33333333
      {2, 3},                                     // 0.66666666: floored
      {6'183'069'159'272LL * 10, 10},             // whole price, no fraction
      {6'183'069'159'272LL * 7 + 5, 7},           // a fraction below 1e-8
      {INT64_MAX, 1'000'000'007},                 // q x 1e8 fits, r x 1e8 does not: 128-bit path
      {INT64_MAX, 1},                             // q x 1e8 overflows: 128-bit path
      {INT64_MAX - 1, 92'233'720'368LL},          // r just under the 64-bit limit of r x 1e8
      {big, 1'000'000'000'000LL},                 // numerator past int64
  };
  for (const auto& [n, d] : cases) {
    EXPECT_EQ(scaledRatio(n, d), reference(n, d)) << static_cast<std::int64_t>(n % INT64_MAX) << " / "
                                                  << static_cast<std::int64_t>(d);
  }
}

TEST(ScaledRatioTest, equalsThe128BitFloorOnASweep) {
  std::uint64_t state = 12345;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state;
  };
  for (int i = 0; i < 200'000; ++i) {
    const auto n = static_cast<Int128>(next() >> (1 + next() % 40));
    const auto d = static_cast<Int128>((next() >> (1 + next() % 62)) | 1);
    ASSERT_EQ(scaledRatio(n, d), reference(n, d)) << i;
  }
}

}  // namespace
}  // namespace bw::indicators
