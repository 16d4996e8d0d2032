#include "feed/CaptureReader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "FeedTestSupport.h"

namespace bw::feed {
namespace {

class CaptureReaderTest : public ::testing::Test {
 protected:
  CaptureReaderTest()
      : instruments_(InstrumentTable::withDefaults()), clock_(TscClock::calibrate(5)), log_(log_text_) {}

  std::vector<Tick> readAll(CaptureReader& reader) {
    std::vector<Tick> ticks;
    Tick t;
    while (reader.next(t)) ticks.push_back(t);
    return ticks;
  }

  InstrumentTable instruments_;
  TscClock clock_;
  std::ostringstream log_text_;
  MalformedLog log_;
};

TEST_F(CaptureReaderTest, countsAndSkipsMalformedLinesNamingFileAndLine) {
  const auto dir = test::tempDir("malformed");
  const auto path = dir / "mixed.jsonl.gz";
  std::string bad_price(test::kTradeLine);
  bad_price.replace(bad_price.find("61837.63000000"), 14, "61837.6x");
  std::string doge(test::kTradeLine);
  doge.replace(doge.find("BTCUSDT"), 7, "DOGEUSDT");
  test::writeGzip(path, test::joinLines({std::string(test::kQuoteLine), std::string(test::kTradeLine), bad_price,
                                         "not a line", "", doge, std::string(test::kDepthLine)}));
  CaptureReader reader(path.string(), instruments_, log_, clock_);
  const std::vector<Tick> ticks = readAll(reader);

  ASSERT_EQ(ticks.size(), 3u);
  EXPECT_EQ(ticks[0].kind, TickKind::kQuote);
  EXPECT_EQ(ticks[1].kind, TickKind::kTrade);
  EXPECT_EQ(ticks[2].kind, TickKind::kDepth);
  const FeedStats& s = reader.stats();
  EXPECT_EQ(s.lines, 7u);
  EXPECT_EQ(s.ticks, 3u);
  EXPECT_EQ(s.trades, 1u);
  EXPECT_EQ(s.malformed, 3u);
  EXPECT_EQ(s.unknown_symbol, 1u);
  EXPECT_EQ(s.lines, s.ticks + s.malformed + s.unknown_symbol) << "every line accounted for";
  EXPECT_EQ(reader.parseLatency().count(), s.lines);

  const std::string log = log_text_.str();
  const std::string file = path.string();
  EXPECT_NE(log.find(file + ":3: skipped: BAD_DECIMAL (field 'p': BAD_CHARACTER)"), std::string::npos) << log;
  EXPECT_NE(log.find(file + ":4: skipped: BAD_TIMESTAMP"), std::string::npos) << log;
  EXPECT_NE(log.find(file + ":5: skipped: EMPTY_LINE"), std::string::npos) << log;
  EXPECT_NE(log.find(file + ":6: skipped: UNKNOWN_SYMBOL (field 's')"), std::string::npos) << log;
}

TEST_F(CaptureReaderTest, readsPlainTextAndCrLfLinesToo) {
  const auto path = test::tempDir("plain") / "plain.jsonl";
  test::writePlain(path, std::string(test::kTradeLine) + "\r\n" + std::string(test::kQuoteLine));  // no final newline
  CaptureReader reader(path.string(), instruments_, log_, clock_);
  const std::vector<Tick> ticks = readAll(reader);
  ASSERT_EQ(ticks.size(), 2u);
  EXPECT_EQ(reader.stats().malformed, 0u) << log_text_.str();
}

TEST_F(CaptureReaderTest, snapshotBeforeAnySymbolIsAttributedToTheFilesSymbolAndComesFirst) {
  const auto path = test::tempDir("snapshot-first") / "c.jsonl.gz";
  test::writeGzip(path, test::joinLines({std::string(test::kSnapshotLine), std::string(test::kTradeLine)}));
  CaptureReader reader(path.string(), instruments_, log_, clock_);
  const std::vector<Tick> ticks = readAll(reader);
  ASSERT_EQ(ticks.size(), 2u);
  EXPECT_EQ(ticks[0].kind, TickKind::kSnapshot);
  EXPECT_EQ(ticks[0].symbol, instruments_.find("BTCUSDT"));
  EXPECT_EQ(ticks[1].kind, TickKind::kTrade);
  EXPECT_EQ(reader.stats().snapshots, 1u);
  EXPECT_EQ(reader.stats().ticks, 2u);
}

TEST_F(CaptureReaderTest, snapshotWithNoSymbolAnywhereIsCountedMalformed) {
  const auto path = test::tempDir("snapshot-alone") / "c.jsonl";
  test::writePlain(path, test::joinLines({std::string(test::kSnapshotLine)}));
  CaptureReader reader(path.string(), instruments_, log_, clock_);
  EXPECT_TRUE(readAll(reader).empty());
  EXPECT_EQ(reader.stats().malformed, 1u);
  EXPECT_NE(log_text_.str().find(":1: skipped: depth snapshot, but no message in the file names its symbol"),
            std::string::npos)
      << log_text_.str();
}

TEST_F(CaptureReaderTest, truncatedGzipEndsTheFileWithACountNotACrash) {
  const auto dir = test::tempDir("truncated");
  const auto whole = dir / "whole.jsonl.gz";
  std::vector<std::string> lines(2'000, std::string(test::kTradeLine));
  test::writeGzip(whole, test::joinLines(lines));
  const auto cut = dir / "cut.jsonl.gz";
  const auto size = std::filesystem::file_size(whole);
  std::filesystem::copy_file(whole, cut);
  std::filesystem::resize_file(cut, size / 2);

  CaptureReader reader(cut.string(), instruments_, log_, clock_);
  const std::vector<Tick> ticks = readAll(reader);
  EXPECT_GT(ticks.size(), 0u);
  EXPECT_LT(ticks.size(), 2'000u);
  EXPECT_GE(reader.stats().malformed, 1u);
  EXPECT_NE(log_text_.str().find("gzip stream ends in error"), std::string::npos) << log_text_.str();
}

TEST_F(CaptureReaderTest, missingFileIsAnErrorNamingIt) {
  try {
    CaptureReader reader("/nonexistent/capture.jsonl.gz", instruments_, log_, clock_);
    FAIL() << "opened a file that does not exist";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/capture.jsonl.gz"), std::string::npos) << e.what();
  }
}

TEST_F(CaptureReaderTest, logShowsTheFirstReportsThenHowManyMoreWereSkipped) {
  const auto path = test::tempDir("many-bad") / "bad.jsonl";
  test::writePlain(path, test::joinLines(std::vector<std::string>(25, "garbage")));
  MalformedLog capped(log_text_, 3);
  CaptureReader reader(path.string(), instruments_, capped, clock_);
  EXPECT_TRUE(readAll(reader).empty());
  EXPECT_EQ(reader.stats().malformed, 25u) << "the count never drops, only repeated text";
  const std::string log = log_text_.str();
  EXPECT_NE(log.find(":3: skipped"), std::string::npos);
  EXPECT_EQ(log.find(":4: skipped"), std::string::npos);
  EXPECT_NE(log.find("22 more skipped lines not shown (25 in all)"), std::string::npos) << log;
}

TEST_F(CaptureReaderTest, aHeldBackSnapshotKeepsItsOwnLevels) {
  const auto path = test::tempDir("snapshot-levels") / "c.jsonl";
  test::writePlain(path, test::joinLines({std::string(test::kSnapshotLine), std::string(test::kDepthLine)}));
  CaptureReader reader(path.string(), instruments_, log_, clock_);
  Tick t;
  ASSERT_TRUE(reader.next(t));  // the depth line has been parsed over the parser's levels by now
  ASSERT_EQ(t.kind, TickKind::kSnapshot);
  ASSERT_NE(t.levels, nullptr);
  EXPECT_EQ(t.levels->bid_count, 2u);
  EXPECT_EQ(t.levels->ask_count, 2u);
  EXPECT_EQ(t.levels->bids[0].price.raw, 6'183'763'000'000);
  EXPECT_EQ(t.levels->asks[1].price.raw, 6'183'770'000'000);
  ASSERT_TRUE(reader.next(t));
  ASSERT_EQ(t.kind, TickKind::kDepth);
  EXPECT_EQ(t.levels->ask_count, 4u);
}

TEST_F(CaptureReaderTest, aLastLineWithoutNewlineThatDoesNotParseIsATruncatedLine) {
  const auto path = test::tempDir("truncated-line") / "c.jsonl";
  std::string text = test::joinLines({std::string(test::kTradeLine)});
  text += test::kQuoteLine.substr(0, 60);  // cut off mid-write, no newline
  test::writePlain(path, text);
  CaptureReader reader(path.string(), instruments_, log_, clock_);
  EXPECT_EQ(readAll(reader).size(), 1u);
  EXPECT_EQ(reader.stats().by_kind[static_cast<std::size_t>(ParseError::kTruncatedLine)], 1u);
  EXPECT_EQ(reader.stats().malformed, 1u);
  EXPECT_NE(log_text_.str().find(":2: skipped: TRUNCATED_LINE"), std::string::npos) << log_text_.str();
}

TEST_F(CaptureReaderTest, aCompleteLastLineWithoutNewlineIsATick) {
  const auto path = test::tempDir("last-line") / "c.jsonl";
  test::writePlain(path, std::string(test::kTradeLine));
  CaptureReader reader(path.string(), instruments_, log_, clock_);
  EXPECT_EQ(readAll(reader).size(), 1u);
  EXPECT_EQ(reader.stats().malformed, 0u);
}

TEST_F(CaptureReaderTest, plainJsonMessagesWithoutATimeTakeThePreviousTicksReceiveTime) {
  const auto path = test::tempDir("plain-json") / "c.jsonl";
  test::writePlain(path, test::joinLines({
                             R"({"lastUpdateId":5,"bids":[["1.0","1"]],"asks":[["1.1","1"]]})",
                             R"({"e":"trade","E":1000,"s":"BTCUSDT","t":1,"p":"1.05","q":"1","T":999,"m":true})",
                             R"({"u":6,"s":"BTCUSDT","b":"1.0","B":"2","a":"1.1","A":"3"})",
                         }));
  CaptureReader reader(path.string(), instruments_, log_, clock_);
  const std::vector<Tick> ticks = readAll(reader);
  ASSERT_EQ(ticks.size(), 3u) << log_text_.str();
  EXPECT_EQ(ticks[0].kind, TickKind::kSnapshot);
  EXPECT_EQ(ticks[0].recv_ns, 1000 * 1'000'000);  // held back: the next tick's time
  EXPECT_EQ(ticks[1].recv_ns, 1000 * 1'000'000);  // E
  EXPECT_EQ(ticks[2].kind, TickKind::kQuote);
  EXPECT_EQ(ticks[2].recv_ns, 1000 * 1'000'000);  // none: the previous tick's
  EXPECT_EQ(reader.stats().non_monotonic, 0u);
}

}  // namespace
}  // namespace bw::feed
