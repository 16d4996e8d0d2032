// ConstantDivisor's multiply gives the same quotient as `/` for every non-negative
// dividend: divisors that are powers of two, 1, the indicator lengths, large odd ones, and
// dividends on both sides of the exactness bound where it falls back to dividing.

#include <gtest/gtest.h>

#include <cstdint>

#include "strategy/indicators/ConstantDivisor.h"

namespace bw::indicators {
namespace {

TEST(ConstantDivisorTest, equalsPlainDivisionOnEdgeCases) {
  const std::int64_t divisors[] = {1, 2, 3, 7, 13, 14, 20, 64, 100, 1'000'000'007, INT64_MAX / 3, INT64_MAX};
  const std::int64_t dividends[] = {0, 1, 2, 13, 14, 15, 99, 100, 101, 1'000'000'006, 1'000'000'007,
                                    (std::int64_t{1} << 62) - 1, std::int64_t{1} << 62, INT64_MAX - 1, INT64_MAX};
  for (const std::int64_t d : divisors) {
    const ConstantDivisor divisor(d);
    EXPECT_EQ(divisor.divisor(), d);
    for (const std::int64_t x : dividends) EXPECT_EQ(divisor.divide(x), x / d) << x << " / " << d;
    for (std::int64_t k = 0; k < 1'000; ++k) {  // every remainder around multiples of d
      const std::int64_t x = (k % 50) * (d > 1'000'000 ? 1'000 : d) + k / 50;
      EXPECT_EQ(divisor.divide(x), x / d) << x << " / " << d;
    }
  }
}

TEST(ConstantDivisorTest, equalsPlainDivisionOnASweep) {
  std::uint64_t state = 987654321;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state;
  };
  for (int i = 0; i < 2'000; ++i) {
    const auto d = static_cast<std::int64_t>((next() >> (1 + next() % 62)) | 1) + static_cast<std::int64_t>(i % 2);
    const ConstantDivisor divisor(d);
    for (int j = 0; j < 200; ++j) {
      const auto x = static_cast<std::int64_t>(next() >> (1 + next() % 63));
      ASSERT_EQ(divisor.divide(x), x / d) << x << " / " << d;
    }
  }
}

TEST(ConstantDivisorTest, aNegativeDividendTakesThePlainDivision) {
  const ConstantDivisor divisor(14);
  EXPECT_EQ(divisor.divide(-29), -29 / 14);
}

TEST(ConstantDivisorTest, refusesADivisorBelowOne) {
  EXPECT_THROW(ConstantDivisor(0), std::invalid_argument);
  EXPECT_THROW(ConstantDivisor(-3), std::invalid_argument);
}

}  // namespace
}  // namespace bw::indicators
