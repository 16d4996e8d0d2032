#pragma once
// The feed thread's stream over live sockets (TCP clients, UDP multicast members): polls
// them in turn, one tick per poll, starting after the source that gave the last tick so a
// busy source cannot starve a quiet one. kIdle when none has a tick now; kEnd when stop()
// was called, the external stop flag is set (SIGINT/SIGTERM), max_ticks ticks were handed
// out, the duration has passed, or every source is closed for good.
//
// Back-pressure policy (README "Live ingest"):
//  - TCP: when the engine's tick queue is full, the feed thread waits and stops polling,
//    so it stops reading the socket; the kernel's buffers fill, TCP flow control closes
//    the window and the sender's writes block. Nothing is lost; the sender slows down.
//  - UDP: a multicast sender cannot be pushed back. Datagrams that arrive while the socket
//    buffer is full are dropped by the kernel; each source reports the kernel's drop count
//    (SO_RXQ_OVFL) as kernel_drops, per source and in the run's summary.
//
// Feed thread only, but stop() may be called from any thread. poll() allocates nothing.

#include <atomic>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

#include "core/InstrumentTable.h"
#include "core/LatencyHistogram.h"
#include "core/Tick.h"
#include "core/TscClock.h"
#include "feed/FeedStats.h"
#include "feed/LiveSource.h"
#include "feed/MalformedLog.h"
#include "feed/TickStream.h"

namespace bw::feed {

struct LiveFeedOptions {
  std::uint64_t max_ticks = 0;                   ///< end after this many ticks; 0: no limit
  std::int64_t duration_ns = 0;                  ///< end this long after the first poll; 0: no limit
  const std::atomic<bool>* stop_flag = nullptr;  ///< end once set (a signal handler's flag)
};

class LiveFeed final : public TickStream {
 public:
  /// Takes the sources (at least one). Cold path.
  LiveFeed(std::vector<std::unique_ptr<LiveSource>> sources, const LiveFeedOptions& options);

  /// Next tick from any source. Feed thread; no allocation; never blocks.
  [[nodiscard]] StreamStatus poll(Tick& tick) override;
  /// Every source tells `observer` its lines' receive times before parsing them.
  void observeReceiveStamps(ReceiveStampObserver* observer) noexcept override;

  /// Asks the stream to end: the next poll answers kEnd. Any thread.
  void stop() noexcept { stop_.store(true, std::memory_order_relaxed); }  // a flag, it orders nothing

  /// Summed over the sources. Feed thread, or any thread once the feed is done.
  [[nodiscard]] FeedStats stats() const override;
  [[nodiscard]] LatencyHistogram parseLatency() const override;
  /// One entry per source, in the order given.
  [[nodiscard]] std::vector<LiveSourceStats> sourceStats() const;
  /// Why poll() answered kEnd ("" while it has not): "stop", "max-ticks", "duration", "closed".
  [[nodiscard]] const char* endReason() const noexcept { return end_reason_; }

 private:
  [[nodiscard]] bool shouldEnd() noexcept;

  std::vector<std::unique_ptr<LiveSource>> sources_;
  LiveFeedOptions options_;
  std::atomic<bool> stop_{false};
  std::size_t next_ = 0;         // the source polled first next time
  std::uint64_t handed_ = 0;     // ticks handed out
  std::int64_t deadline_ns_ = 0; // monotonic; 0 until the first poll
  const char* end_reason_ = "";
};

/// Opens one endpoint: "tcp://HOST:PORT" (a client that reconnects) or "udp://GROUP:PORT"
/// (a multicast member on 127.0.0.1). `events` receives connection lines. Throws
/// std::runtime_error naming a bad endpoint. Cold path.
std::unique_ptr<LiveSource> openLiveSource(std::string_view endpoint, const InstrumentTable& instruments,
                                           MalformedLog& log, const TscClock& clock, std::ostream& events);

}  // namespace bw::feed
