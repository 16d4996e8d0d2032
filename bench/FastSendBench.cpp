// Issue 6 item 5 on the wire: a gate-approved bw::OrderRequest -> FIX bytes handed to the
// socket, through fix/FastOrderSender (OrderEncoder + FastInitiator::sendPrebuilt) on a
// session logged on over loopback TCP, next to QuickFIX's default build-and-serialise of
// the same NewOrderSingle in the same run:
//
//   BM_FastSend/encoder_write           FastOrderSender::send: wall clock read, MsgSeqNum,
//                                       encode, one send() into the session's socket, store
//                                       (FixedSentStore), seq + 1. "Bytes handed to the socket."
//   BM_FastSend/encoder_no_write        the same without the send(): encode + store + seq.
//   BM_FastSend/quickfix_default        FIX44::NewOrderSingle, typed fields from doubles,
//                                       Message::toString() (bench_order_encode's path).
//   BM_FastSend/quickfix_default_write  the same, then one send() of its bytes into a
//                                       second loopback socket (same peer, same options).
//   BM_FastSend/write_only              one send() of ready bytes into that socket: the
//                                       floor every "_write" figure stands on.
//   BM_EmptyPoll                        FastInitiator::poll() with nothing to read: what the
//                                       order thread pays per idle poll (one recv() that
//                                       finds nothing; the timers every 50 ms).
//
// The peer ("DrainingVenue") accepts, answers our Logon with a Logon and reads everything
// away on its own spinning thread, pinned off CPU 1 so `taskset -c 1` leaves CPU 1 to the
// sender.
// Each order is timed on its own with rdtsc (p50_ns, p99_ns, p999_ns, max_ns; one rdtsc
// pair, ~10-20 ns on the KVM guest, is in every sample); the benchmark's own time is the
// mean, poll() calls between orders included (every 64 orders, outside the samples).
//
// Run: taskset -c 1 build/bin/bench/bench_fast_send --benchmark_repetitions=7
//   --benchmark_report_aggregates_only=true [--benchmark_out=F --benchmark_out_format=json]

#include <benchmark/benchmark.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "SendPathBenchSupport.h"
#include "fix/FastOrderSender.h"
#include "fix/FixedSentStore.h"
#include "fix/OrderEncoder.h"

namespace bw::bench {
namespace {

/// A FIX message with BodyLength and CheckSum filled in around `body`.
std::string frameFix(const std::string& body) {
  std::string m = "8=FIX.4.4\x01" "9=";
  m += std::to_string(body.size());
  m += '\x01';
  m += body;
  unsigned sum = 0;
  for (const char c : m) sum += static_cast<unsigned char>(c);
  char trailer[8];
  std::snprintf(trailer, sizeof trailer, "10=%03u\x01", sum % 256);
  m += trailer;
  return m;
}

std::string logonReply() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H:%M:%S.000", &utc);
  std::string body = "35=A\x01" "34=1\x01" "49=";
  body += kSendTarget;
  body += "\x01" "52=";
  body += stamp;
  body += "\x01" "56=";
  body += kSendSender;
  body += "\x01" "98=0\x01" "108=30\x01" "141=Y\x01";
  return frameFix(body);
}

/// Loopback peer: accepts connections, answers a Logon with a Logon, drains the rest.
class DrainingVenue {
 public:
  DrainingVenue() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), len) != 0 ||
        ::listen(listen_fd_, 4) != 0 || ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      throw std::runtime_error("draining venue: cannot listen");
    }
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~DrainingVenue() {
    stop_.store(true, std::memory_order_relaxed);
    thread_.join();
    ::close(listen_fd_);
  }
  DrainingVenue(const DrainingVenue&) = delete;
  DrainingVenue& operator=(const DrainingVenue&) = delete;

  std::uint16_t port() const { return port_; }

 private:
  void run() {
    // Off the sender's CPU: under taskset -c 1, CPU 0 (any other when there are more).
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    const unsigned n = std::thread::hardware_concurrency();
    for (unsigned c = 0; c < (n == 0 ? 1 : n); ++c) {
      if (c != 1 || n == 1) CPU_SET(c, &cpus);
    }
    (void)pthread_setaffinity_np(pthread_self(), sizeof cpus, &cpus);
    std::vector<pollfd> fds{{listen_fd_, POLLIN, 0}};
    std::vector<bool> answered{false};
    std::vector<char> buffer(1 << 20);
    const std::string reply = logonReply();
    // Spins (never sleeps in the kernel): a sender's write then never pays for waking this
    // thread on the other CPU (an IPI, a VM exit on the KVM guest), which a write to a
    // NIC would not pay either.
    while (!stop_.load(std::memory_order_relaxed)) {
      const int accepted = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
      if (accepted >= 0) {
        fds.push_back({accepted, POLLIN, 0});
        answered.push_back(false);
      }
      for (std::size_t i = 1; i < fds.size(); ++i) {
        if (fds[i].fd < 0) continue;
        const ssize_t got = ::recv(fds[i].fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
          ::close(fds[i].fd);
          fds[i].fd = -1;
          continue;
        }
        if (got > 0 && !answered[i] &&
            std::string_view(buffer.data(), static_cast<std::size_t>(got)).find("\x01" "35=A\x01") !=
                std::string_view::npos) {
          answered[i] = true;
          (void)::send(fds[i].fd, reply.data(), reply.size(), MSG_NOSIGNAL);
        }
      }
    }
    for (std::size_t i = 1; i < fds.size(); ++i) {
      if (fds[i].fd >= 0) ::close(fds[i].fd);
    }
  }

  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

