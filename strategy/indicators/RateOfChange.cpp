#include "strategy/indicators/RateOfChange.h"

namespace bw::indicators {

RateOfChange::RateOfChange(std::uint32_t length) : name_("roc", length), closes_(length) {}

void RateOfChange::onBar(const feed::Bar& bar) noexcept {
  // Once the ring is full, the close it displaces is the one N bars before this bar.
  const bool had_n = closes_.full();
  const std::int64_t old = closes_.push(bar.close.raw);
  if (!had_n) return;
  ready_ = true;
  value_ = old > 0 ? 100.0 * static_cast<double>(bar.close.raw - old) / static_cast<double>(old) : 0.0;
}

}  // namespace bw::indicators
