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
#include "feed/ReceiveStampObserver.h"

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

  /// From now on, tells `observer` (null: no one) each message's receive time before the
  /// message is parsed, where the stream knows it then (live sockets). A stream that learns
  /// it from the parse, or has parsed ahead (the capture merger), tells no one: its ticks'
  /// `stamped_on_arrival` says whether the stamp came before the body. Cold path.
  virtual void observeReceiveStamps(ReceiveStampObserver* observer) noexcept { (void)observer; }

  /// Summed over the stream's inputs. Feed thread, or any thread once the feed is done.
  [[nodiscard]] virtual FeedStats stats() const = 0;
  [[nodiscard]] virtual LatencyHistogram parseLatency() const = 0;
};

}  // namespace bw::feed
