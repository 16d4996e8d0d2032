// The tardis trades CSV: columns found by header name, rows mapped to trade ticks exactly,
// bad rows counted by kind with file:line and skipped, gzip read transparently.

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <string>

#include "FeedTestSupport.h"
#include "feed/CsvCaptureReader.h"
#include "feed/CsvTickParser.h"

namespace bw::feed {
namespace {

constexpr const char* kHeader = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";

class CsvCaptureReaderTest : public ::testing::Test {
 protected:
  InstrumentTable instruments_ = InstrumentTable::withDefaults();
  std::ostringstream log_text_;
  MalformedLog log_{log_text_};
  TscClock clock_ = TscClock::calibrate(1);
};

TEST_F(CsvCaptureReaderTest, mapsARowToATradeTickExactly) {
  const auto dir = test::tempDir("csv-map");
  test::writePlain(dir / "t.csv", test::joinLines({kHeader, "binance-futures,BTCUSDT,1582329602111000,"
                                                            "1582329602418379,42377944,sell,9682.19,0.132"}));
  CsvCaptureReader reader((dir / "t.csv").string(), instruments_, log_, clock_);
  Tick t;
  ASSERT_TRUE(reader.next(t));
  EXPECT_EQ(t.kind, TickKind::kTrade);
  EXPECT_EQ(t.symbol, instruments_.find("BTCUSDT"));
  EXPECT_EQ(t.exch_ns, 1'582'329'602'111'000'000);
  EXPECT_EQ(t.recv_ns, 1'582'329'602'418'379'000);
  EXPECT_EQ(t.seq, 42'377'944u);
  EXPECT_EQ(t.aggressor, Side::kSell);
  EXPECT_EQ(t.price.raw, 968'219'000'000);
  EXPECT_EQ(t.qty.raw, 13'200'000);
  EXPECT_NE(t.parsed_tsc, 0u);
  // The parse's start: the end-to-end latency stages begin here (issue 7).
  EXPECT_NE(t.arrival_tsc, 0u);
  EXPECT_LE(t.arrival_tsc, t.parsed_tsc);
  EXPECT_FALSE(reader.next(t));
  EXPECT_EQ(reader.stats().lines, 1u);
  EXPECT_EQ(reader.stats().trades, 1u);
}

TEST_F(CsvCaptureReaderTest, findsColumnsInAnyOrderAndIgnoresExtraOnes) {
  const auto dir = test::tempDir("csv-order");
  test::writePlain(dir / "t.csv", test::joinLines({"amount,note,side,price,local_timestamp,timestamp,symbol",
                                                   "0.5,hello,buy,100.25,2000,1000,ETHUSDT"}));
  CsvCaptureReader reader((dir / "t.csv").string(), instruments_, log_, clock_);
  Tick t;
  ASSERT_TRUE(reader.next(t));
  EXPECT_EQ(t.symbol, instruments_.find("ETHUSDT"));
  EXPECT_EQ(t.qty.raw, 50'000'000);
  EXPECT_EQ(t.price.raw, 10'025'000'000);
  EXPECT_EQ(t.recv_ns, 2'000'000);
  EXPECT_EQ(t.exch_ns, 1'000'000);
  EXPECT_EQ(t.aggressor, Side::kBuy);
  EXPECT_EQ(t.seq, 0u) << "no id column: sequence unknown";
}

TEST_F(CsvCaptureReaderTest, refusesAHeaderWithoutARequiredColumnNamingFileAndColumn) {
  const auto dir = test::tempDir("csv-header");
  const std::string path = (dir / "no-amount.csv").string();
  test::writePlain(path, test::joinLines({"exchange,symbol,timestamp,local_timestamp,id,side,price", "x"}));
  try {
    CsvCaptureReader reader(path, instruments_, log_, clock_);
    FAIL() << "opened a CSV without an amount column";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path), std::string::npos) << what;
    EXPECT_NE(what.find("'amount'"), std::string::npos) << what;
  }
}

TEST_F(CsvCaptureReaderTest, countsEveryKindOfBadRowWithFileLineAndGoesOn) {
  const auto dir = test::tempDir("csv-bad");
  const std::string path = (dir / "bad.csv").string();
  test::writePlain(path, test::joinLines({
                             kHeader,
                             "binance-futures,BTCUSDT,1000,2000,1,buy,9682,0.1",                   // 2 ok
                             "binance-futures,BTCUSDT,1000,2000,1,buy,9682",                       // 3 columns
                             "binance-futures,BTCUSDT,1000,2000,1,buy,96x2,0.1",                   // 4 decimal
                             "binance-futures,BTCUSDT,1000,2000,1,buy,99999999999999999999,0.1",   // 5 huge
                             "binance-futures,BTCUSDT,1000,2000,1,buy,9682,0",                     // 6 non-positive
                             "binance-futures,BTCUSDT,1000,2000,1,both,9682,0.1",                  // 7 side
                             "binance-futures,BTCUSDT,10x0,2000,1,buy,9682,0.1",                   // 8 timestamp
                             "binance-futures,BTCUSDT,1000,99999999999999999,1,buy,9682,0.1",      // 9 huge ts
                             "binance-futures,DOGEUSDT,1000,2000,1,buy,9682,0.1",                  // 10 symbol
                             "",                                                                   // 11 empty
                             "binance-futures,BTCUSDT,1000,3000,2,sell,9683,0.2",                  // 12 ok
                         }));
  CsvCaptureReader reader(path, instruments_, log_, clock_);
  Tick t;
  std::uint64_t ticks = 0;
  while (reader.next(t)) ++ticks;
  const FeedStats& s = reader.stats();
  EXPECT_EQ(ticks, 2u);
  EXPECT_EQ(s.lines, 11u);
  EXPECT_EQ(s.ticks + s.malformed + s.unknown_symbol, s.lines);
  const auto kind = [&s](ParseError e) { return s.by_kind[static_cast<std::size_t>(e)]; };
  EXPECT_EQ(kind(ParseError::kBadColumnCount), 1u);
  EXPECT_EQ(kind(ParseError::kBadDecimal), 1u);
  EXPECT_EQ(kind(ParseError::kHugeNumber), 2u);
  EXPECT_EQ(kind(ParseError::kNonPositive), 1u);
  EXPECT_EQ(kind(ParseError::kBadFieldType), 2u);
  EXPECT_EQ(kind(ParseError::kUnknownSymbol), 1u);
  EXPECT_EQ(kind(ParseError::kEmptyLine), 1u);
  const std::string text = log_text_.str();
  EXPECT_NE(text.find(path + ":3: skipped: BAD_COLUMN_COUNT"), std::string::npos) << text;
  EXPECT_NE(text.find(path + ":7: skipped: BAD_FIELD_TYPE (field 'side')"), std::string::npos) << text;
  EXPECT_NE(text.find(path + ":10: skipped: UNKNOWN_SYMBOL"), std::string::npos) << text;
}

TEST_F(CsvCaptureReaderTest, readsGzipTransparently) {
  const auto dir = test::tempDir("csv-gzip");
  test::writeGzip(dir / "t.csv.gz", test::joinLines({kHeader, "binance-futures,BTCUSDT,1000,2000,7,buy,1,2",
                                                     "binance-futures,BTCUSDT,1000,1500,8,buy,1,2"}));
  CsvCaptureReader reader((dir / "t.csv.gz").string(), instruments_, log_, clock_);
  Tick t;
  ASSERT_TRUE(reader.next(t));
  EXPECT_EQ(t.seq, 7u);
  ASSERT_TRUE(reader.next(t));
  EXPECT_FALSE(reader.next(t));
  EXPECT_EQ(reader.stats().trades, 2u);
  EXPECT_EQ(reader.stats().non_monotonic, 1u) << "the second row was received earlier";
}

TEST(CsvTickParserTest, refusesARowWithMoreColumnsThanTheHeader) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  CsvTickParser parser(instruments);
  ASSERT_EQ(parser.setHeader(kHeader), "");
  Tick t;
  EXPECT_EQ(parser.parse("a,BTCUSDT,1,2,3,buy,1,1,extra", t).error, ParseError::kBadColumnCount);
  EXPECT_EQ(parser.parse("a,BTCUSDT,1,2,3,buy,1,1", t).error, ParseError::kOk);
  EXPECT_EQ(parser.parse("a,BTCUSDT,1,2,abc,buy,1,1", t).error, ParseError::kBadFieldType);
}

}  // namespace
}  // namespace bw::feed
