#pragma once
// Bars and ticks for the indicator tests, in whole quote/base units (x 1e8 inside).

#include "core/Tick.h"
#include "feed/Bar.h"

namespace bw::indicators::test {

/// 2024-08-08 00:00:00 UTC in ns since the epoch.
inline constexpr std::int64_t kDayStartNs = 1'723'075'200LL * 1'000'000'000LL;

/// A bar with high, low, close (open = close) and volume, turnover as if all traded at the close.
inline feed::Bar bar(std::int64_t high, std::int64_t low, std::int64_t close, std::int64_t volume = 1) {
  feed::Bar b;
  b.symbol = 0;
  b.start_ns = kDayStartNs;
  b.open = Price{close * kScale};
  b.high = Price{high * kScale};
  b.low = Price{low * kScale};
  b.close = Price{close * kScale};
  b.volume = Qty{volume * kScale};
  b.turnover = Notional{close * volume * kScale};
  b.trades = 1;
  return b;
}

/// A quote tick; prices and quantities in 1e-8 units.
inline Tick quote(std::int64_t bid, std::int64_t ask, std::int64_t bid_qty, std::int64_t ask_qty) {
  Tick t;
  t.kind = TickKind::kQuote;
  t.bid = Price{bid};
  t.ask = Price{ask};
  t.bid_qty = Qty{bid_qty};
  t.ask_qty = Qty{ask_qty};
  return t;
}

inline Tick trade(Side aggressor) {
  Tick t;
  t.kind = TickKind::kTrade;
  t.price = Price{100 * kScale};
  t.qty = Qty{kScale};
  t.aggressor = aggressor;
  return t;
}

}  // namespace bw::indicators::test
