#pragma once
// `breakwater replay`: tick captures through the whole pipeline, pinned threads and SPSC
// queues between them, orders over FIX on loopback to the built-in venue simulator.
//
//   feed thread ──Tick──▶ engine thread ──OrderRequest──▶ order thread ──FIX──▶ venue
//                          ▲                               │
//                          └──── ExecEvent (FIX callback) ◀┘

#include <string>
#include <vector>

#include "core/Config.h"
#include "pipeline/ReplaySummary.h"

namespace bw::pipeline {

struct ReplayOptions {
  Config config;
  std::vector<std::string> captures;
  double speed = 0;                ///< 0: as fast as possible; N: N x real time by receive stamps
  std::string work_dir = "build/run";  ///< FIX session files
  bool simulated_capture = false;  ///< the capture came from the market simulator (reported)
  std::string instance;            ///< "": private control block; else <state_dir>/<instance>.ctl, shared with the CLI
  std::string state_dir;           ///< "": ControlBlock::defaultDir()
  std::string confirm_token;       ///< live-gate layer 3: compared with [live] confirm_token; never logged
  std::string journal_path;        ///< "": [journal] path, else <work_dir>/journal.tsv
  std::string compliance_csv;      ///< "": none; else one row per order, from the journal, after the run
};

/// Runs the replay to the end and returns what happened. Throws std::runtime_error on a
/// set-up failure (unreadable capture, FIX session that does not log on).
ReplaySummary runReplay(const ReplayOptions& options);

}  // namespace bw::pipeline
