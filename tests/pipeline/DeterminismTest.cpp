// Issue 5's determinism promise: the same capture and config give the same decisions,
// verdicts, orders and fills, in the same order, with the same prices, quantities and
// codes, and the same positions and P&L (replay runs in lock-step with the venue in market
// time: pipeline/VenueLockstep.h). Two replays of one seeded simulated capture are
// compared journal line by journal line, leaving out what a clock writes (wall_ns, and the
// measured latencies in aux of VERDICT and ORDER_SENT, aux2 of REPLACE_SENT) and session
// lines.

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "ConfigPath.h"
#include "feed/MarketSimulator.h"
#include "pipeline/JournalReader.h"
#include "pipeline/Replay.h"
#include "pipeline/ReplaySummary.h"

namespace bw::pipeline {
namespace {

/// One journal record without its clock readings, as one comparable line.
std::string withoutClocks(const JournalRecord& r) {
  const bool aux_is_latency = r.type == JournalEventType::kVerdict || r.type == JournalEventType::kOrderSent;
  const bool aux2_is_latency = r.type == JournalEventType::kReplaceSent;
  std::ostringstream line;
  line << journalEventTypeName(r.type) << ' ' << r.market_ns << ' ' << r.order_id << ' ' << r.symbol << ' '
       << static_cast<int>(r.side) << ' ' << r.price << ' ' << r.qty << ' ' << r.code_name << ' '
       << (aux_is_latency ? 0 : r.aux) << ' ' << (aux2_is_latency ? 0 : r.aux2) << ' ' << r.text;
  return line.str();
}

struct ReplayRun {
  ReplaySummary summary;
  std::vector<std::string> events;
};

ReplayRun replayOnce(const std::string& capture, const std::filesystem::path& dir, IdleMode engine_idle) {
  ReplayOptions o;
  o.config = loadConfig(bw::test::configPath("breakwater.toml"));
  o.config.cores.engine_idle = engine_idle;
  o.captures = {capture};
  o.work_dir = dir.string();
  o.simulated_capture = true;
  o.journal_path = (dir / "journal.tsv").string();
  ReplayRun run;
  run.summary = runReplay(o);
  const JournalReadResult journal = readJournal((dir / "journal.tsv").string());
  EXPECT_TRUE(journal.errors.empty());
  for (const JournalRecord& r : journal.records) {
    if (r.type == JournalEventType::kSession) continue;
    run.events.push_back(withoutClocks(r));
  }
  return run;
}

TEST(DeterminismTest, sameCaptureAndConfigGiveTheSameJournalEvents) {
  // Per process: two checkouts running this test at once must not share (and remove) it.
  const auto dir = std::filesystem::temp_directory_path() / ("bw-determinism-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string capture = (dir / "sim.jsonl.gz").string();
  feed::SimulatorConfig sim;
  sim.seed = 11;
  sim.seconds = 600;
  (void)feed::writeSimulatedCapture(capture, sim);

  // b's engine spins, and so warms its decision path whenever it is idle (pipeline/Engine.h:
  // the indicators' update, the policy and the risk check run with nothing kept): that must
  // change nothing either.
  const ReplayRun a = replayOnce(capture, dir / "a", IdleMode::kBackoff);
  const ReplayRun b = replayOnce(capture, dir / "b", IdleMode::kSpin);
  ASSERT_GT(a.summary.orders_sent, 0u) << "the capture must make the engine trade";
  EXPECT_EQ(a.summary.decision_path_warm_ups, 0u) << "only a spinning engine warms (its core is its own)";
  EXPECT_GT(b.summary.decision_path_warm_ups, 0u);
  EXPECT_EQ(a.summary.decisions, b.summary.decisions);
  EXPECT_EQ(a.summary.orders_sent, b.summary.orders_sent);
  EXPECT_EQ(a.summary.fills, b.summary.fills);
  // Lock-step with the venue never gave up: a timeout would void the promise.
  EXPECT_TRUE(a.summary.lockstep);
  EXPECT_EQ(a.summary.lockstep_timeouts, 0u);
  EXPECT_EQ(b.summary.lockstep_timeouts, 0u);
  // The money, to the last fixed-point unit.
  EXPECT_EQ(a.summary.realized_pnl, b.summary.realized_pnl);
  EXPECT_EQ(a.summary.unrealized_pnl, b.summary.unrealized_pnl);
  ASSERT_EQ(a.summary.symbols.size(), b.summary.symbols.size());
  for (std::size_t i = 0; i < a.summary.symbols.size(); ++i) {
    EXPECT_EQ(a.summary.symbols[i].position, b.summary.symbols[i].position) << a.summary.symbols[i].symbol;
    EXPECT_EQ(a.summary.symbols[i].realized_pnl, b.summary.symbols[i].realized_pnl) << a.summary.symbols[i].symbol;
  }
  ASSERT_EQ(a.events.size(), b.events.size());
  for (std::size_t i = 0; i < a.events.size(); ++i) ASSERT_EQ(a.events[i], b.events[i]) << "event " << i;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bw::pipeline
