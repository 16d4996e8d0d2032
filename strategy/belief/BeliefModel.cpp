#include "strategy/belief/BeliefModel.h"

#include <cmath>
#include <stdexcept>
#include <string_view>

#include "strategy/belief/Sigmoid.h"

namespace bw::strategy::belief {

namespace {

// core/StrategyConfig.h names features by index; they must be FeatureVector.h's, in order.
constexpr bool sameFeatureNames() {
  if (kBarFeatureNames.size() != kBarFeatureCount || kTickFeatureNames.size() != kTickFeatureCount) return false;
  for (std::size_t i = 0; i < kBarFeatureCount; ++i) {
    if (kBarFeatureNames[i] != std::string_view(barFeatureName(static_cast<BarFeature>(i)))) return false;
  }
  for (std::size_t i = 0; i < kTickFeatureCount; ++i) {
    if (kTickFeatureNames[i] != std::string_view(tickFeatureName(static_cast<TickFeature>(i)))) return false;
  }
  return true;
}
static_assert(sameFeatureNames(), "core/StrategyConfig.h feature names differ from strategy/signals/FeatureVector.h");
static_assert(kMaxSignalTimeframes == kMaxTimeframes, "core and strategy disagree on the timeframe count");

}  // namespace

BeliefModel::BeliefModel(const std::vector<ConstraintConfig>& constraints) {
  if (constraints.empty() || constraints.size() > kMaxTemplateConstraints) {
    throw std::invalid_argument("BeliefModel: 1 to 8 constraints");
  }
  double weights = 0.0;
  for (const ConstraintConfig& c : constraints) {
    const std::size_t limit = c.tick ? kTickFeatureCount : kBarFeatureCount;
    if (c.feature >= limit || (!c.tick && c.timeframe >= kMaxTimeframes)) {
      throw std::invalid_argument("BeliefModel: feature or timeframe out of range");
    }
    if (!(c.scale > 0.0) || !(c.weight >= 0.0) || (c.sign != 1 && c.sign != -1)) {
      throw std::invalid_argument("BeliefModel: scale must be > 0, weight >= 0, sign +-1");
    }
    weights += c.weight;
  }
  if (!(weights > 0.0)) throw std::invalid_argument("BeliefModel: the weights sum to 0");
  std::vector<ConstraintConfig> ordered;  // bar features first (cold path: may allocate)
  for (const ConstraintConfig& c : constraints) {
    if (!c.tick) ordered.push_back(c);
  }
  tick_begin_ = ordered.size();
  for (const ConstraintConfig& c : constraints) {
    if (c.tick) ordered.push_back(c);
  }
  for (const ConstraintConfig& c : ordered) {
    Compiled& k = constraints_[count_++];
    k.center = c.center;
    k.gain = static_cast<double>(c.sign) / c.scale;
    k.weight = c.weight / weights;
    k.tick = c.tick ? 1 : 0;
    k.feature = c.feature;
    k.timeframe = c.timeframe;
    if (c.tick) {
      tick_mask_ |= 1U << c.feature;
    } else {
      bar_mask_[c.timeframe] |= 1U << c.feature;
    }
  }
}

bool BeliefModel::ready(const FeatureVector& f) const noexcept {
  if ((f.tick_ready & tick_mask_) != tick_mask_) return false;
  for (std::size_t tf = 0; tf < kMaxTimeframes; ++tf) {
    const std::uint32_t need = bar_mask_[tf];
    if (need != 0 && (tf >= f.timeframes || (f.bar_ready[tf] & need) != need)) return false;
  }
  return true;
}

namespace {

/// Adds one constraint's vote: b += w v and E[v^2] += w v^2.
inline void addVote(double x, double center, double gain, double weight, double& b, double& second_moment) noexcept {
  const double vote = 2.0 * fastSigmoid(gain * (x - center)) - 1.0;
  const double weighted = weight * vote;
  b += weighted;
  second_moment += weighted * vote;
}

}  // namespace

Belief BeliefModel::evaluate(const FeatureVector& f) const noexcept {
  // Weights are pre-divided by their sum: b = sum w v, E[v^2] = sum w v^2.
  double b = 0.0;
  double second_moment = 0.0;
  for (std::size_t i = 0; i < tick_begin_; ++i) {
    const Compiled& k = constraints_[i];
    addVote(f.bar[k.timeframe][k.feature], k.center, k.gain, k.weight, b, second_moment);
  }
  for (std::size_t i = tick_begin_; i < count_; ++i) {
    const Compiled& k = constraints_[i];
    addVote(f.tick[k.feature], k.center, k.gain, k.weight, b, second_moment);
  }
  // sum w (v - b)^2 = E[v^2] - b^2; clamped: rounding may take it a hair below 0.
  const double variance = second_moment - b * b;
  return Belief{b, variance > 0.0 ? std::sqrt(variance) : 0.0};
}

}  // namespace bw::strategy::belief
