#pragma once
// How a pipeline thread waits when its input queue is empty. Spinning gives the lowest
// latency on a dedicated core; on a 2-core box with four busy threads it starves the
// others, so the default backs off: spin, then yield, then sleep briefly.

#include <sched.h>
#include <time.h>

#include <cstdint>

namespace bw {

enum class IdleMode : std::uint8_t { kSpin = 0, kBackoff = 1 };

class IdleStrategy {
 public:
  explicit IdleStrategy(IdleMode mode) noexcept : mode_(mode) {}

  /// Call after an empty poll. Spin mode never makes a syscall.
  void idle() noexcept {
    if (mode_ == IdleMode::kSpin) {
      __builtin_ia32_pause();
      return;
    }
    ++empty_polls_;
    if (empty_polls_ < kSpinPolls) {
      __builtin_ia32_pause();
    } else if (empty_polls_ < kYieldPolls) {
      sched_yield();
    } else {
      timespec nap{0, kSleepNs};
      nanosleep(&nap, nullptr);
    }
  }

  /// Call after a poll that found work.
  void reset() noexcept { empty_polls_ = 0; }

 private:
  static constexpr std::uint32_t kSpinPolls = 2'000;
  static constexpr std::uint32_t kYieldPolls = 4'000;
  static constexpr long kSleepNs = 50'000;
  IdleMode mode_;
  std::uint32_t empty_polls_ = 0;
};

}  // namespace bw
