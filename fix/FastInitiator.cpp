// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/FastInitiator.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <x86intrin.h>

#include <quickfix/Exceptions.h>
#include <quickfix/FileLog.h>
#include <quickfix/Initiator.h>
#include <quickfix/Message.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Responder.h>
#include <quickfix/Session.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "fix/FixedSentStore.h"
#include "fix/InitiatorApp.h"
#include "fix/QuickFixSupport.h"
#include "fix/SentMessageStore.h"
#include "fix/SessionWatchLog.h"

namespace bw {
namespace fix {
namespace {

constexpr std::int64_t kReconnectIntervalNs = 1'000'000'000;  // SocketInitiator's ReconnectInterval=1
constexpr std::int64_t kConnectTimeoutNs = 5'000'000'000;
constexpr char kSoh = '\x01';

std::int64_t steadyNs() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

/// The session's FIX::MessageStore: sequence numbers here (memory; the session resets them
/// on every logon anyway), sent messages in the SentMessageStore. Overrides are noexcept
/// (stricter than the base's dynamic exception specifications).
class SentStoreAdapter final : public FIX::MessageStore {
 public:
  /// Starts from the store's kept sequence numbers when it keeps them (a file store:
  /// the session carries on after a restart), else from 1.
  explicit SentStoreAdapter(SentMessageStore& sent) : sent_(sent) {
    if (sent_.keptNextSenderSeqNum() > 0) next_sender_ = sent_.keptNextSenderSeqNum();
    if (sent_.keptNextTargetSeqNum() > 0) next_target_ = sent_.keptNextTargetSeqNum();
  }

  bool set(int seq, const std::string& message) noexcept override {
    return seq > 0 && sent_.store(static_cast<std::uint64_t>(seq), message.data(), message.size());
  }

  void get(int begin, int end, std::vector<std::string>& out) const noexcept override {
    // The range comes from the counterparty's ResendRequest: clamp it to what we sent.
    if (begin < 1) begin = 1;
    if (end > next_sender_ - 1) end = next_sender_ - 1;
    char buffer[4096];
    try {
      for (int seq = begin; seq <= end; ++seq) {
        const std::size_t n = sent_.load(static_cast<std::uint64_t>(seq), buffer, sizeof buffer);
        if (n != 0) out.emplace_back(buffer, n);  // an unkept one: QuickFIX gap-fills it
      }
    } catch (...) {  // std::bad_alloc: the rest is gap-filled, never silently skipped
    }
  }

  int getNextSenderMsgSeqNum() const noexcept override { return next_sender_; }
  int getNextTargetMsgSeqNum() const noexcept override { return next_target_; }
  // Every change goes through to the store (a no-op unless it keeps the numbers).
  void setNextSenderMsgSeqNum(int value) noexcept override {
    next_sender_ = value;
    sent_.keepNextSenderSeqNum(next_sender_);
  }
  void setNextTargetMsgSeqNum(int value) noexcept override {
    next_target_ = value;
    sent_.keepNextTargetSeqNum(next_target_);
  }
  void incrNextSenderMsgSeqNum() noexcept override { setNextSenderMsgSeqNum(next_sender_ + 1); }
  void incrNextTargetMsgSeqNum() noexcept override { setNextTargetMsgSeqNum(next_target_ + 1); }
  FIX::UtcTimeStamp getCreationTime() const noexcept override { return creation_; }
  void reset() noexcept override {
    next_sender_ = 1;
    next_target_ = 1;
    sent_.clear();
    creation_.setCurrent();
  }
  void refresh() noexcept override {}

  /// sendPrebuilt's path: the bytes as they are, no std::string.
  bool storeRaw(std::uint64_t seq, const char* bytes, std::size_t len) noexcept { return sent_.store(seq, bytes, len); }

