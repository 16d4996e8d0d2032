#include "risk/AutoTriggers.h"

#include <cstdio>

namespace bw::risk {
namespace {

constexpr std::int64_t kMsNs = 1'000'000;
constexpr std::int64_t kDayNs = 86'400LL * 1'000'000'000;
constexpr const char* kWho = "breakwater (automatic)";

bool isRateReject(RejectCode c) noexcept {
  return c == RejectCode::kMaxOrderRate || c == RejectCode::kMaxMessageRate || c == RejectCode::kMaxCancelRate;
}

}  // namespace

KillReason AutoTriggers::trip(KillReason reason, const char* why) noexcept {
  if (!control_.tripKill(KillScope::kGlobal, 0, static_cast<std::uint8_t>(reason), kWho, why)) return KillReason::kNone;
  ++trips_;
  onKillSeen();
  return reason;
}

void AutoTriggers::onKillSeen() noexcept {
  if (control_.killsWithin(wallClockNs(), kDayNs) >= config_.max_kills_per_day) {
    control_.forceDryRun(ForcedDryRun::kKillsPerDay);
  }
}

KillReason AutoTriggers::onVerdict(RejectCode code, std::int64_t now_ns) noexcept {
  if (code == RejectCode::kAccepted || code == RejectCode::kKillSwitch) return KillReason::kNone;
  const LimitSet& limits = control_.liveLimits();
  char why[96];
  if (isRateReject(code) &&
      rate_rejects_.add(now_ns, 1'000 * kMsNs) >= limits.get(LimitKey::kRateBreachCount)) {
    std::snprintf(why, sizeof why, "%lld rate rejects within 1 s (last %s)",
                  static_cast<long long>(limits.get(LimitKey::kRateBreachCount)), rejectCodeName(code));
    return trip(KillReason::kRateBreach, why);
  }
  if (rejects_.add(now_ns, limits.get(LimitKey::kRejectStormWindowMs) * kMsNs) >= limits.get(LimitKey::kRejectStormCount)) {
    std::snprintf(why, sizeof why, "%lld rejects within %lld ms (last %s)",
                  static_cast<long long>(limits.get(LimitKey::kRejectStormCount)),
                  static_cast<long long>(limits.get(LimitKey::kRejectStormWindowMs)), rejectCodeName(code));
    return trip(KillReason::kRejectStorm, why);
  }
  return KillReason::kNone;
}

KillReason AutoTriggers::onVenueReject(std::int64_t now_ns) noexcept {
  const LimitSet& limits = control_.liveLimits();
  if (rejects_.add(now_ns, limits.get(LimitKey::kRejectStormWindowMs) * kMsNs) < limits.get(LimitKey::kRejectStormCount)) {
    return KillReason::kNone;
  }
  return trip(KillReason::kRejectStorm, "reject storm (venue rejects included)");
}

KillReason AutoTriggers::onExec(const ExecOutcome& outcome, std::int64_t now_ns) noexcept {
  if (outcome.desync) return trip(KillReason::kPositionDesync, "execution report for an unknown order or an overfill");
  if (!outcome.fill) return KillReason::kNone;
  const LimitSet& limits = control_.liveLimits();
  if (fills_.add(now_ns, limits.get(LimitKey::kFillIntervalMs) * kMsNs) > limits.get(LimitKey::kMaxFillsPerInterval)) {
    char why[96];
    std::snprintf(why, sizeof why, "more than %lld fills within %lld ms",
                  static_cast<long long>(limits.get(LimitKey::kMaxFillsPerInterval)),
                  static_cast<long long>(limits.get(LimitKey::kFillIntervalMs)));
    return trip(KillReason::kRepeatedExecution, why);
  }
  return KillReason::kNone;
}

KillReason AutoTriggers::onPnl(std::int64_t pnl) noexcept {
  const std::int64_t limit = control_.liveLimits().get(LimitKey::kMaxDailyLossAbs);
  if (pnl > -limit) return KillReason::kNone;
  // Past the dry-run line (e.g. 150% of the daily limit): back to DRY_RUN until reset.
  if (static_cast<Int128>(-pnl) * 100 >= static_cast<Int128>(limit) * config_.dry_run_loss_pct) {
    control_.forceDryRun(ForcedDryRun::kLossPastLimit);
  }
  return trip(KillReason::kDailyLoss, "realized + unrealized loss at max_daily_loss_abs");
}

KillReason AutoTriggers::onDisconnect() noexcept {
  return trip(KillReason::kFixDisconnect, "FIX session logged out or dropped");
}

KillReason AutoTriggers::onDesync(const char* why) noexcept { return trip(KillReason::kPositionDesync, why); }

}  // namespace bw::risk
