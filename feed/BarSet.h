#pragma once
// Every bar series for every symbol: time bars at several intervals, tick bars (every N
// trades) and volume bars (every V of quantity), from one stream of ticks.
//
// Market time is the tick's receive time: it is the one clock on which "this interval is
// over" can be decided the moment it happens, on every tick of any kind and symbol, and
// by a live feed's idle loop, without waiting for an exchange stamp that may never come.
// Time bars are aligned to multiples of their interval since the epoch.
//
// Closing rules.
// - Time bars close on time: advanceTo(now) closes every bar whose interval ended at or
//   before `now`, trade or no trade. An interval without a trade yields a flat bar (open
//   = high = low = close = the previous close, zero volume and trades), so each series is
//   regular from its symbol's first trade. One silence emits at most max_flat_bars flat
//   bars per series and symbol: the latest ones, those just before `now`, so rolling
//   windows see the recent past; the older ones are counted in flatSkipped().
// - A tick bar closes on its Nth trade.
// - A volume bar closes on the trade that brings its volume to V or beyond. That trade
//   belongs wholly to the closing bar (its volume may pass V); the next bar starts empty.
//   Trades are never split: a split would need a price for each part, which no venue gives.
// - A trade stamped before the open time bar's start (receive times going backwards
//   across merged files) joins the open bar; closed bars are never reopened.
//
// A time series whose interval is a multiple of the previous one is built from that
// series' closed bars (same result, fewer updates per trade); its openBar() then holds
// only the sub-bars closed so far.
//
// Emission order, for one advanceTo: time series by increasing interval; within one,
// symbols by SymbolId; within one symbol, bars in time order. onTick first advances to
// the tick's receive time (so bars that ended close before the trade is counted), then
// adds the trade, then emits the tick bar, then the volume bar it closed (if any).
//
// Engine thread only. No allocation after construction: every open bar lives in a fixed
// array indexed by SymbolId; closed bars go to the caller's sink by reference.

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>

#include "core/Config.h"
#include "core/InstrumentTable.h"
#include "core/Tick.h"
#include "feed/Bar.h"

namespace bw::feed {

class BarSet {
 public:
  static constexpr std::size_t kMaxTimeSeries = 6;
  static constexpr std::size_t kMaxSeries = kMaxTimeSeries + 2;  // + tick + volume

  /// Series from [bars]: time intervals (increasing, each > 0, at most kMaxTimeSeries),
  /// tick bars unless tick_bar_trades is 0, volume bars unless volume_bar_qty is 0.
  /// Throws std::invalid_argument on anything else. Cold path (allocates nothing later).
  explicit BarSet(const BarsConfig& config);

  /// Closes every time bar whose interval ended at or before now_ns and hands each closed
  /// bar (flat ones included) to sink(const Bar&), in the order above. One compare when
  /// nothing is due. Engine thread; no allocation; noexcept if the sink is.
  template <typename Sink>
  void advanceTo(std::int64_t now_ns, Sink&& sink) {
    if (now_ns < next_close_ns_) [[likely]] return;
    closeTimeBars(now_ns, sink);
  }

  /// A tick of any kind and symbol: advances market time to its receive time, then adds
  /// a trade (other kinds stop there) to every series of its symbol. A trade with an
  /// unknown symbol or a non-positive price or quantity is ignored (the readers never
  /// emit one). Engine thread; no allocation.
  template <typename Sink>
  void onTick(const Tick& tick, Sink&& sink) {
    advanceTo(tick.recv_ns, sink);
    if (tick.kind != TickKind::kTrade || tick.symbol >= symbols_.size() || tick.price.raw <= 0 || tick.qty.raw <= 0) {
      return;
    }
    addTrade(tick, sink);
  }

  [[nodiscard]] std::size_t seriesCount() const noexcept { return series_count_; }
  [[nodiscard]] const BarSeries& series(std::size_t index) const noexcept { return series_[index]; }
  /// Index of the time series with this interval, or -1.
  [[nodiscard]] int timeSeries(std::int64_t interval_ns) const noexcept;
  /// "1s", "5m", "500ms", "tick100", "vol10", "vol0.5". Cold path.
  [[nodiscard]] std::string seriesName(std::size_t index) const;

