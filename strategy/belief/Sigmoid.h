#pragma once
// The logistic function sigma(x) = 1 / (1 + e^-x) by table and linear interpolation, for
// the belief model's per-constraint likelihoods. std::exp per constraint was measured
// against it (bench/BeliefBench.cpp, BM_Sigmoid*): the table is the cheaper of the two and
// its error is bounded, which is all a likelihood needs.
//
// Table: sigma at x = -16 + k/32, k = 0..1025 (one guard point past +16). Error bound:
//  - inside [-16, 16], linear interpolation with step h errs by at most h^2/8 x max|sigma''|
//    = (1/32)^2 / 8 x 1/(6 sqrt 3) = 1.1745e-5 (max|sigma''| = 0.09623 at x = +-1.317);
//  - beyond, x is clamped to +-16, and |sigma(16) - 1| = sigma(-16) = 1.13e-7.
// So |fastSigmoid(x) - sigma(x)| <= kSigmoidMaxError for every x (tests/strategy/
// SigmoidTest.cpp checks it against std::exp on a dense grid). NaN gives 0.5.
// Any thread; no allocation; the table is built during static initialization.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace bw::strategy::belief {

inline constexpr double kSigmoidRange = 16.0;
inline constexpr double kSigmoidStepsPerUnit = 32.0;
inline constexpr std::size_t kSigmoidPoints = 2 * 16 * 32 + 2;  // + one guard point
inline constexpr double kSigmoidMaxError = 1.2e-5;

extern const std::array<double, kSigmoidPoints> kSigmoidTable;

[[nodiscard]] inline double fastSigmoid(double x) noexcept {
  constexpr double kLast = 2 * kSigmoidRange * kSigmoidStepsPerUnit;  // index of sigma(+16)
  const double u = (x + kSigmoidRange) * kSigmoidStepsPerUnit;
  if (u != u) return 0.5;  // NaN
  // min/max compile to vminsd/vmaxsd; the signed conversion is one vcvttsd2si (an unsigned
  // one costs a branch and a fix-up: measured 35 -> 2x fewer instructions per constraint).
  const double clamped = std::min(std::max(u, 0.0), kLast);
  const auto i = static_cast<std::int64_t>(clamped);  // clamped >= 0: truncation is floor
  const double frac = clamped - static_cast<double>(i);
  const double lo = kSigmoidTable[static_cast<std::size_t>(i)];
  return lo + frac * (kSigmoidTable[static_cast<std::size_t>(i) + 1] - lo);
}

/// The exact function, for tests and the benchmark's comparison.
[[nodiscard]] double exactSigmoid(double x) noexcept;

}  // namespace bw::strategy::belief
