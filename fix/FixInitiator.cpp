// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/FixInitiator.h"

#include <quickfix/Application.h>
#include <quickfix/Exceptions.h>
#include <quickfix/FileLog.h>
#include <quickfix/FixFieldNumbers.h>
#include <quickfix/Message.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Session.h>
#include <quickfix/SocketInitiator.h>

#include <atomic>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>

#include "fix/QuickFixSupport.h"
#include "fix/SessionWatchLog.h"

namespace bw {
namespace fix {
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
  }
  void onLogout(const FIX::SessionID&) noexcept override {
    logged_on_.store(false, std::memory_order_release);
    events_.onLogout();
  }
  void toAdmin(FIX::Message&, const FIX::SessionID&) noexcept override {}
  void toApp(FIX::Message&, const FIX::SessionID&) noexcept override {}
  void fromAdmin(const FIX::Message&, const FIX::SessionID&) noexcept override {}

  void fromApp(const FIX::Message& message, const FIX::SessionID&) noexcept override {
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
    } catch (const FIX::Exception&) {  // FieldNotFound, IncorrectDataFormat...: never into QuickFIX's thread
      events_.onUnreadableWithRaw(UnreadableReason::kFieldError, raw);
    } catch (...) {  // std::bad_alloc
      events_.onUnreadableWithRaw(UnreadableReason::kOther, raw);
    }
  }

  /// Our own copy of the logon state: Session::isLoggedOn() reads plain members that the
  /// QuickFIX thread writes, so other threads ask this instead.
  bool loggedOn() const noexcept { return logged_on_.load(std::memory_order_acquire); }

 private:
  InitiatorEvents& events_;
  std::atomic<bool> logged_on_{false};
};

}  // namespace

struct FixInitiator::Impl {
  Impl(const FixEndpoint& endpoint, InitiatorEvents& events) : claim(makeSessionId(endpoint)), app(events) {}
  SessionClaim claim;  // first member: released only after the QuickFIX objects are gone
  InitiatorApp app;
  FIX::MemoryStoreFactory store;
  std::unique_ptr<FIX::FileLogFactory> log;
  std::unique_ptr<SessionWatchLogFactory> watch;  // always: sees the session layer's refusals
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
    const FIX::SessionSettings settings = makeSessionSettings(endpoint_, SessionRole::kInitiator);
    if (endpoint_.file_log) impl->log.reset(new FIX::FileLogFactory(settings));
    impl->watch.reset(new SessionWatchLogFactory(events_, impl->log.get()));
    impl->initiator.reset(new FIX::SocketInitiator(impl->app, impl->store, settings, *impl->watch));
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
