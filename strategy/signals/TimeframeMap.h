#pragma once
// Which confluence timeframe (index into [signals] timeframes) each bar series of a BarSet
// is: -1 for series the signals do not read (other intervals, tick and volume bars).
// Timeframe 0 must be [strategy] bar_interval_ms. Cold path: built once, then one load per bar.

#include <array>
#include <cstdint>

#include "core/Config.h"
#include "feed/BarSet.h"

namespace bw::strategy {

using TimeframeMap = std::array<std::int8_t, feed::BarSet::kMaxSeries>;

/// Throws ConfigError when a timeframe is not one of the set's time series, or the first
/// is not the strategy's bar (loadConfig refuses both; a hand-built config is refused here).
[[nodiscard]] inline TimeframeMap timeframeMap(const feed::BarSet& bars, const Config& config) {
  TimeframeMap map;
  map.fill(-1);
  const std::vector<std::int64_t>& timeframes = config.signals.timeframes_ms;
  for (std::size_t t = 0; t < timeframes.size(); ++t) {
    const int series = bars.timeSeries(timeframes[t] * 1'000'000);
    if (series < 0) throw ConfigError("[signals] timeframes: each must be one of [bars] time_intervals");
    if (t == 0 && timeframes[t] != config.strategy.bar_interval_ms) {
      throw ConfigError("[signals] timeframes: the first must be [strategy] bar_interval_ms");
    }
    map[static_cast<std::size_t>(series)] = static_cast<std::int8_t>(t);
  }
  return map;
}

}  // namespace bw::strategy
