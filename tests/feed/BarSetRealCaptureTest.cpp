// Properties of the bar set on the recorded captures (../shared/data): BTCUSDT and
// ETHUSDT merged by receive time, so two symbols share market time.
// - Five 1s bars aggregate to the matching 5s bar, field by field, for each symbol.
// - Every time series is regular: consecutive bars of a symbol touch, none missing.
// - Tick and volume bars account for every trade.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "feed/BarSet.h"
#include "feed/CaptureFactory.h"
#include "feed/CaptureMerger.h"

namespace bw::feed {
namespace {

class BarSetRealCaptureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BarsConfig c;
    c.time_intervals_ms = {1'000, 5'000};
    c.tick_bar_trades = 50;
    c.volume_bar_qty = Qty{2 * kScale};
    BarSet set(c);
    const InstrumentTable instruments = InstrumentTable::withDefaults();
    std::ostringstream log_text;
    MalformedLog log(log_text);
    const TscClock clock = TscClock::calibrate(5);
    std::vector<std::unique_ptr<TickSource>> sources;
    for (const char* f : {"binance-spot-btcusdt-20240808.jsonl.gz", "binance-spot-ethusdt-20240808.jsonl.gz"}) {
      sources.push_back(openCapture(std::string(BW_DATA_DIR) + "/" + f, instruments, log, clock));
    }
    CaptureMerger merger(sources);
    Tick t;
    while (merger.next(t)) {
      if (t.kind == TickKind::kTrade) ++trades_[t.symbol];
      set.onTick(t, [&](const Bar& b) { bars_[{b.symbol, b.series}].push_back(b); });
    }
    // Whatever is still open at the end counts too, for the trade accounting.
    for (const auto& [symbol, n] : trades_) {
      open_tick_trades_[symbol] = set.openBar(symbol, 2).trades;
      open_volume_trades_[symbol] = set.openBar(symbol, 3).trades;
    }
    flat_skipped_ = set.flatSkipped(0) + set.flatSkipped(1);
  }

  std::map<std::pair<SymbolId, std::uint8_t>, std::vector<Bar>> bars_;
  std::map<SymbolId, std::uint64_t> trades_;
  std::map<SymbolId, std::uint64_t> open_tick_trades_;
  std::map<SymbolId, std::uint64_t> open_volume_trades_;
  std::uint64_t flat_skipped_ = 0;
};

TEST_F(BarSetRealCaptureTest, fiveOneSecondBarsAggregateToTheMatchingFiveSecondBar) {
  ASSERT_EQ(trades_.size(), 2u) << "both symbols traded";
  for (const auto& [symbol, n] : trades_) {
    const std::vector<Bar>& ones = bars_[{symbol, 0}];
    const std::vector<Bar>& fives = bars_[{symbol, 1}];
    ASSERT_GT(fives.size(), 60u) << "about six minutes of 5s bars";
    std::size_t j = 0;
    std::size_t partial = 0;
    for (const Bar& five : fives) {
      if (five.start_ns < ones.front().start_ns) {  // the symbol's first trade came mid-way through it
        ++partial;
        continue;
      }
      while (j < ones.size() && ones[j].start_ns < five.start_ns) ++j;
      ASSERT_LE(j + 5, ones.size());
      Bar sum;
      bool seen_trade = false;
      for (std::size_t k = j; k < j + 5; ++k) {
        const Bar& one = ones[k];
        ASSERT_EQ(one.start_ns, five.start_ns + static_cast<std::int64_t>(k - j) * 1'000'000'000);
        sum.close = one.close;
        sum.volume.raw += one.volume.raw;
        sum.buy_volume.raw += one.buy_volume.raw;
        sum.sell_volume.raw += one.sell_volume.raw;
        sum.turnover.raw += one.turnover.raw;
        sum.trades += one.trades;
        if (one.flat()) continue;
        sum.open = seen_trade ? sum.open : one.open;
        sum.high = seen_trade ? std::max(sum.high, one.high) : one.high;
        sum.low = seen_trade ? std::min(sum.low, one.low) : one.low;
        seen_trade = true;
      }
      if (!seen_trade) {  // a flat 5s bar: every 1s bar flat at the same close
        sum.open = sum.high = sum.low = sum.close;
      }
      EXPECT_EQ(five.open, sum.open) << five.start_ns;
      EXPECT_EQ(five.high, sum.high) << five.start_ns;
      EXPECT_EQ(five.low, sum.low) << five.start_ns;
      EXPECT_EQ(five.close, sum.close) << five.start_ns;
      EXPECT_EQ(five.volume, sum.volume) << five.start_ns;
      EXPECT_EQ(five.buy_volume, sum.buy_volume) << five.start_ns;
      EXPECT_EQ(five.sell_volume, sum.sell_volume) << five.start_ns;
      EXPECT_EQ(five.turnover, sum.turnover) << five.start_ns;
      EXPECT_EQ(five.trades, sum.trades) << five.start_ns;
    }
    EXPECT_LE(partial, 1u) << "only the first 5s bar can begin before the first 1s bar";
  }
}

TEST_F(BarSetRealCaptureTest, timeSeriesAreRegularAndAccountForEveryTradeOnce) {
  EXPECT_EQ(flat_skipped_, 0u) << "no silence in the capture is longer than the cap";
  for (const auto& [symbol, n] : trades_) {
    for (std::uint8_t series : {std::uint8_t{0}, std::uint8_t{1}}) {
      const std::vector<Bar>& bars = bars_[{symbol, series}];
      ASSERT_FALSE(bars.empty());
      std::uint64_t trades = 0;
      for (std::size_t i = 1; i < bars.size(); ++i) {
        ASSERT_EQ(bars[i].start_ns, bars[i - 1].end_ns) << "series " << int{series} << " bar " << i;
        if (bars[i].flat()) {
          EXPECT_EQ(bars[i].close, bars[i - 1].close);
        }
      }
      for (const Bar& b : bars) {
        trades += b.trades;
        EXPECT_EQ(b.buy_volume.raw + b.sell_volume.raw, b.volume.raw);
        EXPECT_LE(b.low, b.high);
      }
      EXPECT_LE(trades, n);
      EXPECT_GT(trades, n * 9 / 10) << "all but the last open bar's trades";
    }
  }
}

TEST_F(BarSetRealCaptureTest, tickAndVolumeBarsHoldEveryTradeExactlyOnce) {
  for (const auto& [symbol, n] : trades_) {
    std::uint64_t in_tick_bars = open_tick_trades_[symbol];
    for (const Bar& b : bars_[{symbol, 2}]) {
      EXPECT_EQ(b.trades, 50u);
      in_tick_bars += b.trades;
    }
    EXPECT_EQ(in_tick_bars, n);
    std::uint64_t in_volume_bars = open_volume_trades_[symbol];
    const std::vector<Bar>& volume_bars = bars_[{symbol, 3}];
    ASSERT_FALSE(volume_bars.empty());
    for (const Bar& b : volume_bars) {
      EXPECT_GE(b.volume.raw, 2 * kScale);
      in_volume_bars += b.trades;
    }
    EXPECT_EQ(in_volume_bars, n);
  }
}

}  // namespace
}  // namespace bw::feed
