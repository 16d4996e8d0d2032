#include "feed/CaptureMerger.h"

namespace bw::feed {

CaptureMerger::CaptureMerger(const std::vector<std::unique_ptr<TickSource>>& sources) {
  heads_.reserve(sources.size());
  for (const auto& s : sources) heads_.push_back(Head{s.get(), Tick{}, false});
}

bool CaptureMerger::next(Tick& tick) {
  if (!primed_) {
    for (Head& h : heads_) h.has_tick = h.source->next(h.tick);
    primed_ = true;
  }
  if (taken_ != nullptr) {
    taken_->has_tick = taken_->source->next(taken_->tick);
    taken_ = nullptr;
  }
  Head* earliest = nullptr;
  for (Head& h : heads_) {
    if (h.has_tick && (earliest == nullptr || h.tick.recv_ns < earliest->tick.recv_ns)) earliest = &h;
  }
  if (earliest == nullptr) return false;
  tick = earliest->tick;
  taken_ = earliest;
  return true;
}

FeedStats CaptureMerger::stats() const {
  FeedStats total;
  for (const Head& h : heads_) total += h.source->stats();
  return total;
}

LatencyHistogram CaptureMerger::parseLatency() const {
  LatencyHistogram total;
  for (const Head& h : heads_) total.merge(h.source->parseLatency());
  return total;
}

}  // namespace bw::feed
