#pragma once
// The feed thread's loop: the tick stream (merged captures, or live sockets) into the
// engine's tick queue, with the book stage and the data-quality score on the way.
//
// Clock ticks: a message whose receive time crosses a time bar's boundary is preceded by a
// clock tick (TickKind::kClock, feed/BarClock.h): the engine closes the bars, decides and
// checks on it while this thread builds the book from the message (a depth diff's book
// stage is 3-4x its parse). Where the receive time is known before the body is parsed (a
// live read's clock; a capture line's `<ns>` prefix or a binary record's header: the tick's
// `stamped_on_arrival`), the clock tick owes the parse nothing:
//  - live: the sources tell this loop each stamp before parsing the line
//    (ReceiveStampObserver), and the clock tick is in the queue before the parse starts;
//  - replay: the merger has parsed ahead, so the clock tick is handed over when its message
//    comes out of the merger, and its end-to-end stages start at that hand-off (as live);
//    a stamp found by the parse (plain JSON lines, CSV) charges the clock tick the parse.
// A live stream gone quiet gets clock ticks from the wall clock, so its bars close on time.
//
// Ticks are restamped at hand-off: tick_to_decision starts when the tick is ready, and the
// end-to-end stages `feed work` before it (the parse, the book stage, the score), as if the
// tick had just arrived, since the merger reads one tick ahead per file and lock-step waits
// before the push.
//
// Feed thread only. No allocation per tick.

#include <cstddef>
#include <cstdint>

#include "core/Config.h"
#include "core/IdleStrategy.h"
#include "core/LatencyHistogram.h"
#include "core/SpscQueue.h"
#include "core/Tick.h"
#include "core/TscClock.h"
#include "feed/BookBuilder.h"
#include "feed/DataQuality.h"
#include "feed/TickStream.h"

namespace bw::pipeline {

struct FeedLoopOptions {
  IdleMode idle = IdleMode::kBackoff;  ///< [cores] feed_idle
  std::size_t max_inflight = 1;        ///< [replay] max_inflight_ticks: 1 is lock-step
  double speed = 0;                    ///< > 0: pace ticks by their receive stamps (x recorded pace)
  BarsConfig bars;                     ///< where the clock ticks fall
};

/// Runs until the stream ends. `book_stage` gets each depth and snapshot message's book
/// stage, in ns. Returns how many pushes found the queue full (each retried, none dropped).
std::uint64_t runFeedLoop(feed::TickStream& stream, feed::BookBuilder& books, feed::DataQuality& quality,
                          SpscQueue<Tick>& ticks, LatencyHistogram& book_stage, const TscClock& tsc,
                          const FeedLoopOptions& options);

}  // namespace bw::pipeline
