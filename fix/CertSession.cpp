// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/CertSession.h"

#include <quickfix/Application.h>
#include <quickfix/Dictionary.h>
#include <quickfix/Exceptions.h>
#include <quickfix/FileLog.h>
#include <quickfix/FixFieldNumbers.h>
#include <quickfix/Message.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketInitiator.h>
#include <quickfix/Values.h>

#include <x86intrin.h>

#include <atomic>
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

void appendFields(const FIX::FieldMap& map, std::vector<CertField>& out) {
  for (FIX::FieldMap::const_iterator it = map.begin(); it != map.end(); ++it) {
    out.push_back(CertField{it->getTag(), it->getString()});
  }
}

/// Keeps every message received, admin and application, for the script's take().
class CertApp final : public FIX::Application {
 public:
  void onCreate(const FIX::SessionID&) noexcept override {}
  void onLogon(const FIX::SessionID&) noexcept override { logged_on_.store(true, std::memory_order_release); }
  void onLogout(const FIX::SessionID&) noexcept override { logged_on_.store(false, std::memory_order_release); }
  void toAdmin(FIX::Message&, const FIX::SessionID&) noexcept override {}
  void toApp(FIX::Message&, const FIX::SessionID&) noexcept override {}
  void fromAdmin(const FIX::Message& m, const FIX::SessionID&) noexcept override { keep(m); }
  void fromApp(const FIX::Message& m, const FIX::SessionID&) noexcept override { keep(m); }

  bool loggedOn() const noexcept { return logged_on_.load(std::memory_order_acquire); }

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
      if (arrived_.wait_until(lock, deadline) == std::cv_status::timeout) {
        // One last look: a message may have come with the timeout.
        for (std::deque<CertMessage>::iterator it = received_.begin(); it != received_.end(); ++it) {
          if (match(*it)) {
            out = std::move(*it);
            received_.erase(it);
            return true;
          }
        }
        return false;
      }
    }
  }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    received_.clear();
  }

 private:
  void keep(const FIX::Message& m) noexcept {
    try {
      CertMessage c;
      c.received_tsc = __rdtsc();  // first: the copy below is not part of the round trip
      c.msg_type = fieldText(m.getHeader(), FIX::FIELD::MsgType);
      appendFields(m.getHeader(), c.fields);
      appendFields(m, c.fields);
      appendFields(m.getTrailer(), c.fields);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        received_.push_back(std::move(c));
      }
      arrived_.notify_all();
    } catch (...) {  // never let an exception into QuickFIX's thread; the script times out
    }
  }

  static std::string fieldText(const FIX::FieldMap& map, int tag) {
    return map.isSetField(tag) ? map.getField(tag) : std::string();
  }

  std::atomic<bool> logged_on_{false};
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<CertMessage> received_;
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
  d.setBool(FIX::PERSIST_MESSAGES, false);  // resend requests are answered with a gap fill
  d.setBool(FIX::SOCKET_NODELAY, true);
  d.setInt(FIX::LOGON_TIMEOUT, 5);
  d.setInt(FIX::LOGOUT_TIMEOUT, 2);
  d.setString(FIX::SOCKET_CONNECT_HOST, s.endpoint.host);
  d.setInt(FIX::SOCKET_CONNECT_PORT, s.endpoint.port);
  d.setInt(FIX::RECONNECT_INTERVAL, 1);
  if (s.endpoint.file_log) d.setString(FIX::FILE_LOG_PATH, s.endpoint.work_dir.empty() ? "." : s.endpoint.work_dir);
  FIX::SessionSettings settings;
  settings.set(d);
  settings.set(id, d);
  return settings;
}

}  // namespace

struct CertSession::Impl {
  explicit Impl(const FixEndpoint& endpoint) : claim(makeSessionId(endpoint)) {}
  SessionClaim claim;  // first member: released only after the QuickFIX objects are gone
  CertApp app;
  FIX::MemoryStoreFactory store;
  std::unique_ptr<FIX::FileLogFactory> log;
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
    if (e.file_log) {
      impl->log.reset(new FIX::FileLogFactory(settings));
      impl->initiator.reset(new FIX::SocketInitiator(impl->app, impl->store, settings, *impl->log));
    } else {
      impl->initiator.reset(new FIX::SocketInitiator(impl->app, impl->store, settings));
    }
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
  return impl_->app.take(match, timeout, out);
}

void CertSession::clearReceived() {
  if (impl_) impl_->app.clear();
}

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
