#pragma once

#include <sched.h>

#include <string>

namespace bw {

/// Pins the calling thread to one CPU core (pthread affinity) and names it (visible in
/// top/perf). A core >= the number of online cores is taken modulo that number, so a
/// config written for a 16-core box still runs on a 2-core CI machine; a negative core
/// leaves the thread unpinned. Returns the core actually used (-1: unpinned, or pinning
/// refused by the OS). Cold path: call once at thread start.
int pinCurrentThread(int core, const std::string& name) noexcept;

/// The core the calling thread is allowed on when it has exactly one, else -1.
[[nodiscard]] int currentThreadSingleCore() noexcept;

/// Keeps the calling thread on one core (taken modulo the online cores, as above) while
/// it lives, and gives it back its old cores after. Threads started meanwhile inherit the
/// core: this is how threads we do not start ourselves (QuickFIX's acceptor) are kept off
/// the pipeline's cores. A negative core changes nothing. Cold path.
class ScopedCoreAffinity {
 public:
  explicit ScopedCoreAffinity(int core) noexcept;
  ~ScopedCoreAffinity();
  ScopedCoreAffinity(const ScopedCoreAffinity&) = delete;
  ScopedCoreAffinity& operator=(const ScopedCoreAffinity&) = delete;

  /// The core the thread was held on (-1: none, or the OS refused).
  [[nodiscard]] int core() const noexcept { return core_; }

 private:
  cpu_set_t saved_{};
  int core_ = -1;
};

}  // namespace bw
