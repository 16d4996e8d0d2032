#pragma once
// Per-operation rdtsc samples kept whole (every one, sorted at the end) reported as
// Google Benchmark counters: p50_ns, p99_ns, p999_ns, max_ns. For benchmarks whose
// samples number in the millions at most; the send-path ones use a LatencyHistogram.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/TscClock.h"

namespace bw::bench {

/// p50, p99, p99.9 and max of the rdtsc samples (TSC ticks), in ns, as counters.
inline void reportPercentiles(benchmark::State& state, std::vector<std::uint64_t>& samples, const TscClock& clock) {
  if (samples.empty()) return;
  std::sort(samples.begin(), samples.end());
  const auto at = [&](double q) {
    const auto k = static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1));
    return static_cast<double>(clock.toNs(samples[k]));
  };
  state.counters["p50_ns"] = at(0.5);
  state.counters["p99_ns"] = at(0.99);
  state.counters["p999_ns"] = at(0.999);
  state.counters["max_ns"] = at(1.0);
}

}  // namespace bw::bench
