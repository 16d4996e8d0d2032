#pragma once

#include <cstdint>

#include "core/Order.h"

namespace bw::strategy {

/// What the decision engine asks for. Entries and exits are order intents for the
/// RiskGate; a cancel names the working order to pull and the ClOrdID of the request.
struct Decision {
  enum class Kind : std::uint8_t { kNone = 0, kEnter, kExit, kCancel };
  Kind kind = Kind::kNone;
  OrderIntent intent{};      ///< kEnter / kExit
  OrderId cancel_target = 0;  ///< kCancel: the order to cancel
  OrderId cancel_id = 0;      ///< kCancel: ClOrdID of the cancel request
};

}  // namespace bw::strategy
