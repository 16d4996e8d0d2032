#include "feed/BarAggregator.h"

#include <algorithm>
#include <stdexcept>

namespace bw::feed {
namespace {

std::int64_t marketTime(const Tick& t) noexcept { return t.exch_ns != 0 ? t.exch_ns : t.recv_ns; }

/// Floor to a multiple of the interval (also right for negative times).
std::int64_t alignDown(std::int64_t t, std::int64_t interval) noexcept {
  const std::int64_t r = t % interval;
  return r < 0 ? t - r - interval : t - r;
}

}  // namespace

BarAggregator::BarAggregator(std::int64_t interval_ns) : interval_ns_(interval_ns) {
  if (interval_ns <= 0) throw std::invalid_argument("bar interval must be positive");
}

void BarAggregator::start(Bar& bar, SymbolId symbol, std::int64_t start_ns, const Tick& trade) noexcept {
  bar = Bar{};
  bar.symbol = symbol;
  bar.start_ns = start_ns;
  bar.end_ns = start_ns + interval_ns_;
  bar.open = bar.high = bar.low = bar.close = trade.price;
  add(bar, trade);
}

void BarAggregator::add(Bar& bar, const Tick& trade) noexcept {
  bar.high = std::max(bar.high, trade.price);
  bar.low = std::min(bar.low, trade.price);
  bar.close = trade.price;
  Notional value{};
  std::int64_t turnover = 0;
  std::int64_t volume = 0;
  if (checkedNotional(trade.price, trade.qty, value) && checkedAdd(bar.turnover.raw, value.raw, turnover) &&
      checkedAdd(bar.volume.raw, trade.qty.raw, volume)) {
    bar.turnover.raw = turnover;
    bar.volume.raw = volume;
  } else {
    ++turnover_overflows_;  // price still counts for OHLC; VWAP ignores this trade
  }
  ++bar.trades;
}

bool BarAggregator::onTrade(const Tick& trade, Bar& closed) noexcept {
  if (trade.kind != TickKind::kTrade || trade.symbol >= open_.size() || trade.price.raw <= 0 || trade.qty.raw <= 0) {
    return false;
  }
  Bar& bar = open_[trade.symbol];
  const std::int64_t t = marketTime(trade);
  if (bar.trades == 0) {
    start(bar, trade.symbol, alignDown(t, interval_ns_), trade);
    return false;
  }
  if (t < bar.end_ns) {
    add(bar, trade);
    return false;
  }
  closed = bar;
  start(bar, trade.symbol, alignDown(t, interval_ns_), trade);
  return true;
}

}  // namespace bw::feed
