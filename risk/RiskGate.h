#pragma once
// The only door to the order thread. check() runs every pre-trade control of
// ARCHITECTURE.md in a fixed order and stops at the first failure:
//
//   gates     kill switch (global / strategy / symbol), trading state, live gate
//   order     symbol known and not restricted, limit type, TIF, tick/lot grid, bracket,
//             max qty, notional overflow, max notional, price collar
//   quality   stale market data, data-quality score, execution quality (slippage)
//   loss      daily loss (abs, % of start equity), drawdown, loss streak, loss per trade
//   exposure  reduce-only exits; entries: position qty, symbol gross/net, total gross/net,
//             open risk and its per-symbol share, open positions        (reserved)
//   rate      orders/s, messages/s (token buckets), duplicate window, open orders (reserved)
//
// Reserved limits count every working order (in flight included) at its worst case: full
// quantity at its limit price. A reservation is taken with a compare-and-swap when several
// threads call check() (Callers::kConcurrent), so concurrent orders can never jointly pass
// a limit; a later control's reject gives back what earlier ones took. Reservations are
// released on cancel, venue reject and unsent, and move into the position on fill.
//
// Threads: check() and checkCancel() from any caller thread (one, or several in
// kConcurrent mode). onTick(), onTrade(), onExec() and releaseUnsent() from the one thread
// that processes market data and execution reports (the engine thread). Kill switches,
// trading state, the live gate and the limits are read from the control block, which
// another process may change at any time. Nothing here allocates, locks, throws, makes a
// system call or touches floating point.

#include <array>
#include <atomic>
#include <cstdint>

#include "core/Config.h"
#include "core/ControlBlock.h"
#include "core/InstrumentTable.h"
#include "core/Order.h"
#include "risk/PositionBook.h"
#include "risk/RateLimiter.h"
#include "risk/RejectCode.h"
#include "risk/Reservation.h"
#include "risk/WorkingOrders.h"

namespace bw::risk {

struct GateOptions {
  Callers callers = Callers::kSingle;
  bool venue_is_live = false;  ///< orders reach a live venue: every live-gate layer must agree
  std::uint8_t allowed_tif_mask = 0b011;                          ///< bit per TimeInForce
  std::array<bool, InstrumentTable::kCapacity> restricted{};     ///< by symbol id
};

/// Options from [limits]' lists (restricted names resolved against the table).
[[nodiscard]] GateOptions gateOptionsFrom(const LimitsConfig& limits, const InstrumentTable& instruments,
                                          Callers callers, bool venue_is_live);

/// What an execution report did, for the caller's automatic triggers.
struct ExecOutcome {
  bool desync = false;           ///< unknown order or overfill: our books and the venue's disagree
  bool fill = false;
  FillOutcome position;          ///< fills: what happened to the position
  std::int64_t slippage_bps = 0; ///< fills: adverse slippage against the reference at accept
};

class RiskGate {
 public:
  RiskGate(const InstrumentTable& instruments, ControlBlock& control, PositionBook& positions,
           GateOptions options) noexcept;

  /// Judges a new order. kAccepted: recorded as working, every reserved limit taken.
  /// Any caller thread (see Callers); no allocation; O(1).
  [[nodiscard]] RejectCode check(const OrderIntent& intent) noexcept { return check(intent, nullptr); }
  /// The same; `shadow_verdict`, if given, receives the shadow set's verdict (kAccepted
  /// when shadow limits are off) for the journal.
  [[nodiscard]] RejectCode check(const OrderIntent& intent, RejectCode* shadow_verdict) noexcept;
  /// Judges `intent` against the live limits and records nothing: no reservation, no
  /// counter, no working order, no rate token (the shadow set's path: the rates and the
  /// duplicate window are not judged). An idle engine runs it every few microseconds so that
  /// the next real check finds its code and the lines it reads in cache (pipeline/Engine.h).
  [[nodiscard]] RejectCode warm(const OrderIntent& intent) noexcept { return judge(intent, control_.liveLimits(), nullptr); }
  /// Prefetches the lines a check of an order for `symbol` by `strategy` will read and write
  /// (this gate's, the control block's, the position book's), so that a check that follows a
  /// few hundred nanoseconds later finds them in cache: fetched together, their trips to
  /// memory overlap, where the check itself meets them one after another. A hint only:
  /// nothing is read or written. The engine calls it when a strategy bar closes, before the
  /// signals and the decision run (pipeline/Engine.cpp). No allocation, no lock.
  void prefetchCheck(SymbolId symbol, StrategyId strategy) const noexcept;

  /// A cancel of a working order: only lowers risk, so it passes a tripped kill and a
  /// halted state, and an `urgent` one (a kill's, end of session) is never throttled;
  /// otherwise it takes cancel- and message-rate tokens. kUnknownSymbol means "not
  /// working". Any caller thread.
  [[nodiscard]] RejectCode checkCancel(OrderId id, std::int64_t now_ns, bool urgent = false) noexcept;

