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
    if (!rolls_up_[i]) lanes_[lane_count_++] = i;
  }
  time_count_ = series_count_;
  if (config.tick_bar_trades > 0) {
    tick_series_ = series_count_;
    tick_trades_ = config.tick_bar_trades;
    lanes_[lane_count_++] = series_count_;
    series_[series_count_++] = BarSeries{BarKind::kTick, config.tick_bar_trades};
  }
  if (config.volume_bar_qty.raw < 0) throw std::invalid_argument("volume bar quantity must not be negative");
  if (config.volume_bar_qty.raw > 0) {
    volume_series_ = series_count_;
    volume_qty_ = static_cast<std::uint64_t>(config.volume_bar_qty.raw);
    lanes_[lane_count_++] = series_count_;
    series_[series_count_++] = BarSeries{BarKind::kVolume, config.volume_bar_qty.raw};
  }
  for (std::size_t k = 0; k < lane_count_; ++k) lane_of_[lanes_[k]] = k;
  lane_vectors_ = (lane_count_ + kLanesPerVector - 1) / kLanesPerVector;
  max_flat_bars_ = config.max_flat_bars;
  boundary_.fill(kNotStarted);
  // No time series: advanceTo never has anything to close.
  if (time_count_ == 0) next_close_ns_ = std::numeric_limits<std::int64_t>::max();
  for (std::size_t s = 0; s < bars_.size(); ++s) {
    for (std::size_t i = 0; i < kMaxTimeSeries; ++i) {
      bars_[s].rolled[i].symbol = static_cast<SymbolId>(s);
      bars_[s].rolled[i].series = static_cast<std::uint8_t>(i);
    }
  }
}

void BarSet::activate(SymbolId symbol) noexcept {
  state_[symbol].active = true;
  active_limit_ = std::max<std::size_t>(active_limit_, std::size_t{symbol} + 1);
  // onTick advanced to this trade's time first, so each boundary is the end of the
  // interval holding it (or a later one, if receive times went backwards).
  for (std::size_t i = 0; i < time_count_; ++i) {
    const std::int64_t interval = series_[i].parameter;
    if (rolls_up_[i]) resetFlat(bars_[symbol].rolled[i], boundary_[i] - interval, interval, Price{0});
  }
  for (std::size_t k = 0; k < lane_count_; ++k) openLane(symbol, lanes_[k]);
}

void BarSet::openLane(SymbolId symbol, std::size_t series) noexcept {
  SymbolState& st = state_[symbol];
  SymbolBars& sb = bars_[symbol];
  sb.opened[series] = st.sums;
  sb.excluded[series] = Sums{};
  st.opening = static_cast<std::uint8_t>(st.opening | (1u << lane_of_[series]));
  if (series == tick_series_) st.tick_close_at = st.sums.trades + tick_trades_;
  if (series == volume_series_) st.volume_base = st.sums.volume;
}

Bar BarSet::laneBar(SymbolId symbol, std::size_t series) const noexcept {
  const SymbolState& st = state_[symbol];
  const Sums& opened = bars_[symbol].opened[series];
  const Sums& excluded = bars_[symbol].excluded[series];
  Bar bar;
  bar.symbol = symbol;
  bar.series = static_cast<std::uint8_t>(series);
  const std::uint64_t trades = st.sums.trades - opened.trades;
  bar.trades = static_cast<std::uint32_t>(trades);
  bar.volume.raw = static_cast<std::int64_t>(st.sums.volume - opened.volume - excluded.volume);
  bar.buy_volume.raw = static_cast<std::int64_t>(st.sums.buy_volume - opened.buy_volume - excluded.buy_volume);
  bar.sell_volume.raw = bar.volume.raw - bar.buy_volume.raw;
  bar.turnover.raw = static_cast<std::int64_t>(st.sums.turnover - opened.turnover - excluded.turnover);
  if (trades != 0) {
    const std::size_t k = lane_of_[series];
    bar.open = Price{st.open[k]};
    bar.high = Price{st.high[k / kLanesPerVector][k % kLanesPerVector]};
    bar.low = Price{st.low[k / kLanesPerVector][k % kLanesPerVector]};
    bar.close = Price{st.last};
  }
  if (series < time_count_) {
    bar.end_ns = boundary_[series];
    bar.start_ns = bar.end_ns - series_[series].parameter;
    // No trade yet: flat at the previous close (the symbol's latest trade).
    if (trades == 0) bar.open = bar.high = bar.low = bar.close = Price{st.last};
  } else if (trades != 0) {
    bar.start_ns = bars_[symbol].first_trade_ns[series];  // end_ns: the closing trade's
  }
  return bar;
}

