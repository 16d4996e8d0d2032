#pragma once
// A token bucket as one word: the generic cell rate algorithm (GCRA). The word holds the
// "theoretical arrival time" (TAT) of the next message; a message at time t passes if
// TAT - t <= burst tolerance, and pushes TAT forward by one emission interval. One
// compare-and-swap per message in concurrent mode, no refill timer, no floating point.
//
// Capacity = rate per second (a full second's burst), refill = rate per second. Time is
// the caller's (market time in replay, so a replay is paced as the market was).
// Any thread; no allocation; lock-free.

#include <atomic>
#include <cstdint>

#include "risk/Reservation.h"

namespace bw::risk {

class RateLimiter {
 public:
  /// Takes one token at `now_ns` with `per_second` tokens per second. False: over rate.
  [[nodiscard]] bool tryTake(std::int64_t now_ns, std::int64_t per_second, const Reserver& r) noexcept {
    const std::int64_t interval = kSecondNs / (per_second > 0 ? per_second : 1);
    const std::int64_t tolerance = kSecondNs - interval;  // (capacity - 1) intervals
    std::int64_t tat = tat_.load(std::memory_order_acquire);
    for (;;) {
      const std::int64_t base = tat > now_ns ? tat : now_ns;
      if (base - now_ns > tolerance) return false;
      if (!r.concurrent()) {
        tat_.store(base + interval, std::memory_order_release);
        return true;
      }
      if (tat_.compare_exchange_weak(tat, base + interval, std::memory_order_acq_rel, std::memory_order_acquire)) {
        return true;
      }
    }
  }

  /// Gives back a token taken for a message that was then refused by a later control.
  void giveBack(std::int64_t per_second, const Reserver& r) noexcept {
    r.add(tat_, -(kSecondNs / (per_second > 0 ? per_second : 1)));
  }

 private:
  static constexpr std::int64_t kSecondNs = 1'000'000'000;
  alignas(64) std::atomic<std::int64_t> tat_{0};
};

}  // namespace bw::risk