  /// A replace that reprices working order `id` under ClOrdID `new_id`, its quantity
  /// unchanged. Only an exit (reduce-only: it reserves quantity, not notional at its
  /// limit) with no replace already out; an entry is canceled and entered again
  /// (kReplaceNotAllowed). The new limit passes the tick size and the price collar, and
  /// the replace takes cancel- and message-rate tokens as a cancel does (none under a kill
  /// or a halt: an exit only lowers risk). kUnknownSymbol: not working; kOrderIdInUse:
  /// new_id's slot is held. kAccepted: the order remembers the replace until the venue
  /// answers (onExec moves it to new_id on kReplaced). Engine thread (it writes the
  /// working order); no allocation; O(1).
  [[nodiscard]] RejectCode checkReplace(OrderId id, OrderId new_id, Price new_limit, std::int64_t now_ns) noexcept;

  /// Any tick of a symbol (staleness clock). Engine thread.
  void onTick(SymbolId symbol, std::int64_t ts_ns) noexcept {
    symbols_[symbol].last_tick_ns.store(ts_ns, std::memory_order_relaxed);
  }
  /// Last trade: the collar's reference price, the positions' mark, staleness. Engine thread.
  void onTrade(SymbolId symbol, Price price, std::int64_t ts_ns) noexcept {
    onTick(symbol, ts_ns);
    positions_.mark(symbol, price);
  }
  /// Venue feedback: fills move into positions, done orders release their reservations.
  /// Engine thread.
  ExecOutcome onExec(const ExecEvent& event) noexcept;
  /// The order thread could not send an accepted order: release it. Engine thread.
  void releaseUnsent(OrderId id) noexcept;
  /// The order thread could not send the replace `new_id`: the order keeps working as it
  /// was. Returns the replaced order's id (0: no replace out under new_id). Engine thread;
  /// cold path (scans the working orders).
  OrderId releaseUnsentReplace(OrderId new_id) noexcept;
  /// The symbol's data-quality score, 0-100 (feed/DataQuality.h, carried on each tick):
  /// entries on a symbol below min_data_quality are refused, so a degraded ETH feed does
  /// not block BTC. An unknown symbol id is ignored. Engine thread; relaxed: a score is a
  /// lone word, nothing else is published with it.
  void setDataQuality(SymbolId symbol, std::uint32_t score) noexcept {
    if (symbol < symbols_.size()) symbols_[symbol].data_quality.store(score, std::memory_order_relaxed);
  }
  /// Every symbol at once (tests, tools). Cold.
  void setDataQuality(std::uint32_t score) noexcept {
    for (SymbolReservations& s : symbols_) s.data_quality.store(score, std::memory_order_relaxed);
  }
  [[nodiscard]] std::uint32_t dataQuality(SymbolId symbol) const noexcept {
    return symbol < symbols_.size() ? symbols_[symbol].data_quality.load(std::memory_order_relaxed) : 0u;
  }
  /// The worst score over the table's symbols: what the control block publishes
  /// (`breakwater status`). Any thread; O(symbols).
  [[nodiscard]] std::uint32_t dataQuality() const noexcept;

