#pragma once
// Several captures as one stream, in receive-time order (ties go to the earlier file on
// the command line, so a replay is deterministic). Each source is read one tick ahead.
// A linear scan over the heads beats a heap at the handful of files a replay takes.
//
// The source a tick came from is advanced only at the next poll, so a depth tick's
// `levels` (owned by its source) stays valid until then.
//
// Feed thread only. No allocation per tick.

#include <memory>
#include <vector>

#include "core/LatencyHistogram.h"
#include "core/Tick.h"
#include "feed/FeedStats.h"
#include "feed/TickSource.h"
#include "feed/TickStream.h"

namespace bw::feed {

class CaptureMerger final : public TickStream {
 public:
  /// Takes the sources in command-line order; they must outlive the merger. Cold path.
  explicit CaptureMerger(const std::vector<std::unique_ptr<TickSource>>& sources);

  /// Next tick across every file; false when all are done.
  [[nodiscard]] bool next(Tick& tick);
  [[nodiscard]] StreamStatus poll(Tick& tick) override { return next(tick) ? StreamStatus::kTick : StreamStatus::kEnd; }

  /// Summed over the files. Read after the feed is done (or from the feed thread).
  [[nodiscard]] FeedStats stats() const override;
  [[nodiscard]] LatencyHistogram parseLatency() const override;

 private:
  struct Head {
    TickSource* source;
    Tick tick;
    bool has_tick;
  };
  std::vector<Head> heads_;
  Head* taken_ = nullptr;  // the head whose tick was handed out last: advanced at the next call
  bool primed_ = false;
};

}  // namespace bw::feed
