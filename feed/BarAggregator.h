#pragma once
// Time bars from trades, per symbol, at one configurable interval. Bars are aligned to
// multiples of the interval in market time (the trade's exchange time, or its receive
// time when the venue gave none), so bars from a replay and from a live feed line up.
//
// A bar closes when the first trade of a later interval arrives: the engine acts on a
// bar at the moment the market proves it is over, with no timer thread. Intervals with
// no trade produce no bar. A trade stamped before the open bar's start (out of order
// across a reconnect, say) is folded into the open bar rather than reopening a closed one.
//
// Engine thread only; no allocation (state is a fixed array indexed by SymbolId).

#include <array>
#include <cstdint>

#include "core/InstrumentTable.h"
#include "core/Tick.h"
#include "feed/Bar.h"

namespace bw::feed {

class BarAggregator {
 public:
  /// interval_ns > 0. Throws std::invalid_argument otherwise. Cold path.
  explicit BarAggregator(std::int64_t interval_ns);

  /// Adds a trade tick (other kinds are ignored). When the trade starts a new interval
  /// and a bar was open for its symbol, the closed bar is written to `closed` and true is
  /// returned. A tick with an unknown symbol or a non-positive price or quantity is
  /// ignored (the reader never emits one). Engine thread; no allocation.
  [[nodiscard]] bool onTrade(const Tick& trade, Bar& closed) noexcept;

  /// The bar still open for a symbol (trades == 0 when none). Any time, same thread.
  [[nodiscard]] const Bar& openBar(SymbolId symbol) const noexcept { return open_[symbol]; }

  /// Trades whose turnover would have overflowed the bar's notional (counted, not added).
  [[nodiscard]] std::uint64_t turnoverOverflows() const noexcept { return turnover_overflows_; }

  [[nodiscard]] std::int64_t intervalNs() const noexcept { return interval_ns_; }

 private:
  void start(Bar& bar, SymbolId symbol, std::int64_t start_ns, const Tick& trade) noexcept;
  void add(Bar& bar, const Tick& trade) noexcept;

  std::int64_t interval_ns_;
  std::array<Bar, InstrumentTable::kCapacity> open_{};
  std::uint64_t turnover_overflows_ = 0;
};

}  // namespace bw::feed
