#include "feed/LineSender.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "core/TscClock.h"
#include "feed/LineReader.h"

namespace bw::feed {
namespace {

constexpr std::size_t kMaxUdpPayload = 65'507;

[[noreturn]] void fail(const std::string& what) {
  std::string message = what;
  message += ": ";
  message += std::strerror(errno);
  throw std::runtime_error(message);
}

in_addr ipv4(const std::string& text) {
  in_addr a{};
  if (inet_pton(AF_INET, text.c_str(), &a) != 1) throw std::runtime_error("'" + text + "' is not an IPv4 address");
  return a;
}

/// The `<ns>` prefix of a capture line; -1 when the line has none (plain JSON).
std::int64_t stampOf(std::string_view line) {
  std::int64_t v = 0;
  std::size_t i = 0;
  for (; i < line.size() && i < 19 && line[i] >= '0' && line[i] <= '9'; ++i) v = v * 10 + (line[i] - '0');
  return i > 0 && i < line.size() && line[i] == ' ' ? v : -1;
}

/// Several captures' lines in stamp order (a line without a stamp keeps its file's last).
class MergedLines {
 public:
  explicit MergedLines(const std::vector<std::string>& paths) {
    for (const std::string& p : paths) {
      heads_.push_back(Head{std::make_unique<LineReader>(p, 0), {}, 0, true});
      advance(heads_.back());
    }
  }
  /// Next line (valid until the next call) and its stamp (-1: none).
  bool next(std::string_view& line, std::int64_t& stamp) {
    if (taken_ != nullptr) advance(*taken_);
    taken_ = nullptr;
    for (Head& h : heads_) {
      if (h.live && (taken_ == nullptr || h.stamp < taken_->stamp)) taken_ = &h;
    }
    if (taken_ == nullptr) return false;
    line = taken_->line;
    stamp = stampOf(line);
    return true;
  }

 private:
  struct Head {
    std::unique_ptr<LineReader> reader;
    std::string_view line;
    std::int64_t stamp;
    bool live;
  };
  static void advance(Head& h) {
    h.live = h.reader->next(h.line);
    if (h.live) {
      const std::int64_t s = stampOf(h.line);
      if (s >= 0) h.stamp = s;
    }
  }
  std::vector<Head> heads_;
  Head* taken_ = nullptr;
};

void sleepUntil(std::int64_t monotonic_ns) {
  const std::int64_t wait = monotonic_ns - TscClock::monotonicNs();
  if (wait <= 0) return;
  timespec t{static_cast<time_t>(wait / 1'000'000'000), static_cast<long>(wait % 1'000'000'000)};
  nanosleep(&t, nullptr);
}

bool stopped(const ServeOptions& o) { return o.stop != nullptr && o.stop->load(std::memory_order_relaxed); }

/// The shared loop: lines into batches, paced, `flush(batch)` (false: stop).
template <typename Flush>
ServeStats serveLines(const std::vector<std::string>& paths, const ServeOptions& o, std::size_t max_line,
                      std::ostream& log, Flush&& flush) {
  ServeStats stats;
  MergedLines lines(paths);
  std::string batch;
  batch.reserve(o.batch_bytes + 1);
  std::uint64_t in_batch = 0;
  const auto flushBatch = [&] {
    if (batch.empty()) return true;
    if (!flush(batch, stats)) return false;
    stats.lines += in_batch;
    stats.bytes += batch.size();
    ++stats.writes;
    batch.clear();
    in_batch = 0;
    return true;
  };
  std::int64_t first_stamp = -1, wall_start = 0;
  std::string_view line;
  std::int64_t stamp = 0;
  std::uint64_t line_no = 0;
  while (lines.next(line, stamp)) {
    ++line_no;
    if (stopped(o)) {
      stats.stopped = true;
      return stats;
    }
    if (line.size() + 1 > max_line) {
      ++stats.too_long;
      log << "line " << line_no << ": " << line.size() << " bytes, longer than one datagram: not sent\n";
      continue;
    }
    if (o.speed > 0 && stamp >= 0) {
      if (first_stamp < 0) {
        first_stamp = stamp;
        wall_start = TscClock::monotonicNs();
      }
      const auto due = wall_start + static_cast<std::int64_t>(static_cast<double>(stamp - first_stamp) / o.speed);
      if (due > TscClock::monotonicNs()) {
        if (!flushBatch()) break;
        sleepUntil(due);
      }
    }
    if (batch.size() + line.size() + 1 > o.batch_bytes && !flushBatch()) break;
    batch += line;
    batch += '\n';
    ++in_batch;
  }
  if (!flushBatch() || stopped(o)) stats.stopped = true;
  return stats;
}

}  // namespace

// ---- TCP ----

TcpLineServer::TcpLineServer(std::uint16_t port, const std::string& bind_address) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener_ < 0) fail("tcp server: socket");
  const int on = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  sa.sin_addr = ipv4(bind_address);
  if (::bind(listener_, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0 || ::listen(listener_, 4) != 0) {
    const int e = errno;
    ::close(listener_);
    errno = e;
    fail("tcp server: listen on " + bind_address + ":" + std::to_string(port));
  }
  socklen_t len = sizeof sa;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&sa), &len);
  port_ = ntohs(sa.sin_port);
}

