#include "feed/MarketSimulator.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include "FeedTestSupport.h"
#include "feed/BarSet.h"
#include "feed/CaptureReader.h"

namespace bw::feed {
namespace {

std::string fileBytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(MarketSimulatorTest, sameSeedSameCaptureOtherSeedOtherCapture) {
  const auto dir = test::tempDir("sim-seed");
  SimulatorConfig c;
  c.seconds = 30;
  c.seed = 11;
  (void)writeSimulatedCapture((dir / "a.jsonl.gz").string(), c);
  (void)writeSimulatedCapture((dir / "b.jsonl.gz").string(), c);
  c.seed = 12;
  (void)writeSimulatedCapture((dir / "c.jsonl.gz").string(), c);
  EXPECT_EQ(fileBytes(dir / "a.jsonl.gz"), fileBytes(dir / "b.jsonl.gz"));
  EXPECT_NE(fileBytes(dir / "a.jsonl.gz"), fileBytes(dir / "c.jsonl.gz"));
}

TEST(MarketSimulatorTest, captureReadsBackCleanlyWithTheCountsItReported) {
  const auto path = test::tempDir("sim-read") / "eth.jsonl.gz";
  SimulatorConfig c;
  c.symbol = "ETHUSDT";
  c.seconds = 120;
  const SimulatorStats written = writeSimulatedCapture(path.string(), c);
  ASSERT_GT(written.trades, 1'000u);

  const InstrumentTable instruments = InstrumentTable::withDefaults();
  std::ostringstream log_text;
  MalformedLog log(log_text);
  CaptureReader reader(path.string(), instruments, log, TscClock::calibrate(5));
  BarsConfig one_second;
  one_second.time_intervals_ms = {1'000};
  one_second.tick_bar_trades = 0;
  one_second.volume_bar_qty = Qty{0};
  BarSet bars(one_second);
  std::uint64_t closed_bars = 0;
  std::int64_t last_recv = 0;
  bool in_order = true;
  Tick t;
  while (reader.next(t)) {
    EXPECT_EQ(t.symbol, instruments.find("ETHUSDT"));
    in_order = in_order && t.recv_ns >= last_recv;
    last_recv = t.recv_ns;
    bars.onTick(t, [&](const Bar&) { ++closed_bars; });
  }
  const FeedStats& s = reader.stats();
  EXPECT_EQ(s.malformed, 0u) << log_text.str();
  EXPECT_EQ(s.lines, written.lines);
  EXPECT_EQ(s.trades, written.trades);
  EXPECT_EQ(s.quotes, written.quotes);
  EXPECT_EQ(s.depth_updates, written.depth_updates);
  EXPECT_EQ(s.snapshots, 1u);
  EXPECT_TRUE(in_order) << "lines are in receive-time order";
  EXPECT_GE(closed_bars, 110u) << "about one bar a second";
}

TEST(MarketSimulatorTest, refusesUnknownSymbolAndEmptyRun) {
  const auto path = (test::tempDir("sim-bad") / "x.jsonl.gz").string();
  SimulatorConfig c;
  c.symbol = "DOGEUSDT";
  EXPECT_THROW((void)writeSimulatedCapture(path, c), std::invalid_argument);
  c.symbol = "BTCUSDT";
  c.seconds = 0;
  EXPECT_THROW((void)writeSimulatedCapture(path, c), std::invalid_argument);
  EXPECT_THROW((void)writeSimulatedCapture("/nonexistent/dir/x.jsonl.gz", SimulatorConfig{}), std::runtime_error);
}

}  // namespace
}  // namespace bw::feed
