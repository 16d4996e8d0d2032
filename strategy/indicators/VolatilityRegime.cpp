#include "strategy/indicators/VolatilityRegime.h"

#include <stdexcept>

namespace bw::indicators {

VolatilityRegime::VolatilityRegime(const VolRegimeParams& params)
    : name_("volregime", params.length), params_(params), shares_(params.length) {
  if (!(params.low_ratio <= params.high_ratio)) throw std::invalid_argument("volatility regime: low_ratio > high_ratio");
}

double VolatilityRegime::ratio() const noexcept {
  // share / (sum / M) = share x M / sum
  return prior_sum_ > 0
             ? static_cast<double>(share_) * static_cast<double>(shares_.capacity()) / static_cast<double>(prior_sum_)
             : 0.0;
}

}  // namespace bw::indicators
