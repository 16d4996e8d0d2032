#pragma once
// Positions, exposure, open risk and P&L per symbol, in integers, with running totals so
// that a check reads a total in one load instead of summing every symbol.
//
// Single writer: the thread that processes execution reports and trades (the engine
// thread) calls applyFill, mark and addRisk. Values are relaxed atomics so checkers and
// readers on other threads see whole words; a reader may see a position a fill ahead of
// its total, which the gate tolerates (reservations, not these totals, bound concurrent
// orders), and which a display never minds.

#include <array>
#include <atomic>
#include <cstdint>

#include "core/FixedPoint.h"
#include "core/Instrument.h"
#include "core/InstrumentTable.h"
#include "core/Prefetch.h"
#include "core/Tick.h"

namespace bw::risk {

/// What a fill did to its symbol's position.
struct FillOutcome {
  bool opened = false;        ///< the position went from flat to open
  bool flattened = false;     ///< the position went from open to flat
  bool closed_trade = false;  ///< a round trip ended (flat again, or flipped)
  std::int64_t trade_pnl = 0; ///< realized P&L of that round trip, 1e-8 quote
};

class PositionBook {
 public:
  /// Applies a fill: buys add, sells subtract. Realizes P&L on the reducing part using the
  /// average cost; a reducing fill also lowers the position's open risk in proportion.
  /// Writer thread; no allocation.
  FillOutcome applyFill(SymbolId symbol, Side side, Price price, Qty qty) noexcept;

  /// Marks a symbol at the last trade price. Writer thread.
  void mark(SymbolId symbol, Price price) noexcept;

  /// Moves open risk (stop distance x qty) onto a symbol's position: the filled share of
  /// an entry. Writer thread.
  void addRisk(SymbolId symbol, std::int64_t risk) noexcept;

  [[nodiscard]] Qty position(SymbolId symbol) const noexcept { return Qty{load(slots_[symbol].qty)}; }
  /// Prefetches `symbol`'s slot and the totals: what a risk check reads here. A hint only.
  void prefetch(SymbolId symbol) const noexcept {
    prefetchObject(slots_[symbol]);
    prefetchObject(totals_);
  }
  [[nodiscard]] Price markPrice(SymbolId symbol) const noexcept { return Price{load(slots_[symbol].mark)}; }
  [[nodiscard]] Notional realizedPnl(SymbolId symbol) const noexcept { return Notional{load(slots_[symbol].realized)}; }
  /// position x mark - cost. 0 when flat or unmarked.
  [[nodiscard]] Notional unrealizedPnl(SymbolId symbol) const noexcept { return Notional{load(slots_[symbol].unrealized)}; }
  /// position x mark, signed.
  [[nodiscard]] Notional exposure(SymbolId symbol) const noexcept { return Notional{load(slots_[symbol].exposure)}; }
  /// |position| x mark.
  [[nodiscard]] Notional grossExposure(SymbolId symbol) const noexcept { return Notional{absRaw(load(slots_[symbol].exposure))}; }
  [[nodiscard]] std::int64_t openRisk(SymbolId symbol) const noexcept { return load(slots_[symbol].risk); }
  /// Signed cost of the open position (its book value), 1e-8 quote.
  [[nodiscard]] std::int64_t cost(SymbolId symbol) const noexcept { return load(slots_[symbol].cost); }

