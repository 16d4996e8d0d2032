#pragma once
// Plain order and execution structs handed between threads by value. No strings, no
// pointers: each fits a queue slot and copies with memcpy.

#include <cstdint>

#include "core/FixedPoint.h"
#include "core/Instrument.h"
#include "core/Tick.h"

namespace bw {

enum class OrderType : std::uint8_t { kLimit = 0, kMarket = 1 };
enum class TimeInForce : std::uint8_t { kDay = 0, kGtc = 1, kIoc = 2 };

/// Client order id: unique per process run, assigned by the engine.
using OrderId = std::uint64_t;

/// What the decision engine wants; RiskGate::check judges it.
struct OrderIntent {
  OrderId id = 0;
  SymbolId symbol = kNoSymbol;
  Side side = Side::kBuy;
  OrderType type = OrderType::kLimit;
  TimeInForce tif = TimeInForce::kDay;
  bool reduce_only = false;  ///< exit: only lowers an existing position
  bool flatten = false;      ///< a kill's flattening exit: passes a tripped kill (reduce-only, shape checked)
  std::uint8_t strategy = 0; ///< strategy id (per-strategy kill switch), < kMaxStrategies
  Price limit{};             ///< limit price (unused for market)
  Qty qty{};
  Price stop_loss{};         ///< bracket stop; required on entries
  Price take_profit{};       ///< bracket target; required on entries
  std::int64_t expire_ns = 0;  ///< time-to-live end in market time (0: none)
  std::int64_t ts_ns = 0;      ///< decision time (market time in replay): rate, duplicate and staleness windows
  std::uint64_t tick_tsc = 0;      ///< TSC of the tick that caused it
  std::uint64_t decision_tsc = 0;  ///< TSC when the decision was made
};

/// Engine -> order thread: a gate-approved action for the FIX session.
///   kNew         NewOrderSingle (35=D): id, symbol, side, tif, limit, qty
///   kCancel      OrderCancelRequest (35=F): id the request's ClOrdID, orig_id the order
///   kReplace     OrderCancelReplaceRequest (35=G): id the replacement's ClOrdID, orig_id
///                the order replaced; limit and qty the new price and total quantity (pass
///                the old ones for what does not change); symbol and side as the order's
///   kMassCancel  OrderMassCancelRequest (35=q): id the request's ClOrdID; symbol the one
///                to cancel, kNoSymbol for all (a venue without 35=q: per-order cancels,
///                see OrderGateway)
///   kStatus      OrderStatusRequest (35=H): id the order asked about, symbol and side its
struct OrderRequest {
  enum class Action : std::uint8_t { kNew = 0, kCancel = 1, kReplace = 2, kMassCancel = 3, kStatus = 4 };
  Action action = Action::kNew;
  OrderId id = 0;             ///< ClOrdID of the new order, or of the request (see above)
  OrderId orig_id = 0;        ///< cancels and replaces: the order they are about
  SymbolId symbol = kNoSymbol;
  Side side = Side::kBuy;
  TimeInForce tif = TimeInForce::kDay;
  bool flatten = false;       ///< a kill's flattening exit: the order thread's kill re-check lets it pass
  bool from_kill = false;     ///< a cancel sent because a kill tripped (kill -> cancel latency)
  std::uint8_t strategy = 0;
  Price limit{};
  Qty qty{};
  std::uint64_t verdict_tsc = 0;  ///< TSC when the gate said yes; kill cancels: when the kill was written
  std::uint64_t tick_tsc = 0;     ///< TSC of the tick behind it (tick_to_send); 0: none (a kill's cancel)
};

/// ExecutionReport (or cancel reject) copied out of the FIX engine: order thread -> engine.
struct ExecEvent {
  enum class Kind : std::uint8_t {
    kNew = 0,           ///< acknowledged by the venue
    kPartialFill = 1,
    kFill = 2,
    kCanceled = 3,
    kRejected = 4,      ///< order rejected by the venue
    kCancelRejected = 5,  ///< OrderCancelReject (35=9) answering a cancel (CxlRejResponseTo=1)
    kReplaced = 6,        ///< ER ExecType=5: id the old ClOrdID, new_id the replacement's
    kReplaceRejected = 7, ///< OrderCancelReject answering a replace (CxlRejResponseTo=2): id the old, new_id the replace's
    kStatus = 8,          ///< ER ExecType=I (4.2: ExecTransType=3): ord_status the venue's OrdStatus
    kPendingCancel = 9,   ///< ER ExecType=6: the venue has our cancel, not done yet
    kPendingReplace = 10, ///< ER ExecType=E: the venue has our replace, not done yet
    kMassCancelReport = 11,  ///< OrderMassCancelReport (35=r), or a 35=j refusing our 35=q:
                             ///< id the request's, mass_response '0' refused, affected the count
  };
  Kind kind = Kind::kNew;
  OrderId id = 0;          ///< our ClOrdID of the affected order (OrigClOrdID for cancels)
  SymbolId symbol = kNoSymbol;
  Side side = Side::kBuy;
  Price last_px{};         ///< fills: price of this fill
  Qty last_qty{};          ///< fills: quantity of this fill
  Qty cum_qty{};
  Qty leaves_qty{};
  Qty order_qty{};         ///< OrderQty(38) where the report gives it (kReplaced: the new quantity); 0: absent
  OrderId new_id = 0;      ///< kReplaced / kReplaceRejected: the replace request's ClOrdID (0: absent or not ours)
  std::uint32_t affected = 0;  ///< kMassCancelReport: TotalAffectedOrders(533)
  char ord_status = 0;     ///< OrdStatus(39) as on the wire ('0' new .. '8' rejected; 0: absent)
  char mass_response = 0;  ///< kMassCancelReport: MassCancelResponse(531); '0': refused
  std::uint64_t recv_tsc = 0;  ///< TSC when the FIX callback copied it
  char text[32] = {};          ///< venue reason on rejects, NUL-terminated, may be cut
};

[[nodiscard]] constexpr const char* execKindName(ExecEvent::Kind k) noexcept {
  switch (k) {
    case ExecEvent::Kind::kNew: return "NEW";
    case ExecEvent::Kind::kPartialFill: return "PARTIAL_FILL";
    case ExecEvent::Kind::kFill: return "FILL";
    case ExecEvent::Kind::kCanceled: return "CANCELED";
    case ExecEvent::Kind::kRejected: return "REJECTED";
    case ExecEvent::Kind::kCancelRejected: return "CANCEL_REJECTED";
    case ExecEvent::Kind::kReplaced: return "REPLACED";
    case ExecEvent::Kind::kReplaceRejected: return "REPLACE_REJECTED";
    case ExecEvent::Kind::kStatus: return "STATUS";
    case ExecEvent::Kind::kPendingCancel: return "PENDING_CANCEL";
    case ExecEvent::Kind::kPendingReplace: return "PENDING_REPLACE";
    case ExecEvent::Kind::kMassCancelReport: return "MASS_CANCEL_REPORT";
  }
  return "UNKNOWN";
}

/// Does the event report on one order of ours (so the reconciler and the gate take it)?
/// A mass cancel report is about a request: its orders each get their own Canceled.
[[nodiscard]] constexpr bool execConcernsOneOrder(ExecEvent::Kind k) noexcept {
  return k != ExecEvent::Kind::kMassCancelReport;
}

}  // namespace bw
