#include "risk/PositionBook.h"

#include <gtest/gtest.h>

namespace bw::risk {
namespace {

Price px(std::int64_t units) { return Price{units * kScale}; }
Qty qty(std::int64_t units) { return Qty{units * kScale}; }

TEST(PositionBookTest, realizesPnlAgainstAverageCost) {
  PositionBook book;
  book.applyFill(0, Side::kBuy, px(100), qty(1));
  book.applyFill(0, Side::kBuy, px(110), qty(1));  // avg 105
  book.applyFill(0, Side::kSell, px(120), qty(1));  // +15
  EXPECT_EQ(book.position(0).raw, 1 * kScale);
  EXPECT_EQ(book.realizedPnl(0).raw, 15 * kScale);
  book.mark(0, px(100));
  EXPECT_EQ(book.unrealizedPnl(0).raw, -5 * kScale);  // 1 @ 105 marked 100
  EXPECT_EQ(book.grossExposure(0).raw, 100 * kScale);
}

TEST(PositionBookTest, shortPositionsGainWhenPriceFalls) {
  PositionBook book;
  book.applyFill(1, Side::kSell, px(50), qty(2));
  book.applyFill(1, Side::kBuy, px(40), qty(1));
  EXPECT_EQ(book.position(1).raw, -1 * kScale);
  EXPECT_EQ(book.realizedPnl(1).raw, 10 * kScale);
  book.mark(1, px(45));
  EXPECT_EQ(book.unrealizedPnl(1).raw, 5 * kScale);
}

TEST(PositionBookTest, flipThroughZeroOpensRemainderAtFillPrice) {
  PositionBook book;
  book.applyFill(0, Side::kBuy, px(100), qty(1));
  book.applyFill(0, Side::kSell, px(90), qty(3));  // close 1 (-10), open short 2 @ 90
  EXPECT_EQ(book.position(0).raw, -2 * kScale);
  EXPECT_EQ(book.realizedPnl(0).raw, -10 * kScale);
  book.mark(0, px(90));
  EXPECT_EQ(book.unrealizedPnl(0).raw, 0);
}

TEST(PositionBookTest, totalsSumOverSymbols) {
  PositionBook book;
  book.applyFill(0, Side::kBuy, px(100), qty(1));
  book.applyFill(1, Side::kSell, px(10), qty(1));
  book.mark(0, px(101));
  book.mark(1, px(11));
  EXPECT_EQ(book.openPositions(2), 2u);
  EXPECT_EQ(book.totalUnrealized(2).raw, 0);  // +1 and -1
  EXPECT_EQ(book.totalGrossExposure(2).raw, 112 * kScale);
}

}  // namespace
}  // namespace bw::risk
