#pragma once
// The feed thread's book stage: one OrderBook per SymbolId, kept from depth snapshots and
// updates with Binance's sequence rules (spot "How to manage a local order book"):
//   - before any snapshot the book is kAwaitingSnapshot: updates are buffered;
//   - a snapshot with lastUpdateId L replaces the book, then the buffered updates are
//     replayed: those with u <= L are stale (dropped, counted); the first update applied
//     must have U <= L+1 <= u;
//   - after that each update's U must be the previous update's u + 1.
// Buffering matters: the snapshot is fetched over REST while the stream runs, so the
// update that bridges it usually arrives first (in the recorded BTCUSDT capture the
// snapshot L=...218 comes 70 ms after the update U=...208 u=...224).
// A broken rule is a gap: counted, reported with one log line naming the symbol and the
// ids, and the book is kDegraded (not synced; updates buffered again, the gapped one
// first) until the next snapshot resynchronises it (counted as a resync).
// The buffer is fixed (kPendingUpdates updates, kPendingLevels levels per symbol): when
// full it is emptied and its updates counted as unsynced_dropped; only the updates just
// before a snapshot can bridge it.
//
// For each depth or snapshot tick, apply() applies its levels and, while the book is
// synced, sets tick.bid/ask/bid_qty/ask_qty from the book's top and kTickBookSynced.
// While it is not, the tick keeps what the parser put there (the message's own best
// levels) without the flag.
//
// Feed thread only. apply() allocates nothing and takes no lock; the only syscall is the
// gap report, written once per gap (then the book is degraded until a snapshot).

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <vector>

#include "core/InstrumentTable.h"
#include "core/Tick.h"
#include "feed/OrderBook.h"

namespace bw::feed {

enum class BookState : std::uint8_t {
  kAwaitingSnapshot = 0,  ///< no snapshot yet: nothing to apply updates to
  kSynced = 1,            ///< the book is the exchange's as of the last applied id
  kDegraded = 2,          ///< a gap was seen: stale until the next snapshot
};

[[nodiscard]] constexpr const char* bookStateName(BookState s) noexcept {
  switch (s) {
    case BookState::kAwaitingSnapshot: return "AWAITING_SNAPSHOT";
    case BookState::kSynced: return "SYNCED";
    case BookState::kDegraded: return "DEGRADED";
  }
  return "?";
}

/// Counters for one symbol's book, or summed over all (BookBuilder::totals()).
struct BookCounters {
  std::uint64_t snapshots = 0;         ///< snapshots applied
  std::uint64_t updates_applied = 0;   ///< depth updates applied
  std::uint64_t stale_dropped = 0;     ///< updates with u at or before the book's last id
  std::uint64_t unsynced_dropped = 0;  ///< updates dropped from the full buffer while awaiting a snapshot or degraded
  std::uint64_t gaps = 0;              ///< sequence breaks detected
  std::uint64_t resyncs = 0;           ///< snapshots that ended a degraded period
  std::uint64_t level_overflows = 0;   ///< level inserts that found a side full (OrderBook::overflowed)

  BookCounters& operator+=(const BookCounters& o) noexcept;
};

class BookBuilder {
 public:
  static constexpr std::size_t kPendingUpdates = 256;    ///< buffered updates per symbol (~25 s at 100 ms)
  static constexpr std::size_t kPendingLevels = 16'384;  ///< buffered levels per symbol (256 KiB)

  /// One book per instrument in `instruments` (allocated here, cold path). Gap reports go
  /// to `log` (e.g. the MalformedLog's stream).
  BookBuilder(const InstrumentTable& instruments, std::ostream& log,
              std::size_t capacity_per_side = BookLevels::kMaxPerSide);

  /// Applies a depth or snapshot tick (tick.levels set) to its symbol's book and stamps
  /// the top of book on it; other ticks pass unchanged. Feed thread; no allocation.
  void apply(Tick& tick) noexcept;

  [[nodiscard]] BookState state(SymbolId s) const noexcept { return symbols_[s].state; }
  [[nodiscard]] const OrderBook& book(SymbolId s) const noexcept { return symbols_[s].book; }
  [[nodiscard]] BookCounters counters(SymbolId s) const noexcept;
  /// The id of the last snapshot or update applied to the symbol's book (0 before any).
  [[nodiscard]] std::uint64_t lastUpdateId(SymbolId s) const noexcept { return symbols_[s].last_id; }
  [[nodiscard]] BookCounters totals() const noexcept;
  [[nodiscard]] std::size_t symbols() const noexcept { return symbols_.size(); }

 private:
  /// An update held while unsynced: its ids and where its levels lie in the level pool.
  struct Pending {
    std::uint64_t first_seq = 0;
    std::uint64_t seq = 0;
    std::uint32_t begin = 0;  // bids at [begin, begin + bid_count), asks right after
    std::uint32_t bid_count = 0;
    std::uint32_t ask_count = 0;
  };
  /// One update's ids and levels, from a tick or from the buffer.
  struct Update {
    std::uint64_t first_seq;
    std::uint64_t seq;
    const BookLevel* bids;
    std::uint32_t bid_count;
    const BookLevel* asks;
    std::uint32_t ask_count;
  };

  struct Symbol {
    explicit Symbol(std::size_t capacity);
    OrderBook book;
    std::vector<Pending> pending;          // reserved to kPendingUpdates once
    std::vector<BookLevel> pending_levels;  // reserved to kPendingLevels once
    BookCounters counters;
    BookState state = BookState::kAwaitingSnapshot;
    bool bridged = false;       // an update has been applied since the last snapshot
    std::uint64_t last_id = 0;  // lastUpdateId, then each applied update's u
  };

  void applySnapshot(SymbolId id, Symbol& s, const Tick& tick) noexcept;
  /// Applies one update to a synced book under the sequence rules; false on a gap.
  bool applyUpdate(SymbolId id, Symbol& s, const Update& u) noexcept;
  void buffer(Symbol& s, const Update& u) noexcept;
  void reportGap(SymbolId id, const Symbol& s, const Update& u, std::uint64_t expected_first) noexcept;

  const InstrumentTable& instruments_;
  std::ostream& log_;
  std::vector<Symbol> symbols_;
};

}  // namespace bw::feed