  // Running totals over every symbol (one load each).
  [[nodiscard]] Notional totalRealized() const noexcept { return Notional{load(totals_.realized)}; }
  [[nodiscard]] Notional totalUnrealized() const noexcept { return Notional{load(totals_.unrealized)}; }
  [[nodiscard]] Notional totalPnl() const noexcept { return Notional{load(totals_.realized) + load(totals_.unrealized)}; }
  [[nodiscard]] Notional totalGrossExposure() const noexcept { return Notional{load(totals_.gross)}; }
  [[nodiscard]] Notional totalNetExposure() const noexcept { return Notional{load(totals_.net)}; }
  [[nodiscard]] std::int64_t totalOpenRisk() const noexcept { return load(totals_.risk); }
  /// Mark-to-market revaluation (at mark less at book value), |.| for gross and signed for
  /// net: each one word written once per change, so a reader never sees half a fill.
  [[nodiscard]] std::int64_t revaluationGross(SymbolId symbol) const noexcept { return load(slots_[symbol].reval_gross); }
  [[nodiscard]] std::int64_t revaluationNet(SymbolId symbol) const noexcept { return load(slots_[symbol].reval_net); }
  [[nodiscard]] std::int64_t totalRevaluationGross() const noexcept { return load(totals_.reval_gross); }
  [[nodiscard]] std::int64_t totalRevaluationNet() const noexcept { return load(totals_.reval_net); }
  /// Sum of |cost| and of signed cost: positions at book value.
  [[nodiscard]] std::int64_t totalBookGross() const noexcept { return load(totals_.book_gross); }
  [[nodiscard]] std::int64_t totalBookNet() const noexcept { return load(totals_.book_net); }
  /// Highest total P&L seen (drawdown = peak - now). Starts at 0.
  [[nodiscard]] Notional peakPnl() const noexcept { return Notional{load(totals_.peak_pnl)}; }
  [[nodiscard]] std::uint32_t consecutiveLosses() const noexcept {
    return static_cast<std::uint32_t>(load(totals_.consecutive_losses));
  }
  /// Operator reset of the loss streak (cold path).
  void resetLossStreak() noexcept { totals_.consecutive_losses.store(0, std::memory_order_relaxed); }

  [[nodiscard]] std::uint32_t openPositions(std::size_t symbols) const noexcept;

 private:
  struct alignas(64) Slot {
    std::atomic<std::int64_t> qty{0};         // signed, 1e-8 base units
    std::atomic<std::int64_t> cost{0};        // signed cost of the open position, 1e-8 quote
    std::atomic<std::int64_t> realized{0};    // 1e-8 quote
    std::atomic<std::int64_t> mark{0};        // last trade price
    std::atomic<std::int64_t> exposure{0};    // qty x mark, signed
    std::atomic<std::int64_t> unrealized{0};  // exposure - cost (0 when flat or unmarked)
    std::atomic<std::int64_t> risk{0};        // open risk of the position
    std::atomic<std::int64_t> reval_gross{0}; // |exposure| - |cost|
    std::atomic<std::int64_t> reval_net{0};   // exposure - cost
    std::int64_t realized_at_open = 0;        // writer only: realized when the round trip began
  };
  struct alignas(64) Totals {
    std::atomic<std::int64_t> realized{0};
    std::atomic<std::int64_t> unrealized{0};
    std::atomic<std::int64_t> gross{0};
    std::atomic<std::int64_t> net{0};
    std::atomic<std::int64_t> risk{0};
    std::atomic<std::int64_t> book_gross{0};
    std::atomic<std::int64_t> book_net{0};
    std::atomic<std::int64_t> reval_gross{0};
    std::atomic<std::int64_t> reval_net{0};
    std::atomic<std::int64_t> peak_pnl{0};
    std::atomic<std::int64_t> consecutive_losses{0};
  };
  static std::int64_t load(const std::atomic<std::int64_t>& v) noexcept { return v.load(std::memory_order_relaxed); }
  static void bump(std::atomic<std::int64_t>& v, std::int64_t delta) noexcept {
    v.store(v.load(std::memory_order_relaxed) + delta, std::memory_order_relaxed);  // single writer
  }
  /// Recomputes a symbol's exposure and unrealized P&L and moves the totals by the change.
  void revalue(Slot& s) noexcept;

  std::array<Slot, InstrumentTable::kCapacity> slots_{};
  Totals totals_;
};

}  // namespace bw::risk
