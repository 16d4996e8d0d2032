#pragma once
// A TCP client reading JSON lines from host:port (the capture line format, or plain JSON
// lines; see LiveSource.h for recv_ns). Non-blocking throughout: connect, read and the
// reconnect wait never hold up poll().
//
// Reconnect: when the connection is refused, fails or drops, the source waits (bounded
// exponential backoff, backoff_min_ms doubling to backoff_max_ms) and connects again;
// every connect, failure, drop and reconnect is counted and logged. A line cut by a drop
// is counted as TRUNCATED_LINE. Lines in flight when the connection dropped are lost:
// TCP gives no delivery guarantee across connections, and the sender decides where to
// resume. With max_attempts > 0 the source gives up (closedForGood) after that many
// consecutive failed attempts; 0 retries for ever.
//
// Back-pressure: the source reads only when polled. When the feed thread stops polling
// (the engine's tick queue is full), the kernel's receive buffer fills, TCP's window
// closes and the sender's writes block: nothing is lost.
//
// Feed thread only. No allocation once connected; reconnecting is a cold path (it logs).

#include <cstdint>
#include <ostream>
#include <string>

#include "feed/LineBuffer.h"
#include "feed/LiveSource.h"

namespace bw::feed {

struct TcpSourceOptions {
  std::string host = "127.0.0.1";  ///< IPv4 address or a name (resolved once, at construction)
  std::uint16_t port = 0;
  std::uint32_t backoff_min_ms = 50;
  std::uint32_t backoff_max_ms = 2'000;
  std::uint32_t max_attempts = 0;  ///< consecutive failed attempts before giving up; 0: never
  std::size_t buffer_bytes = 4u << 20;  ///< longest line held; a longer one is dropped (counted)
};

class TcpLineSource final : public LiveSource {
 public:
  /// Resolves the host (throws std::runtime_error when it cannot). Connects at the first poll.
  /// `events` receives connect/drop/reconnect lines. Cold path.
  TcpLineSource(const TcpSourceOptions& options, const InstrumentTable& instruments, MalformedLog& log,
                const TscClock& clock, std::ostream& events);
  ~TcpLineSource() override;
  TcpLineSource(const TcpLineSource&) = delete;
  TcpLineSource& operator=(const TcpLineSource&) = delete;

  /// kTick, or kIdle (nothing to read, connecting, or waiting to reconnect), or kEnd
  /// once closedForGood(). Feed thread; never blocks.
  [[nodiscard]] StreamStatus poll(Tick& tick) override;

  [[nodiscard]] LiveSourceStats liveStats() const override;
  [[nodiscard]] bool closedForGood() const noexcept override { return gave_up_; }
  [[nodiscard]] bool connected() const noexcept { return state_ == State::kConnected; }

 private:
  enum class State : std::uint8_t { kWaiting, kConnecting, kConnected };

  void startConnect();
  void finishConnect();
  void connectFailed(int error);
  void dropConnection(const char* why, int error);
  void closeSocket() noexcept;
  /// Reads once; false when nothing was read (would block, or the connection ended).
  bool readOnce();

  TcpSourceOptions options_;
  std::uint32_t address_ = 0;  // network order
  std::ostream& events_;
  LineBuffer buffer_;
  int fd_ = -1;
  State state_ = State::kWaiting;
  std::int64_t retry_at_ns_ = 0;  // monotonic
  std::uint32_t backoff_ms_ = 0;
  std::uint32_t failed_attempts_ = 0;  // consecutive
  bool ever_connected_ = false;
  bool lost_since_connect_ = false;    // a drop or refusal since the last connection
  bool discarding_ = false;            // dropping the rest of an overlong line
  bool gave_up_ = false;
  std::int64_t read_ns_ = 0;           // receive stamp of the bytes in the buffer
  LiveSourceStats live_;
};

}  // namespace bw::feed
