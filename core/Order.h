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
struct OrderRequest {
  enum class Action : std::uint8_t { kNew = 0, kCancel = 1 };
  Action action = Action::kNew;
  OrderId id = 0;             ///< ClOrdID of the new order, or of the cancel request
  OrderId orig_id = 0;        ///< cancels: the order to cancel
  SymbolId symbol = kNoSymbol;
  Side side = Side::kBuy;
  TimeInForce tif = TimeInForce::kDay;
  bool flatten = false;       ///< a kill's flattening exit: the order thread's kill re-check lets it pass
  bool from_kill = false;     ///< a cancel sent because a kill tripped (kill -> cancel latency)
  std::uint8_t strategy = 0;
  Price limit{};
  Qty qty{};
  std::uint64_t verdict_tsc = 0;  ///< TSC when the gate said yes; kill cancels: when the kill was written
};

/// ExecutionReport (or cancel reject) copied out of the FIX engine: order thread -> engine.
struct ExecEvent {
  enum class Kind : std::uint8_t {
    kNew = 0,           ///< acknowledged by the venue
    kPartialFill = 1,
    kFill = 2,
    kCanceled = 3,
    kRejected = 4,      ///< order rejected by the venue
    kCancelRejected = 5,
  };
  Kind kind = Kind::kNew;
  OrderId id = 0;          ///< our ClOrdID of the affected order (OrigClOrdID for cancels)
  SymbolId symbol = kNoSymbol;
  Side side = Side::kBuy;
  Price last_px{};         ///< fills: price of this fill
  Qty last_qty{};          ///< fills: quantity of this fill
  Qty cum_qty{};
  Qty leaves_qty{};
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
  }
  return "UNKNOWN";
}

}  // namespace bw
