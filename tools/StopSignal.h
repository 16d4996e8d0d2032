#pragma once
// SIGINT/SIGTERM for the long-running tool commands (`venue`): the first signal sets a
// flag the command polls; the handler is reset, so a second Ctrl-C ends the process
// outright.

#include <atomic>

namespace bw::tools {

/// Installs the handlers and returns the flag they set (one per process). Cold path.
std::atomic<bool>& installStopSignals();

}  // namespace bw::tools
