#include "strategy/indicators/VolumeIndicators.h"

#include <cmath>

namespace bw::indicators {

RelativeVolume::RelativeVolume(std::uint32_t length) : name_("rvol", length), volumes_(length) {}

void RelativeVolume::onBar(const feed::Bar& bar) noexcept {
  if (volumes_.full()) {
    ready_ = true;
    // volume / (sum / N) = volume x N / sum
    value_ = sum_ > 0 ? static_cast<double>(bar.volume.raw) * static_cast<double>(volumes_.capacity()) /
                            static_cast<double>(sum_)
                      : 0.0;
  }
  sum_ += bar.volume.raw - volumes_.push(bar.volume.raw);
}

VolumeZScore::VolumeZScore(std::uint32_t length) : name_("volz", length), volumes_(length) {}

void VolumeZScore::onBar(const feed::Bar& bar) noexcept {
  const std::int64_t v = bar.volume.raw;
  const Int128 out = volumes_.push(v);
  sum_ += v - out;
  sum_squares_ += static_cast<Int128>(v) * v - out * out;
  if (!volumes_.full()) return;
  // N^2 x variance = N x sum(v^2) - sum(v)^2, exact in integers, so no cancellation error.
  const auto n = static_cast<Int128>(volumes_.capacity());
  const Int128 n2_variance = n * sum_squares_ - sum_ * sum_;
  if (n2_variance <= 0) {
    value_ = 0.0;
    return;
  }
  // z = (v - sum/N) / sqrt(n2_variance / N^2) = (N v - sum) / sqrt(n2_variance)
  value_ = static_cast<double>(n * v - sum_) / std::sqrt(static_cast<double>(n2_variance));
}

void BuySellImbalance::onBar(const feed::Bar& bar) noexcept {
  ready_ = true;
  const std::int64_t total = bar.buy_volume.raw + bar.sell_volume.raw;
  value_ = total > 0 ? static_cast<double>(bar.buy_volume.raw - bar.sell_volume.raw) / static_cast<double>(total)
                     : 0.0;
}

void OnBalanceVolume::onBar(const feed::Bar& bar) noexcept {
  if (ready_) {
    if (bar.close > previous_close_) obv_ += bar.volume.raw;
    if (bar.close < previous_close_) obv_ -= bar.volume.raw;
  }
  ready_ = true;
  previous_close_ = bar.close;
}

}  // namespace bw::indicators
