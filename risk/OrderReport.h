#pragma once
// What the venue said about one order, as the Reconciler reads it: the lifecycle event
// plus the quantities the report carries. A plain struct: the gateway fills it from an
// ExecutionReport or an OrderCancelReject; fromExecEvent maps today's ExecEvent onto it.

#include "core/FixedPoint.h"
#include "core/Instrument.h"
#include "core/Order.h"
#include "core/Tick.h"
#include "risk/OrderLifecycle.h"

namespace bw::risk {

struct OrderReport {
  LifecycleEvent event = LifecycleEvent::kAck;
  OrderState status = OrderState::kUnsent;  ///< kStatus: the venue's OrdStatus
  OrderId id = 0;              ///< the order it is about (OrigClOrdID on cancel/replace answers)
  OrderId replacement_id = 0;  ///< kReplaced / kReplaceReject: the replace's ClOrdID (0: not given)
  SymbolId symbol = kNoSymbol;
  Side side = Side::kBuy;
  Qty order_qty{};   ///< OrderQty(38) where the venue gives it (kReplaced: the new quantity); 0: not given
  Qty last_qty{};    ///< fills: this fill
  Qty cum_qty{};
  Qty leaves_qty{};
};

/// Does the report carry CumQty/LeavesQty? An OrderCancelReject (35=9) does not.
[[nodiscard]] constexpr bool carriesQuantities(LifecycleEvent e) noexcept {
  return e != LifecycleEvent::kCancelReject && e != LifecycleEvent::kReplaceReject;
}

/// Today's ExecEvent kinds onto the lifecycle's events (ExecEvent has no replace, expiry
/// or status kinds yet: the gateway fills OrderReport directly for those). A fill is
/// kFill when nothing is left, whatever its kind said (a last fill during a pending
/// cancel comes with OrdStatus=6, not 2). No allocation.
[[nodiscard]] constexpr OrderReport fromExecEvent(const ExecEvent& e) noexcept {
  OrderReport r;
  switch (e.kind) {
    case ExecEvent::Kind::kNew: r.event = LifecycleEvent::kAck; break;
    case ExecEvent::Kind::kPartialFill:
    case ExecEvent::Kind::kFill:
      r.event = e.leaves_qty.raw == 0 ? LifecycleEvent::kFill : LifecycleEvent::kPartialFill;
      break;
    case ExecEvent::Kind::kCanceled: r.event = LifecycleEvent::kCanceled; break;
    case ExecEvent::Kind::kRejected: r.event = LifecycleEvent::kRejected; break;
    case ExecEvent::Kind::kCancelRejected: r.event = LifecycleEvent::kCancelReject; break;
  }
  r.id = e.id;
  r.symbol = e.symbol;
  r.side = e.side;
  r.last_qty = e.last_qty;
  r.cum_qty = e.cum_qty;
  r.leaves_qty = e.leaves_qty;
  return r;
}

}  // namespace bw::risk
