// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/CertSession.h"

#include <quickfix/Application.h>
#include <quickfix/Dictionary.h>
#include <quickfix/Exceptions.h>
#include <quickfix/Log.h>
#include <quickfix/FixFieldNumbers.h>
#include <quickfix/Message.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketInitiator.h>
#include <quickfix/Values.h>

#include <x86intrin.h>

#include <atomic>
#include <cstdlib>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "fix/QuickFixSupport.h"

namespace bw {
namespace fix {

const std::string* CertMessage::field(int tag) const {
  for (const CertField& f : fields) {
    if (f.tag == tag) return &f.value;
  }
  return nullptr;
}

std::string CertMessage::text(int tag) const {
  const std::string* v = field(tag);
  return v == nullptr ? std::string() : *v;
}

namespace {

/// Every message received and every session event, for the script's take(). Filled from
/// QuickFIX's Log (below), which sees each raw message before the session checks it: a
/// gap fill below our expected sequence number, which QuickFIX consumes without passing
/// it to the application, is still seen.
class Inbox {
 public:
  void keep(const std::string& raw) noexcept {
    try {
      CertMessage c;
      c.received_tsc = __rdtsc();  // first: parsing is not part of the round trip
      std::size_t pos = 0;
      while (pos < raw.size()) {
        std::size_t soh = raw.find('\x01', pos);
        if (soh == std::string::npos) soh = raw.size();
        const std::size_t eq = raw.find('=', pos);
        if (eq != std::string::npos && eq < soh) {
          const int tag = std::atoi(raw.substr(pos, eq - pos).c_str());
          CertField f{tag, raw.substr(eq + 1, soh - eq - 1)};
          if (tag == 35) c.msg_type = f.value;
          c.fields.push_back(std::move(f));
        }
        pos = soh + 1;
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        received_.push_back(std::move(c));
      }
      arrived_.notify_all();
    } catch (...) {  // never let an exception into QuickFIX's thread; the script times out
    }
  }

  void event(const std::string& text) noexcept {
    try {
      std::lock_guard<std::mutex> lock(mutex_);
      events_.push_back(text);
      if (events_.size() > kEventsKept) events_.pop_front();
    } catch (...) {
    }
  }

  bool take(const std::function<bool(const CertMessage&)>& match, std::chrono::milliseconds timeout,
            CertMessage& out) {
    std::unique_lock<std::mutex> lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      for (std::deque<CertMessage>::iterator it = received_.begin(); it != received_.end(); ++it) {
        if (match(*it)) {
          out = std::move(*it);
          received_.erase(it);
          return true;
        }
      }
      if (std::chrono::steady_clock::now() >= deadline) return false;
      arrived_.wait_until(lock, deadline);
    }
  }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    received_.clear();
  }

  std::string events() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string out;
    for (const std::string& e : events_) {
      if (!out.empty()) out += "; ";
      out += e;
    }
    return out;
  }

 private:
  static constexpr std::size_t kEventsKept = 8;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<CertMessage> received_;
  std::deque<std::string> events_;
};

class InboxLog final : public FIX::Log {
 public:
  explicit InboxLog(Inbox& inbox) : inbox_(inbox) {}
  void clear() override {}
  void backup() override {}
  void onIncoming(const std::string& raw) override { inbox_.keep(raw); }
  void onOutgoing(const std::string&) override {}
  void onEvent(const std::string& text) override { inbox_.event(text); }

 private:
  Inbox& inbox_;
};

class InboxLogFactory final : public FIX::LogFactory {
 public:
  explicit InboxLogFactory(Inbox& inbox) : inbox_(inbox) {}
  FIX::Log* create() override { return new InboxLog(inbox_); }
  FIX::Log* create(const FIX::SessionID&) override { return new InboxLog(inbox_); }
  void destroy(FIX::Log* log) override { delete log; }

 private:
  Inbox& inbox_;
};

/// Only the logon state: every message is seen by the Log above.
class CertApp final : public FIX::Application {
 public:
  void onCreate(const FIX::SessionID&) noexcept override {}
  void onLogon(const FIX::SessionID&) noexcept override { logged_on_.store(true, std::memory_order_release); }
  void onLogout(const FIX::SessionID&) noexcept override { logged_on_.store(false, std::memory_order_release); }
  void toAdmin(FIX::Message&, const FIX::SessionID&) noexcept override {}
  void toApp(FIX::Message&, const FIX::SessionID&) noexcept override {}
  void fromAdmin(const FIX::Message&, const FIX::SessionID&) noexcept override {}
  void fromApp(const FIX::Message&, const FIX::SessionID&) noexcept override {}

  bool loggedOn() const noexcept { return logged_on_.load(std::memory_order_acquire); }

 private:
  std::atomic<bool> logged_on_{false};
};

