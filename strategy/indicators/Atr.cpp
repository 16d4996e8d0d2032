#include "strategy/indicators/Atr.h"

#include <stdexcept>

namespace bw::indicators {

Atr::Atr(std::uint32_t length) : name_("atr", length), length_(length) {
  if (length == 0) throw std::invalid_argument("ATR length must be at least 1");
}

void Atr::onBar(const feed::Bar& bar) noexcept {
  const std::int64_t tr = bars_ == 0 ? bar.high.raw - bar.low.raw : trueRange(bar, previous_close_);
  previous_close_ = bar.close;
  ++bars_;
  if (bars_ < length_) {
    atr_ += tr;
  } else if (bars_ == length_) {
    atr_ = (atr_ + tr) / length_;  // seed: simple mean of the first N true ranges
  } else {
    atr_ = (atr_ * (length_ - 1) + tr) / length_;
  }
}

}  // namespace bw::indicators
