#pragma once
// `breakwater cert --host H --port P [--config F] [--report STEM]`: the certification
// scenarios (tools/CertScenarios.h) against a FIX 4.4 acceptor. Comp ids, HeartBtInt,
// reset-on-logon, the data dictionary and the outgoing throttle come from the config's
// [fix] table. Writes STEM.json and STEM.md (tools/CertReport.h; default stem
// "cert-report", a trailing .json or .md in --report is dropped), prints one line per
// scenario, and exits 1 when any scenario failed.

#include <string>

#include "tools/OperatorCommands.h"

namespace bw::tools {

struct CertArgs {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string config_path;  ///< empty: built-in defaults
  std::string report = "cert-report";
  std::string symbol = "BTCUSDT";
  std::string price = "10000.00";
  std::string qty = "0.001";
  int orders = 100;          ///< round trips per latency set
  int timeout_ms = 2'000;    ///< per expected reply
};

/// 0: every scenario passed; 1: some failed (or the report could not be written).
int certCommand(const CertArgs& args, const Io& io);

}  // namespace bw::tools
