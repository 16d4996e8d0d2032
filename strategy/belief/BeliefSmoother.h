#pragma once
// Stability smoothing of one (symbol, template) belief: an exponential moving average
//   s_t = s_{t-1} + alpha x (b_t - s_{t-1}),   seeded with the first b (s_1 = b_1),
// and the number of consecutive bars s has kept one strict sign (0 while s == 0).
// alpha = 1 is no smoothing. The decision enters only once sideBars() reaches
// [belief] min_side_bars, so a belief that flips sign bar to bar never trades.
// reset() forgets both: the template calls it when its features stop being ready (a gap
// or a session restart), so an old belief never carries over. Plain data, no allocation;
// owned by the caller per symbol (SymbolBeliefState). Single thread.

#include <cstdint>

namespace bw::strategy::belief {

class BeliefSmoother {
 public:
  /// Folds in this bar's raw belief; returns the smoothed one. No allocation.
  double update(double raw, double alpha) noexcept {
    const double before = value_;
    value_ = seeded_ ? value_ + alpha * (raw - value_) : raw;
    seeded_ = true;
    const int sign = value_ > 0.0 ? 1 : (value_ < 0.0 ? -1 : 0);
    const int sign_before = before > 0.0 ? 1 : (before < 0.0 ? -1 : 0);
    side_bars_ = sign == 0 ? 0 : (sign == sign_before && side_bars_ > 0 ? side_bars_ + 1 : 1);
    return value_;
  }

  void reset() noexcept { *this = BeliefSmoother{}; }

  [[nodiscard]] double value() const noexcept { return value_; }
  [[nodiscard]] bool seeded() const noexcept { return seeded_; }
  /// Consecutive updates, this one included, with the smoothed belief on its present side.
  [[nodiscard]] std::uint32_t sideBars() const noexcept { return side_bars_; }

 private:
  double value_ = 0.0;
  std::uint32_t side_bars_ = 0;
  bool seeded_ = false;
};

}  // namespace bw::strategy::belief
