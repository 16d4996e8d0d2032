#include "feed/OrderBook.h"

#include <algorithm>

namespace bw::feed {
namespace {

/// Bids sort ascending, asks descending: in both, "less" means further from the touch.
bool worse(bool bid_side, Price a, Price b) noexcept { return bid_side ? a.raw < b.raw : a.raw > b.raw; }

}  // namespace

OrderBook::OrderBook(std::size_t capacity_per_side) : capacity_(capacity_per_side) {
  bids_.reserve(capacity_);
  asks_.reserve(capacity_);
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
  for (std::uint32_t i = 0; i < levels.bid_count; ++i) applyTo(bids_, true, levels.bids[i].price, levels.bids[i].qty);
  for (std::uint32_t i = 0; i < levels.ask_count; ++i) applyTo(asks_, false, levels.asks[i].price, levels.asks[i].qty);
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
