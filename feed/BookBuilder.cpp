#include "feed/BookBuilder.h"

#include <algorithm>

namespace bw::feed {

BookCounters& BookCounters::operator+=(const BookCounters& o) noexcept {
  snapshots += o.snapshots;
  updates_applied += o.updates_applied;
  stale_dropped += o.stale_dropped;
  unsynced_dropped += o.unsynced_dropped;
  gaps += o.gaps;
  resyncs += o.resyncs;
  level_overflows += o.level_overflows;
  return *this;
}

BookBuilder::Symbol::Symbol(std::size_t capacity) : book(capacity) {
  pending.reserve(kPendingUpdates);
  pending_levels.reserve(kPendingLevels);
}

BookBuilder::BookBuilder(const InstrumentTable& instruments, std::ostream& log, std::size_t capacity_per_side)
    : instruments_(instruments), log_(log) {
  symbols_.reserve(instruments.size());
  for (std::size_t i = 0; i < instruments.size(); ++i) symbols_.emplace_back(capacity_per_side);
}

BookCounters BookBuilder::counters(SymbolId s) const noexcept {
  BookCounters c = symbols_[s].counters;
  c.level_overflows = symbols_[s].book.overflowed();
  return c;
}

BookCounters BookBuilder::totals() const noexcept {
  BookCounters sum;
  for (std::size_t i = 0; i < symbols_.size(); ++i) sum += counters(static_cast<SymbolId>(i));
  return sum;
}

void BookBuilder::apply(Tick& tick) noexcept {
  if (tick.kind != TickKind::kDepth && tick.kind != TickKind::kSnapshot) return;
  if (tick.levels == nullptr || tick.symbol >= symbols_.size()) return;
  Symbol& s = symbols_[tick.symbol];
  if (tick.kind == TickKind::kSnapshot) {
    applySnapshot(tick.symbol, s, tick);
  } else {
    const BookLevels& l = *tick.levels;
    const Update u{tick.first_seq, tick.seq, l.bids.data(), l.bid_count, l.asks.data(), l.ask_count};
    if (s.state != BookState::kSynced || !applyUpdate(tick.symbol, s, u)) buffer(s, u);
  }
  if (s.state != BookState::kSynced) return;
  const BookLevel bid = s.book.bestBid();
  const BookLevel ask = s.book.bestAsk();
  tick.bid = bid.price;
  tick.bid_qty = bid.qty;
  tick.ask = ask.price;
  tick.ask_qty = ask.qty;
  tick.flags = static_cast<std::uint8_t>(tick.flags | kTickBookSynced);
}

void BookBuilder::applySnapshot(SymbolId id, Symbol& s, const Tick& tick) noexcept {
  // A snapshot older than the book we hold (ids only grow) would rewind it: keep ours.
  if (s.state == BookState::kSynced && tick.seq <= s.last_id) {
    ++s.counters.stale_dropped;
    return;
  }
  s.book.applySnapshot(*tick.levels);
  ++s.counters.snapshots;
  if (s.state == BookState::kDegraded) ++s.counters.resyncs;
  s.state = BookState::kSynced;
  s.bridged = false;
  s.last_id = tick.seq;
  // Replay what arrived before the snapshot, oldest first. After a gap the rest cannot
  // apply either: they stay dropped (counted) and the book waits for the next snapshot.
  std::size_t i = 0;
  for (; i < s.pending.size() && s.state == BookState::kSynced; ++i) {
    const Pending& p = s.pending[i];
    const BookLevel* levels = s.pending_levels.data() + p.begin;
    (void)applyUpdate(id, s, Update{p.first_seq, p.seq, levels, p.bid_count, levels + p.bid_count, p.ask_count});
  }
  s.counters.unsynced_dropped += s.pending.size() - i;
  s.pending.clear();
  s.pending_levels.clear();
}

bool BookBuilder::applyUpdate(SymbolId id, Symbol& s, const Update& u) noexcept {
  if (u.seq <= s.last_id) {  // already in the snapshot, or a repeat
    ++s.counters.stale_dropped;
    return true;
  }
  // First update after a snapshot: U <= L+1 <= u (u > L holds from the check above).
  // Later: U == previous u + 1.
  const std::uint64_t expected = s.last_id + 1;
  const bool continuous = s.bridged ? u.first_seq == expected : u.first_seq <= expected;
  if (!continuous) {
    ++s.counters.gaps;
    s.state = BookState::kDegraded;
    reportGap(id, s, u, expected);
    return false;
  }
  s.book.applyChanges(true, u.bids, u.bid_count);
  s.book.applyChanges(false, u.asks, u.ask_count);
  ++s.counters.updates_applied;
  s.bridged = true;
  s.last_id = u.seq;
  return true;
}

void BookBuilder::buffer(Symbol& s, const Update& u) noexcept {
  const std::size_t n = std::size_t{u.bid_count} + u.ask_count;
  if (s.pending.size() == kPendingUpdates || s.pending_levels.size() + n > kPendingLevels) {
    s.counters.unsynced_dropped += s.pending.size();
    s.pending.clear();
    s.pending_levels.clear();
  }
  if (n > kPendingLevels) {  // one update larger than the whole buffer: cannot be held
    ++s.counters.unsynced_dropped;
    return;
  }
  // Within the reserved capacity (checked above): no reallocation.
  const auto begin = static_cast<std::uint32_t>(s.pending_levels.size());
  s.pending_levels.insert(s.pending_levels.end(), u.bids, u.bids + u.bid_count);
  s.pending_levels.insert(s.pending_levels.end(), u.asks, u.asks + u.ask_count);
  s.pending.push_back(Pending{u.first_seq, u.seq, begin, u.bid_count, u.ask_count});
}

void BookBuilder::reportGap(SymbolId id, const Symbol& s, const Update& u, std::uint64_t expected_first) noexcept {
  // Cold: once per gap (the book then stays degraded until a snapshot).
  log_ << "book " << instruments_[id].name() << ": sequence gap: expected U" << (s.bridged ? " = " : " <= ")
       << expected_first << ", got U=" << u.first_seq << " u=" << u.seq
       << "; book degraded until the next snapshot\n";
}

}  // namespace bw::feed
