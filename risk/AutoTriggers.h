#pragma once
// Automatic kill triggers (ARCHITECTURE.md): daily loss breach, reject storm, rate breach,
// position desync, repeated automated execution (fills per interval), FIX disconnect; and
// the latch that forces DRY_RUN after [kill] max_kills_per_day kills within 24 h or a loss
// past dry_run_loss_pct of the daily limit. Each trip goes to the control block (latched,
// with reason, who and why), so an operator sees it and only an operator clears it.
//
// Thread: the engine thread only (fed its verdicts, exec outcomes and P&L). Windows are in
// the caller's time (market time in replay). No allocation; the trip text is formatted
// into a stack buffer.

#include <cstdint>

#include "core/Config.h"
#include "core/ControlBlock.h"
#include "risk/KillSwitch.h"
#include "risk/RejectCode.h"
#include "risk/RiskGate.h"

namespace bw::risk {

/// A count of events in a fixed window that restarts when it has run out.
class WindowCounter {
 public:
  /// Adds one at `now_ns`; returns the count in the current window.
  std::int64_t add(std::int64_t now_ns, std::int64_t window_ns) noexcept {
    if (count_ == 0 || now_ns - start_ns_ >= window_ns) {
      start_ns_ = now_ns;
      count_ = 0;
    }
    return ++count_;
  }

 private:
  std::int64_t start_ns_ = 0;
  std::int64_t count_ = 0;
};

class AutoTriggers {
 public:
  AutoTriggers(ControlBlock& control, const KillConfig& config) noexcept : control_(control), config_(config) {}

  /// A verdict of RiskGate::check or checkCancel: rejects feed the reject storm, rate
  /// rejects the rate breach.
  KillReason onVerdict(RejectCode code, std::int64_t now_ns) noexcept;
  /// The venue rejected one of our orders.
  KillReason onVenueReject(std::int64_t now_ns) noexcept;
  /// An execution report's outcome: desync, fills per interval.
  KillReason onExec(const ExecOutcome& outcome, std::int64_t now_ns) noexcept;
  /// Total P&L moved (after fills and marks): daily loss breach, loss past the dry-run line.
  KillReason onPnl(std::int64_t pnl) noexcept;
  /// The FIX session dropped while we were trading.
  KillReason onDisconnect() noexcept;
  /// The reconciler found our books and the venue's apart (risk/Reconciler.h): `why` is the
  /// desync's text (NUL-terminated).
  KillReason onDesync(const char* why) noexcept;
  /// Any kill seen tripped (ours or an operator's): counts toward max_kills_per_day.
  void onKillSeen() noexcept;

  [[nodiscard]] std::uint64_t trips() const noexcept { return trips_; }

 private:
  KillReason trip(KillReason reason, const char* why) noexcept;

  ControlBlock& control_;
  const KillConfig& config_;
  WindowCounter rejects_;
  WindowCounter rate_rejects_;
  WindowCounter fills_;
  std::uint64_t trips_ = 0;
};

}  // namespace bw::risk
