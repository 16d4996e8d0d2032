#pragma once
// Time-stamp counter clock. rdtsc costs ~20 cycles against ~20 ns for clock_gettime via
// the vDSO, and never enters the kernel, so it is what the hot path stamps with. The
// frequency is calibrated once against CLOCK_MONOTONIC at start.

#include <cstdint>
#include <x86intrin.h>

namespace bw {

class TscClock {
 public:
  /// Raw TSC read. Any thread; no syscall. Not serialising: fine for stage stamps.
  [[nodiscard]] static std::uint64_t now() noexcept { return __rdtsc(); }

  /// Calibrates ticks-per-ns by sampling TSC and CLOCK_MONOTONIC across `window_ms`.
  /// Cold path (start-up); makes syscalls.
  static TscClock calibrate(int window_ms = 20);

  /// Monotonic ns (CLOCK_MONOTONIC). Cold path helper.
  [[nodiscard]] static std::int64_t monotonicNs() noexcept;

  /// TSC delta (later - earlier) -> ns. Any thread; no syscall. The delta is read as
  /// signed: stamps taken on two cores can come out slightly reversed where the cores'
  /// TSCs are not perfectly in step (seen on this project's KVM guests: a few ns), and
  /// an unsigned wrap would turn that into a ~10^19 ns outlier. Callers' histograms count
  /// a negative result as 0.
  [[nodiscard]] std::int64_t toNs(std::uint64_t tsc_delta) const noexcept {
    return static_cast<std::int64_t>(static_cast<double>(static_cast<std::int64_t>(tsc_delta)) * ns_per_tick_);
  }
  [[nodiscard]] double ticksPerNs() const noexcept { return 1.0 / ns_per_tick_; }

 private:
  explicit TscClock(double ns_per_tick) : ns_per_tick_(ns_per_tick) {}
  double ns_per_tick_;  // latency reporting only, never risk math
};

}  // namespace bw
