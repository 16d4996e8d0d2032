#pragma once
// The decision engine of one process: per symbol, the signals (SymbolSignals: indicators on
// every confluence timeframe and the tick features), the entry policy (belief per template,
// edge, uncertainty penalty, costs, expected-utility threshold, regime lockouts) and the
// symbol's own orders. On each close of the strategy's bar it asks the policy; an entry is
// a LIMIT order carrying its bracket (stop and target) and a time-to-live, never a market
// order, and it carries why (EntryReason). While a position is open it watches trades for
// the bracket and exits with a reduce-only limit priced exit_slippage_bps through the
// trade (marketable); a resting entry whose time-to-live ran out is canceled.
//
// One working entry or exit per symbol at a time. It tracks its own orders from the
// execution reports (the risk side keeps the authoritative books). Engine thread only;
// no allocation after construction.

#include <array>
#include <cstdint>
#include <vector>

#include "core/Config.h"
#include "core/InstrumentTable.h"
#include "core/Order.h"
#include "core/Tick.h"
#include "feed/Bar.h"
#include "strategy/Decision.h"
#include "strategy/decision/EntryPolicy.h"
#include "strategy/signals/SymbolSignals.h"

namespace bw::strategy {

/// What the policy said on the strategy's bar closes, for the summary.
struct DecisionCounters {
  std::uint64_t evaluations = 0;  ///< bar closes evaluated while flat and idle
  std::uint64_t busy = 0;         ///< bar closes with a position or a working order (no entry asked)
  std::array<std::uint64_t, 8> by_reason{};  ///< decision::DecisionReason -> count (ENTRY included)
  std::array<std::uint64_t, kTemplateCount> entries_by_template{};
  std::uint64_t too_small = 0;    ///< entries the notional could not buy one lot of
};

/// The indicator lengths of [signals], as the strategy's classes take them (every feature read).
[[nodiscard]] SignalLengths signalLengthsFrom(const SignalsConfig& signals);

/// Per timeframe, the bar features the enabled templates read: their constraints', and the
/// ADX of the strategy's own bars for the trend/range lockouts.
[[nodiscard]] std::array<std::uint32_t, kMaxTimeframes> barFeaturesRead(const TemplatesConfig& templates);

class DecisionEngine {
 public:
  /// Throws ConfigError / std::invalid_argument on what the config loader would refuse. Cold path.
  DecisionEngine(const InstrumentTable& instruments, const Config& config);

  /// Every tick of a known symbol: the tick features. No allocation.
  void onTick(const Tick& tick) noexcept;
  /// A closed bar of confluence timeframe `timeframe` (0: the strategy's). No allocation.
  void onBar(std::size_t timeframe, const feed::Bar& bar) noexcept;
  /// After every bar that closed on one tick is folded in: the entry decision of a symbol
  /// whose strategy bar closed. The policy runs on every close (its smoothing must see every
  /// bar); an entry is asked only when the symbol is flat with nothing working.
  [[nodiscard]] Decision decide(SymbolId symbol) noexcept;
  /// What `symbol`'s next strategy-bar close will run, run now and kept nowhere: no state,
  /// counter or id changes. An idle engine calls both so that the next close finds that
  /// code and the symbol's indicators and features in cache.
  /// warmIndicators: its last strategy bar folded into a scratch copy of its
  /// strategy-timeframe indicators (SymbolSignals::warmFrom).
  void warmIndicators(SymbolId symbol) noexcept;
  /// warm: the entry policy on its features as of now, on a copy of its belief. True when
  /// the policy would enter (for tests: the answer decide() would start from).
  bool warm(SymbolId symbol) noexcept;
  /// The policy's answer as an order: sizing, ids, the symbol's state. decide() calls it;
  /// public for tests that hand-build the answer.
  [[nodiscard]] Decision act(SymbolId symbol, const decision::EntryDecision& entry) noexcept;
  /// A trade: cancel an entry whose time-to-live ran out, or work the bracket of a
  /// position as OCO: the target rests at the venue as a reduce-only LIMIT child once the
  /// entry is done; a trade through the stop reprices that child through the market (one
  /// replace, [strategy] replace_target_on_stop) or pulls it (a cancel, also when the
  /// replace is refused), and once it is gone the next trade exits what is left. A
  /// child the gate or the venue refuses is watched here instead (the target exit goes out
  /// when a trade reaches it), so a refused child is never asked for again.
  [[nodiscard]] Decision onTrade(const Tick& trade) noexcept;
  /// Venue feedback for our orders.
  void onExec(const ExecEvent& event) noexcept;
  /// The RiskGate (or the order thread) refused an order we asked for.
  void onRefused(OrderId id) noexcept;

