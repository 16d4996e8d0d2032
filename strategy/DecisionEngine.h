#pragma once
// The first decision engine: mean reversion to a rolling VWAP. When a bar closes further
// than entry_band_atr x ATR from the VWAP, it bids (or offers) a limit at the close,
// carrying a bracket (stop stop_atr x ATR away, target at the VWAP) and a time-to-live.
// Never a market order. While a position is open it watches trades for the bracket and
// exits with a reduce-only limit priced exit_slippage_bps through the trade (marketable).
//
// One working entry or exit per symbol at a time. It tracks its own orders from the
// execution reports (the risk side keeps the authoritative books). Engine thread only;
// no allocation after construction.

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/Config.h"
#include "core/InstrumentTable.h"
#include "core/Order.h"
#include "core/Tick.h"
#include "feed/Bar.h"
#include "strategy/Decision.h"
#include "strategy/VwapAtrSignal.h"

namespace bw::strategy {

class DecisionEngine {
 public:
  DecisionEngine(const InstrumentTable& instruments, const StrategyConfig& config);

  /// A bar closed: update the signal, maybe enter.
  [[nodiscard]] Decision onBar(const feed::Bar& bar) noexcept;
  /// A trade: maybe exit on the bracket, or cancel an entry whose time-to-live ran out.
  [[nodiscard]] Decision onTrade(const Tick& trade) noexcept;
  /// Venue feedback for our orders.
  void onExec(const ExecEvent& event) noexcept;
  /// The RiskGate (or the order thread) refused an order we asked for.
  void onRefused(OrderId id) noexcept;

  [[nodiscard]] const VwapAtrSignal& signal(SymbolId symbol) const noexcept { return *signals_[symbol]; }
  [[nodiscard]] Qty position(SymbolId symbol) const noexcept { return Qty{state_[symbol].position}; }
  /// Ids of working orders, for the end-of-run cancel sweep.
  [[nodiscard]] OrderId workingEntry(SymbolId symbol) const noexcept { return state_[symbol].entry_id; }
  [[nodiscard]] OrderId workingExit(SymbolId symbol) const noexcept { return state_[symbol].exit_id; }
  [[nodiscard]] OrderId nextId() noexcept { return next_id_++; }

 private:
  struct SymbolState {
    OrderId entry_id = 0;  ///< working entry (0: none)
    std::int64_t entry_expire_ns = 0;
    bool cancel_sent = false;
    OrderId exit_id = 0;  ///< working exit (0: none)
    std::int64_t position = 0;  ///< signed, from our fills
    Price stop{};
    Price target{};
  };

  [[nodiscard]] Price roundToTick(std::int64_t raw, const Instrument& inst, bool up) const noexcept;

  const InstrumentTable& instruments_;
  StrategyConfig config_;
  std::vector<std::unique_ptr<VwapAtrSignal>> signals_;  // one per instrument, built at start
  std::array<SymbolState, InstrumentTable::kCapacity> state_{};
  OrderId next_id_ = 1;
};

}  // namespace bw::strategy
