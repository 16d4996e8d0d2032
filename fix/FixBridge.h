#pragma once
// The bridge between Breakwater (C++20) and the QuickFIX adapters (C++14).
//
// Debian's QuickFIX 1.15 headers carry dynamic exception specifications, which C++17
// removed, so every file that includes them is compiled as C++14 and may not include
// core/ (inline variables, operator<=>). Those files see only this header: plain
// structs of fixed char arrays holding the FIX field text exactly as it travels, and
// two small callback interfaces. The C++20 side (WireConvert.h) turns the text into
// bw::OrderRequest / bw::ExecEvent integers with parseDecimal, never through double.
//
// Everything here must stay valid C++14 and C++20: no core/ includes, no QuickFIX
// includes, nested namespaces spelled out.

#include <cstddef>
#include <cstdint>

namespace bw {
namespace fix {

/// Field buffers are NUL-terminated; an empty string means "field absent".
constexpr std::size_t kWireIdLength = 32;       ///< ClOrdID, OrigClOrdID, OrderID, ExecID
constexpr std::size_t kWireSymbolLength = 16;   ///< matches bw::kMaxSymbolLength + 1
constexpr std::size_t kWireDecimalLength = 32;  ///< int64 in 1e-8 units needs at most 21
constexpr std::size_t kWireTextLength = 64;     ///< Text(58)

/// NewOrderSingle (35=D), OrderCancelRequest (35=F), OrderCancelReplaceRequest (35=G),
/// OrderMassCancelRequest (35=q) or OrderStatusRequest (35=H), field text as on the wire.
/// Gateway: built by the order thread, sent by the initiator adapter.
/// Venue: copied out of the acceptor callback, parsed on the venue thread.
struct WireOrder {
  char msg_type = 0;  ///< 'D', 'F', 'G', 'q' or 'H'
  char side = 0;      ///< Side(54): '1' buy, '2' sell (not on 35=q)
  char ord_type = 0;  ///< OrdType(40): '2' limit (35=D and G)
  char tif = 0;       ///< TimeInForce(59): '0' day, '1' GTC, '3' IOC (35=D and G)
  char mass_cancel_type = 0;  ///< MassCancelRequestType(530), 35=q: '1' by symbol, '7' all
  bool overlong = false;  ///< venue side: some field did not fit its buffer (reject it)
  bool poss_dup = false;  ///< venue side: PossDupFlag(43)=Y, a resend after a ResendRequest
  char cl_ord_id[kWireIdLength] = {};
  char orig_cl_ord_id[kWireIdLength] = {};  ///< 35=F and G
  char symbol[kWireSymbolLength] = {};      ///< 35=q: only with type '1'
  char price[kWireDecimalLength] = {};      ///< 35=D and G
  char order_qty[kWireDecimalLength] = {};
};

/// ExecutionReport (35=8), OrderCancelReject (35=9), OrderMassCancelReport (35=r) or, to
/// the gateway only, a BusinessMessageReject (35=j), field text as on the wire.
/// Venue: built by the venue thread, sent by the acceptor adapter.
/// Gateway: copied out of the initiator callback.
struct WireExec {
  char msg_type = 0;     ///< '8', '9', 'r' or 'j'
  char exec_type = 0;    ///< ExecType(150): '0' new, 'F' trade (4.2: '1'/'2'), '4' canceled,
                         ///< '5' replaced, '6'/'E' pending cancel/replace, '8' rejected, 'I' status
  char exec_trans_type = 0;  ///< ExecTransType(20), FIX 4.2 only: '0' new, '3' status
  char ord_status = 0;   ///< OrdStatus(39): '0','1','2','4','6','8','E'
  char side = 0;         ///< Side(54)
  char cxl_rej_response_to = 0;  ///< 434, 35=9 only: '1' cancel request, '2' replace request
  char mass_cancel_request_type = 0;  ///< 530, 35=r only: '1' by symbol, '7' all
  char mass_cancel_response = 0;      ///< 531, 35=r only: '0' refused, else the type done
  char ref_msg_type = 0;              ///< RefMsgType(372), 35=j only (first character)
  bool overlong = false;  ///< gateway side: some field did not fit its buffer
  char cl_ord_id[kWireIdLength] = {};
  char orig_cl_ord_id[kWireIdLength] = {};
  char order_id[kWireIdLength] = {};
  char exec_id[kWireIdLength] = {};
  char symbol[kWireSymbolLength] = {};
  char last_px[kWireDecimalLength] = {};
  char last_qty[kWireDecimalLength] = {};
  char cum_qty[kWireDecimalLength] = {};
  char leaves_qty[kWireDecimalLength] = {};
  char avg_px[kWireDecimalLength] = {};
  char order_qty[kWireDecimalLength] = {};  ///< OrderQty(38), 35=8 (replaced: the new quantity)
  char price[kWireDecimalLength] = {};      ///< Price(44), 35=8 (replaced: the new price)
  char total_affected[kWireDecimalLength] = {};  ///< TotalAffectedOrders(533), 35=r only
  char text[kWireTextLength] = {};  ///< Text(58); may be cut to fit
};

/// A session-level event of the initiator, for the journal (InitiatorEvents::onSessionEvent).
enum class SessionEventKind : std::uint8_t {
  kLogon = 0,              ///< logged on (text: the sequence numbers, "in 12 out 7")
  kLogout,                 ///< logged out (text: the Logout's Text(58), ours or theirs)
  kDisconnect,             ///< the connection ended without a completed logout
  kReconnectAttempt,       ///< a Logon sent (each attempt after a drop or a start)
  kResendRequestSent,      ///< we asked for a resend (text: "7=B 16=E")
  kResendRequestReceived,  ///< the venue asked us (text: "7=B 16=E")
  kSequenceReset,          ///< 35=4 sent or received (text: "in|out gapfill|reset 36=N")
  kSessionReject,          ///< 35=3 sent or received (text: "in|out 45=N 373=R Text")
  kTestRequestSent,        ///< no message from the venue for a heartbeat: TestRequest sent
  kHeartbeatTimeout,       ///< no answer to our TestRequest: the session gives up
};
constexpr std::size_t kSessionEventKindCount = 10;
/// Why the initiator adapter could not copy an application message into a WireExec.
enum class UnreadableReason : std::uint8_t {
  kUnexpectedMsgType = 0,  ///< an application message type we never expect (nor a 35=8/9/r/j)
  kFieldError,             ///< QuickFIX threw reading a field (missing MsgType, bad format)
  kOther,                  ///< anything else thrown while copying (std::bad_alloc)
  kCount
};

/// What QuickFIX's session layer did with a message that never reached the application
/// (seen through its log: fix/SessionWatchLog.h).
enum class SessionRefusal : std::uint8_t {
  kInvalidMessage = 0,  ///< dropped unread: bad CheckSum or BodyLength, garbled (no Reject is sent)
  kRejected,            ///< answered with a session Reject (35=3) or BusinessMessageReject (35=j)
  kFieldNotFound,       ///< a header field QuickFIX needs (SendingTime...) missing: it drops the connection
  kCount
};

/// The raw text of the message a callback is about, readable during that callback only.
/// Producing it may allocate (QuickFIX serialises the message), so the gateway asks for it
/// only for a message it refuses: never on the good path.
class RawFixText {
 public:
  /// Copies at most capacity - 1 bytes of the message, SOH shown as '|', NUL-terminated;
  /// returns the message's full length (so the caller sees what was cut). Never throws;
  /// 0 with dst empty when the text cannot be had.
  virtual std::size_t copyTo(char* dst, std::size_t capacity) const noexcept = 0;