  [[nodiscard]] const SymbolSignals& signals(SymbolId symbol) const noexcept { return signals_[symbol]; }
  [[nodiscard]] const decision::EntryDecision& lastEntryDecision(SymbolId symbol) const noexcept {
    return state_[symbol].last;
  }
  [[nodiscard]] const DecisionCounters& counters() const noexcept { return counters_; }
  [[nodiscard]] Qty position(SymbolId symbol) const noexcept { return Qty{state_[symbol].position}; }
  /// Ids of working orders, for the end-of-run cancel sweep.
  [[nodiscard]] OrderId workingEntry(SymbolId symbol) const noexcept { return state_[symbol].entry_id; }
  [[nodiscard]] OrderId workingExit(SymbolId symbol) const noexcept { return state_[symbol].exit_id; }
  /// The bracket's resting target child (0: none working).
  [[nodiscard]] OrderId workingTarget(SymbolId symbol) const noexcept { return state_[symbol].target_id; }
  [[nodiscard]] OrderId nextId() noexcept { return next_id_++; }

 private:
  DecisionEngine(const InstrumentTable& instruments, const Config& config, const SignalLengths& lengths);

  struct SymbolState {
    OrderId entry_id = 0;  ///< working entry (0: none)
    std::int64_t entry_expire_ns = 0;
    bool cancel_sent = false;
    OrderId exit_id = 0;  ///< working exit (0: none)
    OrderId target_id = 0;      ///< the bracket's resting target child (0: none working)
    bool target_pulled = false;  ///< the stop hit: the child's cancel is out, exit once it is gone
    bool target_watched = false;  ///< the child was refused: the target is watched on trades instead
    bool replace_tried = false;   ///< the stop asked once to reprice the child; a refusal falls back to a cancel
    std::int64_t target_qty = 0;  ///< the child's order quantity (a replace keeps it)
    std::int64_t position = 0;  ///< signed, from our fills
    Price stop{};
    Price target{};
    decision::SymbolBeliefState belief{};
    decision::EntryDecision last{};  ///< the policy's latest answer (reasons for the summary and tests)
    feed::Bar last_bar{};            ///< the latest strategy bar, for warmIndicators()
    bool has_bar = false;
  };

  /// A reduce-only LIMIT for the whole position, priced through `trade` by exit_slippage_bps.
  [[nodiscard]] Decision exitThrough(const Tick& trade, SymbolState& s, const char* why) noexcept;

  [[nodiscard]] bool busy(const SymbolState& s) const noexcept {
    return s.entry_id != 0 || s.exit_id != 0 || s.target_id != 0 || s.position != 0;
  }

  const InstrumentTable& instruments_;
  StrategyConfig config_;
  decision::EntryPolicy policy_;
  std::vector<SymbolSignals> signals_;  // one per instrument, built at start
  std::vector<SymbolState> state_;      // one per instrument, built at start
  SymbolSignals warm_signals_;          // warmIndicators()' scratch: the update runs here, never on signals_
  DecisionCounters counters_;
  OrderId next_id_ = 1;
};

}  // namespace bw::strategy
