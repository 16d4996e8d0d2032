// Relative volume, volume z-score, buy/sell imbalance and OBV, worked by hand.
#include "strategy/indicators/VolumeIndicators.h"

#include <gtest/gtest.h>

#include <cmath>

#include "IndicatorFixtures.h"

namespace bw::indicators {
namespace {

using test::bar;

TEST(VolumeIndicatorsTest, relativeVolumeIsAgainstTheMeanOfThePreviousNBars) {
  RelativeVolume rv(2);
  EXPECT_EQ(rv.name(), "rvol2");
  rv.onBar(bar(1, 1, 1, 1));
  rv.onBar(bar(1, 1, 1, 3));
  EXPECT_FALSE(rv.ready()) << "the current bar is not part of its own baseline";
  rv.onBar(bar(1, 1, 1, 4));
  ASSERT_TRUE(rv.ready());
  EXPECT_DOUBLE_EQ(rv.value(), 2.0);  // 4 / ((1 + 3) / 2)
  rv.onBar(bar(1, 1, 1, 0));
  EXPECT_DOUBLE_EQ(rv.value(), 0.0);  // 0 / ((3 + 4) / 2)
  rv.onBar(bar(1, 1, 1, 7));
  EXPECT_DOUBLE_EQ(rv.value(), 3.5);  // 7 / ((4 + 0) / 2)
}

TEST(VolumeIndicatorsTest, volumeZScoreUsesThePopulationDeviationOfTheLastNBars) {
  VolumeZScore z(3);
  EXPECT_EQ(z.name(), "volz3");
  z.onBar(bar(1, 1, 1, 1));
  z.onBar(bar(1, 1, 1, 3));
  EXPECT_FALSE(z.ready());
  z.onBar(bar(1, 1, 1, 5));
  ASSERT_TRUE(z.ready());
  // window 1, 3, 5: mean 3, variance (4 + 0 + 4) / 3 = 8/3; z = (5 - 3) / sqrt(8/3) = sqrt(1.5)
  EXPECT_NEAR(z.value(), std::sqrt(1.5), 1e-12);
  z.onBar(bar(1, 1, 1, 3));
  // window 3, 5, 3: mean 11/3, variance (4/9 + 16/9 + 4/9) / 3 = 8/9; z = (3 - 11/3) / sqrt(8/9) = -1/sqrt(2)
  EXPECT_NEAR(z.value(), -1.0 / std::sqrt(2.0), 1e-12);
  z.onBar(bar(1, 1, 1, 3));
  z.onBar(bar(1, 1, 1, 3));
  EXPECT_EQ(z.value(), 0.0) << "3, 3, 3: no deviation";
}

TEST(VolumeIndicatorsTest, buySellImbalanceByTakerSide) {
  BuySellImbalance imb;
  EXPECT_FALSE(imb.ready());
  feed::Bar b = bar(1, 1, 1, 4);
  b.buy_volume = Qty{3 * kScale};
  b.sell_volume = Qty{1 * kScale};
  imb.onBar(b);
  ASSERT_TRUE(imb.ready());
  EXPECT_DOUBLE_EQ(imb.value(), 0.5);  // (3 - 1) / (3 + 1)
  b.buy_volume = Qty{0};
  b.sell_volume = Qty{2 * kScale};
  imb.onBar(b);
  EXPECT_DOUBLE_EQ(imb.value(), -1.0);  // (0 - 2) / (0 + 2)
  b.sell_volume = Qty{0};
  imb.onBar(b);
  EXPECT_EQ(imb.value(), 0.0) << "no volume";
}

TEST(VolumeIndicatorsTest, onBalanceVolumeAddsOnUpClosesSubtractsOnDownCloses) {
  OnBalanceVolume obv;
  EXPECT_EQ(obv.name(), "obv");
  obv.onBar(bar(10, 10, 10, 1));
  ASSERT_TRUE(obv.ready());
  EXPECT_EQ(obv.value().raw, 0);  // starts at 0
  obv.onBar(bar(11, 11, 11, 2));
  EXPECT_EQ(obv.value().raw, 2 * kScale);  // up: 0 + 2
  obv.onBar(bar(11, 11, 11, 3));
  EXPECT_EQ(obv.value().raw, 2 * kScale);  // equal: unchanged
  obv.onBar(bar(9, 9, 9, 4));
  EXPECT_EQ(obv.value().raw, -2 * kScale);  // down: 2 - 4
}

}  // namespace
}  // namespace bw::indicators
