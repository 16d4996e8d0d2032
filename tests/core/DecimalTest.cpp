#include "core/Decimal.h"

#include <gtest/gtest.h>

#include "core/FixedPoint.h"

namespace bw {
namespace {

std::int64_t parsed(std::string_view s) {
  std::int64_t v = -1;
  EXPECT_EQ(parseDecimal(s, v), DecimalError::kOk) << s;
  return v;
}

DecimalError errorOf(std::string_view s) {
  std::int64_t v = 0;
  return parseDecimal(s, v);
}

TEST(DecimalTest, parsesEightDecimalWireStringsExactly) {
  EXPECT_EQ(parsed("61837.63000000"), 6'183'763'000'000);
  EXPECT_EQ(parsed("0.02000000"), 2'000'000);
  EXPECT_EQ(parsed("0.00000001"), 1);
  EXPECT_EQ(parsed("50"), 50 * kScale);
  EXPECT_EQ(parsed("50.0"), 50 * kScale);
  EXPECT_EQ(parsed("-1.5"), -150'000'000);
  EXPECT_EQ(parsed("+2."), 200'000'000);
  EXPECT_EQ(parsed(".5"), 50'000'000);
}

TEST(DecimalTest, acceptsTrailingZerosBeyondEightPlacesButRefusesLostDigits) {
  EXPECT_EQ(parsed("1.0000000000"), kScale);
  EXPECT_EQ(errorOf("1.000000001"), DecimalError::kTooPrecise);
}

TEST(DecimalTest, refusesGarbageInsteadOfGuessing) {
  EXPECT_EQ(errorOf(""), DecimalError::kEmpty);
  EXPECT_EQ(errorOf("-"), DecimalError::kEmpty);
  EXPECT_EQ(errorOf("."), DecimalError::kEmpty);
  EXPECT_EQ(errorOf("1.2.3"), DecimalError::kBadCharacter);
  EXPECT_EQ(errorOf("1e3"), DecimalError::kBadCharacter);
  EXPECT_EQ(errorOf(" 1"), DecimalError::kBadCharacter);
  EXPECT_EQ(errorOf("12a"), DecimalError::kBadCharacter);
}

TEST(DecimalTest, refusesOverflowInsteadOfWrapping) {
  // int64 max is 92233720368.54775807 in 1e-8 units.
  EXPECT_EQ(parsed("92233720368.54775807"), INT64_MAX);
  EXPECT_EQ(errorOf("92233720368.54775808"), DecimalError::kOverflow);
  EXPECT_EQ(parsed("-92233720368.54775808"), INT64_MIN);
  EXPECT_EQ(errorOf("-92233720368.54775809"), DecimalError::kOverflow);
  EXPECT_EQ(errorOf("99999999999999999999999"), DecimalError::kOverflow);
}

TEST(DecimalTest, formatsTrimmedAndRoundTrips) {
  EXPECT_EQ(formatDecimal(6'183'763'000'000), "61837.63");
  EXPECT_EQ(formatDecimal(-150'000'000), "-1.5");
  EXPECT_EQ(formatDecimal(0), "0");
  EXPECT_EQ(formatDecimal(1), "0.00000001");
  EXPECT_EQ(formatDecimal(INT64_MIN), "-92233720368.54775808");
  for (std::int64_t v : {std::int64_t{7}, std::int64_t{-123456789}, INT64_MAX, INT64_MIN}) {
    EXPECT_EQ(parsed(formatDecimal(v)), v);
  }
}

}  // namespace
}  // namespace bw
