#include "tools/StopSignal.h"

#include <csignal>

namespace bw::tools {
namespace {

std::atomic<bool> g_stop{false};  // a lock-free store is async-signal-safe

void onStopSignal(int) { g_stop.store(true, std::memory_order_relaxed); }

}  // namespace

std::atomic<bool>& installStopSignals() {
  struct sigaction action {};
  action.sa_handler = onStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = static_cast<int>(SA_RESETHAND);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  return g_stop;
}

}  // namespace bw::tools
