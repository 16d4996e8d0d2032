#include "strategy/decision/EntryPolicy.h"

namespace bw::strategy::decision {

EntryPolicy::EntryPolicy(const TemplatesConfig& templates, const BeliefConfig& belief, const DecisionConfig& decision)
    : templates_{DecisionTemplate(TemplateKind::kMeanReversion, templates[TemplateKind::kMeanReversion], belief,
                                  decision),
                 DecisionTemplate(TemplateKind::kMomentum, templates[TemplateKind::kMomentum], belief, decision)} {}

EntryDecision EntryPolicy::decide(const FeatureVector& f, const Instrument& instrument,
                                  SymbolBeliefState& state) const noexcept {
  EntryDecision d;
  std::size_t best = kTemplateCount;  // best entering template
  std::size_t furthest = 0;           // else: the one that got furthest
  for (std::size_t i = 0; i < kTemplateCount; ++i) {
    TemplateOutcome& o = d.outcomes[i];
    templates_[i].evaluate(f, instrument, state.smoothers[i], o);
    if (o.reason == DecisionReason::kEntry &&
        (best == kTemplateCount || o.expected_utility_bps > d.outcomes[best].expected_utility_bps)) {
      best = i;
    }
    if (o.reason > d.outcomes[furthest].reason) furthest = i;
  }
  if (best == kTemplateCount) {
    d.reason = d.outcomes[furthest].reason;
    d.chosen = static_cast<TemplateKind>(furthest);
    return d;
  }
  const TemplateOutcome& o = d.outcomes[best];
  d.reason = DecisionReason::kEntry;
  d.chosen = static_cast<TemplateKind>(best);
  d.side = o.side;
  d.limit = o.limit;
  d.stop = o.stop;
  d.target = o.target;
  d.ttl_ms = templates_[best].ttlMs();
  d.expire_ns = f.prices.bar_end_ns + d.ttl_ms * 1'000'000;
  return d;
}

}  // namespace bw::strategy::decision
