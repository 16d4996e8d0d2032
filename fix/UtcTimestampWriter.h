#pragma once
// FIX UTCTimestamp text with milliseconds ("20240808-13:45:01.123", the precision QuickFIX
// 1.15 uses for FIX 4.4 SendingTime and that the gateway uses for TransactTime) from
// nanoseconds since the Unix epoch. The date part changes once a day, so it is kept and
// only recomputed when the day changes; the time of day is a few integer divisions.
//
// Thread: one writer per thread (the cached date is plain state). No allocation, no
// exception, no system call: the caller reads the clock.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace bw::fix {

class UtcTimestampWriter {
 public:
  /// "YYYYMMDD-HH:MM:SS.sss"
  static constexpr std::size_t kLength = 21;

  /// Writes kLength bytes at dst and returns dst + kLength. `utc_ns` must be >= 0 (times
  /// before 1970 are not order times); years past 9999 are not supported either.
  char* write(std::int64_t utc_ns, char* dst) noexcept {
    constexpr std::int64_t kNsPerMs = 1'000'000;
    constexpr std::int64_t kMsPerDay = 86'400'000;
    const std::int64_t ms_since_epoch = utc_ns / kNsPerMs;
    const std::int64_t day = ms_since_epoch / kMsPerDay;
    if (day != cached_day_) cacheDate(day);
    std::memcpy(dst, date_.data(), date_.size());
    auto ms = static_cast<std::uint32_t>(ms_since_epoch - day * kMsPerDay);
    const std::uint32_t hour = ms / 3'600'000U;
    ms -= hour * 3'600'000U;
    const std::uint32_t minute = ms / 60'000U;
    ms -= minute * 60'000U;
    const std::uint32_t second = ms / 1000U;
    ms -= second * 1000U;
    char* p = dst + date_.size();
    p = two(hour, p);
    *p++ = ':';
    p = two(minute, p);
    *p++ = ':';
    p = two(second, p);
    *p++ = '.';
    p[0] = static_cast<char>('0' + ms / 100U);
    p[1] = static_cast<char>('0' + ms / 10U % 10U);
    p[2] = static_cast<char>('0' + ms % 10U);
    return p + 3;
  }

 private:
  static char* two(std::uint32_t v, char* p) noexcept {
    p[0] = static_cast<char>('0' + v / 10U);
    p[1] = static_cast<char>('0' + v % 10U);
    return p + 2;
  }

  /// Days since 1970-01-01 -> "YYYYMMDD-" (Howard Hinnant's civil_from_days, proleptic
  /// Gregorian, exact for every day this writer supports).
  void cacheDate(std::int64_t day) noexcept {
    const std::int64_t z = day + 719'468;
    const std::int64_t era = z / 146'097;  // z >= 0: utc_ns is not negative
    const std::int64_t doe = z - era * 146'097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const auto d = static_cast<std::uint32_t>(doy - (153 * mp + 2) / 5 + 1);
    const auto m = static_cast<std::uint32_t>(mp < 10 ? mp + 3 : mp - 9);
    const auto y = static_cast<std::uint32_t>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    char* p = date_.data();
    p = two(y / 100U, p);
    p = two(y % 100U, p);
    p = two(m, p);
    p = two(d, p);
    *p = '-';
    cached_day_ = day;
  }

  std::int64_t cached_day_ = -1;
  std::array<char, 9> date_{};  // "YYYYMMDD-"
};

}  // namespace bw::fix
