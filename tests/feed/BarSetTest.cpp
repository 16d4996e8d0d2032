#include "feed/BarSet.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace bw::feed {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

/// A trade received at t_ns (market time); the exchange stamp is deliberately different
/// to show that bars follow the receive time.
Tick trade(SymbolId symbol, std::int64_t t_ns, std::int64_t price, std::int64_t qty_1e8, Side aggressor = Side::kBuy) {
  Tick t;
  t.kind = TickKind::kTrade;
  t.symbol = symbol;
  t.recv_ns = t_ns;
  t.exch_ns = t_ns - 3 * kSecond;
  t.price = Price{price * kScale};
  t.qty = Qty{qty_1e8};
  t.aggressor = aggressor;
  return t;
}

Tick quote(SymbolId symbol, std::int64_t t_ns) {
  Tick t;
  t.kind = TickKind::kQuote;
  t.symbol = symbol;
  t.recv_ns = t_ns;
  t.bid = Price{99 * kScale};
  t.ask = Price{101 * kScale};
  return t;
}

BarsConfig config(std::vector<std::int64_t> intervals_ms, std::uint32_t tick_trades = 0, std::int64_t volume_raw = 0,
                  std::uint32_t max_flat = 3'600) {
  BarsConfig c;
  c.time_intervals_ms = std::move(intervals_ms);
  c.tick_bar_trades = tick_trades;
  c.volume_bar_qty = Qty{volume_raw};
  c.max_flat_bars = max_flat;
  return c;
}

/// Collects every bar the set emits, in order.
struct Collector {
  std::vector<Bar> bars;
  void operator()(const Bar& b) { bars.push_back(b); }
};

