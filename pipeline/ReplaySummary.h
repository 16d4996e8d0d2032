#pragma once
// What a replay did, gathered after its threads have stopped. Cold path.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace bw::pipeline {

struct StageLatency {
  std::uint64_t count = 0;
  std::uint64_t p50 = 0;
  std::uint64_t p99 = 0;
  std::uint64_t p999 = 0;
  std::uint64_t p9999 = 0;
  std::uint64_t max = 0;
};

/// The feed's data-quality score of one symbol and its parts (feed/DataQuality.h).
struct SymbolQuality {
  std::uint32_t score = 100;        ///< at the end of the replay
  std::uint32_t min_score = 100;    ///< lowest carried by a tick
  std::uint64_t ticks = 0;
  std::uint64_t lag_p50_ns = 0;     ///< receive - exchange above the symbol's floor
  std::uint64_t lag_max_ns = 0;
  std::int64_t lag_floor_ns = 0;    ///< lowest raw receive - exchange (clock offset + fastest path)
  std::uint64_t lagged_ticks = 0;   ///< smoothed lag above lag_threshold_ms
  std::uint64_t gaps = 0;
  std::uint64_t out_of_order = 0;
  std::uint64_t outliers = 0;
  std::uint64_t stale_periods = 0;
  std::uint64_t missing_fields = 0; ///< feed-wide refused lines (missing field / wrong type)
};

struct SymbolSummary {
  std::string symbol;
  std::int64_t position = 0;        ///< 1e-8 base units
  std::int64_t realized_pnl = 0;    ///< 1e-8 quote units
  std::int64_t unrealized_pnl = 0;  ///< 1e-8 quote units
  std::int64_t last_price = 0;
  std::int64_t strategy_position = 0;  ///< the decision engine's own view; must match `position`
  SymbolQuality quality;
};

