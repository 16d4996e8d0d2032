#pragma once
// The other end of a live source, for demos and tests: a TCP server that writes lines to
// one client at a time, a UDP multicast sender on loopback, and serveCaptures(), which
// streams capture files' lines (gzip or plain, merged by their `<ns>` prefix) to either,
// as fast as possible or paced at N x the recorded pace.
//
// The TCP server's writes block while the client's window is closed: that is the live
// source's back-pressure reaching the sender. When the client goes away, serveCaptures
// waits for the next one and resumes with the batch whose write failed: lines the kernel
// had already taken for the lost client are lost with it (TCP has no end-to-end ack).
//
// Cold tools, not the hot path: they allocate and make a system call per batch.

#include <atomic>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace bw::feed {

/// Listens on bind_address:port (port 0: the kernel picks; see port()).
class TcpLineServer {
 public:
  /// Throws std::runtime_error when it cannot listen.
  explicit TcpLineServer(std::uint16_t port, const std::string& bind_address = "127.0.0.1");
  ~TcpLineServer();
  TcpLineServer(const TcpLineServer&) = delete;
  TcpLineServer& operator=(const TcpLineServer&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  /// Waits for a client (replacing any current one); false when `stop` was set first.
  [[nodiscard]] bool accept(const std::atomic<bool>* stop = nullptr);
  /// Writes every byte (blocking); false when the client went away.
  [[nodiscard]] bool send(std::string_view bytes);
  /// Closes the client's connection (the source sees the peer close).
  void dropClient() noexcept;
  [[nodiscard]] bool hasClient() const noexcept { return client_ >= 0; }

 private:
  int listener_ = -1;
  int client_ = -1;
  std::uint16_t port_ = 0;
};

/// Sends datagrams to group:port through `interface` (IP_MULTICAST_IF), loop on.
class UdpLineSender {
 public:
  /// Throws std::runtime_error on a bad address or socket failure.
  UdpLineSender(const std::string& group, std::uint16_t port, const std::string& interface = "127.0.0.1");
  ~UdpLineSender();
  UdpLineSender(const UdpLineSender&) = delete;
  UdpLineSender& operator=(const UdpLineSender&) = delete;

  /// One datagram; false when the kernel refused it.
  [[nodiscard]] bool send(std::string_view datagram);

 private:
  int fd_ = -1;
  std::uint32_t group_ = 0;  // network order
  std::uint16_t port_ = 0;
};

struct ServeOptions {
  double speed = 0;                    ///< 0: as fast as possible; N: N x the pace of the `<ns>` stamps
  std::size_t batch_bytes = 60'000;    ///< most bytes per write (TCP) or per datagram (UDP)
  const std::atomic<bool>* stop = nullptr;
};

struct ServeStats {
  std::uint64_t lines = 0;      ///< lines sent
  std::uint64_t bytes = 0;
  std::uint64_t writes = 0;     ///< TCP writes or UDP datagrams
  std::uint64_t clients = 0;    ///< TCP clients served
  std::uint64_t too_long = 0;   ///< UDP: lines longer than one datagram, not sent (logged)
  std::uint64_t failed = 0;     ///< UDP: datagrams the kernel refused
  bool stopped = false;         ///< ended by the stop flag, not at the end of the captures
};

/// Streams the captures to the server's clients (one at a time; waits for the first).
ServeStats serveCaptures(const std::vector<std::string>& paths, TcpLineServer& server, const ServeOptions& options,
                         std::ostream& log);
/// Streams the captures as multicast datagrams, several whole lines per datagram.
ServeStats serveCaptures(const std::vector<std::string>& paths, UdpLineSender& sender, const ServeOptions& options,
                         std::ostream& log);

}  // namespace bw::feed
