#pragma once
// How a pipeline thread waits when its input queue is empty. Spinning gives the lowest
// latency on a dedicated core; on a 2-core box with four busy threads it starves the
// others, so the default backs off: spin, then yield, then sleep briefly. Yield is for
// two pipeline threads pinned to one core that must both answer in microseconds (the
// feed and engine threads of a 2-core latency run): every empty poll hands the core to
// the other at once, so neither waits out a spin phase or a nap of its neighbour. It
// costs a whole core, like spin.

#include <sched.h>
#include <time.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace bw {

enum class IdleMode : std::uint8_t { kSpin = 0, kBackoff = 1, kYield = 2 };

/// The config's and the CLI's word for each mode.
[[nodiscard]] constexpr const char* idleModeName(IdleMode mode) noexcept {
  switch (mode) {
    case IdleMode::kSpin: return "spin";
    case IdleMode::kYield: return "yield";
    case IdleMode::kBackoff: break;
  }
  return "backoff";
}

/// The mode a word names; empty for any other word.
[[nodiscard]] constexpr std::optional<IdleMode> idleModeNamed(std::string_view name) noexcept {
  for (const IdleMode mode : {IdleMode::kSpin, IdleMode::kBackoff, IdleMode::kYield}) {
    if (name == idleModeName(mode)) return mode;
  }
  return std::nullopt;
}

class IdleStrategy {
 public:
  explicit IdleStrategy(IdleMode mode) noexcept : mode_(mode) {}

  /// Call after an empty poll. Spin mode never makes a syscall; yield makes one per poll.
  void idle() noexcept {
    if (mode_ == IdleMode::kSpin) {
      __builtin_ia32_pause();
      return;
    }
    if (mode_ == IdleMode::kYield) {
      sched_yield();
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
