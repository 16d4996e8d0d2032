#include "strategy/indicators/Vwap.h"

#include <stdexcept>

#include "strategy/indicators/ScaledRatio.h"

namespace bw::indicators {
namespace {

constexpr std::int64_t kNsPerMinute = 60'000'000'000;
constexpr std::int64_t kNsPerDay = 1'440 * kNsPerMinute;

Price ratio(Int128 turnover, Int128 volume) noexcept {
  if (volume <= 0) return Price{0};
  return Price{scaledRatio(turnover, volume)};
}

// Floor division: bars before 1970 do not occur, but a negative offset must not shift a
// session by one.
std::int64_t floorDiv(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

double deviationBps(Price value, Price reference) noexcept {
  if (reference.raw <= 0) return 0.0;
  return 10'000.0 * static_cast<double>(value.raw - reference.raw) / static_cast<double>(reference.raw);
}

SessionVwap::SessionVwap(std::uint32_t session_start_minute)
    : offset_ns_(static_cast<std::int64_t>(session_start_minute) * kNsPerMinute) {
  if (session_start_minute >= 1'440) throw std::invalid_argument("session start minute must be 0-1439");
}

void SessionVwap::onBar(const feed::Bar& bar) noexcept {
  const std::int64_t session = floorDiv(bar.start_ns - offset_ns_, kNsPerDay);
  if (session != session_) {
    session_ = session;
    turnover_ = 0;
    volume_ = 0;
  }
  turnover_ += bar.turnover.raw;
  volume_ += bar.volume.raw;
  value_ = ratio(turnover_, volume_);
  deviation_bps_ = indicators::deviationBps(bar.close, value_);
}

RollingVwap::RollingVwap(std::uint32_t bars) : name_("vwap", bars), turnover_(bars), volume_(bars) {}

void RollingVwap::onBar(const feed::Bar& bar) noexcept {
  turnover_sum_ += bar.turnover.raw - turnover_.push(bar.turnover.raw);
  volume_sum_ += bar.volume.raw - volume_.push(bar.volume.raw);
  value_ = ready() ? ratio(turnover_sum_, volume_sum_) : Price{0};
  deviation_bps_ = indicators::deviationBps(bar.close, value_);
}

}  // namespace bw::indicators
