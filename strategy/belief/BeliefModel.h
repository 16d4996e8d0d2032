#pragma once
// One decision template's belief that the next move is up, from its signal constraints
// (core/StrategyConfig.h ConstraintConfig). For constraint i on feature value x_i:
//   likelihood  p_i = sigma(sign_i x (x_i - center_i) / scale_i)      (fastSigmoid)
//   vote        v_i = 2 p_i - 1, in (-1, 1)
//   belief      b   = sum w_i v_i / sum w_i, in [-1, 1]   (+1: certainly up, -1: down)
//   uncertainty u   = sqrt(sum w_i (v_i - b)^2 / sum w_i): the weighted standard deviation
//                     of the votes around b, in [0, 1) (it is at most sqrt(1 - b^2)).
// u measures disagreement only: votes that all sit near 0 give b ~ 0 and u ~ 0, and it is
// the small |b| that keeps such a template from trading (its edge is |b| x move).
// Readiness: every constraint's feature must be ready (weights are not renormalized over a
// subset: a template judged on part of its evidence would be a different template), so
// ready() is false while any one is warming up. No allocation after construction; the
// evaluation is deterministic (a fixed order of double operations). Single thread.

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/StrategyConfig.h"
#include "strategy/signals/FeatureVector.h"

namespace bw::strategy::belief {

struct Belief {
  double raw = 0.0;          ///< b, this bar's weighted vote
  double uncertainty = 0.0;  ///< u, the votes' weighted standard deviation around b
};

class BeliefModel {
 public:
  /// Throws std::invalid_argument on no constraints, more than kMaxTemplateConstraints, a
  /// feature or timeframe index out of range, scale <= 0, a negative weight or weights
  /// summing to 0 (the config loader refuses all of these first). Cold path.
  explicit BeliefModel(const std::vector<ConstraintConfig>& constraints);

  /// True when every constraint's feature is ready in `f`. No allocation.
  [[nodiscard]] bool ready(const FeatureVector& f) const noexcept;

  /// b and u over `f`; call only when ready(f). No allocation.
  [[nodiscard]] Belief evaluate(const FeatureVector& f) const noexcept;

  [[nodiscard]] std::size_t size() const noexcept { return count_; }

 private:
  struct Compiled {
    double center = 0.0;
    double gain = 1.0;    // sign / scale
    double weight = 0.0;  // w_i / sum w: the normalized weight
    std::uint8_t tick = 0;
    std::uint8_t feature = 0;
    std::uint8_t timeframe = 0;
  };

  // Bar-feature constraints first, then tick-feature ones (from tick_begin_): two loops
  // without a per-constraint branch on the kind. The sum's order is fixed at construction.
  std::array<Compiled, kMaxTemplateConstraints> constraints_{};
  std::size_t count_ = 0;
  std::size_t tick_begin_ = 0;
  std::array<std::uint32_t, kMaxTimeframes> bar_mask_{};  // bits each timeframe must have ready
  std::uint32_t tick_mask_ = 0;
};

}  // namespace bw::strategy::belief
