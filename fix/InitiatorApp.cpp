// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/InitiatorApp.h"

#include <quickfix/Exceptions.h>
#include <quickfix/FixFieldNumbers.h>

#include <cstddef>
#include <string>

#include "fix/QuickFixSupport.h"

namespace bw {
namespace fix {

void InitiatorApp::onLogon(const FIX::SessionID&) noexcept {
  logged_on_.store(true, std::memory_order_release);  // pairs with loggedOn()'s acquire
  events_.onLogon();
}

void InitiatorApp::onLogout(const FIX::SessionID&) noexcept {
  logged_on_.store(false, std::memory_order_release);
  events_.onLogout();
}

void InitiatorApp::fromAdmin(const FIX::Message& message, const FIX::SessionID&) noexcept {
  try {
    switch (fieldChar(message.getHeader(), FIX::FIELD::MsgType)) {
      case '0': ++admin_.heartbeats; break;
      case '1': ++admin_.test_requests; break;
      case '2': ++admin_.resend_requests; break;
      case '3': ++admin_.rejects; break;
      case '4': ++admin_.sequence_resets; break;
      case '5': ++admin_.logouts; break;
      default: break;
    }
  } catch (...) {  // only counting: nothing to report
  }
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
