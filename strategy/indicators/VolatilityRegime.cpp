#include "strategy/indicators/VolatilityRegime.h"

#include <stdexcept>

#include "strategy/indicators/ScaledRatio.h"

namespace bw::indicators {

VolatilityRegime::VolatilityRegime(const VolRegimeParams& params)
    : name_("volregime", params.length), params_(params), shares_(params.length) {
  if (!(params.low_ratio <= params.high_ratio)) throw std::invalid_argument("volatility regime: low_ratio > high_ratio");
}

void VolatilityRegime::onAtr(Price atr, Price close) noexcept {
  share_ = close.raw > 0 ? scaledRatio(atr.raw, close.raw) : 0;
  if (shares_.full()) {
    // share / (sum / M) = share x M / sum
    ratio_ = sum_ > 0 ? static_cast<double>(share_) * static_cast<double>(shares_.capacity()) / static_cast<double>(sum_)
                      : 0.0;
    regime_ = ratio_ < params_.low_ratio    ? VolRegime::kLow
              : ratio_ > params_.high_ratio ? VolRegime::kHigh
                                            : VolRegime::kNormal;
  }
  sum_ += share_ - shares_.push(share_);
}

}  // namespace bw::indicators
