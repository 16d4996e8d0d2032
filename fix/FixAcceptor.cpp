// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/FixAcceptor.h"

#include <quickfix/Application.h>
#include <quickfix/Exceptions.h>
#include <quickfix/FileLog.h>
#include <quickfix/FixFieldNumbers.h>
#include <quickfix/Message.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Session.h>
#include <quickfix/SocketAcceptor.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>

#include "fix/ListenerWakeup.h"
#include "fix/QuickFixSupport.h"

namespace bw {
namespace fix {
namespace {

/// Copies NewOrderSingle / OrderCancelRequest field text into a WireOrder for the venue
/// thread. Overrides are noexcept (stricter than the base's dynamic exception
/// specifications, so allowed) and catch everything themselves.
class AcceptorApp final : public FIX::Application {
 public:
  AcceptorApp(AcceptorEvents& events, bool mass_cancel) : events_(events), mass_cancel_(mass_cancel) {}

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

  void fromApp(const FIX::Message& message, const FIX::SessionID& session_id) noexcept override {
    try {
      const char msg_type = fieldChar(message.getHeader(), FIX::FIELD::MsgType);
      const bool one_char = message.getHeader().getField(FIX::FIELD::MsgType).size() == 1;
      const bool taken = msg_type == 'D' || msg_type == 'F' || msg_type == 'G' || msg_type == 'H' ||
                         (msg_type == 'q' && mass_cancel_);
      if (!one_char || !taken) {
        // Counted before the reject goes out: a peer that has read the reject may read
        // the counter next, and must find it bumped.
        events_.onUnsupported(msg_type);
        rejectUnsupported(message, session_id);
        return;
      }
      WireOrder w;
      w.msg_type = msg_type;
      w.side = fieldChar(message, FIX::FIELD::Side);
      w.ord_type = fieldChar(message, FIX::FIELD::OrdType);
      w.tif = fieldChar(message, FIX::FIELD::TimeInForce);
      w.mass_cancel_type = fieldChar(message, FIX::FIELD::MassCancelRequestType);
      w.poss_dup = fieldChar(message.getHeader(), FIX::FIELD::PossDupFlag) == 'Y';
      bool fits = copyField(message, FIX::FIELD::ClOrdID, w.cl_ord_id, sizeof w.cl_ord_id);
      fits &= copyField(message, FIX::FIELD::OrigClOrdID, w.orig_cl_ord_id, sizeof w.orig_cl_ord_id);
      fits &= copyField(message, FIX::FIELD::Symbol, w.symbol, sizeof w.symbol);
      fits &= copyField(message, FIX::FIELD::Price, w.price, sizeof w.price);
      fits &= copyField(message, FIX::FIELD::OrderQty, w.order_qty, sizeof w.order_qty);
      w.overlong = !fits;
      events_.onOrder(w);
    } catch (...) {  // never let an exception into QuickFIX's thread
      events_.onUnsupported(0);
    }
  }

  bool loggedOn() const noexcept { return logged_on_.load(std::memory_order_acquire); }

 private:
  /// BusinessMessageReject (35=j, reason 3: unsupported message type). What QuickFIX does
  /// itself when fromApp throws UnsupportedMessageType, which our noexcept override cannot.
  static void rejectUnsupported(const FIX::Message& message, const FIX::SessionID& session_id) {
    FIX::Message reject;
    reject.getHeader().setField(FIX::FIELD::MsgType, "j");
    reject.setField(FIX::FIELD::RefSeqNum, message.getHeader().getField(FIX::FIELD::MsgSeqNum));
    reject.setField(FIX::FIELD::RefMsgType, message.getHeader().getField(FIX::FIELD::MsgType));
    reject.setField(FIX::FIELD::BusinessRejectReason, "3");
    if (message.isSetField(FIX::FIELD::ClOrdID)) {  // names the request for the sender
      reject.setField(FIX::FIELD::BusinessRejectRefID, message.getField(FIX::FIELD::ClOrdID));
    }
    reject.setField(FIX::FIELD::Text, "Unsupported message type");
    FIX::Session::sendToTarget(reject, session_id);
  }

