#pragma once
// A finite source of ticks in its own order: one capture file, whatever its format (Binance
// JSON lines, plain JSON lines, tardis CSV, Breakwater binary). The CaptureMerger merges
// several by receive time. openCapture (feed/CaptureFactory.h) picks the implementation.
//
// Feed thread only. next() allocates nothing once warm.

#include <string>

#include "core/LatencyHistogram.h"
#include "core/Tick.h"
#include "feed/FeedStats.h"

namespace bw::feed {

class TickSource {
 public:
  virtual ~TickSource() = default;

  /// Next tick; false at the end. A depth or snapshot tick's `levels` stays valid until
  /// the next call. Sets tick.parsed_tsc.
  [[nodiscard]] virtual bool next(Tick& tick) = 0;

  [[nodiscard]] virtual const FeedStats& stats() const noexcept = 0;
  /// Per record: from the record in hand to the tick built (or refused), in ns.
  [[nodiscard]] virtual const LatencyHistogram& parseLatency() const noexcept = 0;
  [[nodiscard]] virtual const std::string& path() const noexcept = 0;
};

}  // namespace bw::feed
