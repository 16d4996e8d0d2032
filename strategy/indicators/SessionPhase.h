#pragma once
// The trading-session phase of a tick's time: configurable UTC minute-of-day ranges
// (e.g. Asia, Europe, US). A range [start, end) may wrap midnight (start > end). Where
// ranges overlap, the first listed wins, so an explicit overlap phase ("europe_us") goes
// first. Minutes no range covers give kNoPhase. The ranges are folded into a 1440-entry
// table at construction, so a lookup is one division and one load. Single thread.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/Tick.h"

namespace bw::indicators {

struct PhaseRange {
  std::string name;               ///< stable name for CSV cells ("asia")
  std::uint32_t start_minute = 0; ///< UTC minute of day, 0-1439, inclusive
  std::uint32_t end_minute = 0;   ///< UTC minute of day, 0-1439, exclusive (== start: the whole day)
};

/// Asia 00:00-07:00, Europe 07:00-13:30, US 13:30-21:00 UTC; 21:00-24:00 is no phase.
[[nodiscard]] std::vector<PhaseRange> defaultPhases();

class SessionPhase {
 public:
  static constexpr std::uint8_t kNoPhase = 0xFF;

  /// Throws std::invalid_argument on a minute past 1439 or more than 253 ranges. Cold path.
  explicit SessionPhase(std::vector<PhaseRange> ranges = defaultPhases());

  /// Phase index (into the ranges) of a time in ns since the epoch, UTC. No allocation.
  [[nodiscard]] std::uint8_t phaseAt(std::int64_t epoch_ns) const noexcept;
  /// Tracks the phase of a tick: its exchange time, or its receive time when unknown.
  void onTick(const Tick& tick) noexcept { phase_ = phaseAt(tick.exch_ns != 0 ? tick.exch_ns : tick.recv_ns); }

  /// True once a tick has been seen.
  [[nodiscard]] bool ready() const noexcept { return phase_ != kUnset; }
  [[nodiscard]] std::uint8_t value() const noexcept { return phase_; }
  /// The phase's name, "" for kNoPhase.
  [[nodiscard]] std::string_view phaseName(std::uint8_t phase) const noexcept;
  [[nodiscard]] std::string_view name() const noexcept { return "session_phase"; }

 private:
  static constexpr std::uint8_t kUnset = 0xFE;

  std::vector<PhaseRange> ranges_;
  std::array<std::uint8_t, 1'440> by_minute_{};
  std::uint8_t phase_ = kUnset;
};

}  // namespace bw::indicators
