#pragma once
// The fast send path's message builder: turns a gate-approved OrderRequest into the
// complete FIX bytes of a NewOrderSingle (35=D), OrderCancelReplaceRequest (35=G) or
// OrderCancelRequest (35=F), ready for the socket, without building a message field by field.
//
// Built once per session: the constant runs of the message (BeginString, the comp ids and
// every tag prefix) are laid out at construction; encode() copies those runs and writes
// only the values that change per order (MsgSeqNum, SendingTime, ClOrdID, OrderQty,
// Price, Side, Symbol, TimeInForce, TransactTime; OrigClOrdID on replaces and cancels), then
// BodyLength and CheckSum. Prices and quantities are written from the 1e-8 integers
// (FixText.h), never through double.
//
// The bytes are the ones QuickFIX 1.15 itself writes for the same message (header tags in
// its order 8, 9, 35, 34, 49, 52, 56; body tags ascending; 10 last; millisecond
// timestamps), as tests/fix/OrderEncoderTest.cpp checks against FIX44::NewOrderSingle,
// OrderCancelReplaceRequest and OrderCancelRequest.
//
// Thread: one encoder per sending thread (it owns its output buffer and a cached date).
//
// On the wire through fix/FastInitiator (FastOrderSender: MsgSeqNum -> encode ->
// sendPrebuilt): QuickFIX 1.15's Session takes only a FIX::Message and keeps its raw send
// private, so FastInitiator owns the socket under the Session instead.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/InstrumentTable.h"
#include "core/Order.h"
#include "fix/UtcTimestampWriter.h"

namespace bw::fix {

/// Why encode() produced no bytes.
enum class OrderEncodeError : std::uint8_t {
  kOk = 0,          ///< encoded
  kUnknownSymbol,   ///< request.symbol is not in the instrument table
  kBadSeqNum,       ///< MsgSeqNum 0 or past INT32_MAX (QuickFIX's MsgSeqNum is an int)
  kBadTime,         ///< a negative (pre-1970) timestamp
  kUnsupportedAction,  ///< a mass cancel or status request: QuickFIX builds those (FastOrderSender)
};

[[nodiscard]] const char* orderEncodeErrorName(OrderEncodeError e) noexcept;

class OrderEncoder {
 public:
  /// Longest BeginString / SenderCompID / TargetCompID accepted: bounds the buffer.
  static constexpr std::size_t kMaxBeginStringLength = 16;
  static constexpr std::size_t kMaxCompIdLength = 64;

  /// Lays out the constant runs. Throws std::invalid_argument when a string is empty,
  /// longer than its bound, or holds SOH or '=' (they would break the framing).
  /// `instruments` must outlive the encoder. Cold path.
  OrderEncoder(std::string_view begin_string, std::string_view sender_comp_id, std::string_view target_comp_id,
               const InstrumentTable& instruments);

  /// Encodes `request` (Action::kNew -> 35=D limit order, kReplace -> 35=G, kCancel -> 35=F) with
  /// MsgSeqNum `msg_seq_num` and SendingTime = TransactTime = `utc_ns` (nanoseconds since
  /// the Unix epoch, written to the millisecond). On kOk, `out` views the complete
  /// message; it stays valid until the next encode() on this encoder. Sending thread
  /// only; no allocation, no exception, no system call.
  [[nodiscard]] OrderEncodeError encode(const OrderRequest& request, std::uint64_t msg_seq_num, std::int64_t utc_ns,
                                        std::string_view& out) noexcept;

 private:
  /// A constant run of the message: a comp id with the tag prefixes around it.
  struct Run {
    std::array<char, kMaxCompIdLength + 16> text{};
    std::size_t size = 0;
  };

  // Room before the body for "8=<BeginString>\x01" "9=<up to 4 digits>\x01", written
  // right-aligned against the body once its length is known (no memmove).
  static constexpr std::size_t kPrefixRoom = kMaxBeginStringLength + 4 + 6;
  static constexpr std::size_t kBodyStart = kPrefixRoom;
  // Largest body: header runs and the two comp ids, 20-digit ids, 21-character decimals
  // and timestamps, a 15-character symbol: about 320 bytes with 64-character comp ids
  // (static_assert in OrderEncoder.cpp); 512 leaves margin.
  static constexpr std::size_t kBufferSize = 512;

  char* writeHeader(char msg_type, std::uint64_t msg_seq_num, const char* time_text, char* p) noexcept;

  const InstrumentTable& instruments_;
  Run begin_;         // "8=FIX.4.4\x01" "9="
  Run sender_run_;    // "\x01" "49=SENDER\x01" "52="
  Run target_run_;    // "\x01" "56=TARGET\x01" "11="
  UtcTimestampWriter clock_text_;
  alignas(64) std::array<char, kBufferSize> buffer_{};
};

}  // namespace bw::fix
