#include "pipeline/FeedLoop.h"

#include "core/ControlBlock.h"
#include "feed/BarClock.h"

namespace bw::pipeline {
namespace {

/// Pushes ticks to the engine, waiting while `max_inflight` are queued (lock-step at 1).
class HandOff {
 public:
  HandOff(SpscQueue<Tick>& ticks, IdleStrategy& idle, std::size_t max_inflight) noexcept
      : ticks_(ticks), idle_(idle), max_inflight_(max_inflight) {}

  /// Restamps `t` (ready now, arrived `feed_work_tsc` ago) and pushes it.
  void operator()(Tick& t, std::uint64_t feed_work_tsc) noexcept {
    while (ticks_.sizeApprox() >= max_inflight_) idle_.idle();
    idle_.reset();
    t.parsed_tsc = TscClock::now();
    t.arrival_tsc = t.parsed_tsc - feed_work_tsc;
    t.levels = nullptr;  // owned by the feed thread's source: never crosses the queue
    while (!ticks_.tryPush(t)) {
      ++queue_full_;
      idle_.idle();
    }
  }

  /// A clock tick for a receive time that crossed a boundary.
  void clock(std::int64_t recv_ns, std::uint64_t feed_work_tsc) noexcept {
    Tick t;
    t.kind = TickKind::kClock;
    t.recv_ns = recv_ns;
    (*this)(t, feed_work_tsc);
  }

  [[nodiscard]] std::uint64_t queueFull() const noexcept { return queue_full_; }

 private:
  SpscQueue<Tick>& ticks_;
  IdleStrategy& idle_;
  std::size_t max_inflight_;
  std::uint64_t queue_full_ = 0;
};

/// A live stream's stamps, before their lines are parsed: a crossing hands the clock tick
/// over at once, its feed work nothing but this call.
class ClockOnStamp final : public feed::ReceiveStampObserver {
 public:
  ClockOnStamp(feed::BarClock& bar_clock, HandOff& hand_off) noexcept : bar_clock_(bar_clock), hand_off_(hand_off) {}

  void onReceiveStamp(std::int64_t recv_ns) noexcept override {
    if (bar_clock_.crosses(recv_ns)) hand_off_.clock(recv_ns, 0);
  }

 private:
  feed::BarClock& bar_clock_;
  HandOff& hand_off_;
};

}  // namespace

std::uint64_t runFeedLoop(feed::TickStream& stream, feed::BookBuilder& books, feed::DataQuality& quality,
                          SpscQueue<Tick>& ticks, LatencyHistogram& book_stage, const TscClock& tsc,
                          const FeedLoopOptions& options) {
  IdleStrategy idle(options.idle);
  HandOff handOff(ticks, idle, options.max_inflight);
  feed::BarClock bar_clock(options.bars);
  ClockOnStamp clock_on_stamp(bar_clock, handOff);
  stream.observeReceiveStamps(&clock_on_stamp);
  struct StopObserving {  // the observer lives on this frame: however the loop ends
    feed::TickStream& stream;
    ~StopObserving() { stream.observeReceiveStamps(nullptr); }
  } stop_observing{stream};
  std::int64_t first_recv_ns = 0;
  std::int64_t wall_start_ns = 0;
  std::uint64_t stream_ticks = 0;
  Tick tick;
  for (;;) {
    const feed::StreamStatus status = stream.poll(tick);
    if (status == feed::StreamStatus::kEnd) break;
    if (status == feed::StreamStatus::kIdle) {
      const std::int64_t now_ns = wallClockNs();  // CLOCK_REALTIME, as a live stream's receive stamps
      quality.checkStale(now_ns);  // a live stream gone quiet (captures never idle)
      if (bar_clock.crosses(now_ns)) handOff.clock(now_ns, 0);
      idle.idle();
      continue;
    }
    // Each tick is scored; refused lines (counted by the sources) are read every 64 ticks,
    // as summing the stream's stats on every tick would cost more than scoring it.
    if ((stream_ticks++ & 63) == 0) quality.noteRefusedLines(feed::DataQuality::missingFieldLines(stream.stats()));
    const std::uint64_t parse_tsc = tick.arrival_tsc != 0 ? tick.parsed_tsc - tick.arrival_tsc : 0;
    if (options.speed > 0) {
      if (first_recv_ns == 0) {
        first_recv_ns = tick.recv_ns;
        wall_start_ns = TscClock::monotonicNs();
      }
      const auto due =
          wall_start_ns + static_cast<std::int64_t>(static_cast<double>(tick.recv_ns - first_recv_ns) / options.speed);
      while (TscClock::monotonicNs() < due) idle.idle();
      idle.reset();
    }
    // A live stream's crossing went over in clock_on_stamp already; this is the merger's.
    if (bar_clock.crosses(tick.recv_ns)) handOff.clock(tick.recv_ns, tick.stamped_on_arrival ? 0 : parse_tsc);
    const std::uint64_t book_start_tsc = TscClock::now();
    books.apply(tick);  // depth/snapshot: the book's top and kTickBookSynced onto the tick
    if (tick.kind == TickKind::kDepth || tick.kind == TickKind::kSnapshot) {
      book_stage.record(tsc.toNs(TscClock::now() - book_start_tsc));
    }
    quality.observe(tick);  // after the book stage; writes tick.quality
    handOff(tick, parse_tsc + (TscClock::now() - book_start_tsc));
  }
  return handOff.queueFull();
}

}  // namespace bw::pipeline
