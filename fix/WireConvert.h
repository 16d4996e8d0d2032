#pragma once
// Translation between Breakwater's integer structs and the bridge structs that the C++14
// QuickFIX adapters speak (FixBridge.h). Prices and quantities cross as decimal text made
// by formatDecimal and read back by parseDecimal: never through double. Any thread.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/InstrumentTable.h"
#include "core/Order.h"
#include "fix/FixBridge.h"

namespace bw::fix {

/// Why an ExecutionReport / OrderCancelReject could not become an ExecEvent. Values are
/// stable (counters and journal codes index by them); add new kinds before kCount.
enum class ExecDecodeError : std::uint8_t {
  kOk = 0,               ///< decoded
  kOverlong,             ///< a field did not fit its bridge buffer (so it cannot be trusted)
  kUnknownMsgType,       ///< none of 35=8, 9, r, j
  kUnsupportedExecType,  ///< a FIX ExecType we do not take (3 done for day, D restated, G/H
                         ///< trade correct / cancel...), or a 4.2 ExecTransType other than new / status
  kBadOrdStatus,         ///< a trade whose OrdStatus is neither 1 (partial) nor 2 (filled)
  kBadOrderId,           ///< ClOrdID (OrigClOrdID for cancels) not one of our numeric ids
  kBadSide,              ///< a FIX Side we never send (3..9, A..G: cross, short sell...)
  kBadDecimal,           ///< LastPx/LastQty/CumQty/LeavesQty/OrderQty/TotalAffectedOrders not a decimal
  kBusinessReject,       ///< a BusinessMessageReject (35=j) of anything but our 35=q
  kMissingField,         ///< a required field absent: ExecType, OrdStatus, Side, ClOrdID
                         ///< (OrigClOrdID on 35=9), LastPx / LastQty on a fill
  kExecTypeOutOfRange,   ///< ExecType(150) outside the FIX 4.2 / 4.4 set (0..9, A..I)
  kOrdStatusOutOfRange,  ///< OrdStatus(39) outside the FIX 4.2 / 4.4 set (0..9, A..E)
  kSideOutOfRange,       ///< Side(54) outside the FIX 4.2 / 4.4 set (1..9, A..G)
  kNegativeValue,        ///< a negative LastPx, LastQty, CumQty, LeavesQty or OrderQty
  kZeroFillQty,          ///< a fill with LastQty 0
  kZeroFillPrice,        ///< a fill with LastPx 0
  kCumQtyAboveOrderQty,  ///< CumQty greater than the report's OrderQty
  kCount
};

inline constexpr std::size_t kExecDecodeErrorCount = static_cast<std::size_t>(ExecDecodeError::kCount);

/// Stable UPPER_SNAKE name of each kind (counters, summary, journal). No allocation.
[[nodiscard]] constexpr const char* execDecodeErrorName(ExecDecodeError e) noexcept {
  switch (e) {
    case ExecDecodeError::kOk: return "OK";
    case ExecDecodeError::kOverlong: return "OVERLONG_FIELD";
    case ExecDecodeError::kUnknownMsgType: return "UNKNOWN_MSG_TYPE";
    case ExecDecodeError::kUnsupportedExecType: return "UNSUPPORTED_EXEC_TYPE";
    case ExecDecodeError::kBadOrdStatus: return "BAD_ORD_STATUS";
    case ExecDecodeError::kBadOrderId: return "BAD_ORDER_ID";
    case ExecDecodeError::kBadSide: return "BAD_SIDE";
    case ExecDecodeError::kBadDecimal: return "BAD_DECIMAL";
    case ExecDecodeError::kBusinessReject: return "BUSINESS_REJECT";
    case ExecDecodeError::kMissingField: return "MISSING_FIELD";
    case ExecDecodeError::kExecTypeOutOfRange: return "EXEC_TYPE_OUT_OF_RANGE";
    case ExecDecodeError::kOrdStatusOutOfRange: return "ORD_STATUS_OUT_OF_RANGE";
    case ExecDecodeError::kSideOutOfRange: return "SIDE_OUT_OF_RANGE";
    case ExecDecodeError::kNegativeValue: return "NEGATIVE_VALUE";
    case ExecDecodeError::kZeroFillQty: return "ZERO_FILL_QTY";
    case ExecDecodeError::kZeroFillPrice: return "ZERO_FILL_PRICE";
    case ExecDecodeError::kCumQtyAboveOrderQty: return "CUM_QTY_ABOVE_ORDER_QTY";
    case ExecDecodeError::kCount: break;
  }
  return "UNKNOWN";
}

/// Why the initiator adapter could not copy an application message at all
/// (InitiatorEvents::onUnreadable). Named like ExecDecodeError.
[[nodiscard]] constexpr const char* unreadableReasonName(UnreadableReason r) noexcept {
  switch (r) {
    case UnreadableReason::kUnexpectedMsgType: return "UNEXPECTED_MSG_TYPE";
    case UnreadableReason::kFieldError: return "FIELD_ERROR";
    case UnreadableReason::kOther: return "UNREADABLE_OTHER";
    case UnreadableReason::kCount: break;
  }
  return "UNKNOWN";
}

inline constexpr std::size_t kUnreadableReasonCount = static_cast<std::size_t>(UnreadableReason::kCount);

/// What the session layer did with a message the application never saw (SessionRefusal).
[[nodiscard]] constexpr const char* sessionRefusalName(SessionRefusal r) noexcept {
  switch (r) {
    case SessionRefusal::kInvalidMessage: return "SESSION_INVALID_MESSAGE";
    case SessionRefusal::kRejected: return "SESSION_REJECTED";
    case SessionRefusal::kFieldNotFound: return "SESSION_FIELD_NOT_FOUND";
    case SessionRefusal::kCount: break;
  }
  return "UNKNOWN";
}

inline constexpr std::size_t kSessionRefusalCount = static_cast<std::size_t>(SessionRefusal::kCount);

/// Copies an ExecutionReport, OrderCancelReject, OrderMassCancelReport or a 35=j refusing
/// our 35=q into an ExecEvent. Kind from ExecType (0 new; F trade with OrdStatus 1 partial
/// / 2 full, or FIX 4.2's 1 / 2; 4 or C canceled; 5 replaced; 6 / E pending cancel /
/// replace; 8 rejected; I status, or FIX 4.2's ExecTransType 3), from CxlRejResponseTo on
/// 35=9 (1 cancel rejected, 2 replace rejected), 35=r / 35=j: mass cancel report. The id
/// is the ClOrdID, except for cancels, replaces and their rejects where it is the
/// OrigClOrdID, so the event names the affected order (new_id: the replace's ClOrdID).
/// Checks stop at the first failure, in this order: overlong, message type, ExecType /
/// OrdStatus / Side (missing, outside FIX, not ours), ids, decimals (text, sign), fill
/// quantity and price not zero, CumQty <= OrderQty. A numeric ClOrdID we never sent
/// decodes fine: the reconciler calls it UNKNOWN_ORDER. recv_tsc is left for the caller.
/// No allocation, no exception.
[[nodiscard]] ExecDecodeError decodeExec(const WireExec& in, const InstrumentTable& instruments,
                                         ExecEvent& out) noexcept;

/// Fills a NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest,
/// OrderMassCancelRequest (type 1 by symbol, 7 all when symbol is kNoSymbol) or
/// OrderStatusRequest from a gate-approved request. False when the symbol is not in the
/// table or a value does not fit its buffer. Allocates (one
/// short std::string per decimal, via formatDecimal); never throws.
[[nodiscard]] bool encodeOrder(const OrderRequest& in, const InstrumentTable& instruments,
                               WireOrder& out) noexcept;

/// Parses an all-digit ClOrdID into an OrderId. False on empty, non-digit or overflow.
[[nodiscard]] bool parseOrderId(std::string_view text, OrderId& out) noexcept;

/// Writes an OrderId as decimal text. dst must hold at least 21 bytes.
void formatOrderId(OrderId id, char* dst, std::size_t capacity) noexcept;

/// Writes 1e-8 units as decimal text (formatDecimal). False if it does not fit or on
/// allocation failure (dst is then empty).
[[nodiscard]] bool formatDecimalTo(std::int64_t raw, char* dst, std::size_t capacity) noexcept;

/// Copies text into dst (capacity bytes, always NUL-terminated), cutting at a UTF-8
/// character boundary when it is too long.
void copyCut(std::string_view src, char* dst, std::size_t capacity) noexcept;

/// FIX Side(54) <-> bw::Side.
[[nodiscard]] constexpr char sideChar(Side s) noexcept { return s == Side::kBuy ? '1' : '2'; }

/// FIX TimeInForce(59): day '0', GTC '1', IOC '3'.
[[nodiscard]] constexpr char tifChar(TimeInForce t) noexcept {
  switch (t) {
    case TimeInForce::kDay: return '0';
    case TimeInForce::kGtc: return '1';
    case TimeInForce::kIoc: return '3';
  }
  return '0';
}

}  // namespace bw::fix
