// Wilder's ATR against values worked by hand on a 7-bar fixture, length 3.
#include "strategy/indicators/Atr.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "IndicatorFixtures.h"

namespace bw::indicators {
namespace {

using test::bar;

TEST(AtrTest, firstValueIsTheMeanOfTheFirstNTrueRangesThenWilderSmoothing) {
  Atr atr(3);
  EXPECT_EQ(atr.name(), "atr3");
  atr.onBar(bar(10, 8, 9));  // first bar: TR = H - L = 2
  EXPECT_FALSE(atr.ready());
  EXPECT_EQ(atr.value().raw, 0);
  atr.onBar(bar(11, 9, 10));  // TR = max(11, 9) - min(9, 9) = 2
  EXPECT_FALSE(atr.ready());
  atr.onBar(bar(12, 10, 11));  // TR = max(12, 10) - min(10, 10) = 2
  ASSERT_TRUE(atr.ready());
  EXPECT_EQ(atr.value().raw, 200'000'000);  // (2 + 2 + 2) / 3 = 2
  atr.onBar(bar(11, 8, 9));                 // TR = max(11, 11) - min(8, 11) = 3
  EXPECT_EQ(atr.value().raw, 233'333'333);  // (2 x 2 + 3) / 3 = 7/3 = 2.33333333 (truncated)
  atr.onBar(bar(13, 9, 12));                // TR = max(13, 9) - min(9, 9) = 4
  EXPECT_EQ(atr.value().raw, 288'888'888);  // (2.33333333 x 2 + 4) / 3 = 8.66666666 / 3 = 2.88888888
  atr.onBar(bar(14, 11, 13));               // TR = max(14, 12) - min(11, 12) = 3
  EXPECT_EQ(atr.value().raw, 292'592'592);  // (2.88888888 x 2 + 3) / 3 = 8.77777776 / 3 = 2.92592592
  atr.onBar(bar(13, 10, 11));               // TR = max(13, 13) - min(10, 13) = 3
  EXPECT_EQ(atr.value().raw, 295'061'728);  // (2.92592592 x 2 + 3) / 3 = 8.85185184 / 3 = 2.95061728
}

TEST(AtrTest, gapFromThePreviousCloseWidensTheTrueRange) {
  Atr atr(1);                  // length 1: the ATR is the last true range
  atr.onBar(bar(101, 99, 100));
  EXPECT_EQ(atr.value().raw, 2 * kScale);  // first bar: 101 - 99
  atr.onBar(bar(112, 109, 111));           // gap up: max(112, 100) - min(109, 100) = 12
  EXPECT_EQ(atr.value().raw, 12 * kScale);
  atr.onBar(bar(105, 104, 104));           // gap down: max(105, 111) - min(104, 111) = 7
  EXPECT_EQ(atr.value().raw, 7 * kScale);
}

TEST(AtrTest, zeroLengthIsRefused) { EXPECT_THROW(Atr(0), std::invalid_argument); }

}  // namespace
}  // namespace bw::indicators
