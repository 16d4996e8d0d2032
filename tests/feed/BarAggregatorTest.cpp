#include "feed/BarAggregator.h"

#include <gtest/gtest.h>

namespace bw::feed {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

Tick trade(SymbolId symbol, std::int64_t t_ns, std::int64_t price, std::int64_t qty_1e8) {
  Tick t;
  t.kind = TickKind::kTrade;
  t.symbol = symbol;
  t.exch_ns = t_ns;
  t.recv_ns = t_ns + 1'000'000;
  t.price = Price{price * kScale};
  t.qty = Qty{qty_1e8};
  return t;
}

TEST(BarAggregatorTest, closesOhlcvVwapBarWhenTheNextIntervalTrades) {
  BarAggregator bars(kSecond);
  Bar closed;
  EXPECT_FALSE(bars.onTrade(trade(0, 10 * kSecond + 1, 100, kScale), closed));
  EXPECT_FALSE(bars.onTrade(trade(0, 10 * kSecond + 200, 104, 3 * kScale), closed));
  EXPECT_FALSE(bars.onTrade(trade(0, 10 * kSecond + 300, 98, kScale), closed));
  EXPECT_FALSE(bars.onTrade(trade(0, 11 * kSecond - 1, 101, kScale), closed));
  ASSERT_TRUE(bars.onTrade(trade(0, 11 * kSecond, 200, kScale), closed));
  EXPECT_EQ(closed.symbol, 0);
  EXPECT_EQ(closed.start_ns, 10 * kSecond);
  EXPECT_EQ(closed.end_ns, 11 * kSecond);
  EXPECT_EQ(closed.open.raw, 100 * kScale);
  EXPECT_EQ(closed.high.raw, 104 * kScale);
  EXPECT_EQ(closed.low.raw, 98 * kScale);
  EXPECT_EQ(closed.close.raw, 101 * kScale);
  EXPECT_EQ(closed.volume.raw, 6 * kScale);
  EXPECT_EQ(closed.turnover.raw, (100 + 312 + 98 + 101) * kScale);
  EXPECT_EQ(closed.trades, 4u);
  EXPECT_EQ(closed.vwap().raw, 611 * kScale / 6);  // 101.83333333
  EXPECT_EQ(bars.openBar(0).open.raw, 200 * kScale) << "the new bar opened on the trade that closed the old";
}

TEST(BarAggregatorTest, symbolsHaveIndependentBars) {
  BarAggregator bars(kSecond);
  Bar closed;
  EXPECT_FALSE(bars.onTrade(trade(0, 1 * kSecond, 100, kScale), closed));
  EXPECT_FALSE(bars.onTrade(trade(1, 1 * kSecond, 50, kScale), closed));
  ASSERT_TRUE(bars.onTrade(trade(1, 2 * kSecond, 51, kScale), closed));
  EXPECT_EQ(closed.symbol, 1);
  EXPECT_EQ(closed.close.raw, 50 * kScale);
  EXPECT_EQ(bars.openBar(0).trades, 1u) << "symbol 0's bar is still open";
}

TEST(BarAggregatorTest, quietIntervalsMakeNoEmptyBars) {
  BarAggregator bars(kSecond);
  Bar closed;
  EXPECT_FALSE(bars.onTrade(trade(0, 1 * kSecond, 100, kScale), closed));
  ASSERT_TRUE(bars.onTrade(trade(0, 9 * kSecond + 5, 100, kScale), closed));
  EXPECT_EQ(closed.start_ns, 1 * kSecond);
  EXPECT_EQ(bars.openBar(0).start_ns, 9 * kSecond);
}

TEST(BarAggregatorTest, lateTradeJoinsTheOpenBarInsteadOfReopeningAClosedOne) {
  BarAggregator bars(kSecond);
  Bar closed;
  EXPECT_FALSE(bars.onTrade(trade(0, 5 * kSecond, 100, kScale), closed));
  EXPECT_FALSE(bars.onTrade(trade(0, 4 * kSecond, 90, kScale), closed));
  EXPECT_EQ(bars.openBar(0).trades, 2u);
  EXPECT_EQ(bars.openBar(0).low.raw, 90 * kScale);
}

TEST(BarAggregatorTest, usesReceiveTimeWhenTheVenueGaveNone) {
  BarAggregator bars(kSecond);
  Bar closed;
  Tick t = trade(0, 0, 100, kScale);
  t.recv_ns = 3 * kSecond + 7;
  EXPECT_FALSE(bars.onTrade(t, closed));
  EXPECT_EQ(bars.openBar(0).start_ns, 3 * kSecond);
}

TEST(BarAggregatorTest, ignoresNonTradesAndNonsense) {
  BarAggregator bars(kSecond);
  Bar closed;
  Tick quote = trade(0, kSecond, 100, kScale);
  quote.kind = TickKind::kQuote;
  EXPECT_FALSE(bars.onTrade(quote, closed));
  EXPECT_FALSE(bars.onTrade(trade(kNoSymbol, kSecond, 100, kScale), closed));
  EXPECT_FALSE(bars.onTrade(trade(0, kSecond, 100, 0), closed));
  EXPECT_EQ(bars.openBar(0).trades, 0u);
}

TEST(BarAggregatorTest, turnoverOverflowIsCountedNotWrapped) {
  BarAggregator bars(kSecond);
  Bar closed;
  EXPECT_FALSE(bars.onTrade(trade(0, kSecond, 90'000'000'000, kScale), closed));  // 9e10 x 1: fits
  EXPECT_FALSE(bars.onTrade(trade(0, kSecond, 90'000'000'000, kScale), closed));  // sum would not
  EXPECT_EQ(bars.turnoverOverflows(), 1u);
  EXPECT_EQ(bars.openBar(0).trades, 2u);
  EXPECT_EQ(bars.openBar(0).volume.raw, kScale);
}

TEST(BarAggregatorTest, refusesNonPositiveInterval) { EXPECT_THROW(BarAggregator(0), std::invalid_argument); }

}  // namespace
}  // namespace bw::feed