  // ---- counters and usage (any thread) ----
  [[nodiscard]] std::uint64_t accepted() const noexcept { return block().accepted.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t rejects(RejectCode code) const noexcept {
    return block().rejects[static_cast<std::size_t>(code)].load(std::memory_order_relaxed);
  }
  [[nodiscard]] std::uint64_t shadowRejects(RejectCode code) const noexcept {
    return block().shadow_rejects[static_cast<std::size_t>(code)].load(std::memory_order_relaxed);
  }
  [[nodiscard]] std::uint64_t unknownExecs() const noexcept { return unknown_execs_.load(std::memory_order_relaxed); }
  /// Working entries' notional and risk (the committed words less the positions' share).
  [[nodiscard]] std::int64_t reservedNotional() const noexcept {
    return total_gross_.load(std::memory_order_acquire) - positions_.totalBookGross();
  }
  [[nodiscard]] std::int64_t reservedRisk() const noexcept {
    return total_risk_.load(std::memory_order_acquire) - positions_.totalOpenRisk();
  }
  /// Cumulative notional released by cancel / reject / unsent, and moved into positions by fills.
  [[nodiscard]] std::int64_t releasedNotional() const noexcept { return released_.load(std::memory_order_acquire); }
  [[nodiscard]] std::int64_t filledNotional() const noexcept { return filled_.load(std::memory_order_acquire); }
  [[nodiscard]] std::int64_t openOrders() const noexcept { return open_orders_.load(std::memory_order_acquire); }
  [[nodiscard]] std::int64_t openSymbols() const noexcept { return open_symbols_.load(std::memory_order_acquire); }
  [[nodiscard]] std::size_t workingOrders() const noexcept { return static_cast<std::size_t>(openOrders()); }
  [[nodiscard]] std::int64_t slippageBps() const noexcept { return slippage_ewma_bps_.load(std::memory_order_relaxed); }
  [[nodiscard]] WorkingOrders& working() noexcept { return working_; }
  [[nodiscard]] const PositionBook& positions() const noexcept { return positions_; }
  [[nodiscard]] ControlBlock& control() noexcept { return control_; }
  [[nodiscard]] const GateOptions& options() const noexcept { return options_; }

 private:
  // Committed words: the position at book value plus working orders, so that a fill moves
  // exposure from "working" to "position" inside one word (one atomic add by the exec
  // thread) and a checker's compare-and-swap can never combine a stale position with a
  // fresh reservation. The check adds the mark-to-market revaluation (mark vs book) read
  // from the PositionBook: price movement, not order flow.
  struct alignas(64) SymbolReservations {
    std::atomic<std::int64_t> gross{0};                   // |book| + working entries, both sides
    std::array<std::atomic<std::int64_t>, 2> term{};      // [0] book + buys, [1] sells - book (net worst sides)
    std::array<std::atomic<std::int64_t>, 2> qty_term{};  // [0] qty + buy qty, [1] sell qty - qty
    std::atomic<std::int64_t> exit_room{0};               // working exit qty - |qty| (never > 0)
    std::atomic<std::int64_t> risk{0};                    // position risk + working entry risk
    std::atomic<std::int64_t> refs{0};                    // working entries + (position open ? 1 : 0)
    std::atomic<std::int64_t> last_tick_ns{0};
    std::atomic<std::uint32_t> data_quality{100};        // engine thread writes, checkers read
    std::atomic<std::int64_t> last_order{0};              // duplicate window: signature << 40 | ms
  };
  /// What one check took, so a later reject can give it back.
  struct Taken;

  [[nodiscard]] RejectCode judge(const OrderIntent& o, const LimitSet& limits, Taken* taken) noexcept;
  [[nodiscard]] RejectCode checkGates(const OrderIntent& o) const noexcept;
  [[nodiscard]] RejectCode checkOrder(const OrderIntent& o, const LimitSet& limits, std::int64_t& notional) const noexcept;
  [[nodiscard]] RejectCode checkQualityAndLoss(const OrderIntent& o, const LimitSet& limits) const noexcept;
  [[nodiscard]] RejectCode reserveExit(const OrderIntent& o, Taken* taken) noexcept;
  [[nodiscard]] RejectCode reserveEntry(const OrderIntent& o, const LimitSet& limits, std::int64_t notional,
                                        std::int64_t risk, Taken* taken) noexcept;
  [[nodiscard]] RejectCode reserveFlow(const OrderIntent& o, const LimitSet& limits, Taken* taken) noexcept;
  void giveBack(const OrderIntent& o, const LimitSet& limits, const Taken& taken) noexcept;
  [[nodiscard]] bool openSymbol(SymbolId symbol, std::int64_t max_open) noexcept;
  void closeSymbolRef(SymbolId symbol) noexcept;
  void addSymbolRef(SymbolId symbol) noexcept;
  /// Applies a fill to the position and moves the committed words by what changed.
  FillOutcome applyFill(SymbolId symbol, Side side, Price price, Qty qty) noexcept;
  void retire(WorkingOrder& order) noexcept;
  [[nodiscard]] RejectCode checkCollar(SymbolId symbol, Price limit, const LimitSet& limits) const noexcept;
  [[nodiscard]] RejectCode judgeReplace(OrderId id, OrderId new_id, Price new_limit, std::int64_t now_ns) noexcept;
  /// kReplaced: the working order moves to the replacement's ClOrdID with its new limit.
  /// False when that slot was taken meanwhile (the order stays under the old id).
  bool moveToReplacement(WorkingOrder& order, const ExecEvent& e) noexcept;
  void countReject(RejectCode code) noexcept { reserver_.add(block().rejects[static_cast<std::size_t>(code)], 1); }
  [[nodiscard]] ControlBlockLayout& block() noexcept { return control_.layout(); }
  [[nodiscard]] const ControlBlockLayout& block() const noexcept { return control_.layout(); }

  const InstrumentTable& instruments_;
  ControlBlock& control_;
  PositionBook& positions_;
  const GateOptions options_;
  const Reserver reserver_;
  WorkingOrders working_;
  std::array<SymbolReservations, InstrumentTable::kCapacity> symbols_{};

  // Shared by every checker: each on its own cache line.
  alignas(64) std::atomic<std::int64_t> total_gross_{0};               // |book| + working, all symbols
  alignas(64) std::array<std::atomic<std::int64_t>, 2> total_term_{};  // as SymbolReservations::term, all symbols
  alignas(64) std::atomic<std::int64_t> total_risk_{0};
  alignas(64) std::atomic<std::int64_t> open_orders_{0};
  alignas(64) std::atomic<std::int64_t> open_symbols_{0};
  RateLimiter order_rate_;
  RateLimiter message_rate_;
  RateLimiter cancel_rate_;
  // Written by the exec thread only.
  alignas(64) std::atomic<std::int64_t> released_{0};
  std::atomic<std::int64_t> filled_{0};
  std::atomic<std::int64_t> slippage_ewma_bps_{0};
  std::atomic<std::uint64_t> unknown_execs_{0};
};

}  // namespace bw::risk
