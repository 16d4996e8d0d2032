#pragma once
// Several captures as one stream, in receive-time order (ties go to the earlier file on
// the command line, so a replay is deterministic). Each reader is read one tick ahead.
// A linear scan over the heads beats a heap at the handful of files a replay takes.
//
// Feed thread only. No allocation per tick.

#include <memory>
#include <vector>

#include "core/LatencyHistogram.h"
#include "core/Tick.h"
#include "feed/CaptureReader.h"
#include "feed/FeedStats.h"

namespace bw::feed {

class CaptureMerger {
 public:
  /// Takes the readers in command-line order; they must outlive the merger. Cold path.
  explicit CaptureMerger(const std::vector<std::unique_ptr<CaptureReader>>& readers);

  /// Next tick across every file; false when all are done.
  [[nodiscard]] bool next(Tick& tick);

  /// Summed over the files. Read after the feed is done (or from the feed thread).
  [[nodiscard]] FeedStats stats() const;
  [[nodiscard]] LatencyHistogram parseLatency() const;

 private:
  struct Head {
    CaptureReader* reader;
    Tick tick;
    bool has_tick;
  };
  std::vector<Head> heads_;
  bool primed_ = false;
};

}  // namespace bw::feed
