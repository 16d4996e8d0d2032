// `breakwater capture convert` as a function: Binance JSON lines (and tardis CSV) in, one
// binary capture out whose ticks equal the JSON reader's field by field, levels included.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../feed/FeedTestSupport.h"
#include "../feed/TickEquality.h"
#include "feed/BinaryCaptureReader.h"
#include "feed/CaptureReader.h"
#include "tools/CaptureCommand.h"

namespace bw::tools {
namespace {

using feed::test::joinLines;

/// Every tick of `json` read by the JSON reader equals the binary reader's from `binary`.
void expectSameTicks(const std::string& json, const std::string& binary_path, std::uint64_t expected_ticks) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  std::ostringstream log_text;
  feed::MalformedLog log(log_text);
  const TscClock clock = TscClock::calibrate(1);
  feed::CaptureReader reference(json, instruments, log, clock);
  feed::BinaryCaptureReader converted(binary_path, instruments, log, clock);
  Tick a;
  Tick b;
  std::uint64_t n = 0;
  while (reference.next(a)) {
    ASSERT_TRUE(converted.next(b)) << "binary ends at tick " << n;
    ASSERT_TRUE(feed::test::sameTick(b, a)) << "tick " << n;
    ++n;
  }
  EXPECT_FALSE(converted.next(b));
  EXPECT_EQ(n, expected_ticks);
  EXPECT_EQ(converted.stats().malformed, 0u) << log_text.str();
}

TEST(CaptureCommandTest, convertsJsonLinesToABinaryCaptureWithEqualTicks) {
  const auto dir = feed::test::tempDir("convert-json");
  const std::string in = (dir / "c.jsonl.gz").string();
  feed::test::writeGzip(in, joinLines({std::string(feed::test::kSnapshotLine), std::string(feed::test::kDepthLine),
                                       std::string(feed::test::kQuoteLine), std::string(feed::test::kTradeLine),
                                       "1 {broken"}));
  const std::string out_path = (dir / "c.bwc").string();
  std::ostringstream out;
  std::ostringstream err;
  ASSERT_EQ(captureConvertCommand({in}, out_path, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("ticks 4 (trades 1, quotes 1, depth updates 1, snapshots 1)"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("BAD_JSON=1"), std::string::npos) << out.str();
  expectSameTicks(in, out_path, 4);
}

TEST(CaptureCommandTest, mergesCsvAndJsonByReceiveTime) {
  const auto dir = feed::test::tempDir("convert-merge");
  const std::string csv = (dir / "t.csv").string();
  // 1723161254087 µs sits between the JSON depth (...036 ms) and quote (...087891268 ns).
  feed::test::writePlain(csv, joinLines({"exchange,symbol,timestamp,local_timestamp,id,side,price,amount",
                                         "binance,ETHUSDT,1723161254000000,1723161254050000,9,buy,2600.5,1"}));
  const std::string json = (dir / "c.jsonl").string();
  feed::test::writePlain(json, joinLines({std::string(feed::test::kDepthLine), std::string(feed::test::kQuoteLine)}));
  const std::string out_path = (dir / "m.bwc").string();
  std::ostringstream out;
  std::ostringstream err;
  ASSERT_EQ(captureConvertCommand({json, csv}, out_path, out, err), 0) << err.str();

  const InstrumentTable instruments = InstrumentTable::withDefaults();
  feed::MalformedLog log(err);
  feed::BinaryCaptureReader reader(out_path, instruments, log, TscClock::calibrate(1));
  std::vector<TickKind> kinds;
  Tick t;
  while (reader.next(t)) kinds.push_back(t.kind);
  EXPECT_EQ(kinds, (std::vector<TickKind>{TickKind::kDepth, TickKind::kTrade, TickKind::kQuote}));
}

TEST(CaptureCommandTest, anInputThatCannotBeOpenedOrTheOutputAsInputIsBadInput) {
  const auto dir = feed::test::tempDir("convert-bad");
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(captureConvertCommand({(dir / "missing.jsonl").string()}, (dir / "o.bwc").string(), out, err), 2);
  EXPECT_NE(err.str().find("missing.jsonl"), std::string::npos) << err.str();
  const std::string in = (dir / "c.jsonl").string();
  feed::test::writePlain(in, joinLines({std::string(feed::test::kTradeLine)}));
  EXPECT_EQ(captureConvertCommand({in}, in, out, err), 2);
  EXPECT_EQ(captureConvertCommand({in}, (dir / "no-such-dir" / "o.bwc").string(), out, err), 1);
}

}  // namespace
}  // namespace bw::tools
