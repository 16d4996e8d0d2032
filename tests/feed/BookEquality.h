#pragma once
// Two OrderBooks level for level: both sides, every level's price and quantity, and the
// overflow count. The first difference is named in the failure.

#include <gtest/gtest.h>

#include <cstddef>

#include "feed/OrderBook.h"

namespace bw::feed::test {

inline ::testing::AssertionResult sameBook(const OrderBook& a, const OrderBook& b) {
  if (a.bidLevels() != b.bidLevels() || a.askLevels() != b.askLevels()) {
    return ::testing::AssertionFailure() << "levels: " << a.bidLevels() << " bids / " << a.askLevels()
                                         << " asks against " << b.bidLevels() << " / " << b.askLevels();
  }
  for (std::size_t i = 0; i < a.bidLevels(); ++i) {
    if (a.bid(i).price != b.bid(i).price || a.bid(i).qty != b.bid(i).qty) {
      return ::testing::AssertionFailure() << "bid " << i << " from the touch: " << a.bid(i).price.raw << " x "
                                           << a.bid(i).qty.raw << " against " << b.bid(i).price.raw << " x "
                                           << b.bid(i).qty.raw;
    }
  }
  for (std::size_t i = 0; i < a.askLevels(); ++i) {
    if (a.ask(i).price != b.ask(i).price || a.ask(i).qty != b.ask(i).qty) {
      return ::testing::AssertionFailure() << "ask " << i << " from the touch: " << a.ask(i).price.raw << " x "
                                           << a.ask(i).qty.raw << " against " << b.ask(i).price.raw << " x "
                                           << b.ask(i).qty.raw;
    }
  }
  if (a.overflowed() != b.overflowed()) {
    return ::testing::AssertionFailure() << "overflowed " << a.overflowed() << " against " << b.overflowed();
  }
  return ::testing::AssertionSuccess();
}

}  // namespace bw::feed::test
