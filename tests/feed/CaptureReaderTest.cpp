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

}  // namespace
}  // namespace bw::feed
