#pragma once
// A price-level book for one symbol: two sorted arrays of (price, qty), the best level at
// the end of each (bids ascending, asks descending) so the changes that dominate a live
// book, near the touch, move few elements. Lookup is a binary search.
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

 private:
  /// A side: a vector reserved to capacity once and never grown past it, so push_back and
  /// insert never reallocate (checked against capacity_ before each).
  using Side = std::vector<BookLevel>;

  static BookLevel at(const Side& side, std::size_t depth) noexcept {
    return depth < side.size() ? side[side.size() - 1 - depth] : BookLevel{};
  }
  void applyTo(Side& side, bool bid_side, Price price, Qty qty) noexcept;
  void load(Side& side, bool bid_side, const BookLevel* levels, std::uint32_t count) noexcept;

  std::size_t capacity_;
  Side bids_;  // ascending price: best (highest) at the back
  Side asks_;  // descending price: best (lowest) at the back
  std::uint64_t overflowed_ = 0;
};

}  // namespace bw::feed
