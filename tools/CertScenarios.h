#pragma once
// The scripted scenarios of `breakwater cert` (issue 6 item 7), run in order on one FIX 4.4
// session (fix/CertSession) against any acceptor. Each ends pass or fail with a detail
// saying what was sent, what came back and, on failure, what was missing. Every wait is
// bounded (CertOptions::reply_timeout per expected message): the first reply that does
// not come fails its scenario at once, so a silent acceptor costs one timeout per
// scenario, never a hang. A tool: allocation and locks are fine here.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "fix/CertSession.h"

namespace bw::tools {

struct CertOptions {
  fix::CertSettings session;
  std::chrono::milliseconds logon_timeout{5'000};
  std::chrono::milliseconds reply_timeout{2'000};  ///< per expected message
  std::uint32_t max_msgs_per_second = 100;         ///< [fix] max_msgs_per_second (0: no throttle)
  std::string symbol = "BTCUSDT";
  std::string price = "10000.00";  ///< far from any market: orders rest
  std::string qty = "0.001";
  int latency_orders = 100;  ///< round trips measured for each percentile set
};

struct ScenarioResult {
  std::string name;
  bool passed = false;
  std::string detail;
  std::int64_t duration_ms = 0;
};

/// Round trips in nanoseconds (rdtsc before the send to rdtsc when the reply's bytes were
/// read, converted with a calibrated bw::TscClock).
struct LatencyStats {
  std::size_t samples = 0;
  std::int64_t p50_ns = 0;
  std::int64_t p99_ns = 0;
  std::int64_t max_ns = 0;
};

struct CertRun {
  std::vector<ScenarioResult> scenarios;
  LatencyStats new_order_ack;     ///< NewOrderSingle -> ExecutionReport new
  LatencyStats cancel_canceled;   ///< OrderCancelRequest -> ExecutionReport canceled
  LatencyStats test_request;      ///< TestRequest -> Heartbeat
  [[nodiscard]] bool allPassed() const noexcept;
};

/// The scenario names, in the order they run (the report lists every one, run or not).
[[nodiscard]] const std::vector<std::string>& certScenarioNames();

/// Nearest-rank percentiles of `ns` (sorted in place). Empty: all zero.
[[nodiscard]] LatencyStats latencyOf(std::vector<std::int64_t>& ns);

/// Runs every scenario. Throws only when the session cannot be created (bad settings).
[[nodiscard]] CertRun runCertification(const CertOptions& options);

}  // namespace bw::tools
