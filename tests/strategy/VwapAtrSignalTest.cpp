#include "strategy/VwapAtrSignal.h"

#include <gtest/gtest.h>

namespace bw::strategy {
namespace {

feed::Bar bar(std::int64_t open, std::int64_t high, std::int64_t low, std::int64_t close, std::int64_t volume) {
  feed::Bar b;
  b.symbol = 0;
  b.open = Price{open * kScale};
  b.high = Price{high * kScale};
  b.low = Price{low * kScale};
  b.close = Price{close * kScale};
  b.volume = Qty{volume * kScale};
  // Turnover as if every unit traded at the close: enough for a VWAP worked by hand.
  b.turnover = Notional{close * volume * kScale};
  b.trades = 1;
  return b;
}

TEST(VwapAtrSignalTest, vwapIsVolumeWeightedOverTheWindow) {
  VwapAtrSignal s(2, 2);
  s.onBar(bar(100, 100, 100, 100, 1));
  s.onBar(bar(100, 110, 100, 110, 3));
  EXPECT_EQ(s.vwap().raw, 10'750'000'000);  // (100x1 + 110x3) / 4 = 107.5
  s.onBar(bar(110, 120, 110, 120, 1));      // window drops the first bar
  EXPECT_EQ(s.vwap().raw, 11'250'000'000);  // (110x3 + 120x1) / 4 = 112.5
}

TEST(VwapAtrSignalTest, atrIsMeanTrueRangeIncludingGapsFromPreviousClose) {
  VwapAtrSignal s(2, 2);
  s.onBar(bar(100, 101, 99, 100, 1));  // seeds the previous close
  EXPECT_EQ(s.atr().raw, 0);
  s.onBar(bar(100, 104, 98, 102, 1));  // TR = 104 - 98 = 6
  EXPECT_EQ(s.atr().raw, 6 * kScale);
  s.onBar(bar(110, 112, 109, 111, 1));  // gap up: TR = 112 - 102 = 10
  EXPECT_EQ(s.atr().raw, 8 * kScale);   // (6 + 10) / 2
  s.onBar(bar(111, 112, 110, 111, 1));  // TR = 2; window (10, 2)
  EXPECT_EQ(s.atr().raw, 6 * kScale);
}

TEST(VwapAtrSignalTest, readyOnlyOnceBothWindowsAreFull) {
  VwapAtrSignal s(3, 2);
  s.onBar(bar(100, 101, 99, 100, 1));
  s.onBar(bar(100, 101, 99, 100, 1));
  EXPECT_FALSE(s.ready());
  s.onBar(bar(100, 101, 99, 100, 1));
  EXPECT_TRUE(s.ready());
}

}  // namespace
}  // namespace bw::strategy
