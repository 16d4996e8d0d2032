// The demo's fallback path: a capture from the seeded market simulator through the whole
// pipeline. Needs no ../shared/data, so it runs on a user's fresh clone too.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ConfigPath.h"
#include "feed/MarketSimulator.h"
#include "pipeline/Replay.h"
#include "TestTempDir.h"

namespace bw::pipeline {
namespace {

TEST(SimulatedReplayTest, simulatedCaptureTradesThroughTheWholePipeline) {
  const auto dir = bw::test::testTempDir("sim-replay-test");
  std::filesystem::create_directories(dir);
  const std::string capture = (dir / "sim.jsonl.gz").string();
  feed::SimulatorConfig sim;
  sim.seed = 7;
  sim.seconds = 900;
  (void)feed::writeSimulatedCapture(capture, sim);

  ReplayOptions o;
  o.config = loadConfig(bw::test::configPath("breakwater.toml"));
  o.captures = {capture};
  o.work_dir = (dir / "fix").string();
  o.simulated_capture = true;
  const ReplaySummary s = runReplay(o);
  EXPECT_EQ(s.malformed, 0u);
  EXPECT_GT(s.orders_sent, 0u);
  EXPECT_GT(s.acks, 0u);
  EXPECT_GT(s.fills, 0u);
  EXPECT_EQ(s.symbols[0].position, s.symbols[0].strategy_position);
  EXPECT_TRUE(s.simulated_capture);
}

TEST(SimulatedReplayTest, badLinesAreCountedAndSkippedWhileTheReplayTrades) {
  const auto dir = bw::test::testTempDir("sim-replay-bad-lines");
  std::filesystem::create_directories(dir);
  const std::string capture = (dir / "sim.jsonl.gz").string();
  feed::SimulatorConfig sim;
  sim.seed = 7;
  sim.seconds = 900;
  const feed::SimulatorStats written = feed::writeSimulatedCapture(capture, sim);
  // A second capture of nothing but trouble: garbage, a cut-off line, a bad price, and a
  // well-formed trade for a symbol we do not trade.
  const std::string bad = (dir / "bad.jsonl").string();
  std::ofstream(bad) << "garbage\n"
                     << "1723161600000000001 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\"\n"
                     << R"(1723161600000000002 {"stream":"btcusdt@trade","data":{"e":"trade","s":"BTCUSDT","p":"6x","q":"1","T":1,"m":true}})"
                     << "\n"
                     << R"(1723161600000000003 {"stream":"dogeusdt@trade","data":{"e":"trade","s":"DOGEUSDT","p":"0.1","q":"1","T":1,"m":true}})"
                     << "\n";

  ReplayOptions o;
  o.config = loadConfig(bw::test::configPath("breakwater.toml"));
  o.captures = {capture, bad};
  o.work_dir = (dir / "fix").string();
  const ReplaySummary s = runReplay(o);
  EXPECT_EQ(s.lines, written.lines + 4);
  EXPECT_EQ(s.malformed, 3u);
  EXPECT_EQ(s.unknown_symbol, 1u);
  EXPECT_EQ(s.ticks, written.lines);
  EXPECT_GT(s.fills, 0u);
}

}  // namespace
}  // namespace bw::pipeline