struct ReplaySummary {
  std::vector<std::string> captures;
  bool simulated_capture = false;
  std::uint64_t lines = 0;
  std::uint64_t ticks = 0;
  std::uint64_t trades = 0;
  /// Clock ticks the feed handed the engine (a time bar's boundary reached, feed/BarClock.h),
  /// not counted in `ticks`.
  std::uint64_t clock_ticks = 0;
  std::uint64_t malformed = 0;
  std::uint64_t unknown_symbol = 0;  ///< well-formed lines for a symbol not in the table (skipped)
  std::uint64_t non_monotonic = 0;   ///< ticks kept whose receive time went backwards within their file
  std::uint64_t book_gaps = 0;           ///< depth sequence gaps (book degraded until the next snapshot)
  std::uint64_t book_resyncs = 0;        ///< snapshots that resynchronised a degraded book
  std::uint64_t book_stale_dropped = 0;  ///< depth updates already in the book's snapshot (dropped)
  std::map<std::string, std::uint64_t> feed_errors;  ///< refused lines by kind (ParseError name) -> count
  std::uint64_t bars = 0;  ///< bars of the strategy's series ([strategy] bar_interval_ms)
  /// Bars closed per series in the BarSet's order ("1s", "5s", "1m", "5m", "tick100", "vol10"),
  /// flat time bars included.
  std::vector<std::pair<std::string, std::uint64_t>> bars_by_series;
  std::uint64_t flat_bars = 0;          ///< flat time bars emitted (intervals without a trade), all series
  std::uint64_t flat_bars_skipped = 0;  ///< flat time bars past [bars] max_flat_bars in one silence
  std::uint64_t decisions = 0;  ///< entries + exits + cancels the engine asked for
  std::uint64_t entries = 0;
  std::uint64_t exits = 0;
  std::uint64_t cancels = 0;
  /// The entry policy on the strategy's bar closes while flat: reason -> count (ENTRY,
  /// NOT_READY, LOCKED_OUT, BELOW_THRESHOLD...; strategy/decision/EntryPlan.h), and entries
  /// by template. Entries the notional could not buy a lot of are counted as too_small.
  std::map<std::string, std::uint64_t> entry_policy;
  std::map<std::string, std::uint64_t> entries_by_template;
  std::uint64_t gate_accepted = 0;
  std::uint64_t orders_sent = 0;   ///< NewOrderSingle handed to the FIX session
  std::uint64_t cancels_sent = 0;  ///< OrderCancelRequest handed to the FIX session
  std::uint64_t replaces_sent = 0;       ///< OrderCancelReplaceRequest (a stop repricing the target)
  std::uint64_t replaces_refused = 0;    ///< by the gate or the order thread (the target canceled instead)
  std::uint64_t mass_cancels_sent = 0;   ///< OrderMassCancelRequest (a kill's)
  std::uint64_t send_failures = 0;
  std::uint64_t acks = 0;
  std::uint64_t fills = 0;  ///< fill events, partial and full
  std::uint64_t partial_fills = 0;
  std::uint64_t canceled = 0;
  std::uint64_t venue_rejects = 0;
  std::uint64_t cancel_rejects = 0;
  std::uint64_t unknown_execs = 0;
  /// FIX messages the gateway refused, by kind (ExecDecodeError / UnreadableReason /
  /// SessionRefusal name -> count; issue 6 item 8). Each is journaled as BAD_FIX with its
  /// raw text unless the gateway's queue was full (bad_fix_raw_dropped).
  std::map<std::string, std::uint64_t> bad_fix_messages;
  std::uint64_t bad_fix_journaled = 0;
  std::uint64_t bad_fix_raw_dropped = 0;
  std::uint64_t working_at_end = 0;
  std::uint64_t feed_queue_full = 0;  ///< times the feed waited on a full queue (back-pressure)
  bool lockstep = false;              ///< captures: lock-step with the venue in market time (deterministic)
  std::uint64_t lockstep_timeouts = 0;  ///< waits for a settled venue given up (non-zero: not deterministic)
  std::map<std::string, std::uint64_t> desyncs;  ///< reconciliation: DesyncKind name -> count (each trips the kill)
  std::uint64_t lifecycle_errors = 0;  ///< reports the order state machines did not apply (a duplicate ack, a late answer; desyncs among them)
  std::map<std::string, std::uint64_t> rejects;  ///< code -> count (gate codes and VENUE_REJECTED)
  std::map<std::string, std::uint64_t> shadow_rejects;  ///< shadow limit set: code -> would-have-rejected
  bool shadow_enabled = false;
  std::string instance;            ///< "" when the control block was private
  std::string mode;                ///< effective execution mode (DRY_RUN / PAPER / LIVE)
  std::vector<std::string> kills;  ///< kill switches tripped at the end: "GLOBAL REASON by WHO: WHY"
  std::uint64_t auto_kills = 0;    ///< kills tripped by automatic triggers this run
  std::uint64_t kill_cancels = 0;  ///< orders a kill canceled (own cancels or a mass cancel)
  std::uint64_t kill_mass_cancels = 0;     ///< mass cancels a kill sent (global: all; symbol: that one)
  std::uint64_t mass_cancels_refused = 0;  ///< refused by the venue: their orders canceled one by one
  std::uint64_t flatten_orders = 0;
  std::uint64_t stopped_by_kill = 0;  ///< orders the order thread's kill re-check held back
  std::uint64_t throttled = 0;        ///< new orders the outgoing throttle ([fix] max_msgs_per_second) held back a while
  std::uint64_t send_path_warm_ups = 0;  ///< idle runs of the send path short of the write (order thread spinning)
  std::uint64_t decision_path_warm_ups = 0;  ///< idle warm-ups of a symbol's decision path begun, nothing kept (engine spinning)
  std::string journal_path;
  std::uint64_t journal_events = 0;
  std::uint64_t journal_dropped = 0;
  std::string compliance_csv;      ///< written here, one row per order ("" if not asked)
  std::uint64_t compliance_rows = 0;
  std::vector<SymbolSummary> symbols;
  std::int64_t realized_pnl = 0;
  std::int64_t unrealized_pnl = 0;
  std::map<std::string, StageLatency> latency_ns;
  /// `replay --latency`: the floors measured after the run (pipeline/LatencyFloors.h).
  std::map<std::string, StageLatency> floors;
  std::map<std::string, int> cores;  ///< thread -> core it ran on (-1: unpinned); helpers: see CoresConfig
  std::map<std::string, std::string> idle;  ///< pipeline thread -> how it waited (spin, yield, backoff)
  double wall_seconds = 0;
};

/// The summary as a JSON document (stable keys; see README).
std::string toJson(const ReplaySummary& s);
/// The summary for a terminal.
std::string toText(const ReplaySummary& s);

}  // namespace bw::pipeline