 private:
  SentMessageStore& sent_;
  int next_sender_ = 1;
  int next_target_ = 1;
  FIX::UtcTimeStamp creation_;
};

class SentStoreFactory final : public FIX::MessageStoreFactory {
 public:
  explicit SentStoreFactory(SentMessageStore& sent) : sent_(sent) {}
  FIX::MessageStore* create(const FIX::SessionID&) override {
    adapter_ = new SentStoreAdapter(sent_);
    return adapter_;
  }
  void destroy(FIX::MessageStore* store) override {
    if (store == adapter_) adapter_ = nullptr;
    delete store;
  }
  SentStoreAdapter* adapter() const noexcept { return adapter_; }

 private:
  SentMessageStore& sent_;
  SentStoreAdapter* adapter_ = nullptr;
};

/// Our session and where its venue listens (resolved once, at start).
struct VenueAddress {
  FIX::SessionID id;
  sockaddr_storage address{};
  socklen_t address_len = 0;
};

/// Resolves endpoint.host:port. Throws std::runtime_error. Cold path.
VenueAddress resolve(const FixEndpoint& endpoint) {
  VenueAddress venue;
  venue.id = makeSessionId(endpoint);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(endpoint.port);
  const int rc = ::getaddrinfo(endpoint.host.c_str(), port.c_str(), &hints, &found);
  if (rc != 0 || found == nullptr) throw std::runtime_error(std::string("cannot resolve host: ") + gai_strerror(rc));
  std::memcpy(&venue.address, found->ai_addr, found->ai_addrlen);
  venue.address_len = found->ai_addrlen;
  ::freeaddrinfo(found);
  return venue;
}

/// FIX::Initiator driven by its owner's poll() instead of a thread, with our own
/// non-blocking TCP transport; it is also the session's Responder. QuickFIX's Initiator
/// keeps the connected/disconnected bookkeeping and decides (connect()) whether the
/// session may connect (enabled, in session time); we never call its start()/stop().
class PolledInitiator final : public FIX::Initiator, private FIX::Responder {
 public:
  /// `log`: the session-layer watch (SessionWatchLog), with a FileLog inside it when
  /// endpoint.file_log; `log_raw_sends` then also writes our raw sends to it (allocates:
  /// FileLog is for debugging).
  PolledInitiator(FIX::Application& app, SentStoreFactory& stores, const FIX::SessionSettings& settings,
                  FIX::LogFactory& log, const VenueAddress& venue, bool log_raw_sends)
      : FIX::Initiator(app, stores, settings, log), venue_(venue) {
    attach(stores);
    file_log_ = log_raw_sends;
  }

  ~PolledInitiator() override { dropConnection(); }

  void pollOnce() {
    const std::int64_t now = steadyNs();
    if (broken_) dropConnection();
    if (state_ == State::kDisconnected && now - last_attempt_ns_ >= kReconnectIntervalNs) {
      last_attempt_ns_ = now;
      connect();  // Initiator: doConnect() for our session if enabled and in session time
    }
    if (state_ == State::kConnecting) checkConnecting(now);
    if (state_ != State::kConnected) return;
    if (tx_begin_ != tx_end_) flush();
    readAvailable();
    if (state_ == State::kConnected && now - last_timer_ns_ >= FastInitiator::kTimerIntervalNs) {
      last_timer_ns_ = now;
      session_->next(FIX::UtcTimeStamp());  // Logon after connect, heartbeats, timeouts
    }
  }

  /// Makes the next pollOnce() run the session's timers (stop(): the Logout goes at once).
  void runTimersNow() noexcept { last_timer_ns_ = 0; }

  bool sendPrebuilt(const char* bytes, std::size_t len, std::uint64_t seq) noexcept {
    if (state_ != State::kConnected || !session_->isLoggedOn()) return false;
    if (seq != static_cast<std::uint64_t>(adapter_->getNextSenderMsgSeqNum())) return false;
    if (!writeOrQueue(bytes, len)) return false;
    (void)adapter_->storeRaw(seq, bytes, len);  // not kept (too long): a resend gap-fills it
    adapter_->incrNextSenderMsgSeqNum();
    ++stats_.raw_sends;
    if (file_log_) logOutgoing(bytes, len);
    return true;
  }

