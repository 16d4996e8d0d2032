// ROC in percent against values worked by hand.
#include "strategy/indicators/RateOfChange.h"

#include <gtest/gtest.h>

#include "IndicatorFixtures.h"

namespace bw::indicators {
namespace {

using test::bar;

TEST(RateOfChangeTest, percentChangeAgainstTheCloseNBarsAgo) {
  RateOfChange roc(2);
  EXPECT_EQ(roc.name(), "roc2");
  roc.onBar(bar(100, 100, 100));
  roc.onBar(bar(110, 110, 110));
  EXPECT_FALSE(roc.ready()) << "needs N + 1 closes";
  EXPECT_EQ(roc.value(), 0.0);
  roc.onBar(bar(121, 121, 121));
  ASSERT_TRUE(roc.ready());
  EXPECT_DOUBLE_EQ(roc.value(), 21.0);  // 100 x (121 - 100) / 100
  roc.onBar(bar(99, 99, 99));
  EXPECT_DOUBLE_EQ(roc.value(), -10.0);  // 100 x (99 - 110) / 110
  roc.onBar(bar(121, 121, 121));
  EXPECT_DOUBLE_EQ(roc.value(), 0.0);  // 100 x (121 - 121) / 121
}

}  // namespace
}  // namespace bw::indicators
