#pragma once
// `breakwater replay`: tick captures through the whole pipeline, pinned threads and SPSC
// queues between them, orders over FIX on loopback to the built-in venue simulator.
//
//   feed thread ──Tick──▶ engine thread ──OrderRequest──▶ order thread ──FIX──▶ venue
//                          ▲                               │
//                          └──── ExecEvent (FIX callback) ◀┘

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "core/Config.h"
#include "feed/LiveSource.h"
#include "pipeline/ReplaySummary.h"

namespace bw::pipeline {

/// Faults the built-in venue simulator plays, for tests (fix/VenueSimulator.h's VenueConfig
/// says what each does). All off by default.
struct VenueFaults {
  std::int64_t ack_delay_ms = 0;           ///< hold each new order this long (wall time)
  std::uint32_t reject_new_orders = 0;     ///< reject the first N new orders
  std::uint32_t duplicate_reports = 0;     ///< send each of the next N reports twice
  std::uint32_t reorder_report_pairs = 0;  ///< swap the next N pairs of reports
  std::uint32_t disconnect_after_orders = 0;  ///< drop the line once after the Nth order (0: never)
  std::uint32_t garble_reports = 0;        ///< send the next N ExecutionReports with OrdStatus 'Z'
  bool refuse_mass_cancel = false;         ///< answer 35=q with 35=j though [fix] mass_cancel says it takes it
};

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
  VenueFaults venue_faults;        ///< tests: what the simulated venue gets wrong
  bool latency_floors = false;     ///< `--latency`: measure the floors after the run (pipeline/LatencyFloors.h)
  std::size_t latency_floor_rounds = 100'000;  ///< round trips (samples) per floor
  std::string latency_report_dir;  ///< "": none; else percentiles.svg and histogram.svg there (pipeline/LatencyReport.h)

  // `breakwater run`: when `live` names endpoints, the feed is those sockets (feed/LiveFeed.h)
  // instead of `captures`, and the run ends on the first stop condition below.
  std::vector<std::string> live;   ///< "tcp://HOST:PORT" (client, reconnects), "udp://GROUP:PORT" (multicast)
  std::uint64_t max_ticks = 0;     ///< live: end after this many ticks; 0: no limit
  double duration_s = 0;           ///< live: end after this many seconds; 0: no limit
  const std::atomic<bool>* stop = nullptr;  ///< live: end once set (the CLI's SIGINT/SIGTERM flag)
  std::vector<feed::LiveSourceStats>* live_stats = nullptr;  ///< live: per-source stats, filled after the run
};

/// Runs the replay (or the live run) to the end and returns what happened. Throws std::runtime_error on a
/// set-up failure (unreadable capture, FIX session that does not log on).
ReplaySummary runReplay(const ReplayOptions& options);

}  // namespace bw::pipeline
