#include "strategy/indicators/SessionPhase.h"

#include <stdexcept>
#include <utility>

namespace bw::indicators {
namespace {
constexpr std::int64_t kNsPerMinute = 60'000'000'000;
constexpr std::int64_t kMinutesPerDay = 1'440;
constexpr std::uint32_t kMinutesPerDayU = 1'440;
}  // namespace

std::vector<PhaseRange> defaultPhases() {
  return {{"asia", 0, 7 * 60}, {"europe", 7 * 60, 13 * 60 + 30}, {"us", 13 * 60 + 30, 21 * 60}};
}

SessionPhase::SessionPhase(std::vector<PhaseRange> ranges) : ranges_(std::move(ranges)) {
  if (ranges_.size() >= kUnset) throw std::invalid_argument("session phases: at most 253 ranges");
  by_minute_.fill(kNoPhase);
  // Later ranges first, so earlier ones overwrite them: the first listed wins an overlap.
  for (std::size_t i = ranges_.size(); i-- > 0;) {
    const PhaseRange& r = ranges_[i];
    if (r.start_minute >= kMinutesPerDayU || r.end_minute >= kMinutesPerDayU) {
      throw std::invalid_argument("session phases: minutes of day are 0-1439");
    }
    std::uint32_t m = r.start_minute;
    do {
      by_minute_[m] = static_cast<std::uint8_t>(i);
      m = m + 1 == kMinutesPerDayU ? 0 : m + 1;
    } while (m != r.end_minute);
  }
}

std::uint8_t SessionPhase::phaseAt(std::int64_t epoch_ns) const noexcept {
  std::int64_t minute = (epoch_ns / kNsPerMinute) % kMinutesPerDay;
  if (minute < 0) minute += kMinutesPerDay;  // before 1970: not in captures, but stay in the table
  return by_minute_[static_cast<std::size_t>(minute)];
}

std::string_view SessionPhase::phaseName(std::uint8_t phase) const noexcept {
  return phase < ranges_.size() ? std::string_view(ranges_[phase].name) : std::string_view();
}

}  // namespace bw::indicators
