#pragma once
// A replay of a seeded simulated capture in a directory of this test process's own: the
// capture, the FIX files and a control block named `instance` all under it. The caller
// adds what its test is about (faults, a kill, limits).

#include <filesystem>
#include <string>

#include "ConfigPath.h"
#include "TestTempDir.h"
#include "feed/MarketSimulator.h"
#include "pipeline/Replay.h"

namespace bw::test {

[[nodiscard]] inline pipeline::ReplayOptions simulatedReplay(const std::string& name, const std::string& config_file,
                                                            std::uint64_t seed = 11, int seconds = 400) {
  const auto dir = testTempDir(name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string capture = (dir / "sim.jsonl.gz").string();
  feed::SimulatorConfig sim;
  sim.seed = seed;
  sim.seconds = seconds;
  (void)feed::writeSimulatedCapture(capture, sim);
  pipeline::ReplayOptions o;
  o.config = loadConfig(configPath(config_file));
  o.captures = {capture};
  o.work_dir = (dir / "fix").string();
  o.instance = name;
  o.state_dir = (dir / "state").string();
  return o;
}

}  // namespace bw::test