  /// The bar still open for a symbol and series (trades == 0: none yet, or flat so far).
  [[nodiscard]] const Bar& openBar(SymbolId symbol, std::size_t series) const noexcept {
    return symbols_[symbol].open[series];
  }
  /// Bars emitted per series (flat ones included), flat bars emitted, flat bars not
  /// emitted because a silence exceeded max_flat_bars.
  [[nodiscard]] std::uint64_t closed(std::size_t series) const noexcept { return closed_[series]; }
  [[nodiscard]] std::uint64_t flatEmitted(std::size_t series) const noexcept { return flat_emitted_[series]; }
  [[nodiscard]] std::uint64_t flatSkipped(std::size_t series) const noexcept { return flat_skipped_[series]; }
  /// Trades whose turnover would have overflowed a bar's notional: their price counts for
  /// OHLC and the trade count, their quantity and value are left out (counted, not wrapped).
  [[nodiscard]] std::uint64_t turnoverOverflows() const noexcept { return turnover_overflows_; }

 private:
  struct alignas(64) SymbolBars {
    std::array<Bar, kMaxSeries> open{};
    bool active = false;  ///< has traded: its time series are running
  };

  static constexpr std::int64_t kNotStarted = std::numeric_limits<std::int64_t>::min();

  /// Floor to a multiple of the interval (also right for negative times).
  static constexpr std::int64_t alignDown(std::int64_t t, std::int64_t interval) noexcept {
    const std::int64_t r = t % interval;
    return r < 0 ? t - r - interval : t - r;
  }

  /// An empty bar of a time series, flat at `close` (0 before the symbol's first trade).
  static void resetFlat(Bar& bar, std::int64_t start_ns, std::int64_t interval, Price close) noexcept {
    const SymbolId symbol = bar.symbol;
    const std::uint8_t series = bar.series;
    bar = Bar{};
    bar.symbol = symbol;
    bar.series = series;
    bar.start_ns = start_ns;
    bar.end_ns = start_ns + interval;
    bar.open = bar.high = bar.low = bar.close = close;
  }

  template <typename Sink>
  void emit(std::size_t series, const Bar& bar, Sink& sink) {
    ++closed_[series];
    sink(bar);
  }

  template <typename Sink>
  void closeTimeBars(std::int64_t now_ns, Sink& sink) {
    for (std::size_t i = 0; i < time_count_; ++i) {
      const std::int64_t end = boundary_[i];
      if (now_ns < end) continue;
      const std::int64_t interval = series_[i].parameter;
      const std::int64_t new_start = alignDown(now_ns, interval);
      if (end != kNotStarted) {
        // Whole intervals between the bar that just ended and the one now open: no tick
        // at all arrived in them (else they would have been closed on that tick).
        const std::int64_t gap = (new_start - end) / interval;
        const std::int64_t shown = std::min<std::int64_t>(gap, max_flat_bars_);
        for (std::size_t s = 0; s < active_limit_; ++s) {
          if (!symbols_[s].active) continue;
          Bar& bar = symbols_[s].open[i];
          emit(i, bar, sink);
          // The next interval is a multiple of this one: its bar is the sum of ours. (The
          // flat bars below change nothing in it: their close is this bar's close.)
          if (i + 1 < time_count_ && rolls_up_[i + 1]) fold(symbols_[s].open[i + 1], bar);
          const Price last = bar.close;
          resetFlat(bar, new_start - shown * interval, interval, last);
          for (std::int64_t k = 0; k < shown; ++k) {
            emit(i, bar, sink);
            ++flat_emitted_[i];
            bar.start_ns += interval;
            bar.end_ns += interval;
          }
          flat_skipped_[i] += static_cast<std::uint64_t>(gap - shown);
        }
      }
      boundary_[i] = new_start + interval;
    }
    next_close_ns_ = *std::min_element(boundary_.begin(), boundary_.begin() + static_cast<std::ptrdiff_t>(time_count_));
  }

  /// price x qty in 1e-8 quote units, truncated: checkedNotional's result for positive
  /// operands, without its 128-bit division when the product fits 64 bits (a BTCUSDT
  /// trade below ~3 BTC): that division (__udivti3) was most of the per-trade cost, the
  /// 64-bit one by a constant is a multiply and a shift.
  static bool tradeValue(Price price, Qty qty, Notional& out) noexcept {
    __extension__ using U128 = unsigned __int128;
    const U128 product = static_cast<U128>(static_cast<std::uint64_t>(price.raw)) * static_cast<std::uint64_t>(qty.raw);
    const U128 value = (product >> 64) == 0
                           ? U128{static_cast<std::uint64_t>(product) / static_cast<std::uint64_t>(kScale)}
                           : product / static_cast<std::uint64_t>(kScale);
    if (value > static_cast<U128>(std::numeric_limits<std::int64_t>::max())) return false;
    out.raw = static_cast<std::int64_t>(value);
    return true;
  }