TEST(BarSetTest, closedBarCarriesOhlcvVwapTradeCountAndVolumeByAggressor) {
  BarSet set(config({1'000}));
  Collector out;
  set.onTick(trade(0, 10 * kSecond + 1, 100, kScale, Side::kBuy), out);
  set.onTick(trade(0, 10 * kSecond + 200, 104, 3 * kScale, Side::kSell), out);
  set.onTick(trade(0, 10 * kSecond + 300, 98, kScale, Side::kSell), out);
  set.onTick(trade(0, 11 * kSecond - 1, 101, kScale, Side::kBuy), out);
  EXPECT_TRUE(out.bars.empty()) << "the interval has not ended";
  set.onTick(trade(0, 11 * kSecond, 200, kScale), out);
  ASSERT_EQ(out.bars.size(), 1u);
  const Bar& b = out.bars[0];
  EXPECT_EQ(b.symbol, 0);
  EXPECT_EQ(b.series, 0);
  EXPECT_EQ(b.start_ns, 10 * kSecond);
  EXPECT_EQ(b.end_ns, 11 * kSecond);
  EXPECT_EQ(b.open.raw, 100 * kScale);
  EXPECT_EQ(b.high.raw, 104 * kScale);
  EXPECT_EQ(b.low.raw, 98 * kScale);
  EXPECT_EQ(b.close.raw, 101 * kScale);
  EXPECT_EQ(b.volume.raw, 6 * kScale);
  EXPECT_EQ(b.buy_volume.raw, 2 * kScale);
  EXPECT_EQ(b.sell_volume.raw, 4 * kScale);
  EXPECT_EQ(b.turnover.raw, (100 + 312 + 98 + 101) * kScale);
  EXPECT_EQ(b.trades, 4u);
  EXPECT_FALSE(b.flat());
  EXPECT_EQ(b.vwap().raw, 611 * kScale / 6);  // 101.83333333, truncated
  EXPECT_EQ(set.openBar(0, 0).open.raw, 200 * kScale) << "the new bar opened on the trade after the boundary";
  EXPECT_EQ(set.closed(0), 1u);
}

TEST(BarSetTest, barsAlignOnMultiplesOfTheirIntervalWhateverTheFirstTradeTime) {
  BarSet set(config({1'000, 5'000, 60'000}));
  Collector out;
  const std::int64_t first = 1'723'161'254'087'896'568;  // a real receive stamp, mid-interval
  set.onTick(trade(0, first, 100, kScale), out);
  set.advanceTo(first + 10 * 60 * kSecond, out);
  ASSERT_FALSE(out.bars.empty());
  for (const Bar& b : out.bars) {
    const std::int64_t interval = set.series(b.series).parameter;
    EXPECT_EQ(b.start_ns % interval, 0) << set.seriesName(b.series);
    EXPECT_EQ(b.end_ns - b.start_ns, interval);
  }
  EXPECT_EQ(out.bars.front().start_ns, first / kSecond * kSecond);
}

TEST(BarSetTest, timeBarClosesOnTimeWithoutATradeFromAnyTickOrAnIdleCall) {
  BarSet set(config({1'000}));
  Collector out;
  set.onTick(trade(0, 10 * kSecond + 5, 100, kScale), out);
  set.onTick(quote(0, 11 * kSecond - 1), out);
  EXPECT_TRUE(out.bars.empty());
  set.onTick(quote(7, 11 * kSecond), out);  // another symbol's quote moves market time too
  ASSERT_EQ(out.bars.size(), 1u);
  EXPECT_EQ(out.bars[0].end_ns, 11 * kSecond);
  EXPECT_EQ(out.bars[0].trades, 1u);
  set.advanceTo(12 * kSecond, out);  // a live feed's idle loop
  ASSERT_EQ(out.bars.size(), 2u);
  EXPECT_EQ(out.bars[1].start_ns, 11 * kSecond);
  EXPECT_TRUE(out.bars[1].flat());
}

TEST(BarSetTest, emptyIntervalsYieldFlatBarsAtThePreviousClose) {
  BarSet set(config({1'000}));
  Collector out;
  set.onTick(trade(0, 10 * kSecond + 5, 100, kScale), out);
  set.onTick(trade(0, 10 * kSecond + 9, 103, kScale), out);
  set.onTick(trade(0, 13 * kSecond + 2, 90, kScale), out);
  ASSERT_EQ(out.bars.size(), 3u);
  for (std::size_t i = 1; i < 3; ++i) {
    const Bar& f = out.bars[i];
    EXPECT_EQ(f.start_ns, (10 + static_cast<std::int64_t>(i)) * kSecond);
    EXPECT_EQ(f.end_ns, f.start_ns + kSecond) << "the series is regular";
    EXPECT_TRUE(f.flat());
    EXPECT_EQ(f.open.raw, 103 * kScale);
    EXPECT_EQ(f.high.raw, 103 * kScale);
    EXPECT_EQ(f.low.raw, 103 * kScale);
    EXPECT_EQ(f.close.raw, 103 * kScale);
    EXPECT_EQ(f.volume.raw, 0);
    EXPECT_EQ(f.vwap().raw, 103 * kScale);
  }
  EXPECT_EQ(set.flatEmitted(0), 2u);
  EXPECT_EQ(set.openBar(0, 0).open.raw, 90 * kScale) << "a trade after a flat start opens the bar at its price";
  EXPECT_EQ(set.openBar(0, 0).start_ns, 13 * kSecond);
}

TEST(BarSetTest, longSilenceEmitsAtMostTheCapOfFlatBarsAndCountsTheRest) {
  BarSet set(config({1'000}, 0, 0, /*max_flat=*/3));
  Collector out;
  set.onTick(trade(0, 10 * kSecond, 100, kScale), out);
  set.advanceTo(30 * kSecond + 7, out);  // bar [10,11), then 19 empty seconds, now in [30,31)
  ASSERT_EQ(out.bars.size(), 4u);
  EXPECT_FALSE(out.bars[0].flat());
  EXPECT_EQ(out.bars[1].start_ns, 27 * kSecond) << "the latest flat bars, up to now";
  EXPECT_EQ(out.bars[3].end_ns, 30 * kSecond);
  EXPECT_EQ(set.flatEmitted(0), 3u);
  EXPECT_EQ(set.flatSkipped(0), 16u);
  EXPECT_EQ(set.closed(0), 4u);
}

TEST(BarSetTest, symbolWithoutATradeGetsNoBars) {
  BarSet set(config({1'000}));
  Collector out;
  set.onTick(quote(3, 10 * kSecond), out);
  set.advanceTo(100 * kSecond, out);
  EXPECT_TRUE(out.bars.empty());
}

TEST(BarSetTest, shorterIntervalsCloseFirstThenSymbolsInIdOrder) {
  BarSet set(config({1'000, 5'000}));
  Collector out;
  set.onTick(trade(2, 4 * kSecond + 100, 50, kScale), out);
  set.onTick(trade(1, 4 * kSecond + 200, 60, kScale), out);
  set.advanceTo(5 * kSecond, out);
  ASSERT_EQ(out.bars.size(), 4u);
  EXPECT_EQ(out.bars[0].series, 0);
  EXPECT_EQ(out.bars[0].symbol, 1);
  EXPECT_EQ(out.bars[1].series, 0);
  EXPECT_EQ(out.bars[1].symbol, 2);
  EXPECT_EQ(out.bars[2].series, 1);
  EXPECT_EQ(out.bars[2].symbol, 1);
  EXPECT_EQ(out.bars[3].series, 1);
  EXPECT_EQ(out.bars[3].symbol, 2);
  EXPECT_EQ(out.bars[2].start_ns, 0);
  EXPECT_EQ(out.bars[2].end_ns, 5 * kSecond);
}

TEST(BarSetTest, tickBarClosesOnTheNthTrade) {
  BarSet set(config({1'000}, /*tick_trades=*/3));
  ASSERT_EQ(set.seriesCount(), 2u);
  EXPECT_EQ(set.series(1).kind, BarKind::kTick);
  Collector out;
  for (int i = 0; i < 7; ++i) set.onTick(trade(0, 10 * kSecond + i * 1'000, 100 + i, kScale), out);
  std::vector<Bar> tick_bars;
  for (const Bar& b : out.bars) {
    if (b.series == 1) tick_bars.push_back(b);
  }
  ASSERT_EQ(tick_bars.size(), 2u);
  EXPECT_EQ(tick_bars[0].trades, 3u);
  EXPECT_EQ(tick_bars[0].open.raw, 100 * kScale);
  EXPECT_EQ(tick_bars[0].close.raw, 102 * kScale);
  EXPECT_EQ(tick_bars[0].start_ns, 10 * kSecond);
  EXPECT_EQ(tick_bars[0].end_ns, 10 * kSecond + 2'000);
  EXPECT_EQ(tick_bars[1].open.raw, 103 * kScale);
  EXPECT_EQ(tick_bars[1].start_ns, 10 * kSecond + 3'000);
  EXPECT_EQ(set.openBar(0, 1).trades, 1u);
  set.advanceTo(1'000 * kSecond, out);
  EXPECT_EQ(set.closed(1), 2u) << "time never closes a tick bar";
}

TEST(BarSetTest, volumeBarClosesOnTheTradeThatReachesTheThresholdWhole) {
  BarSet set(config({1'000}, 0, /*volume=*/kScale));
  ASSERT_EQ(set.seriesCount(), 2u);
  EXPECT_EQ(set.series(1).kind, BarKind::kVolume);
  Collector out;
  set.onTick(trade(0, 10 * kSecond, 100, 40'000'000), out);
  set.onTick(trade(0, 10 * kSecond + 1, 101, 40'000'000, Side::kSell), out);
  EXPECT_TRUE(out.bars.empty());
  set.onTick(trade(0, 10 * kSecond + 2, 102, 50'000'000), out);  // 0.4 + 0.4 + 0.5 crosses 1.0
  ASSERT_EQ(out.bars.size(), 1u);
  const Bar& b = out.bars[0];
  EXPECT_EQ(b.series, 1);
  EXPECT_EQ(b.volume.raw, 130'000'000) << "the crossing trade is not split";
  EXPECT_EQ(b.buy_volume.raw, 90'000'000);
  EXPECT_EQ(b.sell_volume.raw, 40'000'000);
  EXPECT_EQ(b.trades, 3u);
  EXPECT_EQ(b.close.raw, 102 * kScale);
  EXPECT_EQ(set.openBar(0, 1).trades, 0u) << "the next bar starts empty";
  set.onTick(trade(0, 10 * kSecond + 3, 99, kScale), out);  // exactly V closes at once
  ASSERT_EQ(out.bars.size(), 2u);
  EXPECT_EQ(out.bars[1].volume.raw, kScale);
  EXPECT_EQ(out.bars[1].open.raw, 99 * kScale);
}

TEST(BarSetTest, symbolsKeepIndependentBars) {
  BarSet set(config({1'000}, 2, 0));
  Collector out;
  set.onTick(trade(0, 10 * kSecond, 100, kScale), out);
  set.onTick(trade(1, 10 * kSecond + 1, 2'000, kScale), out);
  set.onTick(trade(0, 10 * kSecond + 2, 101, kScale), out);  // symbol 0's second trade: its tick bar
  ASSERT_EQ(out.bars.size(), 1u);
  EXPECT_EQ(out.bars[0].symbol, 0);
  EXPECT_EQ(out.bars[0].high.raw, 101 * kScale);
  EXPECT_EQ(set.openBar(1, 1).trades, 1u);
  EXPECT_EQ(set.openBar(1, 0).open.raw, 2'000 * kScale);
  EXPECT_EQ(set.openBar(0, 0).low.raw, 100 * kScale);
  set.advanceTo(11 * kSecond, out);
  ASSERT_EQ(out.bars.size(), 3u);
  EXPECT_EQ(out.bars[1].symbol, 0);
  EXPECT_EQ(out.bars[1].volume.raw, 2 * kScale);
  EXPECT_EQ(out.bars[2].symbol, 1);
  EXPECT_EQ(out.bars[2].volume.raw, kScale);
}

TEST(BarSetTest, lateTradeJoinsTheOpenBarInsteadOfReopeningAClosedOne) {
  BarSet set(config({1'000}));
  Collector out;
  set.onTick(trade(0, 10 * kSecond, 100, kScale), out);
  set.onTick(trade(0, 11 * kSecond + 5, 110, kScale), out);
  set.onTick(trade(0, 10 * kSecond + 500, 90, kScale), out);  // receive time went backwards
  ASSERT_EQ(out.bars.size(), 1u);
  EXPECT_EQ(set.openBar(0, 0).start_ns, 11 * kSecond);
  EXPECT_EQ(set.openBar(0, 0).trades, 2u);
  EXPECT_EQ(set.openBar(0, 0).low.raw, 90 * kScale);
}

TEST(BarSetTest, ignoresNonTradesAndNonsenseTrades) {
  BarSet set(config({1'000}, 1, 0));
  Collector out;
  set.onTick(quote(0, 10 * kSecond), out);
  set.onTick(trade(0, 10 * kSecond, 0, kScale), out);
  set.onTick(trade(0, 10 * kSecond, 100, 0), out);
  set.onTick(trade(kNoSymbol, 10 * kSecond, 100, kScale), out);
  set.onTick(trade(InstrumentTable::kCapacity, 10 * kSecond, 100, kScale), out);
  EXPECT_TRUE(out.bars.empty());
  EXPECT_EQ(set.openBar(0, 0).trades, 0u);
}

TEST(BarSetTest, turnoverOverflowIsCountedNotWrapped) {
  BarSet set(config({1'000}));
  Collector out;
  set.onTick(trade(0, 10 * kSecond, 90'000'000'000, 9'000'000'000'000'000), out);
  EXPECT_EQ(set.turnoverOverflows(), 1u);
  EXPECT_EQ(set.openBar(0, 0).trades, 1u);
  EXPECT_EQ(set.openBar(0, 0).volume.raw, 0);
  EXPECT_EQ(set.openBar(0, 0).close.raw, 90'000'000'000 * kScale);
}

TEST(BarSetTest, tradeThatWouldOverflowOneBarIsLeftOutOfThatBarOnly) {
  BarSet set(config({1'000}, /*tick_trades=*/10));
  Collector out;
  // Each worth 5e18 in 1e-8 units (50'000 x 1'000'000): one fits a bar's turnover, two do not.
  set.onTick(trade(0, 10 * kSecond + 1, 50'000, 1'000'000 * kScale, Side::kBuy), out);
  set.onTick(trade(0, 11 * kSecond + 1, 50'001, 1'000'000 * kScale, Side::kSell), out);  // 1s bar: alone
  EXPECT_EQ(set.turnoverOverflows(), 1u) << "only the tick bar, which holds both, overflowed";
  const Bar one_second = set.openBar(0, 0);
  EXPECT_EQ(one_second.turnover.raw, 5'000'100'000'000'000'000);
  EXPECT_EQ(one_second.sell_volume.raw, 1'000'000 * kScale);
  const Bar tick = set.openBar(0, 1);
  EXPECT_EQ(tick.trades, 2u) << "the left-out trade still counts";
  EXPECT_EQ(tick.close.raw, 50'001 * kScale) << "and sets the close";
  EXPECT_EQ(tick.turnover.raw, 5'000'000'000'000'000'000);
  EXPECT_EQ(tick.volume.raw, 1'000'000 * kScale);
  EXPECT_EQ(tick.sell_volume.raw, 0);
  set.onTick(trade(0, 11 * kSecond + 2, 50'000, kScale / 100, Side::kSell), out);  // small: fits both
  EXPECT_EQ(set.turnoverOverflows(), 1u);
  EXPECT_EQ(set.openBar(0, 1).turnover.raw, 5'000'000'000'000'000'000 + 50'000'000'000);
  EXPECT_EQ(set.openBar(0, 1).sell_volume.raw, kScale / 100);
  EXPECT_EQ(set.openBar(0, 0).trades, 2u);
}

TEST(BarSetTest, turnoverMatchesCheckedNotionalOnBothSidesOfThe64BitProduct) {
  BarSet set(config({1'000}));
  Collector out;
  // 61837.63 x 0.02 fits 64 bits before the division; 61837.63 x 5.12345678 does not.
  Tick small = trade(0, 10 * kSecond, 0, 0);
  small.price = Price{6'183'763'000'000};
  small.qty = Qty{2'000'000};
  Tick big = small;
  big.qty = Qty{512'345'678};
  Tick odd = small;
  odd.price = Price{6'183'763'000'001};  // a product that truncates
  odd.qty = Qty{33'333'333};
  std::int64_t expected = 0;
  for (const Tick& t : {small, big, odd}) {
    set.onTick(t, out);
    Notional n{};
    ASSERT_TRUE(checkedNotional(t.price, t.qty, n));
    expected += n.raw;
  }
  EXPECT_EQ(set.openBar(0, 0).turnover.raw, expected);
  EXPECT_EQ(set.turnoverOverflows(), 0u);
}

TEST(BarSetTest, rolledUpIntervalEqualsTheSameIntervalBuiltTradeByTrade) {
  BarSet rolled(config({1'000, 5'000}));     // 5s from closed 1s bars
  BarSet direct(config({5'000}));            // 5s from every trade
  BarSet uneven(config({1'000, 2'500}));     // 2.5s is no multiple of 1s: built trade by trade
  Collector from_rolled;
  Collector from_direct;
  Collector from_uneven;
  std::int64_t t = 100 * kSecond + 123;
  for (int i = 0; i < 2'000; ++i) {
    t += (i % 97 == 0) ? 7 * kSecond + 11 : 37'000'000 + (i % 13) * 1'000'000;  // silences too
    const Tick tr = trade(static_cast<SymbolId>(i % 2), t, 100 + (i * 7919) % 23, (i % 5 + 1) * 10'000'000,
                          i % 3 == 0 ? Side::kSell : Side::kBuy);
    rolled.onTick(tr, from_rolled);
    direct.onTick(tr, from_direct);
    uneven.onTick(tr, from_uneven);
  }
  std::vector<Bar> fives;
  for (const Bar& b : from_rolled.bars) {
    if (b.series == 1) fives.push_back(b);
  }
  ASSERT_EQ(fives.size(), from_direct.bars.size());
  ASSERT_GT(fives.size(), 80u);  // about four minutes, two symbols
  for (std::size_t i = 0; i < fives.size(); ++i) {
    const Bar& a = fives[i];
    const Bar& b = from_direct.bars[i];
    EXPECT_EQ(a.symbol, b.symbol);
    EXPECT_EQ(a.start_ns, b.start_ns);
    EXPECT_EQ(a.open, b.open);
    EXPECT_EQ(a.high, b.high);
    EXPECT_EQ(a.low, b.low);
    EXPECT_EQ(a.close, b.close);
    EXPECT_EQ(a.volume, b.volume);
    EXPECT_EQ(a.buy_volume, b.buy_volume);
    EXPECT_EQ(a.sell_volume, b.sell_volume);
    EXPECT_EQ(a.turnover, b.turnover);
    EXPECT_EQ(a.trades, b.trades);
  }
  std::uint64_t uneven_trades = 0;
  for (const Bar& b : from_uneven.bars) {
    if (b.series == 1) {
      EXPECT_EQ(b.start_ns % 2'500'000'000, 0);
      uneven_trades += b.trades;
    }
  }
  EXPECT_GT(uneven_trades, 1'900u);
}

TEST(BarSetTest, namesEverySeries) {
  BarSet set(config({500, 1'000, 5'000, 60'000, 300'000, 3'600'000}, 100, 5 * kScale / 10));
  ASSERT_EQ(set.seriesCount(), 8u);
  const std::vector<std::string> names{"500ms", "1s", "5s", "1m", "5m", "1h", "tick100", "vol0.5"};
  for (std::size_t i = 0; i < names.size(); ++i) EXPECT_EQ(set.seriesName(i), names[i]);
  EXPECT_EQ(set.timeSeries(5 * kSecond), 2);
  EXPECT_EQ(set.timeSeries(2 * kSecond), -1);
}

TEST(BarSetTest, refusesIntervalsOutOfOrderNonPositiveOrTooMany) {
  EXPECT_THROW(BarSet(config({5'000, 1'000})), std::invalid_argument);
  EXPECT_THROW(BarSet(config({1'000, 1'000})), std::invalid_argument);
  EXPECT_THROW(BarSet(config({0})), std::invalid_argument);
  EXPECT_THROW(BarSet(config({1, 2, 3, 4, 5, 6, 7})), std::invalid_argument);
  EXPECT_THROW(BarSet(config({1'000}, 0, -1)), std::invalid_argument);
}

}  // namespace
}  // namespace bw::feed
