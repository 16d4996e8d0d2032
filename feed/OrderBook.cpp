#include "feed/OrderBook.h"

#include <algorithm>

namespace bw::feed {
namespace {

/// Bids sort ascending, asks descending: in both, "less" means further from the touch.
bool worse(bool bid_side, Price a, Price b) noexcept { return bid_side ? a.raw < b.raw : a.raw > b.raw; }

/// Below this many changes on a side, they are applied one by one: few changes move few
/// levels, and the merge copies the side from its first insert or removal on. Chosen with
/// bench_order_book (machine A: 8 and 32 were no better, 4 worse at p50).
constexpr std::uint32_t kMergeMinChanges = 16;

enum class Run : std::uint8_t { kUnsorted, kWorseFirst, kBestFirst };

/// Whether the changes run strictly one way by price (so no price twice).
Run runOf(bool bid_side, const BookLevel* changes, std::uint32_t count) noexcept {
  bool worse_first = true;
  bool best_first = true;
  for (std::uint32_t i = 1; i < count && (worse_first || best_first); ++i) {
    worse_first = worse_first && worse(bid_side, changes[i - 1].price, changes[i].price);
    best_first = best_first && worse(bid_side, changes[i].price, changes[i - 1].price);
  }
  if (best_first) return Run::kBestFirst;  // Binance's order: bids descending, asks ascending
  return worse_first ? Run::kWorseFirst : Run::kUnsorted;
}

}  // namespace

OrderBook::OrderBook(std::size_t capacity_per_side) : capacity_(capacity_per_side) {
  bids_.reserve(capacity_);
  asks_.reserve(capacity_);
  spare_.reserve(capacity_);
}

void OrderBook::clear() noexcept {
  bids_.clear();
  asks_.clear();
}

void OrderBook::load(Side& side, bool bid_side, const BookLevel* levels, std::uint32_t count) noexcept {
  side.clear();
  for (std::uint32_t i = 0; i < count; ++i) {
    if (levels[i].qty.raw == 0) continue;
    if (side.size() == capacity_) {  // kept: the best `capacity_` once sorted below
      ++overflowed_;
      auto worst = std::min_element(side.begin(), side.end(), [bid_side](const BookLevel& a, const BookLevel& b) {
        return worse(bid_side, a.price, b.price);
      });
      if (worse(bid_side, worst->price, levels[i].price)) *worst = levels[i];
      continue;
    }
    side.push_back(levels[i]);
  }
  const auto less = [bid_side](const BookLevel& a, const BookLevel& b) { return worse(bid_side, a.price, b.price); };
  std::sort(side.begin(), side.end(), less);
  // A price given twice: keep one (a snapshot should not have duplicates).
  side.erase(std::unique(side.begin(), side.end(), [](const BookLevel& a, const BookLevel& b) {
               return a.price.raw == b.price.raw;
             }),
             side.end());
}

void OrderBook::applySnapshot(const BookLevels& levels) noexcept {
  load(bids_, true, levels.bids.data(), levels.bid_count);
  load(asks_, false, levels.asks.data(), levels.ask_count);
}

void OrderBook::applyUpdate(const BookLevels& levels) noexcept {
  applyChanges(true, levels.bids.data(), levels.bid_count);
  applyChanges(false, levels.asks.data(), levels.ask_count);
}

void OrderBook::applyChanges(bool bid_side, const BookLevel* changes, std::uint32_t count) noexcept {
  Side& side = bid_side ? bids_ : asks_;
  // The merge cannot evict: it needs room for every change to be a new level.
  if (count >= kMergeMinChanges && side.size() + count <= capacity_) {
    const Run run = runOf(bid_side, changes, count);
    if (run != Run::kUnsorted) {
      merge(side, bid_side, changes, count, run == Run::kBestFirst);
      ++batches_in_one_pass_;
      return;
    }
  }
  for (std::uint32_t i = 0; i < count; ++i) applyTo(side, bid_side, changes[i].price, changes[i].qty);
}

void OrderBook::merge(Side& side, bool bid_side, const BookLevel* changes, std::uint32_t count,
                      bool best_first) noexcept {
  const auto less = [bid_side](const BookLevel& l, Price p) { return worse(bid_side, l.price, p); };
  // The changes come in the side's order, so each is searched for from where the last one
  // was, galloping: the steps grow with the distance, not with the side's size.
  const auto find = [&](Side::iterator from, Price p) {
    const auto n = static_cast<std::size_t>(side.end() - from);
    std::size_t bound = 1;
    while (bound < n && less(from[static_cast<std::ptrdiff_t>(bound - 1)], p)) bound *= 2;
    return std::lower_bound(from + static_cast<std::ptrdiff_t>(bound / 2),
                            from + static_cast<std::ptrdiff_t>(std::min(bound, n)), p, less);
  };
  const auto change = [&](std::uint32_t k) -> const BookLevel& { return changes[best_first ? count - 1 - k : k]; };
  // Most changes set the quantity of a level held: done in place, nothing moves, until the
  // first change that adds or removes a level.
  auto from = side.begin();
  auto kept_end = side.end();  // where the first of them goes
  std::uint32_t first_move = count;
  for (std::uint32_t k = 0; k < count; ++k) {
    const BookLevel& c = change(k);
    from = find(from, c.price);
    const bool held = from != side.end() && from->price.raw == c.price.raw;
    if (held && c.qty.raw != 0) {
      from->qty = c.qty;
    } else if (held || c.qty.raw != 0) {
      first_move = k;
      kept_end = from;
      break;
    }
  }
  if (first_move == count) return;
  // The levels before it stay where they are. The rest is merged with the changes left into
  // the spare array (blocks of untouched levels copied whole), then copied back after them.
  // (Swapping the arrays instead, when the rest is most of the side, was no faster in
  // bench_order_book or the pipeline, and moves the side between two buffers.)
  spare_.clear();
  for (std::uint32_t k = first_move; k < count; ++k) {
    const BookLevel& c = change(k);
    const auto at = find(from, c.price);
    spare_.insert(spare_.end(), from, at);  // within capacity: applyChanges checked
    from = at;
    if (from != side.end() && from->price.raw == c.price.raw) ++from;  // replaced or removed
    if (c.qty.raw != 0) spare_.push_back(c);  // removing an absent level: nothing to do
  }
  spare_.insert(spare_.end(), from, side.end());
  side.erase(kept_end, side.end());
  side.insert(side.end(), spare_.begin(), spare_.end());
}

void OrderBook::apply(bool bid_side, Price price, Qty qty) noexcept {
  applyTo(bid_side ? bids_ : asks_, bid_side, price, qty);
}

void OrderBook::applyTo(Side& side, bool bid_side, Price price, Qty qty) noexcept {
  // First level not worse than `price`: where it is, or where it goes.
  const auto it = std::lower_bound(side.begin(), side.end(), price, [bid_side](const BookLevel& l, Price p) {
    return worse(bid_side, l.price, p);
  });
  const bool found = it != side.end() && it->price.raw == price.raw;
  if (qty.raw == 0) {
    if (found) side.erase(it);  // removing an absent level is normal (it was beyond our view)
    return;
  }
  if (found) {
    it->qty = qty;
    return;
  }
  if (side.size() == capacity_) {
    ++overflowed_;
    if (it == side.begin()) return;  // worse than everything held: dropped
    // Evict the worst (front) and insert: shift [begin+1, it) down one place.
    std::move(side.begin() + 1, it, side.begin());
    *(it - 1) = BookLevel{price, qty};
    return;
  }
  side.insert(it, BookLevel{price, qty});  // within the reserved capacity: no reallocation
}

}  // namespace bw::feed
