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

/// Why an ExecutionReport / OrderCancelReject could not become an ExecEvent.
enum class ExecDecodeError : std::uint8_t {
  kOk = 0,               ///< decoded
  kOverlong,             ///< a field did not fit its bridge buffer (so it cannot be trusted)
  kUnknownMsgType,       ///< none of 35=8, 9, r, j
  kUnsupportedExecType,  ///< ExecType other than 0, F (4.2: 1, 2), 4, 5, 6, 8, C, E, I, or
                         ///< a 4.2 ExecTransType other than new / status
  kBadOrdStatus,         ///< a trade whose OrdStatus is neither 1 (partial) nor 2 (filled)
  kBadOrderId,           ///< ClOrdID (OrigClOrdID for cancels) missing or not one of ours
  kBadSide,              ///< Side missing or not 1/2 on an ExecutionReport
  kBadDecimal,           ///< LastPx/LastQty/CumQty/LeavesQty missing on a fill or not a decimal
  kBusinessReject,       ///< a BusinessMessageReject (35=j) of anything but our 35=q
};

[[nodiscard]] const char* execDecodeErrorName(ExecDecodeError e) noexcept;

/// Copies an ExecutionReport, OrderCancelReject, OrderMassCancelReport or a 35=j refusing
/// our 35=q into an ExecEvent. Kind from ExecType (0 new; F trade with OrdStatus 1 partial
/// / 2 full, or FIX 4.2's 1 / 2; 4 or C canceled; 5 replaced; 6 / E pending cancel /
/// replace; 8 rejected; I status, or FIX 4.2's ExecTransType 3), from CxlRejResponseTo on
/// 35=9 (1 cancel rejected, 2 replace rejected), 35=r / 35=j: mass cancel report. The id
/// is the ClOrdID, except for cancels, replaces and their rejects where it is the
/// OrigClOrdID, so the event names the affected order (new_id: the replace's ClOrdID).
/// recv_tsc is left for the caller. No allocation, no exception.
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