  FIX::Session& session() noexcept { return *session_; }
  const SentStoreAdapter& store() const noexcept { return *adapter_; }
  bool connected() const noexcept { return state_ == State::kConnected; }
  const FastInitiatorStats& transportStats() const noexcept { return stats_; }
  const SocketWriteStamps& lastWrite() const noexcept { return last_write_; }

  /// Closes the connection through the session (which fires onLogout and resets the
  /// sequence numbers as configured), or directly when the session has let go.
  void dropConnection() noexcept {
    if (state_ == State::kConnected) {
      try {
        session_->disconnect();  // calls our disconnect() while it holds us as Responder
      } catch (...) {
      }
    }
    closeSocket();
  }

 private:
  enum class State { kDisconnected, kConnecting, kConnected };

  void attach(const SentStoreFactory& stores) {
    session_ = getSession(venue_.id);
    adapter_ = stores.adapter();
    if (session_ == nullptr || adapter_ == nullptr) throw std::runtime_error("session was not created");
    session_->setPersistMessages(true);  // keep QuickFIX's own sends for a ResendRequest too
  }

  // FIX::Initiator: we run nothing on QuickFIX's terms.
  void onStart() override {}
  bool onPoll(double) override { return false; }
  void onStop() override {}

  void doConnect(const FIX::SessionID&, const FIX::Dictionary&) override {
    const int fd = ::socket(venue_.address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    const int one = 1;
    (void)::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // SocketNodelay=Y
    fd_ = fd;
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&venue_.address), venue_.address_len) == 0) {
      onConnected();
    } else if (errno == EINPROGRESS) {
      state_ = State::kConnecting;
      connect_started_ns_ = steadyNs();
      setPending(venue_.id);
    } else {
      closeSocket();
    }
  }

