#pragma once
// Which receive times cross a time bar's boundary, as the feed thread sees them, so that it
// can hand the engine a clock tick (TickKind::kClock) before it builds the book from the
// crossing message.
//
// Why: time bars close on receive time (BarSet::advanceTo), which a message carries in its
// first field, yet the engine learnt of a close only once the feed had parsed the whole
// message and applied it to the book. A Binance depth diff that crosses the second took up
// to 24 us in the book stage alone on machine A (2-vCPU AMD EPYC KVM guest), 3-4x its parse,
// and every bar close, decision and risk verdict of that second waited behind it. Handed a
// clock tick first, the engine closes the bars and decides while the feed builds the book.
//
// Boundaries are BarSet's: each time interval's multiples since the epoch. Feed thread only;
// no allocation; crosses() is one compare until a boundary is reached.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "core/Config.h"
#include "feed/Bar.h"

namespace bw::feed {

class BarClock {
 public:
  static constexpr std::size_t kMaxIntervals = 6;  ///< BarSet::kMaxTimeSeries

  /// [bars] time_intervals_ms (BarSet refuses more than kMaxIntervals or a non-positive one;
  /// the extra or bad ones are ignored here). No time interval: never crosses.
  explicit BarClock(const BarsConfig& config) noexcept {
    for (const std::int64_t ms : config.time_intervals_ms) {
      if (ms > 0 && count_ < kMaxIntervals) intervals_ns_[count_++] = ms * 1'000'000;
    }
    if (count_ == 0) next_ns_ = std::numeric_limits<std::int64_t>::max();
  }

  /// True when `recv_ns` reaches the next boundary of any time interval since the previous
  /// crossing; the clock then waits for the boundary after `recv_ns`. The first time seen
  /// only starts the clock: no bar is open before the first tick. A receive time that went
  /// backwards never crosses.
  [[nodiscard]] bool crosses(std::int64_t recv_ns) noexcept {
    if (recv_ns < next_ns_) [[likely]] return false;
    const bool crossed = started_;
    started_ = true;
    std::int64_t next = std::numeric_limits<std::int64_t>::max();
    for (std::size_t i = 0; i < count_; ++i) next = std::min(next, alignDown(recv_ns, intervals_ns_[i]) + intervals_ns_[i]);
    next_ns_ = next;
    return crossed;
  }

  /// The boundary the clock waits for (max when it has no interval).
  [[nodiscard]] std::int64_t nextNs() const noexcept { return next_ns_; }

 private:
  std::array<std::int64_t, kMaxIntervals> intervals_ns_{};
  std::size_t count_ = 0;
  bool started_ = false;
  std::int64_t next_ns_ = std::numeric_limits<std::int64_t>::min();  ///< the first time seen starts the clock
};

}  // namespace bw::feed
