#pragma once
// The engine thread: ticks in, bars, signal, decision, RiskGate, order requests out;
// execution reports back into the gate (positions, exposure, P&L) and the decision
// engine. One thread owns everything here; it talks to the others only through the SPSC
// queues. Nothing on this path allocates after construction.

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>

#include "core/Config.h"
#include "core/InstrumentTable.h"
#include "core/LatencyHistogram.h"
#include "core/Order.h"
#include "core/SpscQueue.h"
#include "core/Tick.h"
#include "core/TscClock.h"
#include "feed/BarSet.h"
#include "fix/OrderGateway.h"
#include "fix/VenueSimulator.h"
#include "pipeline/Journal.h"
#include "pipeline/VenueLockstep.h"
#include "risk/AutoTriggers.h"
#include "risk/Reconciler.h"
#include "risk/RiskGate.h"
#include "strategy/DecisionEngine.h"

namespace bw::pipeline {

struct EngineCounters {
  std::uint64_t ticks = 0;
  std::uint64_t clock_ticks = 0;  ///< the feed's clock ticks (a time bar's boundary reached), not in `ticks`
  std::uint64_t trades = 0;
  std::uint64_t bars = 0;
  std::uint64_t entries = 0;
  std::uint64_t exits = 0;
  std::uint64_t cancels = 0;
  std::uint64_t order_queue_full = 0;
  std::uint64_t refused_by_order_thread = 0;
  std::uint64_t acks = 0;
  std::uint64_t fills = 0;
  std::uint64_t partial_fills = 0;
  std::uint64_t canceled = 0;
  std::uint64_t venue_rejects = 0;
  std::uint64_t cancel_rejects = 0;
  std::uint64_t cancels_refused = 0;   ///< by the gate's cancel rate (the order stays working)
  std::uint64_t kill_cancels = 0;      ///< orders a kill canceled (each by its own cancel or a mass cancel)
  std::uint64_t kill_mass_cancels = 0; ///< OrderMassCancelRequests a kill sent (global: all; symbol kill: the symbol)
  std::uint64_t mass_cancels_refused = 0;  ///< refused by the venue: its orders were canceled one by one
  std::uint64_t replaces = 0;          ///< replaces sent (a stop repricing the bracket's target)
  std::uint64_t replaces_refused = 0;  ///< by the gate or the order thread (the target is canceled instead)
  std::uint64_t flatten_orders = 0;    ///< reduce-only orders sent to flatten after a kill
  std::uint64_t auto_kills = 0;        ///< kills tripped by the automatic triggers
  std::uint64_t lockstep_timeouts = 0; ///< replay: waits for a settled venue given up (VenueLockstep.h)
  std::uint64_t desyncs = 0;           ///< reports the reconciler found at odds with our books (each trips the kill)
  std::uint64_t bad_fix_journaled = 0; ///< refused FIX messages written to the journal with their raw text
  std::uint64_t decision_path_warm_ups = 0;  ///< idle warm-ups of one symbol's decision path begun, nothing kept (spin only)
};

/// What the engine needs from the control plane: the block, the triggers, the journal.
struct EngineControl {
  ControlBlock& block;
  risk::AutoTriggers& triggers;
  Journal* journal = nullptr;  ///< null: no journal
};

struct EngineQueues {
  SpscQueue<Tick>& ticks;            ///< feed -> engine
  SpscQueue<OrderRequest>& orders;   ///< engine -> order thread
  SpscQueue<OrderId>& refused;       ///< order thread -> engine: accepted but not sent
};

class Engine {
 public:
  Engine(const Config& config, const InstrumentTable& instruments, const TscClock& clock, risk::RiskGate& gate,
         EngineQueues queues, fix::OrderGateway& gateway, fix::VenueSimulator* venue, EngineControl control);

  /// Replay of captures: after each tick (and each kill or drain step) wait, bounded by
  /// lockstep->timeoutNs(), until nothing is in flight to or from the venue
  /// (pipeline/VenueLockstep.h), so decisions depend on market time only. Call before
  /// run(). Null (the default): reports are taken as they come (live runs).
  void lockStepWith(VenueLockstep* lockstep) noexcept { lockstep_ = lockstep; }

  /// Runs until the feed is done, every tick is processed and every working order is
  /// finished (or the drain timeout passes). `feed_done` is set by the feed thread after
  /// its last push.
  void run(const std::atomic<bool>& feed_done);