/// Events sink: the drainer sends nothing but the Logon answer.
class NoEvents final : public fix::InitiatorEvents {
 public:
  void onLogon() noexcept override {}
  void onLogout() noexcept override {}
  void onExec(const fix::WireExec&) noexcept override {}
  void onUnreadable() noexcept override {}
};

/// A FastOrderSender logged on to a DrainingVenue.
struct LoggedOnSender {
  explicit LoggedOnSender(const InstrumentTable& table) : sender(endpoint(venue.port()), table, events, &store) {
    sender.start();
    if (!sender.initiator().pollUntilLoggedOn(std::chrono::seconds(5))) throw std::runtime_error("no logon");
  }
  ~LoggedOnSender() { sender.stop(std::chrono::milliseconds(0)); }
  static fix::FixEndpoint endpoint(std::uint16_t port) {
    fix::FixEndpoint e;
    e.port = port;
    e.sender_comp_id = kSendSender;
    e.target_comp_id = kSendTarget;
    return e;
  }
  DrainingVenue venue;
  NoEvents events;
  fix::FixedSentStore store;
  fix::FastOrderSender sender;
};

/// A plain TCP_NODELAY socket connected to a DrainingVenue (QuickFIX's bytes go here).
struct PlainSocket {
  PlainSocket() {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(venue.port());
    const int one = 1;
    (void)::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("connect");
  }
  ~PlainSocket() { ::close(fd); }
  DrainingVenue venue;
  int fd = -1;
};

enum class Path { kEncoderWrite, kEncoderNoWrite, kQuickFixDefault, kQuickFixDefaultWrite, kWriteOnly };

void BM_FastSend(benchmark::State& state, Path path) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  const auto requests = makeSendRequests(table);
  auto histogram = std::make_unique<LatencyHistogram>();
  std::unique_ptr<LoggedOnSender> session;
  std::unique_ptr<PlainSocket> plain;
  fix::OrderEncoder encoder("FIX.4.4", kSendSender, kSendTarget, table);
  fix::FixedSentStore store;
  if (path == Path::kEncoderWrite) session = std::make_unique<LoggedOnSender>(table);
  if (path == Path::kQuickFixDefaultWrite || path == Path::kWriteOnly) plain = std::make_unique<PlainSocket>();
  std::string_view prebuilt;  // kWriteOnly: one order's bytes, sent again and again
  if (encoder.encode(requests[0], 1, wallClockNs(), prebuilt) != fix::OrderEncodeError::kOk) {
    state.SkipWithError("encode failed");
    return;
  }
  std::uint64_t seq = 1;
  std::uint64_t failures = 0;
  std::size_t bytes = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    const OrderRequest& r = requests[i++ % kSendRequests];
    const std::uint64_t t0 = TscClock::now();
    switch (path) {
      case Path::kEncoderWrite:
        if (session->sender.send(r, wallClockNs()) != fix::FastSendResult::kSentPrebuilt) ++failures;
        break;
      case Path::kEncoderNoWrite: {
        std::string_view out;
        if (encoder.encode(r, seq, wallClockNs(), out) != fix::OrderEncodeError::kOk) ++failures;
        (void)store.store(seq, out.data(), out.size());
        ++seq;
        bytes += out.size();
        break;
      }
      case Path::kQuickFixDefault: {
        const std::string text = quickFixDefaultOrder(r, seq++, table);
        benchmark::DoNotOptimize(text.data());
        bytes += text.size();
        break;
      }
      case Path::kQuickFixDefaultWrite: {
        const std::string text = quickFixDefaultOrder(r, seq++, table);
        if (::send(plain->fd, text.data(), text.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(text.size())) ++failures;
        bytes += text.size();
        break;
      }
      case Path::kWriteOnly:
        if (::send(plain->fd, prebuilt.data(), prebuilt.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(prebuilt.size())) {
          ++failures;
        }
        break;
    }
    const std::uint64_t t1 = TscClock::now();
    histogram->record(static_cast<std::int64_t>(t1 - t0));
    if (session && (i & 63) == 0) session->sender.poll();  // the order thread's idle poll
  }
  if (failures != 0) state.SkipWithError("an order was not sent");
  state.SetItemsProcessed(state.iterations());
  reportPercentiles(state, *histogram);
  if (session) {
    const fix::FastInitiatorStats s = session->sender.initiator().stats();
    state.counters["short_writes"] = static_cast<double>(s.short_writes);
  }
  benchmark::DoNotOptimize(bytes);
}
BENCHMARK_CAPTURE(BM_FastSend, encoder_write, Path::kEncoderWrite);
BENCHMARK_CAPTURE(BM_FastSend, encoder_no_write, Path::kEncoderNoWrite);
BENCHMARK_CAPTURE(BM_FastSend, quickfix_default, Path::kQuickFixDefault);
BENCHMARK_CAPTURE(BM_FastSend, quickfix_default_write, Path::kQuickFixDefaultWrite);
BENCHMARK_CAPTURE(BM_FastSend, write_only, Path::kWriteOnly);

void BM_EmptyPoll(benchmark::State& state) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  LoggedOnSender session(table);
  auto histogram = std::make_unique<LatencyHistogram>();
  for (auto _ : state) {
    const std::uint64_t t0 = TscClock::now();
    session.sender.poll();
    const std::uint64_t t1 = TscClock::now();
    histogram->record(static_cast<std::int64_t>(t1 - t0));
  }
  if (!session.sender.loggedOn()) state.SkipWithError("session dropped");
  reportPercentiles(state, *histogram);
}
BENCHMARK(BM_EmptyPoll);

}  // namespace
}  // namespace bw::bench

BENCHMARK_MAIN();