TcpLineServer::~TcpLineServer() {
  dropClient();
  if (listener_ >= 0) ::close(listener_);
}

bool TcpLineServer::accept(const std::atomic<bool>* stop) {
  dropClient();
  for (;;) {
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) return false;
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;  // wake every 100 ms to see the stop flag
    client_ = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client_ >= 0) return true;
  }
}

bool TcpLineServer::send(std::string_view bytes) {
  while (!bytes.empty()) {
    if (client_ < 0) return false;
    const ssize_t n = ::send(client_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      dropClient();
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void TcpLineServer::dropClient() noexcept {
  if (client_ >= 0) ::close(client_);
  client_ = -1;
}

ServeStats serveCaptures(const std::vector<std::string>& paths, TcpLineServer& server, const ServeOptions& options,
                         std::ostream& log) {
  std::uint64_t clients = 0;
  ServeStats stats = serveLines(paths, options, static_cast<std::size_t>(-1), log, [&](const std::string& batch, ServeStats&) {
    for (;;) {
      if (!server.hasClient()) {
        log << "waiting for a client on port " << server.port() << "\n";
        if (!server.accept(options.stop)) return false;
        ++clients;
        log << "client connected\n";
      }
      if (server.send(batch)) return true;
      log << "client gone; the batch is sent again to the next one\n";
    }
  });
  server.dropClient();  // the client sees the end of the stream
  stats.clients = clients;
  return stats;
}

// ---- UDP ----

UdpLineSender::UdpLineSender(const std::string& group, std::uint16_t port, const std::string& interface)
    : group_(ipv4(group).s_addr), port_(port) {
  fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) fail("udp sender: socket");
  const in_addr local = ipv4(interface);
  const unsigned char loop = 1, ttl = 0;  // this host only
  if (::setsockopt(fd_, IPPROTO_IP, IP_MULTICAST_IF, &local, sizeof local) != 0 ||
      ::setsockopt(fd_, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) != 0 ||
      ::setsockopt(fd_, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) != 0) {
    const int e = errno;
    ::close(fd_);
    errno = e;
    fail("udp sender: multicast options");
  }
}

UdpLineSender::~UdpLineSender() {
  if (fd_ >= 0) ::close(fd_);
}

bool UdpLineSender::send(std::string_view datagram) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port_);
  sa.sin_addr.s_addr = group_;
  return ::sendto(fd_, datagram.data(), datagram.size(), 0, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) ==
         static_cast<ssize_t>(datagram.size());
}

ServeStats serveCaptures(const std::vector<std::string>& paths, UdpLineSender& sender, const ServeOptions& options,
                         std::ostream& log) {
  ServeOptions o = options;
  if (o.batch_bytes > kMaxUdpPayload) o.batch_bytes = kMaxUdpPayload;
  return serveLines(paths, o, kMaxUdpPayload, log, [&](const std::string& batch, ServeStats& stats) {
    if (!sender.send(batch)) ++stats.failed;
    return true;
  });
}

}  // namespace bw::feed