  [[nodiscard]] const EngineCounters& counters() const noexcept { return counters_; }
  [[nodiscard]] const LatencyHistogram& tickToDecision() const noexcept { return tick_to_decision_; }
  [[nodiscard]] const LatencyHistogram& decisionToVerdict() const noexcept { return decision_to_verdict_; }
  /// Issue 7's tick -> risk verdict, excluding the queue hop: the feed's work on the tick
  /// (parse, book, quality) plus the engine's from taking it to the gate's verdict, for
  /// every tick whose decision reached the gate (entries, exits, replaces; refusals too).
  [[nodiscard]] const LatencyHistogram& tickToVerdict() const noexcept { return tick_to_verdict_; }
  /// tickToVerdict's parts, over the same ticks: tick_to_engine + engine_to_bars +
  /// bars_to_decision + decision_to_verdict. The feed's work on the tick (arrival -> handed
  /// to the queue, parse, book and quality)...
  [[nodiscard]] const LatencyHistogram& tickToEngine() const noexcept { return tick_to_engine_; }
  /// ...the engine's from taking the tick to its bars and the signals on them updated (only
  /// decisions made on a strategy bar's close)...
  [[nodiscard]] const LatencyHistogram& engineToBars() const noexcept { return engine_to_bars_; }
  /// ...and from there (or from taking the tick, for a decision on a trade) to the decision.
  [[nodiscard]] const LatencyHistogram& barsToDecision() const noexcept { return bars_to_decision_; }
  [[nodiscard]] const strategy::DecisionEngine& decisions() const noexcept { return decisions_; }
  /// Every ClOrdID we sent against the venue's reports (issue 6: reconciliation).
  [[nodiscard]] const risk::Reconciler& reconciler() const noexcept { return *reconciler_; }
  /// Every bar series ([bars]); the summary reads its counts after the run.
  [[nodiscard]] const feed::BarSet& bars() const noexcept { return bars_; }

  // Exposed for single-threaded tests: one step each.
  void processTick(const Tick& tick) noexcept;
  bool pollVenue() noexcept;
  /// Journals the FIX messages the gateway refused (BAD_FIX, with their raw text); the
  /// gateway has counted them already. Engine thread (pollVenue calls it), or the owner
  /// once the engine thread and the gateway have stopped. No allocation; true if any.
  bool journalBadFixMessages() noexcept;
  /// Reacts to a control-block change (kill, reset, limits): one acquire load when none.
  bool pollControl() noexcept;

 private:
  /// A clock tick (TickKind::kClock): market time reached a time bar's boundary. The bars
  /// whose interval ended close (flat when no trade came) and the strategy bars' decisions
  /// follow, before the message that crossed reaches us; that message then moves nothing.
  void onClockTick(std::int64_t recv_ns, std::uint64_t arrival_tsc) noexcept;
  void handle(const strategy::Decision& d, std::uint64_t tick_tsc) noexcept;
  /// A closed bar of any series: the confluence timeframes' go to the decision engine; a
  /// strategy bar marks its symbol for a decision.
  void onBar(const feed::Bar& bar, std::uint64_t tick_tsc) noexcept;
  /// The decisions of the symbols whose strategy bar closed, once every series that closed
  /// with it is folded in (longer series close after shorter ones).
  void decidePending(std::uint64_t tick_tsc) noexcept;
  void decide(SymbolId symbol, std::uint64_t tick_tsc) noexcept;
  void sendNew(const OrderIntent& intent, std::uint64_t verdict_tsc) noexcept;
  /// tick_to_verdict_: `tick_tsc` (the tick's arrival) to the verdict, less the hop; and its
  /// parts (tick_to_engine_, engine_to_bars_, bars_to_decision_).
  void recordTickToVerdict(std::uint64_t tick_tsc, std::uint64_t decision_tsc, std::uint64_t verdict_tsc) noexcept;
  /// `tell_reconciler`: false when the reconciler already holds the order as canceling
  /// (a refused mass cancel's orders, canceled one by one).
  bool sendCancel(risk::WorkingOrder& order, OrderId cancel_id, bool from_kill, std::uint64_t kill_tsc,
                  bool tell_reconciler = true) noexcept;
  /// One OrderMassCancelRequest for every working order of `symbol` (kNoSymbol: all) not
  /// yet being canceled; the gateway sends per-order cancels where the venue has none.
  void sendKillMassCancel(SymbolId symbol, std::uint64_t kill_tsc) noexcept;
  /// The venue refused a mass cancel: each order it covered gets its own cancel.
  void onMassCancelRefused(OrderId request_id) noexcept;
  /// A stop repricing the bracket's target (Decision::Kind::kReplace).
  void sendReplace(const strategy::Decision& d, std::uint64_t tick_tsc) noexcept;
  /// A replace the order thread could not send: the order works on as it was.
  void onReplaceUnsent(OrderId replacement_id) noexcept;
  void processExec(const ExecEvent& e) noexcept;
  /// Lock-step only: polls the venue until VenueLockstep::settled or the timeout (counted).
  void settleWithVenue() noexcept;
  void cancelAllWorking() noexcept;
  void onKillSeen() noexcept;
  void flattenPositions() noexcept;
  /// Spinning and idle: every kWarmIntervalNs, the next symbol's strategy-bar indicator
  /// update (on a scratch copy), its entry policy, a wall-clock read and its last intent's
  /// risk check run with nothing kept (DecisionEngine::warmIndicators and warm, RiskGate::warm),
  /// so a bar close that comes seconds after the last finds its code and data in cache. A tick
  /// that arrives between those steps goes first: the rest of that warm-up is skipped.
  void warmDecisionPathWhenDue() noexcept;
  static constexpr std::int64_t kWarmIntervalNs = 5'000;
  /// A verdict's journal lines (decision, verdict, shadow reject), kept until every verdict
  /// of the tick is handed off: formatting them is the slow part (pipeline/EntryReasonText.h).
  struct VerdictLines {
    strategy::Decision decision;
    OrderIntent intent;  // with the tick's market time in ts_ns
    risk::RejectCode verdict = risk::RejectCode::kAccepted;
    risk::RejectCode shadow = risk::RejectCode::kAccepted;
    std::int64_t wall_ns = 0;  // taken before the check
    std::int64_t check_ns = 0;
  };
  void deferLines(const VerdictLines& lines) noexcept;
  /// Journals the deferred lines in the order they came: after each tick and clock advance.
  void flushDeferredLines() noexcept;
  void journal(const JournalEvent& e) noexcept {
    if (control_.journal != nullptr) (void)control_.journal->record(e);
  }
  void noteTrigger(risk::KillReason r) noexcept {
    if (r != risk::KillReason::kNone) ++counters_.auto_kills;
  }