  /// Adds the trade's values to a bar: OHLC, volume split by aggressor, turnover, count.
  void add(Bar& bar, const Tick& trade, Notional value, bool value_ok) noexcept {
    if (bar.trades == 0) {
      bar.open = bar.high = bar.low = trade.price;
    } else {
      bar.high = std::max(bar.high, trade.price);
      bar.low = std::min(bar.low, trade.price);
    }
    bar.close = trade.price;
    ++bar.trades;
    std::int64_t turnover = 0;
    std::int64_t volume = 0;
    if (value_ok && checkedAdd(bar.turnover.raw, value.raw, turnover) &&
        checkedAdd(bar.volume.raw, trade.qty.raw, volume)) [[likely]] {
      bar.turnover.raw = turnover;
      bar.volume.raw = volume;
      // buy + sell == volume, which did not overflow: neither part can.
      Qty& side = trade.aggressor == Side::kBuy ? bar.buy_volume : bar.sell_volume;
      side.raw += trade.qty.raw;
    } else {
      ++turnover_overflows_;
    }
  }

  /// Adds a closed bar of the next shorter interval to a rolled-up bar. Exact: OHLC from
  /// the first and last sub-bars with trades, sums of the rest (tests/feed/
  /// BarSetRealCaptureTest checks it against bars built trade by trade).
  void fold(Bar& big, const Bar& sub) noexcept {
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

  template <typename Sink>
  void addTrade(const Tick& trade, Sink& sink) {
    SymbolBars& sb = symbols_[trade.symbol];
    if (!sb.active) [[unlikely]] activate(trade.symbol);
    Notional value{};
    const bool value_ok = tradeValue(trade.price, trade.qty, value);
    for (std::size_t k = 0; k < direct_count_; ++k) add(sb.open[direct_[k]], trade, value, value_ok);
    const std::int64_t t = trade.recv_ns;
    if (tick_series_ >= 0) {
      Bar& bar = sb.open[static_cast<std::size_t>(tick_series_)];
      if (bar.trades == 0) bar.start_ns = t;
      add(bar, trade, value, value_ok);
      if (bar.trades >= tick_trades_) closeCountBar(static_cast<std::size_t>(tick_series_), bar, t, sink);
    }
    if (volume_series_ >= 0) {
      Bar& bar = sb.open[static_cast<std::size_t>(volume_series_)];
      if (bar.trades == 0) bar.start_ns = t;
      add(bar, trade, value, value_ok);
      if (bar.volume.raw >= volume_qty_) closeCountBar(static_cast<std::size_t>(volume_series_), bar, t, sink);
    }
  }

  template <typename Sink>
  void closeCountBar(std::size_t series, Bar& bar, std::int64_t t, Sink& sink) {
    bar.end_ns = t;
    emit(series, bar, sink);
    const SymbolId symbol = bar.symbol;
    bar = Bar{};
    bar.symbol = symbol;
    bar.series = static_cast<std::uint8_t>(series);
  }

  /// A symbol's first trade: its time series start in the current interval. Cold.
  void activate(SymbolId symbol) noexcept;

  std::array<SymbolBars, InstrumentTable::kCapacity> symbols_{};
  std::array<BarSeries, kMaxSeries> series_{};
  std::array<std::int64_t, kMaxTimeSeries> boundary_{};  ///< end of each time series' current interval
  std::int64_t next_close_ns_ = kNotStarted;             ///< earliest boundary: advanceTo's one compare
  std::size_t time_count_ = 0;
  /// Time series whose interval is a multiple of the one before: built from its closed
  /// bars rather than trade by trade (one bar update per trade instead of four for 1s,
  /// 5s, 1m, 5m). The others take every trade: they are listed in direct_.
  std::array<bool, kMaxTimeSeries> rolls_up_{};
  std::array<std::size_t, kMaxTimeSeries> direct_{};
  std::size_t direct_count_ = 0;
  std::size_t series_count_ = 0;
  std::size_t active_limit_ = 0;  ///< one past the highest active SymbolId
  int tick_series_ = -1;
  int volume_series_ = -1;
  std::uint32_t tick_trades_ = 0;
  std::int64_t volume_qty_ = 0;
  std::int64_t max_flat_bars_ = 0;
  std::array<std::uint64_t, kMaxSeries> closed_{};
  std::array<std::uint64_t, kMaxSeries> flat_emitted_{};
  std::array<std::uint64_t, kMaxSeries> flat_skipped_{};
  std::uint64_t turnover_overflows_ = 0;
};

}  // namespace bw::feed
