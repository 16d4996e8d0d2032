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
  /// kReplace: reprice a working exit (the bracket's target child, when the stop is hit)
  /// in one message instead of a cancel, its answer and a new order.
  enum class Kind : std::uint8_t { kNone = 0, kEnter, kExit, kCancel, kReplace };
  Kind kind = Kind::kNone;
  OrderIntent intent{};       ///< kEnter / kExit; kReplace: id the replacement's ClOrdID, limit
                              ///< the new price, qty the order's total quantity (unchanged)
  OrderId cancel_target = 0;  ///< kCancel: the order to cancel; kReplace: the order replaced
  OrderId cancel_id = 0;      ///< kCancel: ClOrdID of the cancel request
  EntryReason why{};          ///< kEnter
  const char* exit_why = "";  ///< kExit / kCancel / kReplace: "target", "stop", "stop pulls target",
                              ///< "stop reprices target", "ttl" (static text)
};

}  // namespace bw::strategy
