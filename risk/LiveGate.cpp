#include "risk/LiveGate.h"

#include "risk/KillSwitch.h"

namespace bw::risk {

ExecutionMode effectiveMode(const ControlBlock& control) noexcept {
  if (control.forcedDryRun() != ForcedDryRun::kNone) return ExecutionMode::kDryRun;
  return static_cast<ExecutionMode>(control.layout().configured_mode.load(std::memory_order_acquire));
}

std::array<GateLayer, 5> describeLiveGate(const ControlBlock& control) {
  const ControlBlockLayout& b = control.layout();
  std::array<GateLayer, 5> layers{{{"execution_mode", false, ""},
                                   {"operator_intent", false, ""},
                                   {"confirm_token", false, ""},
                                   {"promotion", false, ""},
                                   {"stop_signals", false, ""}}};

  const auto configured = static_cast<ExecutionMode>(b.configured_mode.load(std::memory_order_acquire));
  const ForcedDryRun forced = control.forcedDryRun();
  layers[0].open = configured == ExecutionMode::kLive && forced == ForcedDryRun::kNone;
  layers[0].reason = std::string("configured ") + executionModeName(configured);
  if (forced != ForcedDryRun::kNone) {
    layers[0].reason += "; forced DRY_RUN (";
    layers[0].reason += forcedDryRunName(forced);
    layers[0].reason += ") until an operator resets";
  }

  const ControlBlock::IntentView intent = control.readIntent();
  layers[1].open = intent.mode == static_cast<std::uint8_t>(ExecutionMode::kLive);
  layers[1].reason = std::string("intent ") + executionModeName(static_cast<ExecutionMode>(intent.mode));
  if (!intent.who.empty() || !intent.reason.empty()) {
    layers[1].reason += " by ";
    layers[1].reason += intent.who.empty() ? "?" : intent.who;
    layers[1].reason += ": ";
    layers[1].reason += intent.reason;
  } else {
    layers[1].reason += " (never set: `breakwater gate intent live --reason R`)";
  }

  const bool token_configured = b.token_configured.load(std::memory_order_acquire) != 0;
  layers[2].open = b.token_ok.load(std::memory_order_acquire) != 0;
  layers[2].reason = !token_configured ? "no confirm_token configured"
                     : layers[2].open  ? "token supplied at start matches"
                                       : "token not supplied at start, or it did not match";

  layers[3].open = b.promotion_ok.load(std::memory_order_acquire) != 0;
  layers[3].reason = control.promotionDetail();
  if (layers[3].reason.empty()) layers[3].reason = "not evaluated";

  const bool killed = control.globallyKilled();
  const TradingState state = control.tradingState();
  layers[4].open = !killed && state != TradingState::kHalted;
  if (killed) {
    const KillView k = control.readKill(KillScope::kGlobal, 0);
    layers[4].reason = std::string("kill switch tripped: ") + killReasonName(static_cast<KillReason>(k.reason)) +
                       " by " + k.who;
    layers[4].reason += ": ";
    layers[4].reason += k.why;
  } else {
    layers[4].reason = std::string("kill clear, trading state ") + tradingStateName(state);
  }
  return layers;
}

}  // namespace bw::risk