  AcceptorEvents& events_;
  const bool mass_cancel_;  // 35=q taken (else answered with 35=j)
  std::atomic<bool> logged_on_{false};
};

}  // namespace

struct FixAcceptor::Impl {
  Impl(const FixEndpoint& endpoint, AcceptorEvents& events)
      : claim(makeSessionId(endpoint)), app(events, endpoint.massCancelOnWire()) {}
  SessionClaim claim;  // first member: released only after the QuickFIX objects are gone
  AcceptorApp app;
  std::unique_ptr<FIX::MessageStoreFactory> store;
  std::unique_ptr<FIX::FileLogFactory> log;
  std::unique_ptr<FIX::SocketAcceptor> acceptor;
  FIX::Session* session = nullptr;  // owned by `acceptor`; cached to skip the global lookup
};

FixAcceptor::FixAcceptor(const FixEndpoint& endpoint, AcceptorEvents& events)
    : endpoint_(endpoint), events_(events) {}

FixAcceptor::~FixAcceptor() { stop(std::chrono::milliseconds(2000)); }

bool FixAcceptor::tryStart() {
  if (impl_) throw std::runtime_error("FIX acceptor: already started");
  const std::string what = "FIX acceptor " + endpoint_.sender_comp_id + "->" + endpoint_.target_comp_id +
                           " on port " + std::to_string(endpoint_.port);
  std::unique_ptr<Impl> impl;
  try {
    impl.reset(new Impl(endpoint_, events_));
    impl->store = makeStoreFactory(endpoint_);
    const FIX::SessionSettings settings = makeSessionSettings(endpoint_, SessionRole::kAcceptor);
    if (endpoint_.file_log) {
      impl->log.reset(new FIX::FileLogFactory(settings));
      impl->acceptor.reset(new FIX::SocketAcceptor(impl->app, *impl->store, settings, *impl->log));
    } else {
      impl->acceptor.reset(new FIX::SocketAcceptor(impl->app, *impl->store, settings));
    }
    impl->session = impl->acceptor->getSession(makeSessionId(endpoint_));
    if (impl->session == nullptr) throw std::runtime_error("session was not created");
  } catch (const std::exception& e) {
    throw std::runtime_error(what + " failed to start: " + e.what());
  }
  try {
    // Binds and listens here, on this thread; the accept loop then runs on its own thread.
    impl->acceptor->start();
  } catch (const FIX::RuntimeError&) {
    return false;  // "Unable to create, bind, or listen to port": the caller may retry
  } catch (const std::exception& e) {
    throw std::runtime_error(what + " failed to start: " + e.what());
  }
  impl_ = std::move(impl);
  return true;
}

int FixAcceptor::dropConnections() noexcept {
  if (!impl_) return 0;
  // QuickFIX keeps its accepted sockets private, so find them: a socket whose local port is
  // ours and that has a peer (the listening socket has none; our own initiator's socket in
  // the same process has the peer port, not the local one).
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return 0;
  int cut = 0;
  while (const dirent* entry = ::readdir(dir)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == ::dirfd(dir)) continue;
    sockaddr_in local{};
    sockaddr_in peer{};
    socklen_t local_len = sizeof local;
    socklen_t peer_len = sizeof peer;
    const int sock = static_cast<int>(fd);
    if (::getsockname(sock, reinterpret_cast<sockaddr*>(&local), &local_len) != 0 || local.sin_family != AF_INET) {
      continue;
    }
    if (ntohs(local.sin_port) != endpoint_.port) continue;
    if (::getpeername(sock, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) continue;
    if (::shutdown(sock, SHUT_RDWR) == 0) ++cut;
  }
  ::closedir(dir);
  return cut;
}

bool FixAcceptor::requestResend(int begin_seq, int end_seq) noexcept {
  if (!impl_ || !impl_->app.loggedOn()) return false;
  try {
    FIX::Message m;
    m.getHeader().setField(FIX::FIELD::MsgType, "2");
    m.setField(FIX::FIELD::BeginSeqNo, std::to_string(begin_seq));
    m.setField(FIX::FIELD::EndSeqNo, std::to_string(end_seq));
    return impl_->session->send(m);
  } catch (...) {
    return false;
  }
}

bool FixAcceptor::sendSessionReject(int ref_seq_num, const char* text) noexcept {
  if (!impl_ || !impl_->app.loggedOn()) return false;
  try {
    FIX::Message m;
    m.getHeader().setField(FIX::FIELD::MsgType, "3");
    m.setField(FIX::FIELD::RefSeqNum, std::to_string(ref_seq_num));
    m.setField(FIX::FIELD::SessionRejectReason, "99");  // Other
    setTextField(m, FIX::FIELD::Text, text);
    return impl_->session->send(m);
  } catch (...) {
    return false;
  }
}

bool FixAcceptor::loggedOn() const noexcept { return impl_ && impl_->app.loggedOn(); }

bool FixAcceptor::send(const WireExec& exec) noexcept {
  if (!impl_) return false;
  try {
    FIX::Message m;
    if (exec.msg_type == '8') {
      m.getHeader().setField(FIX::FIELD::MsgType, "8");
      setCharField(m, FIX::FIELD::ExecType, exec.exec_type);
      setCharField(m, FIX::FIELD::ExecTransType, exec.exec_trans_type);  // FIX 4.2 only
      setTextField(m, FIX::FIELD::LastPx, exec.last_px);
      setTextField(m, FIX::FIELD::LastQty, exec.last_qty);
      setTextField(m, FIX::FIELD::LeavesQty, exec.leaves_qty);
      setTextField(m, FIX::FIELD::CumQty, exec.cum_qty);
      setTextField(m, FIX::FIELD::AvgPx, exec.avg_px);
      setTextField(m, FIX::FIELD::OrderQty, exec.order_qty);
      setTextField(m, FIX::FIELD::Price, exec.price);
      setTextField(m, FIX::FIELD::ExecID, exec.exec_id);
      setCharField(m, FIX::FIELD::Side, exec.side);
      setTextField(m, FIX::FIELD::Symbol, exec.symbol);
    } else if (exec.msg_type == '9') {
      m.getHeader().setField(FIX::FIELD::MsgType, "9");
      setCharField(m, FIX::FIELD::CxlRejResponseTo, exec.cxl_rej_response_to);
    } else if (exec.msg_type == 'r') {
      m.getHeader().setField(FIX::FIELD::MsgType, "r");
      setCharField(m, FIX::FIELD::MassCancelRequestType, exec.mass_cancel_request_type);
      setCharField(m, FIX::FIELD::MassCancelResponse, exec.mass_cancel_response);
      setTextField(m, FIX::FIELD::TotalAffectedOrders, exec.total_affected);
      setTextField(m, FIX::FIELD::Symbol, exec.symbol);
      setTextField(m, FIX::FIELD::OrderID, exec.order_id);
      setTextField(m, FIX::FIELD::ClOrdID, exec.cl_ord_id);
      setTextField(m, FIX::FIELD::Text, exec.text);
      m.setField(FIX::UtcTimeStampField(FIX::FIELD::TransactTime, 3));
      return impl_->session->send(m);
    } else {
      return false;
    }
    setTextField(m, FIX::FIELD::OrderID, exec.order_id);
    setTextField(m, FIX::FIELD::ClOrdID, exec.cl_ord_id);
    setTextField(m, FIX::FIELD::OrigClOrdID, exec.orig_cl_ord_id);
    setCharField(m, FIX::FIELD::OrdStatus, exec.ord_status);
    setTextField(m, FIX::FIELD::Text, exec.text);
    m.setField(FIX::UtcTimeStampField(FIX::FIELD::TransactTime, 3));
    return impl_->session->send(m);
  } catch (...) {
    return false;
  }
}

void FixAcceptor::stop(std::chrono::milliseconds logout_wait) noexcept {
  if (!impl_) return;
  try {
    Impl& impl = *impl_;
    logoutAndWait(*impl.session, [&impl] { return impl.app.loggedOn(); }, "Venue simulator stopping", logout_wait);
    // Without it the join below waits out the acceptor thread's select(): up to 1 s a stop.
    const ListenerWakeup wakeup(endpoint_.port);
    impl_->acceptor->stop(true);
  } catch (...) {
    // Shutting down: nothing better to do; the objects below are still destroyed.
  }
  impl_.reset();
}

}  // namespace fix
}  // namespace bw
