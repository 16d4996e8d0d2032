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

// scaledProduct takes 64 bits when the product fits and 128 when it does not: both sides of
// that edge, and both signs, must truncate toward zero exactly as the 128-bit division.
TEST(FixedPointTest, scaledProductIsExactEitherSideOfTheInt64Product) {
  const auto wide = [](std::int64_t a, std::int64_t b) { return static_cast<Int128>(a) * b / kScale; };
  const std::int64_t edge = INT64_MAX / 3;  // a x 3 fits; a x 4 does not
  for (const std::int64_t a : {edge, -edge, edge + 1, -(edge + 1), std::int64_t{123'456'789}, std::int64_t{-7}}) {
    for (const std::int64_t b : {std::int64_t{3}, std::int64_t{4}, std::int64_t{-3}, std::int64_t{-4}, kScale - 1}) {
      EXPECT_EQ(scaledProduct(a, b), wide(a, b)) << a << " x " << b;
    }
  }
  EXPECT_EQ(scaledProduct(-150'000'001, 1), -1);  // -1.50000001 x 1e-8: toward zero, not -2
  EXPECT_EQ(scaledProduct(INT64_MIN, -1), wide(INT64_MIN, -1));  // overflows int64: the 128-bit side
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
