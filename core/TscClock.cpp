#include "core/TscClock.h"

#include <time.h>

#include <stdexcept>

namespace bw {

std::int64_t TscClock::monotonicNs() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

TscClock TscClock::calibrate(int window_ms) {
  if (window_ms <= 0) throw std::invalid_argument("TSC calibration window must be positive");
  const std::int64_t ns_start = monotonicNs();
  const std::uint64_t tsc_start = now();
  timespec pause{0, static_cast<long>(window_ms) * 1'000'000L};
  while (nanosleep(&pause, &pause) != 0) {
  }
  const std::int64_t ns_end = monotonicNs();
  const std::uint64_t tsc_end = now();
  if (tsc_end <= tsc_start || ns_end <= ns_start) throw std::runtime_error("TSC did not advance");
  return TscClock(static_cast<double>(ns_end - ns_start) / static_cast<double>(tsc_end - tsc_start));
}

}  // namespace bw
