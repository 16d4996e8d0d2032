#include "feed/CaptureMerger.h"

namespace bw::feed {

CaptureMerger::CaptureMerger(const std::vector<std::unique_ptr<CaptureReader>>& readers) {
  heads_.reserve(readers.size());
  for (const auto& r : readers) heads_.push_back(Head{r.get(), Tick{}, false});
}

bool CaptureMerger::next(Tick& tick) {
  if (!primed_) {
    for (Head& h : heads_) h.has_tick = h.reader->next(h.tick);
    primed_ = true;
  }
  Head* earliest = nullptr;
  for (Head& h : heads_) {
    if (h.has_tick && (earliest == nullptr || h.tick.recv_ns < earliest->tick.recv_ns)) earliest = &h;
  }
  if (earliest == nullptr) return false;
  tick = earliest->tick;
  earliest->has_tick = earliest->reader->next(earliest->tick);
  return true;
}

FeedStats CaptureMerger::stats() const {
  FeedStats total;
  for (const Head& h : heads_) total += h.reader->stats();
  return total;
}

LatencyHistogram CaptureMerger::parseLatency() const {
  LatencyHistogram total;
  for (const Head& h : heads_) total.merge(h.reader->parseLatency());
  return total;
}

}  // namespace bw::feed
