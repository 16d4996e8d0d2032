#pragma once
// Why a kill switch was tripped. The switches themselves (global, per strategy, per
// symbol; latched; who and when) live in the shared-memory control block
// (core/ControlBlock.h), so another process can trip them; this header names the reasons.

#include <cstdint>

namespace bw::risk {

enum class KillReason : std::uint8_t {
  kNone = 0,
  kOperator,           ///< an operator asked for it (`breakwater kill`)
  kDailyLoss,          ///< automatic: realized + unrealized loss at max_daily_loss_abs
  kFixDisconnect,      ///< automatic: the FIX session dropped (cancel-on-disconnect)
  kRejectStorm,        ///< automatic: reject_storm_count rejects within the window
  kRateBreach,         ///< automatic: rate_breach_count rate rejects within a second
  kPositionDesync,     ///< automatic: an execution report we cannot square with our books
  kRepeatedExecution,  ///< automatic: more than max_fills_per_interval fills
  kCount
};

[[nodiscard]] constexpr const char* killReasonName(KillReason r) noexcept {
  switch (r) {
    case KillReason::kNone: return "NONE";
    case KillReason::kOperator: return "OPERATOR";
    case KillReason::kDailyLoss: return "DAILY_LOSS";
    case KillReason::kFixDisconnect: return "FIX_DISCONNECT";
    case KillReason::kRejectStorm: return "REJECT_STORM";
    case KillReason::kRateBreach: return "RATE_BREACH";
    case KillReason::kPositionDesync: return "POSITION_DESYNC";
    case KillReason::kRepeatedExecution: return "REPEATED_EXECUTION";
    case KillReason::kCount: break;
  }
  return "UNKNOWN";
}

}  // namespace bw::risk
