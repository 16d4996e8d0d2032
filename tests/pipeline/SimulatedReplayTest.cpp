// The demo's fallback path: a capture from the seeded market simulator through the whole
// pipeline. Needs no ../shared/data, so it runs on a user's fresh clone too.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "ConfigPath.h"
#include "feed/MarketSimulator.h"
#include "pipeline/Replay.h"
#include "TestTempDir.h"

namespace bw::pipeline {
namespace {

/// Replay options over a fresh seeded capture (seed 7, `seconds` of market) in `dir`,
/// with `config_file` from config/.
ReplayOptions simulatedReplay(const std::filesystem::path& dir, int seconds, const char* config_file) {
  std::filesystem::create_directories(dir);
  const std::string capture = (dir / "sim.jsonl.gz").string();
  feed::SimulatorConfig sim;
  sim.seed = 7;
  sim.seconds = seconds;
  (void)feed::writeSimulatedCapture(capture, sim);
  ReplayOptions o;
  o.config = loadConfig(bw::test::configPath(config_file));
  o.captures = {capture};
  o.work_dir = (dir / "fix").string();
  return o;
}

TEST(SimulatedReplayTest, simulatedCaptureTradesThroughTheWholePipeline) {
  const auto dir = bw::test::testTempDir("sim-replay-test");
  ReplayOptions o = simulatedReplay(dir, 900, "breakwater.toml");
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

TEST(SimulatedReplayTest, latencyRunReportsEveryStageAndTheFloorsBesideThem) {
  // `breakwater replay --latency --json F`: every stage from a histogram of every sample,
  // tick_to_send among them, and the floors measured in the same run.
  const auto dir = bw::test::testTempDir("sim-replay-latency");
  ReplayOptions o = simulatedReplay(dir, 300, "demo.toml");
  o.latency_floors = true;
  o.latency_floor_rounds = 5'000;  // the CLI's default is 100,000; a test needs only the shape
  const ReplaySummary s = runReplay(o);
  ASSERT_GT(s.orders_sent, 0u) << "no order: tick_to_send would prove nothing";
  ASSERT_EQ(s.latency_ns.count("tick_to_send"), 1u);
  EXPECT_EQ(s.latency_ns.at("tick_to_send").count, s.orders_sent + s.replaces_sent);
  const auto ordered = [](const std::string& name, const StageLatency& l) {
    EXPECT_GT(l.count, 0u) << name;
    EXPECT_LE(l.p50, l.p99) << name;
    EXPECT_LE(l.p99, l.p999) << name;
    EXPECT_LE(l.p999, l.p9999) << name;
    EXPECT_LE(l.p9999, l.max) << name;
  };
  for (const auto& [stage, l] : s.latency_ns) ordered(stage, l);
  std::vector<const char*> floors = {"rdtsc",          "cache_line_ping_pong", "queue_hop_circular_buffer",
                                     "queue_hop_concurrent_queue", "simdjson_parse", "quickfix_new_order",
                                     "spin_1us",      "spin_5us"};
#if !defined(__SANITIZE_THREAD__)  // left out under TSan: pipeline/LatencyFloors.h
  floors.push_back("queue_hop_reader_writer_queue");
#endif
  for (const char* floor : floors) {
    ASSERT_EQ(s.floors.count(floor), 1u) << floor;
    ordered(floor, s.floors.at(floor));
  }
  EXPECT_EQ(s.floors.at("cache_line_ping_pong").count, 5'000u);
  EXPECT_GT(s.floors.at("quickfix_new_order").p50, 0u);
  // A window is never shorter than itself; an interruption can only lengthen it.
  EXPECT_GE(s.floors.at("spin_1us").p50, 990u);
  EXPECT_GE(s.floors.at("spin_5us").p50, 4'990u);
  EXPECT_EQ(s.floors.at("spin_1us").count, 5'000u);
  EXPECT_EQ(s.floors.at("spin_5us").count, 1'001u);
  const std::string json = toJson(s);
  for (const char* key : {"\"floors\"", "\"tick_to_send\"", "\"tick_to_verdict\"", "\"socket_send\"", "\"p9999\"",
                          "\"cache_line_ping_pong\"", "\"idle\""}) {
    EXPECT_NE(json.find(key), std::string::npos) << key;
  }
  std::filesystem::remove_all(dir);
}

TEST(SimulatedReplayTest, latencyLayoutPinsTheHelpersAndSplitsTheKernelsSendFromOurs) {
  // Issue 7's 2-core layout: the helpers (venue, journal, control) on core 0 with the feed
  // and engine, the order thread on core 1. Backoff here, not spin: ctest runs suites side
  // by side, and a spinning thread would take a core from another suite for the run.
  const auto dir = bw::test::testTempDir("sim-replay-layout");
  ReplayOptions o = simulatedReplay(dir, 300, "demo.toml");
  o.config.cores = CoresConfig{0, 0, 1, 0, IdleMode::kBackoff, IdleMode::kBackoff, IdleMode::kBackoff};
  const ReplaySummary s = runReplay(o);
  ASSERT_GT(s.orders_sent, 0u);
  EXPECT_EQ(s.cores.at("helpers"), 0);
  EXPECT_EQ(s.cores.at("engine"), 0);
  EXPECT_EQ(s.idle.at("order"), "backoff");
  EXPECT_EQ(s.send_path_warm_ups, 0u) << "only a spinning order thread warms (its core is its own)";
  const StageLatency& verdict = s.latency_ns.at("tick_to_verdict");
  const StageLatency& handed = s.latency_ns.at("tick_to_send");
  const StageLatency& returned = s.latency_ns.at("tick_to_send_return");
  const StageLatency& kernel = s.latency_ns.at("socket_send");
  // Every order and replace was judged first; every one of them was handed to send().
  EXPECT_GE(verdict.count, s.orders_sent + s.replaces_sent);
  EXPECT_EQ(returned.count, handed.count);
  EXPECT_GE(kernel.count, handed.count);  // cancels too
  // Handing the bytes over comes before send() returns, sample by sample: so at every rank.
  EXPECT_LE(handed.p50, returned.p50);
  EXPECT_LE(handed.max, returned.max);
  EXPECT_GT(kernel.p50, 0u);
  // tick_to_verdict's parts come from the same verdicts, and each sample of a part is at
  // most its verdict's sample. tick_to_engine and bars_to_decision have one sample per
  // verdict, so that holds at every rank; engine_to_bars only for the decisions made on a
  // bar close (entries), not on a trade (stops, targets, replaces): a subset, so only its
  // largest sample is bounded.
  for (const char* part : {"tick_to_engine", "bars_to_decision"}) {
    const StageLatency& p = s.latency_ns.at(part);
    EXPECT_EQ(p.count, verdict.count) << part;
    EXPECT_LE(p.p50, verdict.p50) << part;
    EXPECT_LE(p.max, verdict.max) << part;
  }
  const StageLatency& bars = s.latency_ns.at("engine_to_bars");
  EXPECT_GT(bars.count, 0u);
  EXPECT_LE(bars.count, verdict.count);
  EXPECT_GT(bars.p50, 0u);
  EXPECT_LE(bars.max, verdict.max);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bw::pipeline
