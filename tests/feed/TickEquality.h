#pragma once
// Field-by-field tick comparison for the format round-trip tests: every field but
// parsed_tsc and arrival_tsc (stamps of when it was read) and the levels pointer, whose content is
// compared instead (null and empty are the same book change: none).

#include <gtest/gtest.h>

#include <string>

#include "core/BookLevels.h"
#include "core/Tick.h"

namespace bw::feed::test {

inline ::testing::AssertionResult sameLevels(const BookLevels* a, const BookLevels* b) {
  const BookLevels empty;
  const BookLevels& x = a != nullptr ? *a : empty;
  const BookLevels& y = b != nullptr ? *b : empty;
  if (x.bid_count != y.bid_count || x.ask_count != y.ask_count) {
    return ::testing::AssertionFailure() << "level counts " << x.bid_count << "/" << x.ask_count << " vs "
                                         << y.bid_count << "/" << y.ask_count;
  }
  for (std::uint32_t i = 0; i < x.bid_count; ++i) {
    if (x.bids[i].price != y.bids[i].price || x.bids[i].qty != y.bids[i].qty) {
      return ::testing::AssertionFailure() << "bid level " << i << " differs";
    }
  }
  for (std::uint32_t i = 0; i < x.ask_count; ++i) {
    if (x.asks[i].price != y.asks[i].price || x.asks[i].qty != y.asks[i].qty) {
      return ::testing::AssertionFailure() << "ask level " << i << " differs";
    }
  }
  return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult sameTick(const Tick& a, const Tick& b) {
  std::string diff;
  const auto check = [&diff](bool same, const char* name) {
    if (!same) {
      diff += ' ';
      diff += name;
    }
  };
  check(a.recv_ns == b.recv_ns, "recv_ns");
  check(a.exch_ns == b.exch_ns, "exch_ns");
  check(a.price == b.price, "price");
  check(a.qty == b.qty, "qty");
  check(a.bid == b.bid, "bid");
  check(a.ask == b.ask, "ask");
  check(a.bid_qty == b.bid_qty, "bid_qty");
  check(a.ask_qty == b.ask_qty, "ask_qty");
  check(a.seq == b.seq, "seq");
  check(a.first_seq == b.first_seq, "first_seq");
  check(a.symbol == b.symbol, "symbol");
  check(a.kind == b.kind, "kind");
  check(a.aggressor == b.aggressor, "aggressor");
  check(a.flags == b.flags, "flags");
  check(a.quality == b.quality, "quality");
  if (!diff.empty()) return ::testing::AssertionFailure() << "fields differ:" << diff;
  return sameLevels(a.levels, b.levels);
}

}  // namespace bw::feed::test
