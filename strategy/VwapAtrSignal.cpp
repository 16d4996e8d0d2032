#include "strategy/VwapAtrSignal.h"

#include <algorithm>
#include <stdexcept>

namespace bw::strategy {

VwapAtrSignal::VwapAtrSignal(std::uint32_t vwap_bars, std::uint32_t atr_bars)
    : vwap_turnover_(vwap_bars, 0), vwap_volume_(vwap_bars, 0), atr_ranges_(atr_bars, 0) {
  if (vwap_bars == 0 || atr_bars == 0) throw std::invalid_argument("signal windows must be at least one bar");
}

void VwapAtrSignal::onBar(const feed::Bar& bar) noexcept {
  const std::size_t vwap_slot = bars_seen_ % vwap_turnover_.size();
  turnover_sum_ += bar.turnover.raw - vwap_turnover_[vwap_slot];
  volume_sum_ += bar.volume.raw - vwap_volume_[vwap_slot];
  vwap_turnover_[vwap_slot] = bar.turnover.raw;
  vwap_volume_[vwap_slot] = bar.volume.raw;

  // True range needs the previous close; the first bar only seeds it.
  if (bars_seen_ > 0) {
    const std::int64_t high = std::max(bar.high.raw, prev_close_.raw);
    const std::int64_t low = std::min(bar.low.raw, prev_close_.raw);
    const std::size_t atr_slot = (bars_seen_ - 1) % atr_ranges_.size();
    range_sum_ += (high - low) - atr_ranges_[atr_slot];
    atr_ranges_[atr_slot] = high - low;
  }
  prev_close_ = bar.close;
  ++bars_seen_;
}

Price VwapAtrSignal::vwap() const noexcept {
  if (volume_sum_ <= 0) return Price{0};
  return Price{static_cast<std::int64_t>(static_cast<Int128>(turnover_sum_) * kScale / volume_sum_)};
}

Price VwapAtrSignal::atr() const noexcept {
  const std::uint64_t ranges = bars_seen_ == 0 ? 0 : std::min<std::uint64_t>(bars_seen_ - 1, atr_ranges_.size());
  if (ranges == 0) return Price{0};
  return Price{range_sum_ / static_cast<std::int64_t>(ranges)};
}

}  // namespace bw::strategy
