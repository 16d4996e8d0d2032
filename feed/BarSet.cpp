#include "feed/BarSet.h"

#include <stdexcept>

#include "core/Decimal.h"

namespace bw::feed {

BarSet::BarSet(const BarsConfig& config) {
  const auto& intervals = config.time_intervals_ms;
  if (intervals.size() > kMaxTimeSeries) throw std::invalid_argument("too many bar time intervals");
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    if (intervals[i] <= 0 || (i > 0 && intervals[i] <= intervals[i - 1])) {
      throw std::invalid_argument("bar time intervals must be positive and increasing");
    }
    series_[series_count_++] = BarSeries{BarKind::kTime, intervals[i] * 1'000'000};
    rolls_up_[i] = i > 0 && intervals[i] % intervals[i - 1] == 0;
    if (!rolls_up_[i]) direct_[direct_count_++] = i;
  }
  time_count_ = series_count_;
  if (config.tick_bar_trades > 0) {
    tick_series_ = static_cast<int>(series_count_);
    tick_trades_ = config.tick_bar_trades;
    series_[series_count_++] = BarSeries{BarKind::kTick, config.tick_bar_trades};
  }
  if (config.volume_bar_qty.raw < 0) throw std::invalid_argument("volume bar quantity must not be negative");
  if (config.volume_bar_qty.raw > 0) {
    volume_series_ = static_cast<int>(series_count_);
    volume_qty_ = config.volume_bar_qty.raw;
    series_[series_count_++] = BarSeries{BarKind::kVolume, config.volume_bar_qty.raw};
  }
  max_flat_bars_ = config.max_flat_bars;
  boundary_.fill(kNotStarted);
  // No time series: advanceTo never has anything to close.
  if (time_count_ == 0) next_close_ns_ = std::numeric_limits<std::int64_t>::max();
  for (std::size_t s = 0; s < symbols_.size(); ++s) {
    for (std::size_t i = 0; i < kMaxSeries; ++i) {
      symbols_[s].open[i].symbol = static_cast<SymbolId>(s);
      symbols_[s].open[i].series = static_cast<std::uint8_t>(i);
    }
  }
}

void BarSet::activate(SymbolId symbol) noexcept {
  SymbolBars& sb = symbols_[symbol];
  sb.active = true;
  active_limit_ = std::max<std::size_t>(active_limit_, std::size_t{symbol} + 1);
  // onTick advanced to this trade's time first, so each boundary is the end of the
  // interval holding it (or a later one, if receive times went backwards).
  for (std::size_t i = 0; i < time_count_; ++i) {
    const std::int64_t interval = series_[i].parameter;
    resetFlat(sb.open[i], boundary_[i] - interval, interval, Price{0});
  }
}

int BarSet::timeSeries(std::int64_t interval_ns) const noexcept {
  for (std::size_t i = 0; i < time_count_; ++i) {
    if (series_[i].parameter == interval_ns) return static_cast<int>(i);
  }
  return -1;
}

std::string BarSet::seriesName(std::size_t index) const {
  const BarSeries& s = series_[index];
  std::string name;
  switch (s.kind) {
    case BarKind::kTime: {
      constexpr std::int64_t kMs = 1'000'000;
      constexpr std::array<std::pair<std::int64_t, const char*>, 4> kUnits = {
          {{3'600'000 * kMs, "h"}, {60'000 * kMs, "m"}, {1'000 * kMs, "s"}, {kMs, "ms"}}};
      for (const auto& [unit, suffix] : kUnits) {
        if (s.parameter % unit == 0) {
          name += std::to_string(s.parameter / unit);
          name += suffix;
          return name;
        }
      }
      name += std::to_string(s.parameter);
      name += "ns";
      return name;
    }
    case BarKind::kTick:
      name += "tick";
      name += std::to_string(s.parameter);
      return name;
    case BarKind::kVolume:
      name += "vol";
      name += formatDecimal(s.parameter);
      return name;
  }
  return name;
}

}  // namespace bw::feed
