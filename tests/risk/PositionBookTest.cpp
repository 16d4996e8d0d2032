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
  EXPECT_EQ(book.totalUnrealized().raw, 0);  // +1 and -1
  EXPECT_EQ(book.totalGrossExposure().raw, 112 * kScale);
}

TEST(PositionBookTest, runningTotalsMatchASumOverSymbolsAfterEveryChange) {
  PositionBook book;
  const auto check = [&book] {
    std::int64_t realized = 0, unrealized = 0, gross = 0, net = 0;
    for (SymbolId s = 0; s < 3; ++s) {
      realized += book.realizedPnl(s).raw;
      unrealized += book.unrealizedPnl(s).raw;
      gross += book.grossExposure(s).raw;
      net += book.exposure(s).raw;
    }
    EXPECT_EQ(book.totalRealized().raw, realized);
    EXPECT_EQ(book.totalUnrealized().raw, unrealized);
    EXPECT_EQ(book.totalGrossExposure().raw, gross);
    EXPECT_EQ(book.totalNetExposure().raw, net);
  };
  for (int i = 0; i < 200; ++i) {
    const auto s = static_cast<SymbolId>(i % 3);
    book.mark(s, px(100 + (i * 7) % 13));
    book.applyFill(s, i % 4 < 2 ? Side::kBuy : Side::kSell, px(95 + (i * 5) % 11), qty(1 + i % 3));
    check();
  }
}

TEST(PositionBookTest, roundTripsCountALosingStreakAndPeakPnl) {
  PositionBook book;
  book.applyFill(0, Side::kBuy, px(100), qty(1));
  FillOutcome out = book.applyFill(0, Side::kSell, px(99), qty(1));
  EXPECT_TRUE(out.closed_trade);
  EXPECT_TRUE(out.flattened);
  EXPECT_EQ(out.trade_pnl, -1 * kScale);
  book.applyFill(0, Side::kBuy, px(100), qty(1));
  book.applyFill(0, Side::kSell, px(98), qty(1));
  EXPECT_EQ(book.consecutiveLosses(), 2u);
  book.applyFill(0, Side::kBuy, px(100), qty(1));
  out = book.applyFill(0, Side::kSell, px(110), qty(1));
  EXPECT_EQ(out.trade_pnl, 10 * kScale);
  EXPECT_EQ(book.consecutiveLosses(), 0u);
  EXPECT_EQ(book.peakPnl().raw, 7 * kScale);
  book.addRisk(0, 5);
  EXPECT_EQ(book.totalOpenRisk(), 5);
}

}  // namespace
}  // namespace bw::risk
