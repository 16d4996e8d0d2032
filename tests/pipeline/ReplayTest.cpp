// End to end: real captures through feed, bars, decision, RiskGate, the FIX initiator and
// the venue simulator over loopback, and back into positions.

#include "pipeline/Replay.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ConfigPath.h"
#include "core/InstrumentTable.h"
#include "core/TscClock.h"
#include "feed/CaptureFactory.h"
#include "feed/CaptureMerger.h"
#include "feed/MalformedLog.h"
#include "pipeline/ReplaySummary.h"
#include "TestTempDir.h"

namespace bw::pipeline {
namespace {

const std::string kData = BW_DATA_DIR;

ReplayOptions options(const std::string& config_file, std::vector<std::string> captures, const std::string& name) {
  ReplayOptions o;
  o.config = loadConfig(bw::test::configPath(config_file));
  // The demo's costs (no maker fee): under the shipped 1 bps a side these short captures
  // rarely pay for an entry, and these tests need orders to go out.
  o.config.decision = loadConfig(bw::test::configPath("demo.toml")).decision;
  o.captures = std::move(captures);
  o.work_dir = bw::test::testTempDir("replay-test-" + name).string();
  return o;
}

/// How often the merged captures' receive times enter a new second after the first tick:
/// the clock ticks the feed must hand the engine when every time bar is whole seconds.
std::uint64_t secondsEntered(const std::vector<std::string>& captures) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  std::ostringstream quiet;
  feed::MalformedLog log(quiet);
  const TscClock clock = TscClock::calibrate(1);
  std::vector<std::unique_ptr<feed::TickSource>> sources;
  for (const std::string& path : captures) sources.push_back(feed::openCapture(path, instruments, log, clock));
  feed::CaptureMerger merged(sources);
  constexpr std::int64_t kSecond = 1'000'000'000;
  std::uint64_t entered = 0;
  std::int64_t latest_second = -1;
  Tick tick;
  while (merged.next(tick)) {
    const std::int64_t second = tick.recv_ns / kSecond;
    if (latest_second >= 0 && second > latest_second) ++entered;
    if (second > latest_second) latest_second = second;
  }
  return entered;
}

TEST(ReplayTest, realCaptureOrdersGoOutOverFixAndComeBackFilledIntoPositions) {
  const std::vector<std::string> captures{kData + "/binance-spot-btcusdt-20240808.jsonl.gz",
                                          kData + "/binance-spot-btcusdt-20240809.jsonl.gz"};
  const ReplaySummary s = runReplay(options("breakwater.toml", captures, "real"));
  EXPECT_EQ(s.lines, 41'249u + 58'325u);
  EXPECT_EQ(s.malformed, 0u);
  EXPECT_EQ(s.unknown_symbol, 0u);
  EXPECT_EQ(s.ticks, s.lines) << "every recorded line became a tick";
  EXPECT_EQ(s.trades, 9'757u + 10'147u);
  EXPECT_GT(s.bars, 500u);
  // Every series of the shipped [bars], in order; the strategy's 1s series is `bars`, and
  // ~11 minutes of one symbol give about 5x as many 1s bars as 5s bars.
  ASSERT_EQ(s.bars_by_series.size(), 6u);
  const std::vector<std::string> names{"1s", "5s", "1m", "5m", "tick100", "vol10"};
  for (std::size_t i = 0; i < names.size(); ++i) EXPECT_EQ(s.bars_by_series[i].first, names[i]);
  EXPECT_EQ(s.bars_by_series[0].second, s.bars);
  EXPECT_NEAR(static_cast<double>(s.bars_by_series[0].second), 5.0 * static_cast<double>(s.bars_by_series[1].second), 5.0);
  EXPECT_EQ(s.bars_by_series[4].second, s.trades / 100) << "a tick bar per 100 trades";
  EXPECT_GT(s.bars_by_series[5].second, 0u);
  EXPECT_EQ(s.flat_bars_skipped, 0u);
  // The feed hands the engine a clock tick as each second begins (the shipped intervals are
  // whole seconds), before the book stage of the message that began it (feed/BarClock.h).
  EXPECT_EQ(s.clock_ticks, secondsEntered(captures));
  EXPECT_GT(s.decisions, 0u);
  EXPECT_GT(s.orders_sent, 0u);
  EXPECT_EQ(s.acks + s.venue_rejects, s.orders_sent) << "every order answered by the venue";
  EXPECT_GT(s.acks, 0u);
  EXPECT_GT(s.fills, 0u);
  EXPECT_EQ(s.send_failures, 0u);
  EXPECT_EQ(s.working_at_end, 0u) << "the end-of-run sweep cancels what still rests";
  EXPECT_EQ(s.unknown_execs, 0u);
  EXPECT_TRUE(s.desyncs.empty()) << "every report squares with our books (risk/Reconciler.h)";
  EXPECT_EQ(s.lifecycle_errors, 0u);
  ASSERT_FALSE(s.symbols.empty());
  const SymbolSummary& btc = s.symbols[0];
  EXPECT_EQ(btc.symbol, "BTCUSDT");
  // Fills moved the books: a position is open or P&L was realized, and the risk side's
  // position agrees with the strategy's own count of its fills.
  EXPECT_TRUE(btc.position != 0 || btc.realized_pnl != 0);
  EXPECT_EQ(btc.position, btc.strategy_position);
  EXPECT_GT(btc.last_price, 0);
  for (const char* stage : {"parse", "book", "tick_to_decision", "decision_to_verdict", "verdict_to_send"}) {
    ASSERT_EQ(s.latency_ns.count(stage), 1u) << stage;
    const StageLatency& l = s.latency_ns.at(stage);
    EXPECT_GT(l.count, 0u) << stage;
    EXPECT_LE(l.p50, l.p99) << stage;
    EXPECT_LE(l.p99, l.p999) << stage;
    EXPECT_LE(l.p999, l.max) << stage;
  }
  EXPECT_EQ(s.latency_ns.at("parse").count, s.lines);
  // The book stage: each depthUpdate line (3,451 and 3,044) and the REST snapshot.
  EXPECT_EQ(s.latency_ns.at("book").count, 3'451u + 3'044u + 1u);
}

TEST(ReplayTest, tightLimitsProduceRejectsWithTheRightCodes) {
  const ReplaySummary s =
      runReplay(options("tight-limits.toml", {kData + "/binance-spot-btcusdt-20240808.jsonl.gz"}, "tight"));
  // Entries size to ~40 USDT against a 20 USDT max order notional and 0.001 max qty.
  ASSERT_GT(s.entries, 0u);
  ASSERT_EQ(s.rejects.count("MAX_ORDER_NOTIONAL"), 1u) << toJson(s);
  std::uint64_t rejected = 0;
  for (const auto& [code, count] : s.rejects) rejected += count;
  EXPECT_EQ(rejected, s.entries + s.exits) << "every entry and exit was refused";
  EXPECT_EQ(s.orders_sent, 0u);
  EXPECT_EQ(s.fills, 0u);
}

TEST(ReplayTest, realCapturesSummaryShowsEachSymbolsDataQualityParts) {
  const ReplaySummary s = runReplay(options("breakwater.toml",
                                            {kData + "/binance-spot-btcusdt-20240808.jsonl.gz",
                                             kData + "/binance-spot-btcusdt-20240809.jsonl.gz",
                                             kData + "/binance-spot-ethusdt-20240808.jsonl.gz",
                                             kData + "/binance-spot-ethusdt-20240809.jsonl.gz"},
                                            "quality"));
  std::uint64_t judged = 0;
  for (const SymbolSummary& y : s.symbols) {
    const SymbolQuality& q = y.quality;
    judged += q.ticks;
    if (y.symbol != "BTCUSDT" && y.symbol != "ETHUSDT") {
      EXPECT_EQ(q.ticks, 0u) << y.symbol;
      continue;
    }
    EXPECT_GT(q.ticks, 0u) << y.symbol;
    EXPECT_LE(q.min_score, q.score) << y.symbol;
    EXPECT_LE(q.score, 100u) << y.symbol;
    // The recorder's clock ran about 1.27 s behind Binance's (../shared/data): the raw
    // receive - exchange floor is negative, and lag is measured above it.
    EXPECT_LT(q.lag_floor_ns, -1'000'000'000) << y.symbol;
    EXPECT_GT(q.lag_floor_ns, -2'000'000'000) << y.symbol;
    EXPECT_GT(q.lag_max_ns, q.lag_p50_ns) << y.symbol;
    EXPECT_EQ(q.gaps, 0u) << y.symbol << ": trade and depth ids are continuous in these captures";
    EXPECT_EQ(q.missing_fields, s.malformed) << y.symbol;  // none refused: both 0
  }
  EXPECT_EQ(judged, s.ticks) << "every tick was scored for its symbol";
  const std::string json = toJson(s);
  for (const char* key : {"\"quality\"", "\"score\"", "\"min_score\"", "\"lag_p50_ns\"", "\"lag_max_ns\"",
                          "\"gaps\"", "\"out_of_order\"", "\"outliers\"", "\"stale_periods\"", "\"missing_fields\""}) {
    EXPECT_NE(json.find(key), std::string::npos) << key;
  }
  EXPECT_NE(toText(s).find("BTCUSDT        data quality"), std::string::npos) << toText(s);
}

TEST(ReplayTest, jsonSummaryCarriesTheDocumentedKeys) {
  const ReplaySummary s =
      runReplay(options("breakwater.toml", {kData + "/binance-spot-ethusdt-20240808.jsonl.gz"}, "json"));
  const std::string json = toJson(s);
  for (const char* key : {"\"ticks\"", "\"clock_ticks\"", "\"malformed\"", "\"bars\"", "\"decisions\"", "\"orders_sent\"", "\"acks\"",
                          "\"fills\"", "\"rejects\"", "\"position\"", "\"realized_pnl\"", "\"unrealized_pnl\"",
                          "\"latency_ns\"", "\"parse\"", "\"tick_to_decision\"", "\"decision_to_verdict\"",
                          "\"verdict_to_send\"", "\"p50\"", "\"p99\"", "\"p999\"", "\"max\"", "\"desyncs\"",
                          "\"lifecycle_errors\""}) {
    EXPECT_NE(json.find(key), std::string::npos) << key;
  }
}

}  // namespace
}  // namespace bw::pipeline
