// Paper results from journal records: fills paired per symbol into flat-to-flat round
// trips with integer P&L, fill-through-flat splits, and the order statistics the
// promotion gate needs.

#include "pipeline/PaperResults.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bw::pipeline {
namespace {

JournalRecord fill(const std::string& symbol, Side side, std::int64_t price_units, std::int64_t qty_raw,
                   std::uint64_t order_id = 0) {
  JournalRecord r;
  r.type = JournalEventType::kFill;
  r.symbol = symbol;
  r.side = side;
  r.price = price_units * kScale;
  r.qty = qty_raw;
  r.order_id = order_id;
  return r;
}

JournalRecord sent(std::uint64_t order_id, std::int64_t latency_ns) {
  JournalRecord r;
  r.type = JournalEventType::kOrderSent;
  r.order_id = order_id;
  r.aux = latency_ns;
  return r;
}

std::vector<std::int64_t> pnls(const risk::PaperStats& s) {
  std::vector<std::int64_t> out;
  for (const risk::PaperTrade& t : s.trades) out.push_back(t.pnl);
  return out;
}

TEST(PaperResultsTest, pairsFillsIntoFlatToFlatRoundTrips) {
  const std::int64_t one = kScale;  // 1.0 base unit
  const std::vector<JournalRecord> recs = {
      // long 1 @100 -> sold @110: +10
      fill("BTCUSDT", Side::kBuy, 100, one), fill("BTCUSDT", Side::kSell, 110, one),
      // short 2 @120, covered 1 @115 and 1 @125: +5 - 5 = 0
      fill("BTCUSDT", Side::kSell, 120, 2 * one), fill("BTCUSDT", Side::kBuy, 115, one),
      fill("BTCUSDT", Side::kBuy, 125, one),
      // long 1 @100, sell 3 @90 crosses flat: -10 closes it, short 2 @90 opens; cover @80: +20
      fill("BTCUSDT", Side::kBuy, 100, one), fill("BTCUSDT", Side::kSell, 90, 3 * one),
      fill("BTCUSDT", Side::kBuy, 80, 2 * one),
      // still open at the end: not a trade
      fill("BTCUSDT", Side::kBuy, 80, one)};
  const risk::PaperStats s = paperStatsFromJournal(recs);
  EXPECT_EQ(pnls(s), (std::vector<std::int64_t>{10 * kScale, 0, -10 * kScale, 20 * kScale}));
}

TEST(PaperResultsTest, keepsSymbolsApartAndComputesFractionsExactly) {
  const std::vector<JournalRecord> recs = {
      fill("BTCUSDT", Side::kBuy, 0, 0),  // zero quantity: ignored
      [] {
        JournalRecord r = fill("BTCUSDT", Side::kBuy, 0, 300'000);  // 0.003 @ 61000.01
        r.price = 6'100'001'000'000;
        return r;
      }(),
      fill("ETHUSDT", Side::kSell, 3000, kScale),
      [] {
        JournalRecord r = fill("BTCUSDT", Side::kSell, 0, 300'000);  // 0.003 @ 61000.02
        r.price = 6'100'002'000'000;
        return r;
      }(),
      fill("ETHUSDT", Side::kBuy, 2990, kScale),
  };
  const risk::PaperStats s = paperStatsFromJournal(recs);
  // BTC: 0.01 x 0.003 = 0.00003 quote = 3000 raw; ETH: +10
  EXPECT_EQ(pnls(s), (std::vector<std::int64_t>{3'000, 10 * kScale}));
}

TEST(PaperResultsTest, countsSentOrdersFilledOrdersAndLatency) {
  std::vector<JournalRecord> recs = {
      sent(1, 4'000), sent(2, 6'000), sent(3, -5),
      fill("BTCUSDT", Side::kBuy, 100, 1'000, 1),
      fill("BTCUSDT", Side::kBuy, 100, 1'000, 1),  // a second partial fill of order 1
      fill("BTCUSDT", Side::kSell, 100, 2'000, 2),
      fill("BTCUSDT", Side::kSell, 100, 2'000, 42),  // never seen sent: not in the rate
  };
  JournalRecord ack;
  ack.type = JournalEventType::kAck;
  ack.order_id = 3;
  recs.push_back(ack);
  const risk::PaperStats s = paperStatsFromJournal(recs);
  EXPECT_EQ(s.orders_sent, 3u);
  EXPECT_EQ(s.fills, 2u);  // orders 1 and 2, each once
  EXPECT_EQ(s.latency_ns, (std::vector<std::int64_t>{4'000, 6'000, 0}));
}

TEST(PaperResultsTest, emptyJournalGivesEmptyStats) {
  const risk::PaperStats s = paperStatsFromJournal({});
  EXPECT_TRUE(s.trades.empty());
  EXPECT_EQ(s.orders_sent, 0u);
  EXPECT_EQ(s.fills, 0u);
  EXPECT_TRUE(s.latency_ns.empty());
}

}  // namespace
}  // namespace bw::pipeline