  const Config& config_;
  const InstrumentTable& instruments_;
  const TscClock& clock_;
  risk::RiskGate& gate_;
  EngineQueues queues_;
  fix::OrderGateway& gateway_;
  fix::VenueSimulator* venue_;  // replay only: the simulator sees the trades we see
  VenueLockstep* lockstep_ = nullptr;  // replay of captures only
  std::uint64_t settled_tsc_ = 0;      // lock-step: end of the last wait for the venue (TSC)
  EngineControl control_;
  std::int64_t now_ns_ = 0;           // market time of the last tick (receive stamp)
  std::uint64_t seen_change_seq_ = 0; // control block change_seq last reacted to
  bool kill_handled_ = false;         // the current global kill's cancels are out
  bool flatten_pending_ = false;      // flatten once the kill's cancels are done
  bool was_logged_on_ = false;        // FIX disconnect trigger
  bool draining_ = false;
  feed::BarSet bars_;
  std::uint8_t strategy_series_ = 0;  // index in bars_ of [strategy] bar_interval_ms
  std::array<std::int8_t, feed::BarSet::kMaxSeries> timeframe_of_series_{};  // strategy::TimeframeMap
  std::array<bool, InstrumentTable::kCapacity> decision_pending_{};  // strategy bar closed, not decided yet
  std::array<SymbolId, InstrumentTable::kCapacity> pending_symbols_{};
  std::size_t pending_count_ = 0;
  strategy::DecisionEngine decisions_;
  std::unique_ptr<risk::Reconciler> reconciler_;  // ~200 KiB: on the heap, allocated once at construction
  EngineCounters counters_;
  LatencyHistogram tick_to_decision_;
  LatencyHistogram decision_to_verdict_;
  LatencyHistogram tick_to_verdict_;
  LatencyHistogram tick_to_engine_;
  LatencyHistogram engine_to_bars_;
  LatencyHistogram bars_to_decision_;
  // The current tick's queue hop (ready -> taken by the engine), in TSC ticks: what
  // tick_to_verdict_ leaves out. 0 for decisions a clock advance made.
  std::uint64_t hop_tsc_ = 0;
  std::uint64_t taken_tsc_ = 0;      // the engine took the current tick (or began a clock advance)
  std::uint64_t bars_done_tsc_ = 0;  // its bars and signals were updated, when a strategy bar closed; else 0
  // Two verdicts per symbol on one tick at most (a second strategy bar in one advance);
  // more than this flushes early rather than drop a line.
  std::array<VerdictLines, 2 * InstrumentTable::kCapacity> deferred_{};
  std::size_t deferred_count_ = 0;
  // The decision path's idle warm-up: each symbol's last intent judged (its ts_ns moved to
  // now when re-judged), the next symbol in turn, the next time one is due.
  std::array<OrderIntent, InstrumentTable::kCapacity> last_intent_{};
  std::array<bool, InstrumentTable::kCapacity> has_last_intent_{};
  SymbolId next_warm_symbol_ = 0;
  std::uint64_t next_warm_tsc_ = 0;
  std::uint64_t warm_interval_tsc_ = 0;
};

}  // namespace bw::pipeline
