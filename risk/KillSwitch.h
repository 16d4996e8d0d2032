#pragma once
// Global kill switch: latched until reset. Read with one acquire load by the engine (in
// RiskGate::check) and again by the order thread just before it sends.

#include <atomic>
#include <cstdint>

namespace bw::risk {

enum class KillReason : std::uint8_t {
  kNone = 0,
  kOperator,   ///< an operator asked for it
  kDailyLoss,  ///< automatic: daily loss breach
  kFixDisconnect,
};

[[nodiscard]] constexpr const char* killReasonName(KillReason r) noexcept {
  switch (r) {
    case KillReason::kNone: return "NONE";
    case KillReason::kOperator: return "OPERATOR";
    case KillReason::kDailyLoss: return "DAILY_LOSS";
    case KillReason::kFixDisconnect: return "FIX_DISCONNECT";
  }
  return "UNKNOWN";
}

class KillSwitch {
 public:
  /// Trips (latched). The first reason wins. Any thread; lock-free; no allocation.
  void trip(KillReason reason) noexcept {
    std::uint8_t expected = 0;
    // release: whoever sees tripped also sees the writes made before the trip
    reason_.compare_exchange_strong(expected, static_cast<std::uint8_t>(reason), std::memory_order_release,
                                    std::memory_order_relaxed);
  }
  /// Any thread. acquire pairs with trip's release.
  [[nodiscard]] bool tripped() const noexcept { return reason_.load(std::memory_order_acquire) != 0; }
  [[nodiscard]] KillReason reason() const noexcept {
    return static_cast<KillReason>(reason_.load(std::memory_order_acquire));
  }
  /// Operator reset (cold path; the confirm-token check is the caller's).
  void reset() noexcept { reason_.store(0, std::memory_order_release); }

 private:
  alignas(64) std::atomic<std::uint8_t> reason_{0};
};

}  // namespace bw::risk
