// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/FixInitiator.h"

#include <quickfix/Application.h>
#include <quickfix/FileLog.h>
#include <quickfix/FixFieldNumbers.h>
#include <quickfix/Message.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Session.h>
#include <quickfix/SocketInitiator.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>

#include "fix/QuickFixSupport.h"

namespace bw {
namespace fix {
namespace {

/// The QuickFIX Application: copies ExecutionReport / OrderCancelReject field text into a
/// WireExec and hands it to the events sink. Overrides are noexcept (allowed: stricter
/// than the base's dynamic exception specification) so no QuickFIX exception escapes.
class InitiatorApp final : public FIX::Application {
 public:
  explicit InitiatorApp(InitiatorEvents& events) : events_(events) {}

  void onCreate(const FIX::SessionID&) noexcept override {}
  void onLogon(const FIX::SessionID&) noexcept override {
    logged_on_.store(true, std::memory_order_release);  // pairs with loggedOn()'s acquire
    events_.onLogon();
    char text[kWireTextLength];
    std::snprintf(text, sizeof text, "in 34=%d out 34=%d", logon_in_seq_, logon_out_seq_);
    events_.onSessionEvent(SessionEventKind::kLogon, text);
  }
  void onLogout(const FIX::SessionID&) noexcept override {
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
  /// Admin messages we send: Logon (an attempt), Logout, ResendRequest, SequenceReset,
  /// Reject, TestRequest. QuickFIX's thread, or the control thread's logout (under the
  /// session's mutex either way, so the members below see one writer at a time).
  void toAdmin(FIX::Message& message, const FIX::SessionID&) noexcept override {
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
  void toApp(FIX::Message&, const FIX::SessionID&) noexcept override {}
  /// Admin messages we receive (after QuickFIX's sequence checks).
  void fromAdmin(const FIX::Message& message, const FIX::SessionID&) noexcept override {
    test_request_pending_ = false;  // the venue is alive
    try {
      const char type = fieldChar(message.getHeader(), FIX::FIELD::MsgType);
      switch (type) {
        case 'A': logon_in_seq_ = intField(message.getHeader(), FIX::FIELD::MsgSeqNum); break;
        case '5': noteLogout("theirs", message); break;
        default: adminEvent("in", type, message); break;
      }
    } catch (...) {
    }
  }

  void fromApp(const FIX::Message& message, const FIX::SessionID&) noexcept override {
    test_request_pending_ = false;
    try {
      const char msg_type = fieldChar(message.getHeader(), FIX::FIELD::MsgType);
      const bool one_char = message.getHeader().getField(FIX::FIELD::MsgType).size() == 1;
      if (!one_char || (msg_type != '8' && msg_type != '9' && msg_type != 'r' && msg_type != 'j')) {
        events_.onUnreadable();
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
      events_.onExec(w);
    } catch (...) {  // std::bad_alloc or a QuickFIX exception: never into QuickFIX's thread
      events_.onUnreadable();
    }
  }

  /// Our own copy of the logon state: Session::isLoggedOn() reads plain members that the
  /// QuickFIX thread writes, so other threads ask this instead.
  bool loggedOn() const noexcept { return logged_on_.load(std::memory_order_acquire); }

 private:
  static int intField(const FIX::FieldMap& map, int tag) {
    return map.isSetField(tag) ? std::atoi(map.getField(tag).c_str()) : 0;
  }

  /// ResendRequest, SequenceReset and session Reject, either way, as one event each.
  void adminEvent(const char* way, char type, const FIX::Message& m) {
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

  /// Keeps the first Logout's reason for onLogout ("ours: ..." or "theirs: ...").
  void noteLogout(const char* whose, const FIX::Message& m) {
    if (logout_text_[0] != '\0') return;  // the answer to a Logout: the first one's reason stands
    char reason[kWireTextLength];
    (void)copyField(m, FIX::FIELD::Text, reason, sizeof reason);
    std::snprintf(logout_text_, sizeof logout_text_, "%s: %.50s", whose, reason[0] != '\0' ? reason : "(no text)");
  }

  InitiatorEvents& events_;
  std::atomic<bool> logged_on_{false};
  // Session-event state, under the session's mutex (see toAdmin).
  int logon_in_seq_ = 0;
  int logon_out_seq_ = 0;
  bool test_request_pending_ = false;
  char logout_text_[kWireTextLength] = {};
};

}  // namespace

struct FixInitiator::Impl {
  Impl(const FixEndpoint& endpoint, InitiatorEvents& events) : claim(makeSessionId(endpoint)), app(events) {}
  SessionClaim claim;  // first member: released only after the QuickFIX objects are gone
  InitiatorApp app;
  std::unique_ptr<FIX::MessageStoreFactory> store;
  std::unique_ptr<FIX::FileLogFactory> log;
  std::unique_ptr<FIX::SocketInitiator> initiator;
  FIX::Session* session = nullptr;  // owned by `initiator`; cached to skip the global lookup
};

FixInitiator::FixInitiator(const FixEndpoint& endpoint, InitiatorEvents& events)
    : endpoint_(endpoint), events_(events) {}

FixInitiator::~FixInitiator() { stop(std::chrono::milliseconds(2000)); }

void FixInitiator::start() {
  if (impl_) throw std::runtime_error("FIX initiator: already started");
  try {
    std::unique_ptr<Impl> impl(new Impl(endpoint_, events_));
    impl->store = makeStoreFactory(endpoint_);
    const FIX::SessionSettings settings = makeSessionSettings(endpoint_, SessionRole::kInitiator);
    if (endpoint_.file_log) {
      impl->log.reset(new FIX::FileLogFactory(settings));
      impl->initiator.reset(new FIX::SocketInitiator(impl->app, *impl->store, settings, *impl->log));
    } else {
      impl->initiator.reset(new FIX::SocketInitiator(impl->app, *impl->store, settings));
    }
    impl->session = impl->initiator->getSession(makeSessionId(endpoint_));
    if (impl->session == nullptr) throw std::runtime_error("session was not created");
    impl->initiator->start();
    impl_ = std::move(impl);
  } catch (const std::exception& e) {
    throw std::runtime_error("FIX initiator " + endpoint_.sender_comp_id + "->" + endpoint_.target_comp_id +
                             " to " + endpoint_.host + ":" + std::to_string(endpoint_.port) +
                             " failed to start: " + e.what());
  }
}

bool FixInitiator::loggedOn() const noexcept { return impl_ && impl_->app.loggedOn(); }

bool FixInitiator::send(const WireOrder& order) noexcept {
  if (!impl_) return false;
  try {
    FIX::Message m;
    const char type[2] = {order.msg_type, '\0'};
    switch (order.msg_type) {
      case 'D':
      case 'G':  // a replace carries the whole new order, plus the one it replaces
        m.getHeader().setField(FIX::FIELD::MsgType, type);
        setTextField(m, FIX::FIELD::OrigClOrdID, order.orig_cl_ord_id);
        setTextField(m, FIX::FIELD::ClOrdID, order.cl_ord_id);
        setTextField(m, FIX::FIELD::Symbol, order.symbol);
        setCharField(m, FIX::FIELD::Side, order.side);
        setCharField(m, FIX::FIELD::OrdType, order.ord_type);
        // Price and quantity go in as the decimal text we were given: never through the
        // double-typed FIX::Price / FIX::OrderQty fields.
        setTextField(m, FIX::FIELD::Price, order.price);
        setTextField(m, FIX::FIELD::OrderQty, order.order_qty);
        setCharField(m, FIX::FIELD::TimeInForce, order.tif);
        // Required in 4.2 (automated execution, no broker intervention); gone in 4.4's.
        if (endpoint_.fix42()) setCharField(m, FIX::FIELD::HandlInst, '1');
        break;
      case 'F':
        m.getHeader().setField(FIX::FIELD::MsgType, "F");
        setTextField(m, FIX::FIELD::OrigClOrdID, order.orig_cl_ord_id);
        setTextField(m, FIX::FIELD::ClOrdID, order.cl_ord_id);
        setTextField(m, FIX::FIELD::Symbol, order.symbol);
        setCharField(m, FIX::FIELD::Side, order.side);
        setTextField(m, FIX::FIELD::OrderQty, order.order_qty);
        break;
      case 'q':
        m.getHeader().setField(FIX::FIELD::MsgType, "q");
        setTextField(m, FIX::FIELD::ClOrdID, order.cl_ord_id);
        setCharField(m, FIX::FIELD::MassCancelRequestType, order.mass_cancel_type);
        setTextField(m, FIX::FIELD::Symbol, order.symbol);
        break;
      case 'H':
        m.getHeader().setField(FIX::FIELD::MsgType, "H");
        setTextField(m, FIX::FIELD::ClOrdID, order.cl_ord_id);
        setTextField(m, FIX::FIELD::Symbol, order.symbol);
        setCharField(m, FIX::FIELD::Side, order.side);
        break;
      default: return false;
    }
    if (order.msg_type == 'H') return impl_->session->send(m);  // 35=H has no TransactTime
    m.setField(FIX::UtcTimeStampField(FIX::FIELD::TransactTime, 3));
    // Session::send runs toApp() and serialises on this (the order) thread, under the
    // session's mutex; the socket connection queues the bytes under its own mutex and
    // writes what it can at once, so sending from outside the QuickFIX thread is safe.
    return impl_->session->send(m);
  } catch (...) {
    return false;
  }
}

void FixInitiator::stop(std::chrono::milliseconds logout_wait) noexcept {
  if (!impl_) return;
  try {
    // QuickFIX 1.15 sends the Logout from its once-a-second timer and its thread sees the
    // stop at its next one-second poll, so a clean stop takes about 2 s (measured).
    Impl& impl = *impl_;
    logoutAndWait(*impl.session, [&impl] { return impl.app.loggedOn(); }, "Breakwater gateway stopping",
                  logout_wait);
    impl_->initiator->stop(true);
  } catch (...) {
    // Nothing sensible to do while shutting down; the destructor below still runs.
  }
  impl_.reset();
}

}  // namespace fix
}  // namespace bw