Bar BarSet::openBar(SymbolId symbol, std::size_t series) const noexcept {
  if (series < time_count_ && rolls_up_[series]) return bars_[symbol].rolled[series];
  if (!state_[symbol].active) {
    Bar none;
    none.symbol = symbol;
    none.series = static_cast<std::uint8_t>(series);
    return none;
  }
  return laneBar(symbol, series);
}

void BarSet::addNearOverflow(SymbolId symbol, const Tick& trade, Notional value, bool value_ok) noexcept {
  if (!value_ok) {  // left out of every bar
    turnover_overflows_ += lane_count_;
    return;
  }
  SymbolState& st = state_[symbol];
  SymbolBars& sb = bars_[symbol];
  const auto qty = static_cast<std::uint64_t>(trade.qty.raw);
  const Sums added{qty, trade.aggressor == Side::kBuy ? qty : 0, static_cast<std::uint64_t>(value.raw), 0};
  std::int64_t fullest = 0;  // the largest turnover or volume of an open bar
  for (std::size_t k = 0; k < lane_count_; ++k) {
    const std::size_t i = lanes_[k];
    Sums& excluded = sb.excluded[i];
    const auto turnover = static_cast<std::int64_t>(st.sums.turnover - sb.opened[i].turnover - excluded.turnover);
    const auto volume = static_cast<std::int64_t>(st.sums.volume - sb.opened[i].volume - excluded.volume);
    std::int64_t new_turnover = 0;
    std::int64_t new_volume = 0;
    if (checkedAdd(turnover, value.raw, new_turnover) && checkedAdd(volume, trade.qty.raw, new_volume)) {
      fullest = std::max({fullest, new_turnover, new_volume});
    } else {
      excluded.volume += added.volume;
      excluded.buy_volume += added.buy_volume;
      excluded.turnover += added.turnover;
      fullest = std::max({fullest, turnover, volume});
      ++turnover_overflows_;
    }
  }
  st.sums.volume += added.volume;
  st.sums.buy_volume += added.buy_volume;
  st.sums.turnover += added.turnover;
  st.room = std::numeric_limits<std::int64_t>::max() - fullest;
  if (volume_series_ < kMaxSeries) {
    st.volume_base = sb.opened[volume_series_].volume + sb.excluded[volume_series_].volume;
  }
}

void BarSet::fold(Bar& big, const Bar& sub) noexcept {
  if (sub.flat()) return;
  if (big.trades == 0) {
    big.open = sub.open;
    big.high = sub.high;
    big.low = sub.low;
  } else {
    big.high = std::max(big.high, sub.high);
    big.low = std::min(big.low, sub.low);
  }
  big.close = sub.close;
  big.trades += sub.trades;
  std::int64_t turnover = 0;
  std::int64_t volume = 0;
  if (checkedAdd(big.turnover.raw, sub.turnover.raw, turnover) &&
      checkedAdd(big.volume.raw, sub.volume.raw, volume)) [[likely]] {
    big.turnover.raw = turnover;
    big.volume.raw = volume;
    big.buy_volume.raw += sub.buy_volume.raw;  // the parts of a volume that did not overflow
    big.sell_volume.raw += sub.sell_volume.raw;
  } else {
    ++turnover_overflows_;
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
