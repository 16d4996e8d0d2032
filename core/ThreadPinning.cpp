#include "core/ThreadPinning.h"

#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <cstddef>

namespace bw {

namespace {

/// Pins the calling thread to `core` modulo the online cores; the core used, or -1.
int pinToCore(int core) noexcept {
  if (core < 0) return -1;
  const long online = sysconf(_SC_NPROCESSORS_ONLN);
  const int target = online > 0 ? core % static_cast<int>(online) : core;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(static_cast<std::size_t>(target), &set);
  if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set) != 0) return -1;
  return target;
}

}  // namespace

int pinCurrentThread(int core, const std::string& name) noexcept {
  // Linux thread names are at most 15 characters plus NUL.
  pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
  return pinToCore(core);
}

ScopedCoreAffinity::ScopedCoreAffinity(int core) noexcept {
  if (core < 0 || pthread_getaffinity_np(pthread_self(), sizeof(saved_), &saved_) != 0) return;
  core_ = pinToCore(core);
}

ScopedCoreAffinity::~ScopedCoreAffinity() {
  if (core_ >= 0) (void)pthread_setaffinity_np(pthread_self(), sizeof(saved_), &saved_);
}

int currentThreadSingleCore() noexcept {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (pthread_getaffinity_np(pthread_self(), sizeof(set), &set) != 0) return -1;
  if (CPU_COUNT(&set) != 1) return -1;
  for (int i = 0; i < CPU_SETSIZE; ++i) {
    if (CPU_ISSET(static_cast<std::size_t>(i), &set)) return i;
  }
  return -1;
}

}  // namespace bw
