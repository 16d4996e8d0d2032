#pragma once
// Interval text as [bars] time_intervals spells it: a positive whole count and one unit,
// "500ms", "1s", "5m", "1h". Shared by command-line options that name a bar interval
// (`breakwater indicators --bar`) and the config reader (core/TableReader.h).

#include <cstdint>
#include <string_view>

namespace bw {

/// "500ms" -> 500, "1s" -> 1000, "5m" -> 300000, "1h" -> 3600000. False (ms untouched)
/// when the text is not digits then exactly one of ms, s, m, h, when the count is 0, or
/// when it exceeds 1e9 (a bound that keeps count x unit far inside int64). Any thread; no
/// allocation.
[[nodiscard]] constexpr bool parseDurationMs(std::string_view text, std::int64_t& ms) noexcept {
  std::int64_t count = 0;
  std::size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    count = count * 10 + (text[i] - '0');
    if (count > 1'000'000'000) return false;
  }
  if (i == 0 || count == 0) return false;
  const std::string_view unit = text.substr(i);
  std::int64_t scale = 0;
  if (unit == "ms") {
    scale = 1;
  } else if (unit == "s") {
    scale = 1'000;
  } else if (unit == "m") {
    scale = 60'000;
  } else if (unit == "h") {
    scale = 3'600'000;
  } else {
    return false;
  }
  ms = count * scale;
  return true;
}

}  // namespace bw
