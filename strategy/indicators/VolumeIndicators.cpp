#include "strategy/indicators/VolumeIndicators.h"

#include <cmath>

namespace bw::indicators {

RelativeVolume::RelativeVolume(std::uint32_t length) : name_("rvol", length), volumes_(length) {}

double RelativeVolume::value() const noexcept {
  // volume / (sum / N) = volume x N / sum
  return prior_sum_ > 0 ? static_cast<double>(volume_) * static_cast<double>(volumes_.capacity()) /
                              static_cast<double>(prior_sum_)
                        : 0.0;
}

VolumeZScore::VolumeZScore(std::uint32_t length) : name_("volz", length), volumes_(length) {}

double VolumeZScore::value() const noexcept {
  if (!volumes_.full()) return 0.0;
  // N^2 x variance = N x sum(v^2) - sum(v)^2, exact in integers, so no cancellation error.
  const auto n = static_cast<Int128>(volumes_.capacity());
  const Int128 n2_variance = n * sum_squares_ - sum_ * sum_;
  if (n2_variance <= 0) return 0.0;
  // z = (v - sum/N) / sqrt(n2_variance / N^2) = (N v - sum) / sqrt(n2_variance)
  return static_cast<double>(n * volume_ - sum_) / std::sqrt(static_cast<double>(n2_variance));
}

}  // namespace bw::indicators
