// ADX, +DI and -DI against values worked by hand (Wilder's definitions) on a 7-bar
// fixture, length 3: DIs from bar 4 (N + 1), ADX from bar 6 (2N).
//   bar  H  L  C   up  down  +DM -DM  TR
//   1   10  8  9    -    -    -   -    -
//   2   11  9 10    1   -1    1   0   max(11,9)-min(9,9)   = 2
//   3   12 10 11    1   -1    1   0   max(12,10)-min(10,10) = 2
//   4   11  8  9   -1    2    0   2   max(11,11)-min(8,11)  = 3
//   5   13  9 12    2   -1    2   0   max(13,9)-min(9,9)    = 4
//   6   14 11 13    1   -2    1   0   max(14,12)-min(11,12) = 3
//   7   13 10 11   -1    1    0   1   max(13,13)-min(10,13) = 3
#include "strategy/indicators/Adx.h"

#include <gtest/gtest.h>

#include "IndicatorFixtures.h"

namespace bw::indicators {
namespace {

using test::bar;
constexpr double kEps = 1e-9;

TEST(AdxTest, wilderSmoothedDirectionalIndexWorkedByHand) {
  Adx adx(3);
  EXPECT_EQ(adx.name(), "adx3");
  EXPECT_EQ(adx.plusDiName(), "plus_di3");
  EXPECT_EQ(adx.minusDiName(), "minus_di3");
  adx.onBar(bar(10, 8, 9));
  adx.onBar(bar(11, 9, 10));
  adx.onBar(bar(12, 10, 11));
  EXPECT_FALSE(adx.diReady());
  EXPECT_FALSE(adx.ready());

  adx.onBar(bar(11, 8, 9));
  // Seeds: S(TR) = (2+2+3)/3 = 7/3, S(+DM) = (1+1+0)/3 = 2/3, S(-DM) = (0+0+2)/3 = 2/3
  // +DI = 100 x (2/3)/(7/3) = 200/7, -DI = 200/7, DX = 0
  ASSERT_TRUE(adx.diReady());
  EXPECT_FALSE(adx.ready());
  EXPECT_NEAR(adx.plusDi(), 200.0 / 7.0, kEps);
  EXPECT_NEAR(adx.minusDi(), 200.0 / 7.0, kEps);
  EXPECT_NEAR(adx.dx(), 0.0, kEps);

  adx.onBar(bar(13, 9, 12));
  // S(TR) = (7/3 x 2 + 4)/3 = 26/9, S(+DM) = (2/3 x 2 + 2)/3 = 10/9, S(-DM) = (2/3 x 2 + 0)/3 = 4/9
  // +DI = 1000/26 = 38.4615..., -DI = 400/26 = 15.3846..., DX = 100 x 600/1400 = 300/7
  EXPECT_NEAR(adx.plusDi(), 1000.0 / 26.0, kEps);
  EXPECT_NEAR(adx.minusDi(), 400.0 / 26.0, kEps);
  EXPECT_NEAR(adx.dx(), 300.0 / 7.0, kEps);
  EXPECT_FALSE(adx.ready());
  EXPECT_EQ(adx.value(), 0.0);

  adx.onBar(bar(14, 11, 13));
  // S(TR) = (26/9 x 2 + 3)/3 = 79/27, S(+DM) = (10/9 x 2 + 1)/3 = 29/27, S(-DM) = (4/9 x 2)/3 = 8/27
  // +DI = 2900/79, -DI = 800/79, DX = 100 x 2100/3700 = 2100/37
  // ADX (first) = mean of the first 3 DX = (0 + 300/7 + 2100/37) / 3 = 8600/259 = 33.2046...
  EXPECT_NEAR(adx.plusDi(), 2900.0 / 79.0, kEps);
  EXPECT_NEAR(adx.minusDi(), 800.0 / 79.0, kEps);
  EXPECT_NEAR(adx.dx(), 2100.0 / 37.0, kEps);
  ASSERT_TRUE(adx.ready());
  EXPECT_NEAR(adx.value(), 8600.0 / 259.0, kEps);

  adx.onBar(bar(13, 10, 11));
  // S(TR) = (79/27 x 2 + 3)/3 = 239/81, S(+DM) = (29/27 x 2)/3 = 58/81, S(-DM) = (8/27 x 2 + 1)/3 = 43/81
  // +DI = 5800/239, -DI = 4300/239, DX = 100 x 1500/10100 = 1500/101
  // ADX = (8600/259 x 2 + 1500/101) / 3 = 2125700/78477 = 27.0869...
  EXPECT_NEAR(adx.plusDi(), 5800.0 / 239.0, kEps);
  EXPECT_NEAR(adx.minusDi(), 4300.0 / 239.0, kEps);
  EXPECT_NEAR(adx.dx(), 1500.0 / 101.0, kEps);
  EXPECT_NEAR(adx.value(), 2125700.0 / 78477.0, kEps);
}

TEST(AdxTest, insideBarHasNoDirectionalMovementAndEqualMovesCancel) {
  Adx adx(1);  // length 1: the smoothed values are the last ones
  adx.onBar(bar(12, 8, 10));
  adx.onBar(bar(11, 9, 10));  // inside bar: up = -1, down = -1 -> +DM = -DM = 0
  EXPECT_EQ(adx.plusDi(), 0.0);
  EXPECT_EQ(adx.minusDi(), 0.0);
  EXPECT_EQ(adx.value(), 0.0);  // DX = 0 when both DIs are 0
  adx.onBar(bar(12, 8, 10));  // outside bar: up = 1, down = 1 -> neither wins
  EXPECT_EQ(adx.plusDi(), 0.0);
  EXPECT_EQ(adx.minusDi(), 0.0);
  adx.onBar(bar(14, 9, 13));  // up = 2, down = -1: +DM = 2, TR = 14 - 9 = 5 -> +DI = 40, DX = 100
  EXPECT_NEAR(adx.plusDi(), 40.0, kEps);
  EXPECT_NEAR(adx.value(), 100.0, kEps);
}

}  // namespace
}  // namespace bw::indicators
