#pragma once
// The live gate (ARCHITECTURE.md): an order may reach a live venue only if all five layers
// agree, and any one can stop it:
//   1. execution mode LIVE (configured, and not forced back to DRY_RUN)
//   2. operator intent LIVE, with a reason, set through the CLI and persisted
//   3. the confirm token supplied at start matches the configured one
//   4. the promotion gate passes (paper results from the journal, thresholds in config)
//   5. no kill switch tripped and trading state not HALTED
// Every layer is a word in the control block, so a stop signal (a kill from another
// process, a halt, a forced dry-run) closes the gate at the next check.

#include <array>
#include <string>

#include "core/Config.h"
#include "core/ControlBlock.h"

namespace bw::risk {

/// Hot path: every layer open? Seven relaxed/acquire loads, no allocation.
[[nodiscard]] inline bool liveGateOpen(const ControlBlock& control) noexcept {
  const ControlBlockLayout& b = control.layout();
  constexpr auto kLive = static_cast<std::uint8_t>(ExecutionMode::kLive);
  return b.configured_mode.load(std::memory_order_acquire) == kLive &&
         b.forced_dry_run.load(std::memory_order_acquire) == 0 &&
         b.operator_intent.load(std::memory_order_acquire) == kLive && b.token_ok.load(std::memory_order_acquire) != 0 &&
         b.promotion_ok.load(std::memory_order_acquire) != 0 && !control.globallyKilled() &&
         control.tradingState() != TradingState::kHalted;
}

struct GateLayer {
  const char* name;   ///< execution_mode, operator_intent, confirm_token, promotion, stop_signals
  bool open = false;
  std::string reason;
};

/// Each layer with its state and reason (cold: `breakwater gate`, status, journal).
[[nodiscard]] std::array<GateLayer, 5> describeLiveGate(const ControlBlock& control);

/// The effective execution mode: the configured one, or DRY_RUN while forced.
[[nodiscard]] ExecutionMode effectiveMode(const ControlBlock& control) noexcept;

}  // namespace bw::risk