/// One initiator session as [fix] configures it (makeSessionSettings fixes the gateway's
/// choices: reset always on, no dictionary; certification must follow the config).
FIX::SessionSettings certSettings(const CertSettings& s) {
  const FIX::SessionID id = makeSessionId(s.endpoint);
  FIX::Dictionary d;
  d.setString(FIX::CONNECTION_TYPE, "initiator");
  d.setString(FIX::BEGINSTRING, id.getBeginString().getString());
  d.setString(FIX::SENDERCOMPID, id.getSenderCompID().getString());
  d.setString(FIX::TARGETCOMPID, id.getTargetCompID().getString());
  d.setString(FIX::START_TIME, "00:00:00");  // equal start and end: a 24-hour session
  d.setString(FIX::END_TIME, "00:00:00");
  d.setInt(FIX::HEARTBTINT, s.endpoint.heartbeat_s);
  d.setBool(FIX::USE_DATA_DICTIONARY, s.use_data_dictionary);
  if (s.use_data_dictionary) d.setString(FIX::DATA_DICTIONARY, s.data_dictionary);
  // MemoryStore: a fresh process starts at 1 whatever the flag; with the flag off, a
  // logout and logon again in the same run keeps counting (the sequence scenario checks it).
  d.setBool(FIX::RESET_ON_LOGON, s.reset_on_logon);
  d.setBool(FIX::RESET_ON_LOGOUT, s.reset_on_logon);
  d.setBool(FIX::RESET_ON_DISCONNECT, s.reset_on_logon);
  // Kept (in memory) and resent on request, unlike the gateway's PersistMessages=N: QuickFIX
  // 1.15 answers a ResendRequest without a store by a gap fill and returns before counting
  // the ResendRequest's own MsgSeqNum (Session::nextResendRequest), so the next message
  // looks too high, is queued, and the counterparty's ResendRequest for the missing one is
  // then gap-filled over it: an order lost. Seen here against the venue simulator.
  d.setBool(FIX::PERSIST_MESSAGES, true);
  d.setBool(FIX::SOCKET_NODELAY, true);
  d.setInt(FIX::LOGON_TIMEOUT, 5);
  d.setInt(FIX::LOGOUT_TIMEOUT, 2);
  d.setString(FIX::SOCKET_CONNECT_HOST, s.endpoint.host);
  d.setInt(FIX::SOCKET_CONNECT_PORT, s.endpoint.port);
  d.setInt(FIX::RECONNECT_INTERVAL, 1);
  FIX::SessionSettings settings;
  settings.set(d);
  settings.set(id, d);
  return settings;
}

}  // namespace

struct CertSession::Impl {
  explicit Impl(const FixEndpoint& endpoint) : claim(makeSessionId(endpoint)), log(inbox) {}
  SessionClaim claim;  // first member: released only after the QuickFIX objects are gone
  Inbox inbox;
  CertApp app;
  FIX::MemoryStoreFactory store;
  InboxLogFactory log;
  std::unique_ptr<FIX::SocketInitiator> initiator;
  FIX::Session* session = nullptr;  // owned by `initiator`
};

CertSession::CertSession(const CertSettings& settings) : settings_(settings) {}

CertSession::~CertSession() { stop(std::chrono::milliseconds(2000)); }

void CertSession::start() {
  if (impl_) throw std::runtime_error("cert session: already started");
  const FixEndpoint& e = settings_.endpoint;
  try {
    std::unique_ptr<Impl> impl(new Impl(e));
    const FIX::SessionSettings settings = certSettings(settings_);
    impl->initiator.reset(new FIX::SocketInitiator(impl->app, impl->store, settings, impl->log));
    impl->session = impl->initiator->getSession(makeSessionId(e));
    if (impl->session == nullptr) throw std::runtime_error("session was not created");
    impl->initiator->start();
    impl_ = std::move(impl);
  } catch (const std::exception& ex) {
    std::string what = "cert session ";
    what += e.sender_comp_id;
    what += "->";
    what += e.target_comp_id;
    what += " to ";
    what += e.host;
    what += ":";
    what += std::to_string(e.port);
    what += " failed to start: ";
    what += ex.what();
    throw std::runtime_error(what);
  }
}

bool CertSession::loggedOn() const noexcept { return impl_ && impl_->app.loggedOn(); }

bool CertSession::waitLoggedOn(bool state, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (loggedOn() != state) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

std::uint64_t CertSession::send(const std::string& msg_type, const std::vector<CertField>& body) noexcept {
  if (!impl_ || !impl_->app.loggedOn()) return 0;
  try {
    FIX::Message m;
    m.getHeader().setField(FIX::FIELD::MsgType, msg_type);
    for (const CertField& f : body) m.setField(f.tag, f.value);
    const std::uint64_t tsc = __rdtsc();
    return impl_->session->send(m) ? tsc : 0;
  } catch (...) {
    return 0;
  }
}

bool CertSession::take(const std::function<bool(const CertMessage&)>& match, std::chrono::milliseconds timeout,
                       CertMessage& out) {
  if (!impl_) return false;
  return impl_->inbox.take(match, timeout, out);
}

void CertSession::clearReceived() {
  if (impl_) impl_->inbox.clear();
}

std::string CertSession::recentEvents() const { return impl_ ? impl_->inbox.events() : std::string(); }

int CertSession::nextSenderSeqNum() const { return impl_ ? impl_->session->getExpectedSenderNum() : 0; }

int CertSession::nextTargetSeqNum() const { return impl_ ? impl_->session->getExpectedTargetNum() : 0; }

bool CertSession::setNextSenderSeqNum(int seq) noexcept {
  if (!impl_) return false;
  try {
    impl_->session->setNextSenderMsgSeqNum(seq);
    return true;
  } catch (...) {
    return false;
  }
}

void CertSession::logout(const std::string& reason) noexcept {
  if (!impl_) return;
  try {
    impl_->session->logout(reason);
  } catch (...) {
  }
}

void CertSession::logon() noexcept {
  if (!impl_) return;
  try {
    impl_->session->logon();
  } catch (...) {
  }
}

void CertSession::stop(std::chrono::milliseconds logout_wait) noexcept {
  if (!impl_) return;
  try {
    Impl& impl = *impl_;
    logoutAndWait(*impl.session, [&impl] { return impl.app.loggedOn(); }, "Breakwater cert done", logout_wait);
    impl_->initiator->stop(true);
  } catch (...) {
  }
  impl_.reset();
}

}  // namespace fix
}  // namespace bw
