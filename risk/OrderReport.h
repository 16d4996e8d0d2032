#pragma once
// What the venue said about one order, as the Reconciler reads it: the lifecycle event
// plus the quantities the report carries. A plain struct; fromExecEvent maps the gateway's
// ExecEvent (an ExecutionReport or an OrderCancelReject) onto it.

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

/// OrdStatus(39) as on the wire onto our OrderState; kCount when it is none we know
/// (Status agreement then refuses it as kUnknownEvent, never a guess).
[[nodiscard]] constexpr OrderState orderStateOfOrdStatus(char ord_status) noexcept {
  switch (ord_status) {
    case '0': return OrderState::kNew;
    case '1': return OrderState::kPartiallyFilled;
    case '2': return OrderState::kFilled;
    case '4': return OrderState::kCanceled;
    case '5': return OrderState::kReplaced;  // FIX 4.2 only
    case '6': return OrderState::kPendingCancel;
    case '8': return OrderState::kRejected;
    case 'A': return OrderState::kPendingNew;
    case 'C': return OrderState::kExpired;
    case 'E': return OrderState::kPendingReplace;
    default: return OrderState::kCount;
  }
}

/// ExecEvent kinds onto the lifecycle's events. A fill is kFill when nothing is left,
/// whatever its kind said (a last fill during a pending cancel comes with OrdStatus=6,
/// not 2). A venue's PendingCancel / PendingReplace (ExecType 6 / E) only confirms the
/// request arrived: it is checked as a status report of that pending state. A mass
/// cancel report is not about one order (execConcernsOneOrder): do not pass it here;
/// it maps to kStatus with an unknown state, which the lifecycle refuses. No allocation.
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
    case ExecEvent::Kind::kReplaced: r.event = LifecycleEvent::kReplaced; break;
    case ExecEvent::Kind::kReplaceRejected: r.event = LifecycleEvent::kReplaceReject; break;
    case ExecEvent::Kind::kStatus:
      r.event = LifecycleEvent::kStatus;
      r.status = orderStateOfOrdStatus(e.ord_status);
      break;
    case ExecEvent::Kind::kPendingCancel:
      r.event = LifecycleEvent::kStatus;
      r.status = OrderState::kPendingCancel;
      break;
    case ExecEvent::Kind::kPendingReplace:
      r.event = LifecycleEvent::kStatus;
      r.status = OrderState::kPendingReplace;
      break;
    case ExecEvent::Kind::kMassCancelReport:
      r.event = LifecycleEvent::kStatus;
      r.status = OrderState::kCount;
      break;
  }
  r.id = e.id;
  r.replacement_id = e.new_id;
  r.symbol = e.symbol;
  r.side = e.side;
  r.order_qty = e.order_qty;
  r.last_qty = e.last_qty;
  r.cum_qty = e.cum_qty;
  r.leaves_qty = e.leaves_qty;
  return r;
}

}  // namespace bw::risk