  void checkConnecting(std::int64_t now) {
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, 0) <= 0) {
      if (now - connect_started_ns_ > kConnectTimeoutNs) closeSocket();
      return;
    }
    int error = 0;
    socklen_t len = sizeof error;
    if (::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &len) != 0 || error != 0) {
      closeSocket();
      return;
    }
    onConnected();
  }

  void onConnected() {
    state_ = State::kConnected;
    ++stats_.connects;
    setConnected(venue_.id);
    (void)getSession(venue_.id, *this);  // sets us as the session's Responder
    last_timer_ns_ = 0;            // the next timer run sends the Logon
  }

  void closeSocket() noexcept {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
      ++stats_.disconnects;
    }
    if (state_ != State::kDisconnected) {
      try {
        setDisconnected(venue_.id);
      } catch (...) {
      }
    }
    state_ = State::kDisconnected;
    rx_len_ = 0;
    tx_begin_ = tx_end_ = 0;
    broken_ = false;
  }

  // FIX::Responder: QuickFIX's own sends and its disconnects.
  bool send(const std::string& bytes) override {
    ++stats_.session_sends;
    return writeOrQueue(bytes.data(), bytes.size());
  }
  void disconnect() override { closeSocket(); }

  /// One send() call; what it does not take goes behind anything already queued.
  bool writeOrQueue(const char* bytes, std::size_t len) noexcept {
    if (fd_ < 0 || broken_) return false;
    std::size_t written = 0;
    if (tx_begin_ == tx_end_) {
      last_write_.handed_tsc = __rdtsc();
      const ssize_t n = ::send(fd_, bytes, len, MSG_NOSIGNAL | MSG_DONTWAIT);
      last_write_.returned_tsc = __rdtsc();
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        broken_ = true;
        return false;
      }
      if (n > 0) written = static_cast<std::size_t>(n);
      if (written == len) return true;
      ++stats_.short_writes;
    }
    const std::size_t rest = len - written;
    if (tx_end_ + rest > FastInitiator::kSendQueueBytes) {
      compactQueue();
      if (tx_end_ + rest > FastInitiator::kSendQueueBytes) {
        broken_ = true;  // the venue stopped reading: drop rather than block the order thread
        return false;
      }
    }
    std::memcpy(tx_.get() + tx_end_, bytes + written, rest);
    tx_end_ += rest;
    return true;
  }

  void compactQueue() noexcept {
    std::memmove(tx_.get(), tx_.get() + tx_begin_, tx_end_ - tx_begin_);
    tx_end_ -= tx_begin_;
    tx_begin_ = 0;
  }

  void flush() noexcept {
    const ssize_t n = ::send(fd_, tx_.get() + tx_begin_, tx_end_ - tx_begin_, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) broken_ = true;
      return;
    }
    tx_begin_ += static_cast<std::size_t>(n);
    if (tx_begin_ == tx_end_) tx_begin_ = tx_end_ = 0;
  }

  void readAvailable() {
    while (state_ == State::kConnected) {
      const std::size_t space = FastInitiator::kReceiveBufferBytes - rx_len_;
      if (space == 0) {  // one message longer than the buffer: not a venue we can talk to
        ++stats_.framing_errors;
        dropConnection();
        return;
      }
      const ssize_t n = ::recv(fd_, rx_.get() + rx_len_, space, MSG_DONTWAIT);
      if (n > 0) {
        rx_len_ += static_cast<std::size_t>(n);
        deliver();
        if (static_cast<std::size_t>(n) < space) return;  // drained
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      dropConnection();  // 0: the venue closed; < 0: the line broke
      return;
    }
  }

  /// Hands every complete message in rx_ to the session; keeps a partial one.
  void deliver() {
    std::size_t pos = 0;
    bool have_now = false;
    FIX::UtcTimeStamp now;  // one clock read for the batch
    while (state_ == State::kConnected) {
      std::size_t length = 0;
      const Frame f = frame(rx_.get() + pos, rx_len_ - pos, length);
      if (f == Frame::kPartial) break;
      if (f == Frame::kGarbage) {  // skip to the next "8=" (QuickFIX's parser does the same)
        ++stats_.framing_errors;
        pos += 1;
        while (pos + 1 < rx_len_ && !(rx_[pos] == '8' && rx_[pos + 1] == '=')) ++pos;
        continue;
      }
      if (!have_now) {
        now.setCurrent();
        have_now = true;
      }
      message_.assign(rx_.get() + pos, length);
      pos += length;
      ++stats_.messages_in;
      try {
        session_->next(message_, now);
      } catch (const FIX::InvalidMessage&) {
        // Session::next has logged it ("Invalid message": SessionWatchLog counts it) and
        // rethrows. As QuickFIX's SocketConnection does: drop the line only before logon,
        // else read on (the sequence number stays open for the venue's next message).
        ++stats_.invalid_messages;
        if (!session_->isLoggedOn()) dropConnection();
      }
    }
    if (state_ != State::kConnected) return;  // the session disconnected: rx_ was cleared
    std::memmove(rx_.get(), rx_.get() + pos, rx_len_ - pos);
    rx_len_ -= pos;
  }

  enum class Frame { kComplete, kPartial, kGarbage };

  /// 8=<BeginString>SOH 9=<BodyLength>SOH <body> 10=<3 digits>SOH. The checksum itself is
  /// QuickFIX's to check (Session::next validates length and checksum).
  static Frame frame(const char* p, std::size_t avail, std::size_t& length) noexcept {
    if (avail < 2) return Frame::kPartial;
    if (p[0] != '8' || p[1] != '=') return Frame::kGarbage;
    const void* soh = std::memchr(p, kSoh, avail < 32 ? avail : 32);
    if (soh == nullptr) return avail < 32 ? Frame::kPartial : Frame::kGarbage;
    std::size_t i = static_cast<std::size_t>(static_cast<const char*>(soh) - p) + 1;
    if (avail < i + 2) return Frame::kPartial;
    if (p[i] != '9' || p[i + 1] != '=') return Frame::kGarbage;
    i += 2;
    std::size_t body = 0;
    std::size_t digits = 0;
    for (; i < avail && p[i] != kSoh; ++i, ++digits) {
      if (p[i] < '0' || p[i] > '9' || digits == 6) return Frame::kGarbage;
      body = body * 10 + static_cast<std::size_t>(p[i] - '0');
    }
    if (i == avail) return Frame::kPartial;
    if (digits == 0) return Frame::kGarbage;
    const std::size_t body_end = i + 1 + body;  // where "10=" belongs
    if (body_end + 7 > FastInitiator::kReceiveBufferBytes) return Frame::kGarbage;
    // As QuickFIX's Parser: the message ends at the first "<SOH>10=...<SOH>" from the
    // body's last byte on. A wrong BodyLength then still yields a message, which
    // Session::next refuses (and the watch log counts and keeps raw), rather than bytes
    // skipped unseen.
    for (std::size_t at = body_end - 1; at + 4 <= avail; ++at) {
      if (p[at] != kSoh || p[at + 1] != '1' || p[at + 2] != '0' || p[at + 3] != '=') continue;
      const void* end = std::memchr(p + at + 4, kSoh, avail - at - 4);
      if (end == nullptr) return Frame::kPartial;
      length = static_cast<std::size_t>(static_cast<const char*>(end) - p) + 1;
      return Frame::kComplete;
    }
    return Frame::kPartial;  // a message longer than the buffer: readAvailable drops the line
  }

  void logOutgoing(const char* bytes, std::size_t len) noexcept {
    try {
      session_->getLog()->onOutgoing(std::string(bytes, len));  // FileLog is for debugging: allocates
    } catch (...) {
    }
  }

  VenueAddress venue_;
  FIX::Session* session_ = nullptr;  // owned by FIX::Initiator
  SentStoreAdapter* adapter_ = nullptr;  // owned by the session (made by SentStoreFactory)
  bool file_log_ = false;
  SocketWriteStamps last_write_;
  State state_ = State::kDisconnected;
  int fd_ = -1;
  bool broken_ = false;  // a write failed: poll drops the connection (callbacks fire there)
  std::int64_t last_attempt_ns_ = -kReconnectIntervalNs;
  std::int64_t connect_started_ns_ = 0;
  std::int64_t last_timer_ns_ = 0;
  std::unique_ptr<char[]> rx_{new char[FastInitiator::kReceiveBufferBytes]};
  std::size_t rx_len_ = 0;
  std::unique_ptr<char[]> tx_{new char[FastInitiator::kSendQueueBytes]};
  std::size_t tx_begin_ = 0;
  std::size_t tx_end_ = 0;
  std::string message_;  // one incoming message for Session::next (capacity reused)
  FastInitiatorStats stats_;
};

}  // namespace

