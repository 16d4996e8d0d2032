#pragma once
// A price-level book for one symbol: two sorted arrays of (price, qty), the best level at
// the end of each (bids ascending, asks descending) so the changes that dominate a live
// book, near the touch, move few elements. Lookup is a binary search.
//
// An update's changes to one side come as a batch (a Binance depth diff: 44 levels on
// average over the real captures, up to thousands, best first). Applied one by one, each
// change far from the touch that adds or removes a level moves most of the array. A batch
// of 16 or more, sorted by price, is applied in one pass instead: quantities set in place,
// and from the first level added or removed on, the side merged with the changes through a
// spare array. Both give the same book (OrderBookTest and RealCaptureBookTest compare them).
//
// Fixed capacity per side, allocated once at construction; nothing allocates after. A new
// level on a full side replaces the side's worst level when it is better, and is dropped
// otherwise; both are counted (overflowed()), never a crash: the far end of a deep book
// matters least to top-of-book and depth-by-level queries.
//
// Feed thread only (the book stage). All operations noexcept.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/BookLevels.h"
#include "core/FixedPoint.h"

namespace bw::feed {

class OrderBook {
 public:
  /// Cold path: allocates both sides (throws std::bad_alloc).
  explicit OrderBook(std::size_t capacity_per_side = BookLevels::kMaxPerSide);

  /// Replaces the whole book with a snapshot's levels (any order; qty 0 entries ignored;
  /// a price given twice keeps one of them). O(n log n), no allocation.
  void applySnapshot(const BookLevels& levels) noexcept;
  /// Applies an update's levels in order: qty 0 removes the level, else sets its qty.
  void applyUpdate(const BookLevels& levels) noexcept;
  /// One side's changes from one update, in message order, with applyUpdate's result: in
  /// one pass when there are 16 or more, sorted by price either way (so each price once)
  /// and with room for all of them as new levels; one by one otherwise, so a side that can
  /// fill up evicts and counts per change, in order.
  void applyChanges(bool bid_side, const BookLevel* changes, std::uint32_t count) noexcept;
  /// One level change on one side.
  void apply(bool bid_side, Price price, Qty qty) noexcept;
  void clear() noexcept;

  [[nodiscard]] bool hasBid() const noexcept { return !bids_.empty(); }
  [[nodiscard]] bool hasAsk() const noexcept { return !asks_.empty(); }
  /// The best level of a side; {0, 0} when the side is empty.
  [[nodiscard]] BookLevel bestBid() const noexcept { return bids_.empty() ? BookLevel{} : bids_.back(); }
  [[nodiscard]] BookLevel bestAsk() const noexcept { return asks_.empty() ? BookLevel{} : asks_.back(); }
  /// The level `depth` steps from the touch (0 = best); {0, 0} beyond the side's size.
  [[nodiscard]] BookLevel bid(std::size_t depth) const noexcept { return at(bids_, depth); }
  [[nodiscard]] BookLevel ask(std::size_t depth) const noexcept { return at(asks_, depth); }
  [[nodiscard]] std::size_t bidLevels() const noexcept { return bids_.size(); }
  [[nodiscard]] std::size_t askLevels() const noexcept { return asks_.size(); }
  [[nodiscard]] std::size_t capacityPerSide() const noexcept { return capacity_; }
  /// Level inserts that found their side full (the worst level evicted or the new one dropped).
  [[nodiscard]] std::uint64_t overflowed() const noexcept { return overflowed_; }
  /// Batches applyChanges took in one pass (the rest went one by one).
  [[nodiscard]] std::uint64_t batchesInOnePass() const noexcept { return batches_in_one_pass_; }

 private:
  /// A side: a vector reserved to capacity once and never grown past it, so push_back and
  /// insert never reallocate (checked against capacity_ before each).
  using Side = std::vector<BookLevel>;

  static BookLevel at(const Side& side, std::size_t depth) noexcept {
    return depth < side.size() ? side[side.size() - 1 - depth] : BookLevel{};
  }
  void applyTo(Side& side, bool bid_side, Price price, Qty qty) noexcept;
  void merge(Side& side, bool bid_side, const BookLevel* changes, std::uint32_t count, bool best_first) noexcept;
  void load(Side& side, bool bid_side, const BookLevel* levels, std::uint32_t count) noexcept;

  std::size_t capacity_;
  Side bids_;  // ascending price: best (highest) at the back
  Side asks_;  // descending price: best (lowest) at the back
  Side spare_;  // merge()'s output, copied back into the side it merged
  std::uint64_t overflowed_ = 0;
  std::uint64_t batches_in_one_pass_ = 0;
};

}  // namespace bw::feed
