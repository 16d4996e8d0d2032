// The demo's fallback path: a capture from the seeded market simulator through the whole
// pipeline. Needs no ../shared/data, so it runs on a user's fresh clone too.

#include <gtest/gtest.h>

#include <filesystem>

#include "feed/MarketSimulator.h"
#include "pipeline/Replay.h"

namespace bw::pipeline {
namespace {

TEST(SimulatedReplayTest, simulatedCaptureTradesThroughTheWholePipeline) {
  const auto dir = std::filesystem::temp_directory_path() / "bw-sim-replay-test";
  std::filesystem::create_directories(dir);
  const std::string capture = (dir / "sim.jsonl.gz").string();
  feed::SimulatorConfig sim;
  sim.seed = 7;
  sim.seconds = 900;
  (void)feed::writeSimulatedCapture(capture, sim);

  ReplayOptions o;
  o.config = loadConfig(std::string(BW_SOURCE_DIR) + "/config/breakwater.toml");
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

}  // namespace
}  // namespace bw::pipeline
