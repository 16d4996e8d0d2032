#pragma once
// Positions, exposure and P&L per symbol, in integers. Single writer: the engine thread
// applies fills and marks. Values are relaxed atomics so a reader on another thread (a
// summary, a status command) sees whole words; it may see a position a fill ahead of its
// cost, which is fine for display and never used for a risk decision off-thread.

#include <array>
#include <atomic>
#include <cstdint>

#include "core/FixedPoint.h"
#include "core/Instrument.h"
#include "core/InstrumentTable.h"
#include "core/Tick.h"

namespace bw::risk {

class PositionBook {
 public:
  /// Applies a fill: buys add, sells subtract. Realizes P&L on the reducing part using
  /// the average cost. Engine thread; no allocation.
  void applyFill(SymbolId symbol, Side side, Price price, Qty qty) noexcept;

  /// Marks a symbol at the last trade price. Engine thread.
  void mark(SymbolId symbol, Price price) noexcept {
    slots_[symbol].mark.store(price.raw, std::memory_order_relaxed);
  }

  [[nodiscard]] Qty position(SymbolId symbol) const noexcept { return Qty{load(slots_[symbol].qty)}; }
  [[nodiscard]] Price markPrice(SymbolId symbol) const noexcept { return Price{load(slots_[symbol].mark)}; }
  [[nodiscard]] Notional realizedPnl(SymbolId symbol) const noexcept { return Notional{load(slots_[symbol].realized)}; }
  /// position x mark - cost. 0 when flat or unmarked.
  [[nodiscard]] Notional unrealizedPnl(SymbolId symbol) const noexcept;
  /// |position| x mark.
  [[nodiscard]] Notional grossExposure(SymbolId symbol) const noexcept;

  /// Sums over the first `symbols` ids (the instrument table's size).
  [[nodiscard]] Notional totalRealized(std::size_t symbols) const noexcept;
  [[nodiscard]] Notional totalUnrealized(std::size_t symbols) const noexcept;
  [[nodiscard]] Notional totalGrossExposure(std::size_t symbols) const noexcept;
  [[nodiscard]] std::uint32_t openPositions(std::size_t symbols) const noexcept;

 private:
  struct alignas(64) Slot {
    std::atomic<std::int64_t> qty{0};       // signed, 1e-8 base units
    std::atomic<std::int64_t> cost{0};      // signed cost of the open position, 1e-8 quote
    std::atomic<std::int64_t> realized{0};  // 1e-8 quote
    std::atomic<std::int64_t> mark{0};      // last trade price
  };
  static std::int64_t load(const std::atomic<std::int64_t>& v) noexcept { return v.load(std::memory_order_relaxed); }
  std::array<Slot, InstrumentTable::kCapacity> slots_{};
};

}  // namespace bw::risk
