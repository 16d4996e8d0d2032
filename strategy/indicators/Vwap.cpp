#include "strategy/indicators/Vwap.h"

#include <stdexcept>

#include "strategy/indicators/ScaledRatio.h"

namespace bw::indicators {
namespace {

Price ratio(Int128 turnover, Int128 volume) noexcept {
  if (volume <= 0) return Price{0};
  return Price{scaledRatio(turnover, volume)};
}

}  // namespace

double deviationBps(Price value, Price reference) noexcept {
  if (reference.raw <= 0) return 0.0;
  return 10'000.0 * static_cast<double>(value.raw - reference.raw) / static_cast<double>(reference.raw);
}

SessionVwap::SessionVwap(std::uint32_t session_start_minute)
    : offset_ns_(static_cast<std::int64_t>(session_start_minute) * vwap_detail::kNsPerMinute) {
  if (session_start_minute >= 1'440) throw std::invalid_argument("session start minute must be 0-1439");
}

Price SessionVwap::value() const noexcept {
  if (!divided_) {
    value_ = ratio(turnover_, volume_);
    divided_ = true;
  }
  return value_;
}

RollingVwap::RollingVwap(std::uint32_t bars) : name_("vwap", bars), turnover_(bars), volume_(bars) {}

Price RollingVwap::value() const noexcept {
  if (!divided_) {
    value_ = ready() ? ratio(turnover_sum_, volume_sum_) : Price{0};
    divided_ = true;
  }
  return value_;
}

}  // namespace bw::indicators
