// Volatility regime: ATR share of the close against the mean of the previous M shares.
#include "strategy/indicators/VolatilityRegime.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace bw::indicators {
namespace {

constexpr Price kClose{100 * kScale};

TEST(VolatilityRegimeTest, classifiesTheShareAgainstItsRollingMean) {
  VolatilityRegime r({.length = 2, .low_ratio = 0.75, .high_ratio = 1.5});
  EXPECT_EQ(r.name(), "volregime2");
  r.onAtr(Price{kScale}, kClose);  // share 1 / 100 = 0.01 = 1'000'000 in 1e-8
  EXPECT_EQ(r.share(), 1'000'000);
  r.onAtr(Price{kScale}, kClose);
  EXPECT_FALSE(r.ready()) << "needs M earlier shares";
  EXPECT_EQ(r.value(), VolRegime::kUnknown);
  r.onAtr(Price{2 * kScale}, kClose);  // 0.02 vs mean(0.01, 0.01): ratio 2 > 1.5
  ASSERT_TRUE(r.ready());
  EXPECT_DOUBLE_EQ(r.ratio(), 2.0);
  EXPECT_EQ(r.value(), VolRegime::kHigh);
  r.onAtr(Price{kScale}, kClose);  // 0.01 vs mean(0.01, 0.02) = 0.015: ratio 2/3 < 0.75
  EXPECT_NEAR(r.ratio(), 2.0 / 3.0, 1e-12);
  EXPECT_EQ(r.value(), VolRegime::kLow);
  r.onAtr(Price{150'000'000}, kClose);  // 0.015 vs mean(0.02, 0.01) = 0.015: ratio 1
  EXPECT_DOUBLE_EQ(r.ratio(), 1.0);
  EXPECT_EQ(r.value(), VolRegime::kNormal);
  EXPECT_STREQ(volRegimeName(r.value()), "normal");
}

TEST(VolatilityRegimeTest, badParametersAreRefused) {
  EXPECT_THROW(VolatilityRegime({.length = 0}), std::invalid_argument);
  EXPECT_THROW(VolatilityRegime({.length = 5, .low_ratio = 2.0, .high_ratio = 1.0}), std::invalid_argument);
}

}  // namespace
}  // namespace bw::indicators