 protected:
  ~RawFixText() = default;
};

/// Callbacks out of the initiator adapter. All run on the one QuickFIX initiator thread
/// (SocketInitiator polls every session on a single thread), so an implementation may
/// treat itself as the single producer of whatever it pushes to. Must not throw.
class InitiatorEvents {
 public:
  virtual void onLogon() noexcept = 0;
  virtual void onLogout() noexcept = 0;
  /// An execution report, cancel reject, mass cancel report or business message reject,
  /// already copied out of the FIX message.
  virtual void onExec(const WireExec& exec) noexcept = 0;
  /// An application message we could not copy (missing MsgType, unexpected type).
  virtual void onUnreadable() noexcept = 0;
  /// A session-level event (logon, logout, resend, reset, reject, heartbeat trouble).
  /// `text` is NUL-terminated, at most kWireTextLength - 1 characters, valid during the
  /// call only: copy it. Default: ignored.
  virtual void onSessionEvent(SessionEventKind kind, const char* text) noexcept {
    (void)kind;
    (void)text;
  }
  /// As onExec, with the message's raw text at hand. The QuickFIX adapter calls this one;
  /// the default drops the text, so a sink that has no use for it need not override.
  virtual void onExecWithRaw(const WireExec& exec, const RawFixText& raw) noexcept {
    (void)raw;
    onExec(exec);
  }
  /// A message QuickFIX's session layer refused before the application saw it, with its
  /// raw text as received. Default: ignored.
  virtual void onSessionRefused(SessionRefusal refusal, const RawFixText& raw) noexcept {
    (void)refusal;
    (void)raw;
  }
  /// As onUnreadable, with the reason and the raw text (as onExecWithRaw).
  virtual void onUnreadableWithRaw(UnreadableReason reason, const RawFixText& raw) noexcept {
    (void)reason;
    (void)raw;
    onUnreadable();
  }

 protected:
  ~InitiatorEvents() = default;
};

/// Callbacks out of the acceptor adapter. All run on the one QuickFIX acceptor thread
/// (SocketAcceptor serves every connection on a single thread). Must not throw.
class AcceptorEvents {
 public:
  virtual void onLogon() noexcept = 0;
  virtual void onLogout() noexcept = 0;
  /// A NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest,
  /// OrderMassCancelRequest or OrderStatusRequest, already copied out of the FIX message.
  virtual void onOrder(const WireOrder& order) noexcept = 0;
  /// An application message of another type (`msg_type`: its MsgType's first character,
  /// 0 when unreadable): the adapter answers it with a BusinessMessageReject right after
  /// this call returns.
  virtual void onUnsupported(char msg_type) noexcept = 0;

 protected:
  ~AcceptorEvents() = default;
};

}  // namespace fix
}  // namespace bw
