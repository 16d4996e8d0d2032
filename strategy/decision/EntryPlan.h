#pragma once
// What the entry policy decided on one bar close, and why: per template its reason code
// and figures (belief, uncertainty, edge, penalty, cost, expected utility, bracket), and,
// when one enters, the plan: side, LIMIT price, stop, target and time-to-live. Prices are
// on the instrument's tick grid. Sizing stays with the caller. Plain data, no allocation.

#include <array>
#include <cstdint>

#include "core/FixedPoint.h"
#include "core/StrategyConfig.h"
#include "core/Tick.h"

namespace bw::strategy::decision {

/// Why a template did (ENTRY) or did not enter. Values follow the order of evaluation, so
/// a larger one got further: the decision reports the furthest when nothing enters.
enum class DecisionReason : std::uint8_t {
  kDisabled = 0,    ///< the template is off in the config
  kNotReady,        ///< a constraint's feature, a regime a lockout reads, the ATR, the VWAP or the quote is not ready
  kLockedOut,       ///< the present regime is one of the template's lockouts (TemplateOutcome::lockout)
  kNoDirection,     ///< smoothed belief exactly 0, or (mean reversion) pointing away from the VWAP
  kNotStable,       ///< the smoothed belief has not kept its side for [belief] min_side_bars bars
  kNoBracket,       ///< target less than one tick beyond the entry, or a stop at or below zero
  kBelowThreshold,  ///< expected utility after costs under [decision] min_expected_utility_bps
  kEntry,           ///< enter: the plan is filled in
};

[[nodiscard]] constexpr const char* decisionReasonName(DecisionReason r) noexcept {
  switch (r) {
    case DecisionReason::kDisabled: return "DISABLED";
    case DecisionReason::kNotReady: return "NOT_READY";
    case DecisionReason::kLockedOut: return "LOCKED_OUT";
    case DecisionReason::kNoDirection: return "NO_DIRECTION";
    case DecisionReason::kNotStable: return "NOT_STABLE";
    case DecisionReason::kNoBracket: return "NO_BRACKET";
    case DecisionReason::kBelowThreshold: return "BELOW_THRESHOLD";
    case DecisionReason::kEntry: return "ENTRY";
  }
  return "UNKNOWN";
}

/// Which lockout held a template back (names as written in the config's lockouts).
enum class Lockout : std::uint8_t { kNone = 0, kLowVol, kNormalVol, kHighVol, kTrend, kRange, kNoPhase, kPhase };

[[nodiscard]] constexpr const char* lockoutName(Lockout l) noexcept {
  switch (l) {
    case Lockout::kNone: return "";
    case Lockout::kLowVol: return "low_vol";
    case Lockout::kNormalVol: return "normal_vol";
    case Lockout::kHighVol: return "high_vol";
    case Lockout::kTrend: return "trend";
    case Lockout::kRange: return "range";
    case Lockout::kNoPhase: return "no_phase";
    case Lockout::kPhase: return "phase";  ///< TemplateOutcome::phase names which ([signals] phases index)
  }
  return "";
}

/// One template's evaluation. Figures are filled as far as the evaluation got: belief
/// from NOT_READY's end on, the bracket and bps figures from NO_BRACKET's end on.
struct TemplateOutcome {
  DecisionReason reason = DecisionReason::kDisabled;
  Lockout lockout = Lockout::kNone;
  std::uint8_t phase = 0xFF;  ///< kPhase: the [signals] phases index
  Side side = Side::kBuy;
  double raw_belief = 0.0;            ///< this bar's b
  double belief = 0.0;                ///< smoothed b, the one traded on
  double uncertainty = 0.0;           ///< this bar's u
  double move_bps = 0.0;              ///< |target - limit| in bps of the limit
  double edge_bps = 0.0;              ///< |belief| x move_bps
  double penalty_bps = 0.0;           ///< uncertainty_penalty x uncertainty x move_bps
  double cost_bps = 0.0;              ///< 2 x fee_bps + half spread + slippage_bps
  double expected_utility_bps = 0.0;  ///< edge - penalty - cost
  Price limit{};
  Price stop{};
  Price target{};
};

struct EntryDecision {
  /// kEntry, or the furthest reason of any template (ties: the first template).
  DecisionReason reason = DecisionReason::kDisabled;
  TemplateKind chosen = TemplateKind::kMeanReversion;  ///< kEntry: the template with the best expected utility
  Side side = Side::kBuy;
  Price limit{};                  ///< LIMIT entry, at or inside the close and the touch
  Price stop{};
  Price target{};
  std::int64_t ttl_ms = 0;
  std::int64_t expire_ns = 0;     ///< bar end + ttl: cancel a resting entry then
  std::array<TemplateOutcome, kTemplateCount> outcomes{};

  [[nodiscard]] bool enter() const noexcept { return reason == DecisionReason::kEntry; }
  [[nodiscard]] const TemplateOutcome& outcome(TemplateKind k) const noexcept {
    return outcomes[static_cast<std::size_t>(k)];
  }
  /// The template that decided: the chosen one, or the one whose reason is reported.
  [[nodiscard]] const TemplateOutcome& decisive() const noexcept { return outcome(chosen); }
};

}  // namespace bw::strategy::decision
