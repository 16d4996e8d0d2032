// The feed loop's clock ticks: where they go in the queue, and what feed work they are
// charged, for a stream that parsed ahead (the merger) and one that tells its stamps
// before parsing (live sockets). Scripted streams, no threads: the queue is read after.

#include "pipeline/FeedLoop.h"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "core/InstrumentTable.h"

namespace bw::pipeline {
namespace {

constexpr std::uint64_t kParseTsc = 5'000'000;  // each scripted line's parse, far above any real feed work
constexpr std::int64_t kSecondNs = 1'000'000'000;
constexpr std::int64_t kStartNs = 1'700'000'000 * kSecondNs;

/// Hands out scripted trades, stamped as a source stamps its parse (arrival, then parsed
/// kParseTsc later). With `tells_stamps` it tells an observer each stamp first, as a live
/// source does, and notes how many ticks the queue held at that moment.
class ScriptedStream final : public feed::TickStream {
 public:
  ScriptedStream(std::vector<Tick> ticks, bool tells_stamps, const SpscQueue<Tick>& queue)
      : ticks_(std::move(ticks)), tells_stamps_(tells_stamps), queue_(queue) {}

  feed::StreamStatus poll(Tick& tick) override {
    if (next_ == ticks_.size()) return feed::StreamStatus::kEnd;
    Tick t = ticks_[next_++];
    if (tells_stamps_ && observer_ != nullptr) observer_->onReceiveStamp(t.recv_ns);
    queued_when_parsed.push_back(queue_.sizeApprox());
    t.arrival_tsc = TscClock::now();
    t.parsed_tsc = t.arrival_tsc + kParseTsc;
    tick = t;
    return feed::StreamStatus::kTick;
  }
  void observeReceiveStamps(feed::ReceiveStampObserver* observer) noexcept override { observer_ = observer; }
  feed::FeedStats stats() const override { return {}; }
  LatencyHistogram parseLatency() const override { return {}; }

  feed::ReceiveStampObserver* observer_ = nullptr;
  std::vector<std::size_t> queued_when_parsed;

 private:
  std::vector<Tick> ticks_;
  std::size_t next_ = 0;
  bool tells_stamps_;
  const SpscQueue<Tick>& queue_;
};

class FeedLoopTest : public ::testing::Test {
 protected:
  FeedLoopTest() : books_(instruments_, book_log_), quality_(QualityConfig{}) {
    options_.max_inflight = 1'000;  // nobody takes from the queue here
    options_.bars.time_intervals_ms = {1'000};
  }

  /// Trades at these offsets from kStartNs, each with `stamped` as its stamp's origin.
  std::vector<Tick> tradesAt(const std::vector<std::int64_t>& offsets_ms, bool stamped) const {
    std::vector<Tick> out;
    for (std::size_t i = 0; i < offsets_ms.size(); ++i) {
      Tick t;
      t.kind = TickKind::kTrade;
      t.symbol = instruments_.find("BTCUSDT");
      t.recv_ns = kStartNs + offsets_ms[i] * 1'000'000;
      t.price = Price{100 * kScale};
      t.qty = Qty{kScale};
      t.seq = i + 1;
      t.stamped_on_arrival = stamped;
      out.push_back(t);
    }
    return out;
  }

  std::vector<Tick> run(ScriptedStream& stream) {
    LatencyHistogram book_stage;
    (void)runFeedLoop(stream, books_, quality_, queue_, book_stage, clock_, options_);
    std::vector<Tick> out;
    Tick t;
    while (queue_.tryPop(t)) out.push_back(t);
    return out;
  }

  static std::vector<TickKind> kindsOf(const std::vector<Tick>& ticks) {
    std::vector<TickKind> kinds;
    for (const Tick& t : ticks) kinds.push_back(t.kind);
    return kinds;
  }

  InstrumentTable instruments_ = InstrumentTable::withDefaults();
  TscClock clock_ = TscClock::calibrate(5);
  std::ostringstream book_log_;
  feed::BookBuilder books_;
  feed::DataQuality quality_;
  SpscQueue<Tick> queue_{64};
  FeedLoopOptions options_;
};

constexpr TickKind kT = TickKind::kTrade;
constexpr TickKind kC = TickKind::kClock;

TEST_F(FeedLoopTest, aStampKnownOnArrivalChargesItsClockTickNoneOfTheParse) {
  ScriptedStream stream(tradesAt({200, 900, 1'100, 1'500, 2'050}, true), false, queue_);
  const std::vector<Tick> out = run(stream);
  ASSERT_EQ(kindsOf(out), (std::vector<TickKind>{kT, kT, kC, kT, kT, kC, kT}));
  for (const Tick& t : out) {
    const std::uint64_t feed_work = t.parsed_tsc - t.arrival_tsc;
    if (t.kind == kC) {
      EXPECT_EQ(feed_work, 0u) << "the clock tick waited for its message's parse";
    } else {
      EXPECT_GE(feed_work, kParseTsc) << "a message is still charged its own parse";
    }
  }
  EXPECT_EQ(out[2].recv_ns, kStartNs + 1'100'000'000);
  EXPECT_EQ(out[5].recv_ns, kStartNs + 2'050'000'000);
}

TEST_F(FeedLoopTest, aStampFoundByTheParseChargesItsClockTickTheParse) {
  ScriptedStream stream(tradesAt({200, 1'100}, false), false, queue_);
  const std::vector<Tick> out = run(stream);
  ASSERT_EQ(kindsOf(out), (std::vector<TickKind>{kT, kC, kT}));
  EXPECT_EQ(out[1].parsed_tsc - out[1].arrival_tsc, kParseTsc);
}

TEST_F(FeedLoopTest, aStampToldBeforeTheParseQueuesTheClockTickBeforeTheParseStarts) {
  ScriptedStream stream(tradesAt({200, 900, 1'100, 1'500, 2'050}, true), true, queue_);
  const std::vector<Tick> out = run(stream);
  // One clock tick per crossing: the one handed over on the stamp is not handed again.
  ASSERT_EQ(kindsOf(out), (std::vector<TickKind>{kT, kT, kC, kT, kT, kC, kT}));
  // Parsing the 3rd and 5th messages began with their clock ticks already queued.
  EXPECT_EQ(stream.queued_when_parsed, (std::vector<std::size_t>{0, 1, 3, 4, 6}));
  EXPECT_EQ(out[2].parsed_tsc - out[2].arrival_tsc, 0u);
  EXPECT_EQ(stream.observer_, nullptr) << "the loop's observer outlived the loop";
}

}  // namespace
}  // namespace bw::pipeline
