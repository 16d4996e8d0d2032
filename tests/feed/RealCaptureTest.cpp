// The recorded captures in ../shared/data, read whole: every line accounted for, the
// trade counts the data README states, nothing malformed.

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "feed/CaptureReader.h"

namespace bw::feed {
namespace {

struct Expected {
  const char* file;
  const char* symbol;
  std::uint64_t lines;
  std::uint64_t trades;
  std::uint64_t snapshots;
};

class RealCaptureTest : public ::testing::TestWithParam<Expected> {};

TEST_P(RealCaptureTest, everyLineParsesAndTradeCountsMatchTheDataReadme) {
  const Expected& e = GetParam();
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  std::ostringstream log_text;
  MalformedLog log(log_text);
  CaptureReader reader(std::string(BW_DATA_DIR) + "/" + e.file, instruments, log, TscClock::calibrate(5));
  const SymbolId symbol = instruments.find(e.symbol);
  std::uint64_t wrong_symbol = 0;
  std::uint64_t bad_quotes = 0;
  Tick t;
  while (reader.next(t)) {
    if (t.symbol != symbol) ++wrong_symbol;
    if (t.kind == TickKind::kQuote && !(t.bid.raw > 0 && t.bid < t.ask)) ++bad_quotes;
  }
  const FeedStats& s = reader.stats();
  EXPECT_EQ(s.lines, e.lines);
  EXPECT_EQ(s.trades, e.trades);
  EXPECT_EQ(s.snapshots, e.snapshots);
  EXPECT_EQ(s.malformed, 0u) << log_text.str();
  EXPECT_EQ(s.unknown_symbol, 0u);
  EXPECT_EQ(s.ticks, s.lines);
  EXPECT_EQ(s.trades + s.quotes + s.depth_updates + s.snapshots, s.ticks);
  EXPECT_EQ(wrong_symbol, 0u);
  EXPECT_EQ(bad_quotes, 0u) << "every recorded bookTicker has 0 < bid < ask";
}

INSTANTIATE_TEST_SUITE_P(
    SharedData, RealCaptureTest,
    ::testing::Values(Expected{"binance-spot-btcusdt-20240808.jsonl.gz", "BTCUSDT", 41'249, 9'757, 1},
                      Expected{"binance-spot-btcusdt-20240809.jsonl.gz", "BTCUSDT", 58'325, 10'147, 0},
                      Expected{"binance-spot-ethusdt-20240808.jsonl.gz", "ETHUSDT", 33'618, 6'106, 1},
                      Expected{"binance-spot-ethusdt-20240809.jsonl.gz", "ETHUSDT", 46'126, 8'409, 0}));

}  // namespace
}  // namespace bw::feed
