#include "core/FixedPoint.h"

#include <gtest/gtest.h>

namespace bw {
namespace {

TEST(FixedPointTest, notionalIsPriceTimesQuantityInQuoteUnits) {
  Notional n;
  ASSERT_TRUE(checkedNotional(Price{6'183'763'000'000}, Qty{2'000'000}, n));  // 61837.63 x 0.02
  EXPECT_EQ(n.raw, 123'675'260'000);                                          // 1236.7526
}

TEST(FixedPointTest, notionalOverflowIsReportedNotWrapped) {
  Notional n{77};
  EXPECT_FALSE(checkedNotional(Price{INT64_MAX}, Qty{2 * kScale}, n));
  EXPECT_EQ(n.raw, 77);
  EXPECT_TRUE(checkedNotional(Price{INT64_MAX}, Qty{kScale}, n));
  EXPECT_EQ(n.raw, INT64_MAX);
}

TEST(FixedPointTest, checkedAddAndSubDetectOverflow) {
  std::int64_t out = 5;
  EXPECT_FALSE(checkedAdd(INT64_MAX, 1, out));
  EXPECT_EQ(out, 5);
  EXPECT_TRUE(checkedAdd(40, 2, out));
  EXPECT_EQ(out, 42);
  EXPECT_FALSE(checkedSub(INT64_MIN, 1, out));
  EXPECT_TRUE(checkedSub(40, 2, out));
  EXPECT_EQ(out, 38);
}

TEST(FixedPointTest, typesCompareByValue) {
  EXPECT_LT(Price{1}, Price{2});
  EXPECT_EQ(Qty{3}, Qty{3});
  EXPECT_GT(Notional{-1}, Notional{-2});
}

}  // namespace
}  // namespace bw
