// A kill from "another process" (a second mapping of the instance's control block, as
// `breakwater kill` makes) against a replay in flight: the engine cancels every working
// order, the order thread's re-check holds back anything still queued, nothing new is
// accepted after it, and the summary and journal say who and why. The kill -> cancel
// latency is reported (latency_ns.kill_to_cancel), not asserted: timing belongs to benchmarks.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include "core/ControlBlock.h"
#include "feed/MarketSimulator.h"
#include "pipeline/Replay.h"
#include "risk/KillSwitch.h"

namespace bw::pipeline {
namespace {

TEST(KillDuringReplayTest, killFromASecondMappingCancelsWorkingOrdersAndStopsNewOnes) {
  const auto dir = std::filesystem::temp_directory_path() / "bw-kill-during-replay";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string capture = (dir / "sim.jsonl.gz").string();
  feed::SimulatorConfig sim;
  sim.seed = 11;
  sim.seconds = 400;
  (void)feed::writeSimulatedCapture(capture, sim);

  ReplayOptions o;
  o.config = loadConfig(std::string(BW_SOURCE_DIR) + "/config/breakwater.toml");
  o.config.kill.flatten_on_kill = true;
  o.captures = {capture};
  o.work_dir = (dir / "fix").string();
  o.instance = "killtest";
  o.state_dir = (dir / "state").string();
  // 400 s of market in about 50 s: an entry rests for hundreds of ms of wall time, so the
  // kill (tripped when the process publishes a working order, every 10 ms) finds it
  // still working even on a loaded 2-core CI box.
  o.speed = 8;
  o.compliance_csv = (dir / "compliance.csv").string();

  std::atomic<bool> done{false};
  std::atomic<bool> tripped{false};
  std::thread operator_thread([&] {
    // Trip the kill the moment the gate accepts an order (the block's `accepted` counter is
    // written at the verdict, before the order reaches FIX), so the kill finds it working
    // however loaded the machine: its fill needs a FIX round trip the engine's next loop beats.
    std::optional<ControlBlock> block;
    while (!done.load() && !block) {
      try {
        block.emplace(ControlBlock::openExisting(o.instance, o.state_dir));
      } catch (const ControlBlockError&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));  // not created yet
      }
    }
    while (!done.load()) {
      if (block->layout().accepted.load(std::memory_order_acquire) > 0) {
        tripped = block->tripKill(KillScope::kGlobal, 0, static_cast<std::uint8_t>(risk::KillReason::kOperator),
                                  "test-operator", "kill during replay");
        return;
      }
      std::this_thread::yield();
    }
  });
  const ReplaySummary s = runReplay(o);
  done = true;
  operator_thread.join();

  ASSERT_TRUE(tripped.load()) << "no order was ever working: the test proves nothing";
  // The order accepted at the kill is either held back by the order thread's re-check (it
  // never reaches the wire) or, if it was already sent, canceled by the engine.
  EXPECT_GE(s.kill_cancels + s.stopped_by_kill, 1u);
  if (s.kill_cancels > 0) {
    ASSERT_EQ(s.latency_ns.count("kill_to_cancel"), 1u);
    const StageLatency& k = s.latency_ns.at("kill_to_cancel");
    EXPECT_EQ(k.count, s.kill_cancels);
    std::cout << "kill_to_cancel (kill written -> cancel handed to FIX): count " << k.count << ", p50 " << k.p50
              << " ns, max " << k.max << " ns\n";
  } else {
    std::cout << "the kill stopped " << s.stopped_by_kill << " order(s) at the order thread's re-check\n";
  }
  EXPECT_GT(s.rejects.at("KILL_SWITCH"), 0u);  // the strategy kept asking; the gate said no
  ASSERT_EQ(s.kills.size(), 1u);
  EXPECT_NE(s.kills[0].find("test-operator: kill during replay"), std::string::npos);
  EXPECT_EQ(s.working_at_end, 0u);
  // Flatten on kill: no position is left open at the end.
  for (const SymbolSummary& y : s.symbols) EXPECT_EQ(y.position, 0) << y.symbol;

  // The kill is latched in the block: a restart (a new mapping) still sees it.
  const ControlBlock again = ControlBlock::openExisting(o.instance, o.state_dir);
  EXPECT_TRUE(again.globallyKilled());

  // The journal has the kill with who and why, and the compliance CSV one row per order.
  std::ifstream journal(s.journal_path);
  std::string line;
  bool kill_line = false;
  while (std::getline(journal, line)) kill_line |= line.find("\tKILL\t") != std::string::npos &&
                                                    line.find("test-operator") != std::string::npos;
  EXPECT_TRUE(kill_line);
  EXPECT_GT(s.compliance_rows, 0u);
}

}  // namespace
}  // namespace bw::pipeline
