// Spread, top-of-book imbalance, micro-price and trade-sign imbalance, worked by hand.
#include "strategy/indicators/Microstructure.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "IndicatorFixtures.h"

namespace bw::indicators {
namespace {

using test::quote;
using test::trade;

TEST(MicrostructureTest, spreadImbalanceAndMicroPriceOfTheTopOfBook) {
  QuoteFeatures q;
  EXPECT_FALSE(q.ready());
  q.onTick(quote(10'000'000'000, 10'010'000'000, 3 * kScale, 1 * kScale));  // 100.00 x 100.10, 3 vs 1
  ASSERT_TRUE(q.ready());
  EXPECT_EQ(q.spread().raw, 10'000'000);  // 100.10 - 100.00 = 0.10
  EXPECT_NEAR(q.spreadBps(), 10'000.0 * 0.10 / 100.05, 1e-9);  // 9.995... bps of the mid
  EXPECT_DOUBLE_EQ(q.topImbalance(), 0.5);                     // (3 - 1) / (3 + 1)
  // (100.00 x 1 + 100.10 x 3) / 4 = 400.30 / 4 = 100.075: nearer the ask, where the queue is thin
  EXPECT_EQ(q.microPrice().raw, 10'007'500'000);
  q.onTick(quote(10'000'000'000, 10'010'000'000, 1 * kScale, 2 * kScale));
  EXPECT_NEAR(q.topImbalance(), -1.0 / 3.0, 1e-12);  // (1 - 2) / 3
  // (100.00 x 2 + 100.10 x 1) / 3 = 300.10 / 3 = 100.03333333 (truncated to 1e-8)
  EXPECT_EQ(q.microPrice().raw, 10'003'333'333);
}

TEST(MicrostructureTest, microPriceTakesThe128BitPathWhenTheProductOverflows) {
  QuoteFeatures q;
  // spread 0.10 = 1e7 x bid_qty 1e12 (10'000 units) = 1e19 > INT64_MAX; equal sizes: the mid
  q.onTick(quote(10'000'000'000, 10'010'000'000, 1'000'000'000'000, 1'000'000'000'000));
  EXPECT_EQ(q.microPrice().raw, 10'005'000'000);
  q.onTick(quote(10'000'000'000, 10'010'000'000, 0, 0));  // sizes unknown: the mid
  EXPECT_EQ(q.microPrice().raw, 10'005'000'000);
  EXPECT_EQ(q.topImbalance(), 0.0);
}

TEST(MicrostructureTest, tradesAndOneSidedBooksLeaveTheQuoteAlone) {
  QuoteFeatures q;
  q.onTick(trade(Side::kBuy));
  EXPECT_FALSE(q.ready());
  q.onTick(quote(10'000'000'000, 10'010'000'000, kScale, kScale));
  q.onTick(quote(0, 10'020'000'000, kScale, kScale));  // no bid: ignored
  EXPECT_EQ(q.ask().raw, 10'010'000'000);
}

TEST(MicrostructureTest, tradeSignImbalanceOverTheLastNTrades) {
  TradeSignImbalance s(3);
  EXPECT_EQ(s.name(), "trade_sign3");
  s.onTick(trade(Side::kBuy));
  s.onTick(quote(1, 2, 1, 1));  // not a trade: ignored
  s.onTick(trade(Side::kBuy));
  EXPECT_FALSE(s.ready());
  EXPECT_EQ(s.value(), 0.0);
  s.onTick(trade(Side::kSell));
  ASSERT_TRUE(s.ready());
  EXPECT_DOUBLE_EQ(s.value(), 1.0 / 3.0);  // (+1 +1 -1) / 3
  s.onTick(trade(Side::kSell));
  EXPECT_DOUBLE_EQ(s.value(), -1.0 / 3.0);  // (+1 -1 -1) / 3: the first buy left
  s.onTick(trade(Side::kSell));
  EXPECT_DOUBLE_EQ(s.value(), -1.0);
  EXPECT_THROW(TradeSignImbalance(0), std::invalid_argument);
}

}  // namespace
}  // namespace bw::indicators
