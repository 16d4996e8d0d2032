#include "fix/FixText.h"

#include <gtest/gtest.h>

#include <array>
#include <climits>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/Decimal.h"
#include "fix/UtcTimestampWriter.h"

namespace bw::fix {
namespace {

std::string decimalText(std::int64_t raw) {
  std::array<char, kMaxDecimalText + 1> buffer{};
  const char* end = writeDecimal(raw, buffer.data());
  return std::string(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
}

TEST(FixTextTest, decimalTextIsFormatDecimalsText) {
  // formatDecimal is the gateway's formatter today: the fast path must send the same text.
  for (const std::int64_t raw :
       {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{10}, std::int64_t{12'000},
        std::int64_t{100'000'000}, std::int64_t{6'183'763'000'000}, std::int64_t{50'000'000},
        std::int64_t{123'456'789}, std::int64_t{-6'183'763'000'000}, std::int64_t{99'999'999},
        std::int64_t{100'000'001}, INT64_MAX, INT64_MIN, INT64_MIN + 1}) {
    EXPECT_EQ(decimalText(raw), formatDecimal(raw)) << raw;
  }
  EXPECT_EQ(decimalText(INT64_MIN).size(), kMaxDecimalText);
  EXPECT_EQ(decimalText(6'183'763'000'000), "61837.63");
  EXPECT_EQ(decimalText(12'000), "0.00012");
  EXPECT_EQ(decimalText(1), "0.00000001");
}

TEST(FixTextTest, decimalTextMatchesFormatDecimalOverAWideSweep) {
  std::uint64_t x = 0x9E3779B97F4A7C15ULL;  // xorshift: values of every length and fraction
  for (int i = 0; i < 20'000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const auto raw = static_cast<std::int64_t>(x >> (i % 60));
    ASSERT_EQ(decimalText(raw), formatDecimal(raw)) << raw;
    ASSERT_EQ(decimalText(-raw), formatDecimal(-raw)) << -raw;
  }
}

std::int64_t utcNs(std::chrono::sys_days day, int h, int m, int s, int ms) {
  using namespace std::chrono;
  return duration_cast<nanoseconds>(day.time_since_epoch() + hours(h) + minutes(m) + seconds(s) +
                                    milliseconds(ms))
      .count();
}

std::string stamp(UtcTimestampWriter& w, std::int64_t ns) {
  std::array<char, UtcTimestampWriter::kLength> buffer{};
  const char* end = w.write(ns, buffer.data());
  EXPECT_EQ(end, buffer.data() + buffer.size());
  return std::string(buffer.data(), buffer.size());
}

TEST(UtcTimestampWriterTest, writesMillisecondTimestamps) {
  using namespace std::chrono;
  UtcTimestampWriter w;
  EXPECT_EQ(stamp(w, 0), "19700101-00:00:00.000");
  EXPECT_EQ(stamp(w, utcNs(sys_days{2024y / August / 8}, 13, 45, 1, 123) + 999'999), "20240808-13:45:01.123");
  EXPECT_EQ(stamp(w, utcNs(sys_days{2024y / February / 29}, 23, 59, 59, 999)), "20240229-23:59:59.999");
  EXPECT_EQ(stamp(w, utcNs(sys_days{2000y / March / 1}, 0, 0, 0, 7)), "20000301-00:00:00.007");
  EXPECT_EQ(stamp(w, utcNs(sys_days{2100y / December / 31}, 9, 5, 3, 40)), "21001231-09:05:03.040");
}

TEST(UtcTimestampWriterTest, dateFollowsTheDayBackAndForth) {
  // The date is cached per day: crossing midnight, and going back, must both redo it.
  using namespace std::chrono;
  UtcTimestampWriter w;
  const std::int64_t before = utcNs(sys_days{2023y / December / 31}, 23, 59, 59, 999);
  const std::int64_t after = before + 1'000'000;
  EXPECT_EQ(stamp(w, before), "20231231-23:59:59.999");
  EXPECT_EQ(stamp(w, after), "20240101-00:00:00.000");
  EXPECT_EQ(stamp(w, before), "20231231-23:59:59.999");
}

TEST(UtcTimestampWriterTest, everyDayAnInt64OfNanosecondsReachesMatchesChrono) {
  // 1970 to 2261 (int64 nanoseconds end in April 2262): leap years, 2000 (leap) and 2100,
  // 2200 (not leap) included.
  using namespace std::chrono;
  UtcTimestampWriter w;
  for (sys_days d = sys_days{1970y / January / 1}; d < sys_days{2262y / January / 1}; d += days{1}) {
    const year_month_day ymd{d};
    char expected[32];
    std::snprintf(expected, sizeof expected, "%04d%02u%02u-", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    ASSERT_EQ(stamp(w, utcNs(d, 12, 0, 0, 0)).substr(0, 9), expected);
  }
}

}  // namespace
}  // namespace bw::fix
