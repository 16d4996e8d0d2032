#include "feed/TcpLineSource.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace bw::feed {
namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;

std::string endpointName(const TcpSourceOptions& o) {
  std::string name = "tcp://";
  name += o.host;
  name += ':';
  name += std::to_string(o.port);
  return name;
}

std::uint32_t resolveIpv4(const std::string& host) {
  in_addr a{};
  if (inet_pton(AF_INET, host.c_str(), &a) == 1) return a.s_addr;
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int rc = getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (rc != 0 || found == nullptr) throw std::runtime_error("tcp source: cannot resolve '" + host + "': " + gai_strerror(rc));
  sockaddr_in sa{};
  std::memcpy(&sa, found->ai_addr, sizeof sa);
  freeaddrinfo(found);
  return sa.sin_addr.s_addr;
}

}  // namespace

TcpLineSource::TcpLineSource(const TcpSourceOptions& options, const InstrumentTable& instruments, MalformedLog& log,
                             const TscClock& clock, std::ostream& events)
    : LiveSource(endpointName(options), instruments, log, clock),
      options_(options),
      address_(resolveIpv4(options.host)),
      events_(events),
      buffer_(options.buffer_bytes, TickParser::kPadding) {
  if (options_.backoff_min_ms == 0) options_.backoff_min_ms = 1;
  options_.backoff_max_ms = std::max(options_.backoff_max_ms, options_.backoff_min_ms);
}

TcpLineSource::~TcpLineSource() { closeSocket(); }

void TcpLineSource::closeSocket() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void TcpLineSource::startConnect() {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    connectFailed(errno);
    return;
  }
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(options_.port);
  sa.sin_addr.s_addr = address_;
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) == 0) {
    state_ = State::kConnecting;
    finishConnect();
    return;
  }
  if (errno == EINPROGRESS) {
    state_ = State::kConnecting;
    // A connect that hangs (a dropped SYN) counts as failed after the longest backoff.
    retry_at_ns_ = TscClock::monotonicNs() + static_cast<std::int64_t>(options_.backoff_max_ms) * kNsPerMs;
    return;
  }
  connectFailed(errno);
}

void TcpLineSource::finishConnect() {
  pollfd p{fd_, POLLOUT, 0};
  if (::poll(&p, 1, 0) == 0) {
    if (TscClock::monotonicNs() >= retry_at_ns_) connectFailed(ETIMEDOUT);
    return;
  }
  int error = 0;
  socklen_t len = sizeof error;
  if (::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &len) != 0) error = errno;
  if (error != 0) {
    connectFailed(error);
    return;
  }
  state_ = State::kConnected;
  ++live_.connects;
  if (ever_connected_ || lost_since_connect_) {
    ++live_.reconnects;
    events_ << name() << ": reconnected (" << failed_attempts_ << " failed attempts before)\n";
  } else {
    events_ << name() << ": connected\n";
  }
  ever_connected_ = true;
  lost_since_connect_ = false;
  failed_attempts_ = 0;
  backoff_ms_ = 0;
  buffer_.clear();
  discarding_ = false;
}

void TcpLineSource::connectFailed(int error) {
  closeSocket();
  state_ = State::kWaiting;
  ++live_.connect_failures;
  ++failed_attempts_;
  lost_since_connect_ = true;
  backoff_ms_ = backoff_ms_ == 0 ? options_.backoff_min_ms : std::min(2 * backoff_ms_, options_.backoff_max_ms);
  if (failed_attempts_ == 1) {  // one line per run of failures; the count has them all
    events_ << name() << ": connect failed: " << std::strerror(error) << "; retrying with backoff up to "
            << options_.backoff_max_ms << " ms\n";
  }
  if (options_.max_attempts != 0 && failed_attempts_ >= options_.max_attempts) {
    gave_up_ = true;
    events_ << name() << ": giving up after " << failed_attempts_ << " failed attempts\n";
    return;
  }
  retry_at_ns_ = TscClock::monotonicNs() + static_cast<std::int64_t>(backoff_ms_) * kNsPerMs;
}

void TcpLineSource::dropConnection(const char* why, int error) {
  if (buffer_.pending() != 0 || discarding_) refuseTruncated("connection lost mid-line: the partial line is dropped");
  ++live_.disconnects;
  events_ << name() << ": connection lost (" << why;
  if (error != 0) events_ << ": " << std::strerror(error);
  events_ << "); reconnecting\n";
  closeSocket();
  buffer_.clear();
  discarding_ = false;
  lost_since_connect_ = true;
  state_ = State::kWaiting;
  backoff_ms_ = 0;
  retry_at_ns_ = TscClock::monotonicNs() + static_cast<std::int64_t>(options_.backoff_min_ms) * kNsPerMs;
}

bool TcpLineSource::readOnce() {
  const std::size_t room = buffer_.writeRoom();
  const ssize_t n = ::recv(fd_, buffer_.writePos(), room, 0);
  if (n > 0) {
    read_ns_ = wallNs();
    buffer_.commit(static_cast<std::size_t>(n));
    live_.bytes += static_cast<std::uint64_t>(n);
    ++live_.reads;
    if (discarding_ && buffer_.discardLine()) discarding_ = false;
    return true;
  }
  if (n == 0) {
    dropConnection("closed by the peer", 0);
    return false;
  }
  if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return false;
  dropConnection("read error", errno);
  return false;
}

StreamStatus TcpLineSource::poll(Tick& tick) {
  if (gave_up_) return StreamStatus::kEnd;
  if (state_ == State::kWaiting) {
    if (TscClock::monotonicNs() < retry_at_ns_) return StreamStatus::kIdle;
    startConnect();
  } else if (state_ == State::kConnecting) {
    finishConnect();
  }
  if (state_ != State::kConnected) return gave_up_ ? StreamStatus::kEnd : StreamStatus::kIdle;

  // Lines already buffered first; then at most one read per poll, so a peer flooding bad
  // lines cannot keep poll() from returning.
  for (bool read = false;; read = true) {
    std::string_view line;
    while (buffer_.nextLine(line)) {
      if (ingest(line, read_ns_, tick)) return StreamStatus::kTick;
    }
    if (buffer_.full()) {
      refuseTruncated("line longer than the receive buffer: dropped up to its newline");
      buffer_.clear();
      discarding_ = true;
    }
    if (read || !readOnce()) return StreamStatus::kIdle;
  }
}

LiveSourceStats TcpLineSource::liveStats() const {
  LiveSourceStats s = live_;
  fillStats(s);
  return s;
}

}  // namespace bw::feed
