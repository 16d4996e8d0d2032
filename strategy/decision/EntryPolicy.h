#pragma once
// The entry decision on one bar close of one symbol: every decision template (mean
// reversion to VWAP, momentum breakout; strategy/decision/DecisionTemplate.h documents the
// steps and the formulas) evaluated on the FeatureVector, and the one with the best expected
// utility after costs among those that would enter wins (ties: the first template). The
// result carries every template's reason and figures so the journal can say why, entry or
// not. Sizing (quantity from notional) is the caller's.
//
// State: a SymbolBeliefState per symbol, owned by the caller (the engine's per-symbol
// slot), holding each template's belief smoothing. decide() is const on the policy.
// No allocation after construction; never throws; single thread (the engine).

#include <array>

#include "core/Config.h"
#include "core/Instrument.h"
#include "strategy/belief/BeliefSmoother.h"
#include "strategy/decision/DecisionTemplate.h"
#include "strategy/decision/EntryPlan.h"
#include "strategy/signals/FeatureVector.h"

namespace bw::strategy::decision {

/// One symbol's belief smoothing, one per template. Plain data; zero-initialized is fresh.
struct SymbolBeliefState {
  std::array<belief::BeliefSmoother, kTemplateCount> smoothers{};
};

class EntryPolicy {
 public:
  /// Throws std::invalid_argument on constraints BeliefModel refuses (the config loader
  /// refuses them first). Cold path.
  EntryPolicy(const TemplatesConfig& templates, const BeliefConfig& belief, const DecisionConfig& decision);
  explicit EntryPolicy(const Config& config) : EntryPolicy(config.templates, config.belief, config.decision) {}

  /// Decides on this bar close. `instrument` gives the tick grid; `state` is this symbol's
  /// and is updated. No allocation; never throws.
  [[nodiscard]] EntryDecision decide(const FeatureVector& f, const Instrument& instrument,
                                     SymbolBeliefState& state) const noexcept;

 private:
  std::array<DecisionTemplate, kTemplateCount> templates_;
};

}  // namespace bw::strategy::decision
