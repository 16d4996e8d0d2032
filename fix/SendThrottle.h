#pragma once
// Outgoing message throttle: at most `max_per_window` messages in any window of
// `window_ns` (a sliding window, not a token bucket: a bucket lets a full bucket plus a
// window's refill through in one window, twice the rate a venue states). Kept as the
// send times of the last max_per_window messages in a ring: a message may go when the
// oldest of them is at least a window old.
//
// C++14-clean (no core/ include) so either side of the FIX bridge may use it. Used by
// `breakwater cert` (tools/CertScenarios.cpp) for its throttle scenario; the order
// gateway can take the same type once the lead wires [fix] max_msgs_per_second into it.
//
// Threads: one sending thread. Allocation: the ring, once, in the constructor; tryAcquire
// and waitNs neither allocate nor make a syscall (the caller passes the time).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bw {
namespace fix {

class SendThrottle {
 public:
  /// max_per_window == 0: no throttle (every tryAcquire passes). Cold path.
  SendThrottle(std::uint32_t max_per_window, std::int64_t window_ns)
      : sent_ns_(max_per_window, kNever), window_ns_(window_ns) {}

  /// True, and the message counted as sent at `now_ns`, when one more message fits in the
  /// window ending at now_ns; false (nothing counted) when it must wait. now_ns must not go
  /// backwards between calls (a monotonic clock).
  [[nodiscard]] bool tryAcquire(std::int64_t now_ns) noexcept {
    if (sent_ns_.empty()) return true;
    std::int64_t& oldest = sent_ns_[next_];
    if (oldest != kNever && now_ns - oldest < window_ns_) return false;
    oldest = now_ns;
    next_ = next_ + 1 == sent_ns_.size() ? 0 : next_ + 1;
    return true;
  }

  /// Nanoseconds from now_ns until tryAcquire would pass (0: now).
  [[nodiscard]] std::int64_t waitNs(std::int64_t now_ns) const noexcept {
    if (sent_ns_.empty()) return 0;
    const std::int64_t oldest = sent_ns_[next_];
    if (oldest == kNever) return 0;
    const std::int64_t wait = oldest + window_ns_ - now_ns;
    return wait > 0 ? wait : 0;
  }

  [[nodiscard]] std::uint32_t maxPerWindow() const noexcept { return static_cast<std::uint32_t>(sent_ns_.size()); }
  [[nodiscard]] std::int64_t windowNs() const noexcept { return window_ns_; }

 private:
  static constexpr std::int64_t kNever = INT64_MIN;  // a slot no message has used yet
  std::vector<std::int64_t> sent_ns_;                // ring of the last max_per_window send times
  std::size_t next_ = 0;                             // the oldest slot, overwritten next
  std::int64_t window_ns_;
};

}  // namespace fix
}  // namespace bw
