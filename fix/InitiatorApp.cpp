// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/InitiatorApp.h"

#include <quickfix/Exceptions.h>
#include <quickfix/FixFieldNumbers.h>

#include <cstdio>
#include <cstdlib>
#include <cstddef>
#include <string>

#include "fix/QuickFixSupport.h"

namespace bw {
namespace fix {
namespace {

int intField(const FIX::FieldMap& map, int tag) {
  return map.isSetField(tag) ? std::atoi(map.getField(tag).c_str()) : 0;
}

}  // namespace

void InitiatorApp::onLogon(const FIX::SessionID&) noexcept {
  logged_on_.store(true, std::memory_order_release);  // pairs with loggedOn()'s acquire
  events_.onLogon();
  char text[kWireTextLength];
  std::snprintf(text, sizeof text, "in 34=%d out 34=%d", logon_in_seq_, logon_out_seq_);
  events_.onSessionEvent(SessionEventKind::kLogon, text);
}

void InitiatorApp::onLogout(const FIX::SessionID&) noexcept {
  logged_on_.store(false, std::memory_order_release);
  events_.onLogout();
  // A Logout seen either way: a logout with its reason. None: the line dropped, or
  // QuickFIX gave up on a TestRequest nobody answered (it sends no Logout then).
  if (logout_text_[0] != '\0') {
    events_.onSessionEvent(SessionEventKind::kLogout, logout_text_);
  } else if (test_request_pending_) {
    events_.onSessionEvent(SessionEventKind::kHeartbeatTimeout, "no answer to our TestRequest");
  } else {
    events_.onSessionEvent(SessionEventKind::kDisconnect, "connection ended without a Logout");
  }
  logout_text_[0] = '\0';
  test_request_pending_ = false;
}

void InitiatorApp::toAdmin(FIX::Message& message, const FIX::SessionID&) noexcept {
  try {
    const char type = fieldChar(message.getHeader(), FIX::FIELD::MsgType);
    switch (type) {
      case 'A': {
        logon_out_seq_ = intField(message.getHeader(), FIX::FIELD::MsgSeqNum);
        char text[kWireTextLength];
        std::snprintf(text, sizeof text, "Logon 34=%d%s", logon_out_seq_,
                      fieldChar(message, FIX::FIELD::ResetSeqNumFlag) == 'Y' ? " 141=Y" : "");
        events_.onSessionEvent(SessionEventKind::kReconnectAttempt, text);
        break;
      }
      case '5': noteLogout("ours", message); break;
      case '1':
        test_request_pending_ = true;
        events_.onSessionEvent(SessionEventKind::kTestRequestSent, "no message from the venue for a heartbeat");
        break;
      default: adminEvent("out", type, message); break;
    }
  } catch (...) {  // a missing field: no event, never an exception into QuickFIX
  }
}

void InitiatorApp::fromAdmin(const FIX::Message& message, const FIX::SessionID&) noexcept {
  test_request_pending_ = false;  // the venue is alive
  try {
    const char type = fieldChar(message.getHeader(), FIX::FIELD::MsgType);
    switch (type) {
      case '0': ++admin_.heartbeats; break;
      case '1': ++admin_.test_requests; break;
      case '2': ++admin_.resend_requests; break;
      case '3': ++admin_.rejects; break;
      case '4': ++admin_.sequence_resets; break;
      case '5': ++admin_.logouts; break;
      default: break;
    }
    switch (type) {
      case 'A': logon_in_seq_ = intField(message.getHeader(), FIX::FIELD::MsgSeqNum); break;
      case '5': noteLogout("theirs", message); break;
      default: adminEvent("in", type, message); break;
    }
  } catch (...) {  // a missing field: no event, never an exception into QuickFIX
  }
}

void InitiatorApp::adminEvent(const char* way, char type, const FIX::Message& m) {
  char text[kWireTextLength];
  switch (type) {
    case '2':
      std::snprintf(text, sizeof text, "7=%d 16=%d", intField(m, FIX::FIELD::BeginSeqNo),
                    intField(m, FIX::FIELD::EndSeqNo));
      events_.onSessionEvent(way[0] == 'o' ? SessionEventKind::kResendRequestSent
                                           : SessionEventKind::kResendRequestReceived,
                             text);
      break;
    case '4':
      std::snprintf(text, sizeof text, "%s %s 34=%d 36=%d", way,
                    fieldChar(m, FIX::FIELD::GapFillFlag) == 'Y' ? "gapfill" : "reset",
                    intField(m.getHeader(), FIX::FIELD::MsgSeqNum), intField(m, FIX::FIELD::NewSeqNo));
      events_.onSessionEvent(SessionEventKind::kSequenceReset, text);
      break;
    case '3': {
      char reason[kWireTextLength];
      (void)copyField(m, FIX::FIELD::Text, reason, sizeof reason);
      std::snprintf(text, sizeof text, "%s 45=%d 373=%d %.28s", way, intField(m, FIX::FIELD::RefSeqNum),
                    intField(m, FIX::FIELD::SessionRejectReason), reason);
      events_.onSessionEvent(SessionEventKind::kSessionReject, text);
      break;
    }
    default: break;  // Heartbeat, TestRequest from the venue: routine
  }
}

void InitiatorApp::noteLogout(const char* whose, const FIX::Message& m) {
  if (logout_text_[0] != '\0') return;  // the answer to a Logout: the first one's reason stands
  char reason[kWireTextLength];
  (void)copyField(m, FIX::FIELD::Text, reason, sizeof reason);
  std::snprintf(logout_text_, sizeof logout_text_, "%s: %.50s", whose, reason[0] != '\0' ? reason : "(no text)");
}

namespace {

/// The raw text of a message QuickFIX has parsed, made only when asked (a refused message):
/// Message::toString re-serialises it (allocates): header, then body fields in tag order
/// (QuickFIX keeps fields sorted), then CheckSum; the values are as received.
class QuickFixRawText final : public RawFixText {
 public:
  explicit QuickFixRawText(const FIX::Message& message) noexcept : message_(message) {}

