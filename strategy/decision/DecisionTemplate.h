#pragma once
// One decision template (mean reversion to VWAP, or momentum breakout) on one bar close.
// Evaluation, in order (each step's failure is the outcome's reason):
//  1. NOT_READY   every constraint's feature ready (else the belief smoother is reset);
//                 then b and u (BeliefModel) and the smoothed belief s (BeliefSmoother);
//                 the close, ATR, bid/ask (and for mean reversion its VWAP) known; a
//                 volatility lockout needs the regime of timeframe 0, trend/range its ADX.
//  2. LOCKED_OUT  the regime is a configured lockout: volatility low/normal/high (timeframe
//                 0), trend (ADX >= [decision] adx_trend) or range (below), the session
//                 phase (or no phase).
//  3. NO_DIRECTION  s == 0; mean reversion also needs s to point toward its VWAP.
//  4. NOT_STABLE  s has kept its side for fewer than [belief] min_side_bars bars.
//  5. NO_BRACKET  the bracket, in integers on the tick grid (side = sign of s):
//       limit  buy: min(close, bid) rounded down; sell: max(close, ask) rounded up
//              (a resting LIMIT at or inside the close and the touch, never marketable)
//       target mean reversion: the VWAP, rounded toward the entry;
//              momentum: target_atr x ATR beyond the limit, the distance rounded down
//       stop   stop_atr x ATR beyond the limit on the other side, the distance rounded
//              down (at least one tick): the loss per trade never exceeds the multiple
//     refused when the target is less than one tick beyond the limit, or a price <= 0.
//  6. BELOW_THRESHOLD, else ENTRY, on the expected utility after costs, all in bps of the limit:
//       move    = |target - limit| / limit x 1e4
//       edge    = |s| x move
//       penalty = [decision] uncertainty_penalty x u x move
//       cost    = 2 x fee_bps + half spread ((ask - bid) / (ask + bid) x 1e4) + slippage_bps
//       EU      = edge - penalty - cost;   ENTRY when EU >= min_expected_utility_bps.
// The bps figures are doubles (strategy estimates, not risk math); the prices are integers.
// No allocation after construction; single thread (the engine).

#include <cstdint>

#include "core/Instrument.h"
#include "core/StrategyConfig.h"
#include "strategy/belief/BeliefModel.h"
#include "strategy/belief/BeliefSmoother.h"
#include "strategy/decision/EntryPlan.h"
#include "strategy/signals/FeatureVector.h"

namespace bw::strategy::decision {

class DecisionTemplate {
 public:
  /// Throws std::invalid_argument on constraints BeliefModel refuses. Cold path.
  DecisionTemplate(TemplateKind kind, const TemplateConfig& tpl, const BeliefConfig& belief,
                   const DecisionConfig& decision);

  /// Evaluates this bar; updates `smoother` (this symbol's state for this template).
  /// No allocation; never throws.
  void evaluate(const FeatureVector& f, const Instrument& instrument, belief::BeliefSmoother& smoother,
                TemplateOutcome& out) const noexcept;

  [[nodiscard]] TemplateKind kind() const noexcept { return kind_; }
  [[nodiscard]] std::int64_t ttlMs() const noexcept { return ttl_ms_; }

 private:
  [[nodiscard]] bool regimeKnown(const FeatureVector& f) const noexcept;
  [[nodiscard]] bool lockedOut(const FeatureVector& f, TemplateOutcome& out) const noexcept;
  [[nodiscard]] Price vwap(const PriceContext& p) const noexcept;

  TemplateKind kind_;
  bool enabled_;
  VwapReference vwap_;
  std::int64_t stop_atr_;
  std::int64_t target_atr_;
  std::int64_t ttl_ms_;
  LockoutConfig lockouts_;
  double alpha_;
  std::uint32_t min_side_bars_;
  double adx_trend_;
  double penalty_;
  double fixed_cost_bps_;  // 2 x fee + slippage
  double min_utility_bps_;
  belief::BeliefModel belief_;
};

}  // namespace bw::strategy::decision
