// The recorded BTCUSDT 20240808 capture through `capture convert`: every tick of the binary
// file equals the JSON reader's, field by field, depth levels included; and the tardis CSV
// converts whole (9,999 trades, as its README says).

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>

#include "../feed/TickEquality.h"
#include "feed/BinaryCaptureReader.h"
#include "feed/CaptureReader.h"
#include "tools/CaptureCommand.h"
#include "TestTempDir.h"

namespace bw::tools {
namespace {

std::filesystem::path outDir(const std::string& name) {
  const auto dir = bw::test::testTempDir("convert-real-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(CaptureCommandRealDataTest, btcusdt20240808RoundTripsTickForTick) {
  const std::string in = std::string(BW_DATA_DIR) + "/binance-spot-btcusdt-20240808.jsonl.gz";
  const std::string out_path = (outDir("btc") / "btc.bwc").string();
  std::ostringstream out;
  std::ostringstream err;
  ASSERT_EQ(captureConvertCommand({in}, out_path, out, err), 0) << err.str();

  const InstrumentTable instruments = InstrumentTable::withDefaults();
  feed::MalformedLog log(err);
  const TscClock clock = TscClock::calibrate(1);
  feed::CaptureReader reference(in, instruments, log, clock);
  feed::BinaryCaptureReader converted(out_path, instruments, log, clock);
  Tick a;
  Tick b;
  std::uint64_t n = 0;
  std::uint64_t with_levels = 0;
  while (reference.next(a)) {
    ASSERT_TRUE(converted.next(b)) << "binary ends at tick " << n;
    ASSERT_TRUE(feed::test::sameTick(b, a)) << "tick " << n;
    if (a.levels != nullptr && a.levels->bid_count + a.levels->ask_count != 0) ++with_levels;
    ++n;
  }
  EXPECT_FALSE(converted.next(b));
  EXPECT_EQ(n, 41'249u) << "the data README's line count: every line is a tick";
  EXPECT_EQ(converted.stats().ticks, reference.stats().ticks);
  EXPECT_EQ(converted.stats().malformed, 0u) << err.str();
  // Say how much the level comparison covered (0 while the JSON reader serves no levels).
  std::cout << "ticks compared: " << n << ", of which with levels: " << with_levels << "\n";
}

TEST(CaptureCommandRealDataTest, theTardisCsvConvertsWhole) {
  const std::string in = std::string(BW_DATA_DIR) + "/tardis-binance-futures-btcusdt-trades-20200222.csv";
  const std::string out_path = (outDir("tardis") / "t.bwc").string();
  std::ostringstream out;
  std::ostringstream err;
  ASSERT_EQ(captureConvertCommand({in}, out_path, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("ticks 9999 (trades 9999,"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("refused 0 "), std::string::npos) << out.str();
}

}  // namespace
}  // namespace bw::tools
