// `breakwater`: the operator's one binary. Subcommands map to ARCHITECTURE.md's table;
// this file only parses arguments and hands over to the library.

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/Config.h"
#include "core/Decimal.h"
#include "feed/MarketSimulator.h"
#include "pipeline/Replay.h"

namespace {

int runReplayCommand(const std::string& config_path, const std::string& json_path, const std::string& speed,
                     const std::string& work_dir, bool simulated, const std::vector<std::string>& captures) {
  bw::pipeline::ReplayOptions options;
  options.config = config_path.empty() ? bw::Config{} : bw::loadConfig(config_path);
  options.captures = captures;
  options.work_dir = work_dir;
  options.simulated_capture = simulated;
  if (speed != "max") {
    char* end = nullptr;
    options.speed = std::strtod(speed.c_str(), &end);
    if (end == speed.c_str() || *end != '\0' || !(options.speed > 0)) {
      std::cerr << "breakwater replay: --speed must be 'max' or a positive number (got '" << speed << "')\n";
      return 2;
    }
  }
  const bw::pipeline::ReplaySummary summary = bw::pipeline::runReplay(options);
  std::cout << bw::pipeline::toText(summary);
  if (!json_path.empty()) {
    std::ofstream out(json_path);
    if (!out) {
      std::cerr << "breakwater replay: cannot write " << json_path << "\n";
      return 1;
    }
    out << bw::pipeline::toJson(summary);
    std::cout << "summary written to " << json_path << "\n";
  }
  return 0;
}

int runSimulateCommand(const std::string& out_path, std::uint64_t seed, const std::string& symbol, int seconds) {
  bw::feed::SimulatorConfig config;
  config.seed = seed;
  config.symbol = symbol;
  config.seconds = seconds;
  const bw::feed::SimulatorStats stats = bw::feed::writeSimulatedCapture(out_path, config);
  std::cout << "simulated capture " << out_path << " (seed " << seed << ", " << symbol << ", " << seconds << " s, "
            << stats.lines << " lines, " << stats.trades << " trades)\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Breakwater: low-latency pre-trade risk core"};
  app.require_subcommand(1);

  std::string config_path;
  std::string json_path;
  std::string speed = "max";
  std::string work_dir = "build/run";
  bool simulated = false;
  std::vector<std::string> captures;
  CLI::App* replay = app.add_subcommand("replay", "Replay tick captures through the whole pipeline into the venue simulator");
  replay->add_option("--config", config_path, "TOML config (default: built-in defaults)")->check(CLI::ExistingFile);
  replay->add_option("--json", json_path, "Also write the summary as JSON to this file");
  replay->add_option("--speed", speed, "'max' (default) or N: paced at N x real time by receive stamps");
  replay->add_option("--work-dir", work_dir, "Folder for FIX session files");
  replay->add_flag("--simulated", simulated, "Mark the summary: the capture came from `breakwater simulate`");
  replay->add_option("captures", captures, "Capture files (Binance combined-stream JSON lines, gzip or plain)")
      ->required()
      ->check(CLI::ExistingFile);

  CLI::App* config_cmd = app.add_subcommand("config", "Config commands");
  config_cmd->require_subcommand(1);
  std::string check_path;
  CLI::App* check = config_cmd->add_subcommand("check", "Validate a config and print every limit");
  check->add_option("file", check_path, "TOML config")->required();

  std::string sim_out;
  std::uint64_t sim_seed = 42;
  std::string sim_symbol = "BTCUSDT";
  int sim_seconds = 600;
  CLI::App* simulate = app.add_subcommand("simulate", "Write a capture from the seeded market simulator");
  simulate->add_option("--out", sim_out, "Output file (.jsonl.gz)")->required();
  simulate->add_option("--seed", sim_seed, "Random seed");
  simulate->add_option("--symbol", sim_symbol, "Symbol (BTCUSDT or ETHUSDT)");
  simulate->add_option("--seconds", sim_seconds, "Length of market time")->check(CLI::Range(1, 86'400));

  CLI11_PARSE(app, argc, argv);
  try {
    if (*replay) return runReplayCommand(config_path, json_path, speed, work_dir, simulated, captures);
    if (*check) {
      const bw::Config config = bw::loadConfig(check_path);
      std::cout << bw::describeConfig(config) << "OK: " << check_path << " is valid\n";
      return 0;
    }
    if (*simulate) return runSimulateCommand(sim_out, sim_seed, sim_symbol, sim_seconds);
  } catch (const bw::ConfigError& e) {
    std::cerr << "breakwater: config error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "breakwater: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
