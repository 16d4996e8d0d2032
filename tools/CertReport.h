#pragma once
// The report of `breakwater cert`: the same run as JSON (for scripts and ctest) and as
// Markdown (for people). JSON shape:
//   {"tool": "breakwater cert", "target": {"host", "port", "sender_comp_id",
//    "target_comp_id", "heartbeat_s", "reset_on_logon", "use_data_dictionary",
//    "max_msgs_per_second"}, "passed": N, "failed": N, "result": "pass"|"fail",
//    "scenarios": [{"name", "result": "pass"|"fail", "detail", "duration_ms"}, ...],
//    "latency_ns": {"new_order_ack": {"samples", "p50", "p99", "max"},
//                   "cancel_canceled": {...}, "test_request_heartbeat": {...}},
//    "clock": "rdtsc, calibrated against CLOCK_MONOTONIC"}

#include <string>

#include "tools/CertScenarios.h"

namespace bw::tools {

[[nodiscard]] std::string certReportJson(const CertRun& run, const CertOptions& options);
[[nodiscard]] std::string certReportMarkdown(const CertRun& run, const CertOptions& options);

/// --report F names the stem: "F" and "F.json" both write F.json and F.md.
[[nodiscard]] std::string certReportStem(const std::string& report_arg);

}  // namespace bw::tools
