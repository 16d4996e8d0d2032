#pragma once

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

}  // namespace bw
