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
// How a trade is counted (the per-trade cost, issue 4's target <= 10 ns per trade for the
// shipped set). A symbol keeps running sums since its first trade (volume, buy volume,
// turnover, trades), shared by all its series: a trade adds to them once, whatever the
// number of series. A bar holds the sums at its opening; its volume, turnover and count
// are the differences, taken when it closes. Only what differs between series is updated
// per series: high and low, in one fixed-width loop over all series (vectorised), and
// the open, written by the first trade of a bar. VWAP is turnover / volume at the close
// (Bar::vwap). Closing is out of line (cold): the per-trade path is one compare for the
// time series (advanceTo), one for the tick bar and one for the volume bar.
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
#include "feed/TradeValue.h"

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
    if (tick.kind != TickKind::kTrade || tick.symbol >= state_.size() || std::min(tick.price.raw, tick.qty.raw) <= 0) {
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

  /// The bar still open for a symbol and series (trades == 0: none yet, or flat so far),
  /// as it would close now. A copy: an open bar is kept as running sums, not as a Bar.
  /// Any time on the engine thread; no allocation.
  [[nodiscard]] Bar openBar(SymbolId symbol, std::size_t series) const noexcept;
  /// Bars emitted per series (flat ones included), flat bars emitted, flat bars not
  /// emitted because a silence exceeded max_flat_bars.
  [[nodiscard]] std::uint64_t closed(std::size_t series) const noexcept { return closed_[series]; }
  [[nodiscard]] std::uint64_t flatEmitted(std::size_t series) const noexcept { return flat_emitted_[series]; }
  [[nodiscard]] std::uint64_t flatSkipped(std::size_t series) const noexcept { return flat_skipped_[series]; }
  /// Trades whose turnover would have overflowed a bar's notional: their price counts for
  /// OHLC and the trade count, their quantity and value are left out (counted, not wrapped).
  [[nodiscard]] std::uint64_t turnoverOverflows() const noexcept { return turnover_overflows_; }

 private:
  /// A symbol's trades summed since its first, in wrapping unsigned arithmetic: a bar's
  /// figure is the difference of the sums at its close and at its opening, exact since
  /// the figure itself fits int64 (no bar's turnover or volume may pass it, see below).
  struct Sums {
    std::uint64_t volume = 0;
    std::uint64_t buy_volume = 0;
    std::uint64_t turnover = 0;
    std::uint64_t trades = 0;
  };

  /// Four int64 lanes in one AVX2 register (GCC vector extension: plain SSE or scalar
  /// code where the target has no AVX2).
  using Lanes = std::int64_t __attribute__((vector_size(32)));
  static constexpr std::size_t kLanesPerVector = 4;
  static constexpr std::size_t kLaneVectors = kMaxSeries / kLanesPerVector;

  /// What every trade of a symbol reads or writes: 5 cache lines, the first holding all
  /// but the per-series high, low and open.
  struct alignas(64) SymbolState {
    Sums sums;
    /// Room left before the fullest open bar's turnover or volume passes int64: while
    /// the larger of a trade's value and quantity fits in it, no bar can overflow and
    /// the trade takes the fast path. Lowered by every trade, recomputed exactly only on
    /// the slow path (a closing bar only makes the true room larger), so it is hit about
    /// once per 9e10 quote units (or base units) a symbol trades.
    std::int64_t room = std::numeric_limits<std::int64_t>::max();
    std::uint64_t tick_close_at = kNever;  ///< sums.trades at which the tick bar closes
    std::uint64_t volume_base = 0;         ///< sums.volume at the volume bar's opening + what it left out
    std::int64_t last = 0;                 ///< latest trade price: the close of every open bar
    std::uint8_t opening = 0;              ///< bit per lane: its bar awaits its first trade
    bool active = false;                   ///< has traded: its time series are running
    /// Per lane (a series that takes trades directly, see lanes_), four lanes to a
    /// vector: the shipped set's three (1s, tick100, vol10) take one max and one min.
    /// Unused lanes are updated and ignored. Scalar, the eight lanes' loads, compares
    /// and stores cost more than all the rest of a trade (perf, 2-vCPU EPYC KVM guest).
    std::array<Lanes, kLaneVectors> high{};
    std::array<Lanes, kLaneVectors> low{};
    std::array<std::int64_t, kMaxSeries> open{};
  };

  /// What only a bar's opening and closing touch.
  struct SymbolBars {
    std::array<Sums, kMaxSeries> opened{};    ///< the symbol's sums when each bar opened
    std::array<Sums, kMaxSeries> excluded{};  ///< trades left out of each bar (overflow); trades unused
    std::array<std::int64_t, kMaxSeries> first_trade_ns{};  ///< tick and volume bars: start_ns
    std::array<Bar, kMaxTimeSeries> rolled{};                ///< rolled-up time series: the open bar
  };

  static constexpr std::int64_t kNotStarted = std::numeric_limits<std::int64_t>::min();
  static constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

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
  [[gnu::noinline, gnu::cold]] void closeTimeBars(std::int64_t now_ns, Sink& sink) {
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
          if (!state_[s].active) continue;
          const auto symbol = static_cast<SymbolId>(s);
          Bar bar = rolls_up_[i] ? bars_[s].rolled[i] : laneBar(symbol, i);
          emit(i, bar, sink);
          // The next interval is a multiple of this one: its bar is the sum of ours. (The
          // flat bars below change nothing in it: their close is this bar's close.)
          if (i + 1 < time_count_ && rolls_up_[i + 1]) fold(bars_[s].rolled[i + 1], bar);
          const Price last = bar.close;
          resetFlat(bar, new_start - shown * interval, interval, last);
          for (std::int64_t k = 0; k < shown; ++k) {
            emit(i, bar, sink);
            ++flat_emitted_[i];
            bar.start_ns += interval;
            bar.end_ns += interval;
          }
          flat_skipped_[i] += static_cast<std::uint64_t>(gap - shown);
          if (rolls_up_[i]) {
            bars_[s].rolled[i] = bar;
          } else {
            openLane(symbol, i);
          }
        }
      }
      boundary_[i] = new_start + interval;
    }
    next_close_ns_ = *std::min_element(boundary_.begin(), boundary_.begin() + static_cast<std::ptrdiff_t>(time_count_));
  }

  /// Adds a closed bar of the next shorter interval to a rolled-up bar. Exact: OHLC from
  /// the first and last sub-bars with trades, sums of the rest (tests/feed/
  /// BarSetRealCaptureTest checks it against bars built trade by trade).
  void fold(Bar& big, const Bar& sub) noexcept;

  /// The open bar of a series that takes trades directly (not rolled up), from the sums.
  [[nodiscard]] Bar laneBar(SymbolId symbol, std::size_t series) const noexcept;

  /// Starts a new, empty bar of a series that takes trades directly. Cold.
  void openLane(SymbolId symbol, std::size_t series) noexcept;

  /// The trade whose value or quantity may overflow an open bar's (or whose value does
  /// not fit int64): bar by bar, as the rule says. Cold: see SymbolState::room.
  [[gnu::noinline, gnu::cold]] void addNearOverflow(SymbolId symbol, const Tick& trade, Notional value,
                                                    bool value_ok) noexcept;

  /// First trade of a bar (bits in SymbolState::opening): its open, high, low, and for a
  /// tick or volume bar its start.
  void openBars(SymbolState& st, SymbolId symbol, std::int64_t price, std::int64_t t) noexcept {
    for (unsigned bits = st.opening; bits != 0; bits &= bits - 1) {
      const auto k = static_cast<std::size_t>(__builtin_ctz(bits));
      st.open[k] = price;
      st.high[k / kLanesPerVector][k % kLanesPerVector] = price;
      st.low[k / kLanesPerVector][k % kLanesPerVector] = price;
      if (lanes_[k] >= time_count_) bars_[symbol].first_trade_ns[lanes_[k]] = t;
    }
    st.opening = 0;
  }

  template <typename Sink>
  void addTrade(const Tick& trade, Sink& sink) {
    const SymbolId symbol = trade.symbol;
    SymbolState& st = state_[symbol];
    if (!st.active) [[unlikely]] activate(symbol);
    Notional value{};
    const bool value_ok = tradeValue(trade.price, trade.qty, value);
    const std::int64_t room = st.room - std::max(value.raw, trade.qty.raw);  // value.raw: 0 if !value_ok
    if (value_ok & (room >= 0)) [[likely]] {
      st.room = room;
      const auto qty = static_cast<std::uint64_t>(trade.qty.raw);
      st.sums.volume += qty;
      // A mask, not a select: GCC made the select a branch on the aggressor, which the
      // real stream flips often enough to mispredict.
      st.sums.buy_volume += qty & (std::uint64_t{0} - std::uint64_t{trade.aggressor == Side::kBuy});
      st.sums.turnover += static_cast<std::uint64_t>(value.raw);
    } else {
      addNearOverflow(symbol, trade, value, value_ok);
    }
    ++st.sums.trades;
    const std::int64_t price = trade.price.raw;
    st.last = price;
    if (st.opening != 0) openBars(st, symbol, price, trade.recv_ns);
    // Lanes 0-3 unconditionally (unused lanes are ignored), 4-7 only when configured.
    const Lanes prices = Lanes{} + price;
    st.high[0] = st.high[0] > prices ? st.high[0] : prices;
    st.low[0] = st.low[0] < prices ? st.low[0] : prices;
    if (lane_vectors_ > 1) [[unlikely]] {
      st.high[1] = st.high[1] > prices ? st.high[1] : prices;
      st.low[1] = st.low[1] < prices ? st.low[1] : prices;
    }
    if (st.sums.trades == st.tick_close_at) [[unlikely]] closeCountBar(symbol, tick_series_, trade.recv_ns, sink);
    // (The second test only matters without a volume series: a running sum may wrap onto kNever.)
    if (st.sums.volume - st.volume_base >= volume_qty_ && volume_series_ < kMaxSeries) [[unlikely]] {
      closeCountBar(symbol, volume_series_, trade.recv_ns, sink);
    }
  }

  template <typename Sink>
  [[gnu::noinline, gnu::cold]] void closeCountBar(SymbolId symbol, std::size_t series, std::int64_t t, Sink& sink) {
    Bar bar = laneBar(symbol, series);
    bar.end_ns = t;
    emit(series, bar, sink);
    openLane(symbol, series);
  }

  /// A symbol's first trade: its time series start in the current interval. Cold.
  void activate(SymbolId symbol) noexcept;

  std::array<SymbolState, InstrumentTable::kCapacity> state_{};
  std::array<SymbolBars, InstrumentTable::kCapacity> bars_{};
  std::array<BarSeries, kMaxSeries> series_{};
  std::array<std::int64_t, kMaxTimeSeries> boundary_{};  ///< end of each time series' current interval
  std::int64_t next_close_ns_ = kNotStarted;             ///< earliest boundary: advanceTo's one compare
  std::size_t time_count_ = 0;
  /// Time series whose interval is a multiple of the one before: built from its closed
  /// bars rather than trade by trade. The others, and the tick and volume series, take
  /// every trade: they are listed in lanes_.
  std::array<bool, kMaxTimeSeries> rolls_up_{};
  std::array<std::size_t, kMaxSeries> lanes_{};       ///< lane -> series
  std::array<std::size_t, kMaxSeries> lane_of_{};     ///< series -> lane (series in lanes_ only)
  std::size_t lane_count_ = 0;
  std::size_t lane_vectors_ = 0;  ///< vectors of SymbolState::high/low in use
  std::size_t series_count_ = 0;
  std::size_t active_limit_ = 0;  ///< one past the highest active SymbolId
  std::size_t tick_series_ = kMaxSeries;    ///< kMaxSeries: none
  std::size_t volume_series_ = kMaxSeries;  ///< kMaxSeries: none
  std::uint64_t tick_trades_ = kNever;
  std::uint64_t volume_qty_ = kNever;  ///< never reached: a bar's volume stays below 2^63
  std::int64_t max_flat_bars_ = 0;
  std::array<std::uint64_t, kMaxSeries> closed_{};
  std::array<std::uint64_t, kMaxSeries> flat_emitted_{};
  std::array<std::uint64_t, kMaxSeries> flat_skipped_{};
  std::uint64_t turnover_overflows_ = 0;
};

}  // namespace bw::feed
