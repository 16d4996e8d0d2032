#pragma once
// `breakwater run`: the replay pipeline (engine, risk gate, FIX to the built-in venue
// simulator) fed by live TCP/UDP JSON-line sources instead of capture files. Ends on
// SIGINT/SIGTERM, --duration or --max-ticks, then prints the replay summary followed by
// one line per source (lines, ticks, malformed, connects, reconnects, bytes, kernel drops).

#include <cstdint>
#include <string>
#include <vector>

#include "tools/OperatorCommands.h"

namespace bw::tools {

struct RunArgs {
  std::string config_path;
  std::vector<std::string> tcp;  ///< HOST:PORT
  std::vector<std::string> udp;  ///< GROUP:PORT
  std::string instance;
  std::string state_dir;
  std::string work_dir = "build/run";
  std::string confirm_token;  // never printed
  std::string journal_path;
  std::uint64_t max_ticks = 0;
  double duration_s = 0;
  std::string json_path;
};

/// Runs the live pipeline until a stop condition. 0 on success.
int runCommand(const RunArgs& args, const Io& io);

}  // namespace bw::tools