  std::size_t copyTo(char* dst, std::size_t capacity) const noexcept override {
    if (capacity == 0) return 0;
    dst[0] = '\0';
    try {
      const std::string text = message_.toString();
      const std::size_t n = text.size() < capacity - 1 ? text.size() : capacity - 1;
      for (std::size_t i = 0; i < n; ++i) dst[i] = text[i] == '\001' ? '|' : text[i];
      dst[n] = '\0';
      return text.size();
    } catch (...) {  // std::bad_alloc, or a field QuickFIX cannot write back: no text then
      return 0;
    }
  }

 private:
  const FIX::Message& message_;
};

}  // namespace

void InitiatorApp::fromApp(const FIX::Message& message, const FIX::SessionID&) noexcept {
  test_request_pending_ = false;
  const QuickFixRawText raw(message);
  try {
    const char msg_type = fieldChar(message.getHeader(), FIX::FIELD::MsgType);
    const bool one_char = message.getHeader().getField(FIX::FIELD::MsgType).size() == 1;
    if (!one_char || (msg_type != '8' && msg_type != '9' && msg_type != 'r' && msg_type != 'j')) {
      events_.onUnreadableWithRaw(UnreadableReason::kUnexpectedMsgType, raw);
      return;
    }
    WireExec w;
    w.msg_type = msg_type;
    w.exec_type = fieldChar(message, FIX::FIELD::ExecType);
    w.exec_trans_type = fieldChar(message, FIX::FIELD::ExecTransType);
    w.ord_status = fieldChar(message, FIX::FIELD::OrdStatus);
    w.side = fieldChar(message, FIX::FIELD::Side);
    w.cxl_rej_response_to = fieldChar(message, FIX::FIELD::CxlRejResponseTo);
    w.mass_cancel_request_type = fieldChar(message, FIX::FIELD::MassCancelRequestType);
    w.mass_cancel_response = fieldChar(message, FIX::FIELD::MassCancelResponse);
    w.ref_msg_type = fieldChar(message, FIX::FIELD::RefMsgType);
    // A 35=j names the refused request by BusinessRejectRefID (our ClOrdID there).
    const int id_tag = msg_type == 'j' ? FIX::FIELD::BusinessRejectRefID : FIX::FIELD::ClOrdID;
    bool fits = copyField(message, id_tag, w.cl_ord_id, sizeof w.cl_ord_id);
    fits &= copyField(message, FIX::FIELD::OrigClOrdID, w.orig_cl_ord_id, sizeof w.orig_cl_ord_id);
    fits &= copyField(message, FIX::FIELD::OrderID, w.order_id, sizeof w.order_id);
    fits &= copyField(message, FIX::FIELD::ExecID, w.exec_id, sizeof w.exec_id);
    fits &= copyField(message, FIX::FIELD::Symbol, w.symbol, sizeof w.symbol);
    fits &= copyField(message, FIX::FIELD::LastPx, w.last_px, sizeof w.last_px);
    fits &= copyField(message, FIX::FIELD::LastQty, w.last_qty, sizeof w.last_qty);
    fits &= copyField(message, FIX::FIELD::CumQty, w.cum_qty, sizeof w.cum_qty);
    fits &= copyField(message, FIX::FIELD::LeavesQty, w.leaves_qty, sizeof w.leaves_qty);
    fits &= copyField(message, FIX::FIELD::AvgPx, w.avg_px, sizeof w.avg_px);
    fits &= copyField(message, FIX::FIELD::OrderQty, w.order_qty, sizeof w.order_qty);
    fits &= copyField(message, FIX::FIELD::Price, w.price, sizeof w.price);
    fits &= copyField(message, FIX::FIELD::TotalAffectedOrders, w.total_affected, sizeof w.total_affected);
    (void)copyField(message, FIX::FIELD::Text, w.text, sizeof w.text);  // a cut text is fine
    w.overlong = !fits;
    events_.onExecWithRaw(w, raw);
  } catch (const FIX::Exception&) {  // FieldNotFound, IncorrectDataFormat...: never into the session's thread
    events_.onUnreadableWithRaw(UnreadableReason::kFieldError, raw);
  } catch (...) {  // std::bad_alloc
    events_.onUnreadableWithRaw(UnreadableReason::kOther, raw);
  }
}

}  // namespace fix
}  // namespace bw