struct FastInitiator::Impl {
  Impl(const FixEndpoint& endpoint, InitiatorEvents& events, SentMessageStore* given)
      : claim(makeSessionId(endpoint)),
        app(events),
        own_store(given == nullptr ? new FixedSentStore() : nullptr),
        stores(given == nullptr ? *own_store : *given) {}
  SessionClaim claim;  // first member: released only after the QuickFIX objects are gone
  InitiatorApp app;
  std::unique_ptr<FixedSentStore> own_store;
  SentStoreFactory stores;
  std::unique_ptr<FIX::FileLogFactory> log;
  std::unique_ptr<SessionWatchLogFactory> watch;  // always: sees the session layer's refusals
  std::unique_ptr<PolledInitiator> initiator;  // last: destroyed first
};

FastInitiator::FastInitiator(const FixEndpoint& endpoint, InitiatorEvents& events, SentMessageStore* store)
    : endpoint_(endpoint), events_(events), store_(store) {}

FastInitiator::~FastInitiator() { stop(std::chrono::milliseconds(2000)); }

void FastInitiator::start() {
  if (impl_) throw std::runtime_error("FIX fast initiator: already started");
  try {
    std::unique_ptr<Impl> impl(new Impl(endpoint_, events_, store_));
    const FIX::SessionSettings settings = makeSessionSettings(endpoint_, SessionRole::kInitiator);
    const VenueAddress venue = resolve(endpoint_);
    if (endpoint_.file_log) impl->log.reset(new FIX::FileLogFactory(settings));
    impl->watch.reset(new SessionWatchLogFactory(events_, impl->log.get()));
    impl->initiator.reset(
        new PolledInitiator(impl->app, impl->stores, settings, *impl->watch, venue, endpoint_.file_log));
    impl_ = std::move(impl);
  } catch (const std::exception& e) {
    throw std::runtime_error("FIX fast initiator " + endpoint_.sender_comp_id + "->" + endpoint_.target_comp_id +
                             " to " + endpoint_.host + ":" + std::to_string(endpoint_.port) +
                             " failed to start: " + e.what());
  }
}

