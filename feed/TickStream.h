#pragma once
// What the feed thread pulls ticks from: merged capture files (CaptureMerger) or live
// sockets (the live ingest). A live stream can have nothing right now (kIdle) without
// being over (kEnd).
//
// Feed thread only. poll() allocates nothing once warm.

#include <cstdint>

#include "core/LatencyHistogram.h"
#include "core/Tick.h"
#include "feed/FeedStats.h"

namespace bw::feed {

enum class StreamStatus : std::uint8_t {
  kTick = 0,  ///< a tick was written
  kIdle = 1,  ///< nothing now; poll again
  kEnd = 2,   ///< the stream is over
};

class TickStream {
 public:
  virtual ~TickStream() = default;

  /// Next tick. A depth or snapshot tick's `levels` stays valid until the next poll.
  [[nodiscard]] virtual StreamStatus poll(Tick& tick) = 0;

  /// Summed over the stream's inputs. Feed thread, or any thread once the feed is done.
  [[nodiscard]] virtual FeedStats stats() const = 0;
  [[nodiscard]] virtual LatencyHistogram parseLatency() const = 0;
};

}  // namespace bw::feed
