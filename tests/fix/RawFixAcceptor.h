#pragma once
// A venue that is no FIX engine: a plain TCP listener on loopback that answers the
// gateway's Logon by hand and then writes whatever bytes a test gives it, well-formed or
// not. For the bad-input suites (issue 6 item 8): QuickFIX's own acceptor would never put
// garbage on the wire.
//
// Threads: the test thread calls everything; one reader thread drains the socket into
// `received_` (under a mutex: test code, no hot path) and answers Logon and Logout.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace bw::fix::testing {

class RawFixAcceptor {
 public:
  static constexpr char kSoh = '\001';

  RawFixAcceptor() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listen_fd_ < 0) throw std::runtime_error("socket");
    const int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 1) != 0) {
      throw std::runtime_error("bind/listen");
    }
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    reader_ = std::thread([this] { run(); });
  }

  ~RawFixAcceptor() {
    stop_.store(true);
    reader_.join();
    if (fd_ >= 0) ::close(fd_);
    ::close(listen_fd_);
  }

  RawFixAcceptor(const RawFixAcceptor&) = delete;
  RawFixAcceptor& operator=(const RawFixAcceptor&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }

  /// Everything the gateway sent so far, SOH shown as '|'.
  [[nodiscard]] std::string received() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string out = received_;
    for (char& c : out) c = c == kSoh ? '|' : c;
    return out;
  }

  /// Messages of MsgType `type` the gateway sent so far.
  [[nodiscard]] int countReceived(const std::string& type) const {
    const std::string all = received();
    const std::string needle = "|35=" + type + "|";
    int n = 0;
    for (std::size_t at = all.find(needle); at != std::string::npos; at = all.find(needle, at + 1)) ++n;
    return n;
  }

  /// A complete message: header (our next MsgSeqNum unless `seq` > 0, SendingTime now),
  /// `body` ('|' stands for SOH, no leading or trailing '|'), BodyLength and CheckSum
  /// computed. `consume_seq`: the sequence number counts as used (false for a message
  /// the gateway's session is expected to drop, so the next one reuses it).
  [[nodiscard]] std::string build(const std::string& type, const std::string& body, bool consume_seq = true,
                                  int seq = 0) {
    const int n = seq > 0 ? seq : (consume_seq ? next_seq_.fetch_add(1) : next_seq_.load());
    return frame("35=" + type + "|34=" + std::to_string(n) + "|49=VENUESIM|52=" + sendingTime() + "|56=BREAKWATER|" +
                 body);
  }

  /// The MsgSeqNum the next build() takes; consumes it.
  [[nodiscard]] int takeSeq() { return next_seq_.fetch_add(1); }

  /// BeginString, BodyLength and CheckSum around `fields` ('|' for SOH, none at either
  /// end), for a header made by hand.
  [[nodiscard]] static std::string frame(const std::string& fields) {
    std::string inner = fields + "|";
    for (char& c : inner) c = c == '|' ? kSoh : c;
    std::string msg = "8=FIX.4.4";
    msg += kSoh;
    msg += "9=" + std::to_string(inner.size());
    msg += kSoh;
    msg += inner;
    unsigned sum = 0;
    for (const char c : msg) sum += static_cast<unsigned char>(c);
    char trailer[16];
    std::snprintf(trailer, sizeof trailer, "10=%03u%c", sum % 256, kSoh);
    msg += trailer;
    return msg;
  }

  /// Writes raw bytes to the gateway. False if not connected or the write failed.
  bool sendRaw(const std::string& bytes) {
    std::lock_guard<std::mutex> lock(write_mutex_);
    if (fd_ < 0) return false;
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  [[nodiscard]] bool connected() const noexcept { return connected_.load(); }
  /// The gateway closed the connection (or we saw it drop).
  [[nodiscard]] bool disconnected() const noexcept { return disconnected_.load(); }

 private:
  static std::string sendingTime() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d-%H:%M:%S", &tm);
    return buf;
  }

  void run() {
    while (!stop_.load() && fd_ < 0) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) > 0) {
        const int fd = ::accept(listen_fd_, nullptr, nullptr);
        std::lock_guard<std::mutex> lock(write_mutex_);
        fd_ = fd;
      }
    }
    char buf[4096];
    while (!stop_.load() && !disconnected_.load()) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        disconnected_.store(true);
        break;
      }
      std::string text;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        received_.append(buf, static_cast<std::size_t>(n));
        text = received_;
      }
      answerSessionMessages(text);
    }
  }

  /// Logon -> our Logon (once); Logout -> our Logout (once), so the gateway stops at once.
  void answerSessionMessages(const std::string& all) {
    const std::string logon = std::string(1, kSoh) + "35=A" + kSoh;
    const std::string logout = std::string(1, kSoh) + "35=5" + kSoh;
    if (!connected_.load() && all.find(logon) != std::string::npos) {
      (void)sendRaw(build("A", "98=0|108=30"));
      connected_.store(true);
    }
    if (!logged_out_ && all.find(logout) != std::string::npos) {
      logged_out_ = true;
      (void)sendRaw(build("5", "58=bye"));
    }
  }

  int listen_fd_ = -1;
  int fd_ = -1;  // written once by the reader under write_mutex_
  std::uint16_t port_ = 0;
  std::atomic<int> next_seq_{1};  // test thread and (Logon/Logout answers) the reader
  bool logged_out_ = false;
  std::atomic<bool> stop_{false};
  std::atomic<bool> connected_{false};
  std::atomic<bool> disconnected_{false};
  mutable std::mutex mutex_;
  std::mutex write_mutex_;
  std::string received_;
  std::thread reader_;
};

}  // namespace bw::fix::testing
