#pragma once

#include <cstdint>

#include "core/Order.h"
#include "core/StrategyConfig.h"

namespace bw::strategy {

/// Why an entry was made: the template that won and its figures (strategy/decision/
/// DecisionTemplate.h defines them), for the journal. bps of the entry's limit price.
struct EntryReason {
  TemplateKind kind = TemplateKind::kMeanReversion;
  double belief = 0.0;       ///< smoothed directional belief, [-1, 1]
  double uncertainty = 0.0;  ///< disagreement of the constraints' votes, [0, 1)
  double edge_bps = 0.0;
  double penalty_bps = 0.0;
  double cost_bps = 0.0;
  double expected_utility_bps = 0.0;
};

/// What the decision engine asks for. Entries and exits are order intents for the
/// RiskGate; a cancel names the working order to pull and the ClOrdID of the request.
struct Decision {
  enum class Kind : std::uint8_t { kNone = 0, kEnter, kExit, kCancel };
  Kind kind = Kind::kNone;
  OrderIntent intent{};       ///< kEnter / kExit
  OrderId cancel_target = 0;  ///< kCancel: the order to cancel
  OrderId cancel_id = 0;      ///< kCancel: ClOrdID of the cancel request
  EntryReason why{};          ///< kEnter
  const char* exit_why = "";  ///< kExit / kCancel: "target", "stop", "stop pulls target", "ttl" (static text)
};

}  // namespace bw::strategy