void FastInitiator::poll() noexcept {
  if (!impl_) return;
  try {
    impl_->initiator->pollOnce();
  } catch (...) {  // a QuickFIX exception or std::bad_alloc: start the connection over
    impl_->initiator->dropConnection();
  }
}

bool FastInitiator::pollUntilLoggedOn(std::chrono::milliseconds timeout) noexcept {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!loggedOn()) {
    if (!impl_ || std::chrono::steady_clock::now() >= deadline) return false;
    poll();
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  return true;
}

bool FastInitiator::loggedOn() const noexcept { return impl_ && impl_->app.loggedOn(); }

std::uint64_t FastInitiator::nextSenderSeqNum() const noexcept {
  return impl_ ? static_cast<std::uint64_t>(impl_->initiator->store().getNextSenderMsgSeqNum()) : 0;
}

bool FastInitiator::sendPrebuilt(const char* bytes, std::size_t len, std::uint64_t seq) noexcept {
  return impl_ && impl_->initiator->sendPrebuilt(bytes, len, seq);
}

bool FastInitiator::send(const WireOrder& order) noexcept {
  if (!impl_ || !impl_->app.loggedOn()) return false;
  try {
    FIX::Message m;
    if (!buildOrderMessage(order, endpoint_.fix42(), m)) return false;
    return impl_->initiator->session().send(m);  // writes through our Responder, this thread
  } catch (...) {
    return false;
  }
}

void FastInitiator::stop(std::chrono::milliseconds logout_wait) noexcept {
  if (!impl_) return;
  try {
    PolledInitiator& initiator = *impl_->initiator;
    if (impl_->app.loggedOn()) {
      initiator.session().logout("Breakwater gateway stopping");  // disables the session
      const auto deadline = std::chrono::steady_clock::now() + logout_wait;
      while (impl_->app.loggedOn() && initiator.connected() && std::chrono::steady_clock::now() < deadline) {
        initiator.runTimersNow();  // the timers send the Logout and see the answer's timeout
        initiator.pollOnce();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
    initiator.dropConnection();
  } catch (...) {
    // Nothing sensible to do while shutting down; the session is destroyed below.
  }
  impl_.reset();
}

SocketWriteStamps FastInitiator::lastWrite() const noexcept {
  return impl_ ? impl_->initiator->lastWrite() : SocketWriteStamps{};
}

FastInitiatorStats FastInitiator::stats() const noexcept {
  if (!impl_) return FastInitiatorStats{};
  FastInitiatorStats s = impl_->initiator->transportStats();
  const AdminCounts& admin = impl_->app.adminCounts();
  s.heartbeats_in = admin.heartbeats;
  s.test_requests_in = admin.test_requests;
  s.resend_requests_in = admin.resend_requests;
  s.rejects_in = admin.rejects;
  s.sequence_resets_in = admin.sequence_resets;
  return s;
}

}  // namespace fix
}  // namespace bw
