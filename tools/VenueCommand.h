#pragma once
// `breakwater venue --config F --port P`: the built-in venue simulator (fix/VenueSimulator)
// as a standalone FIX 4.4 acceptor, for `breakwater cert` and for trying a gateway by
// hand. Comp ids come from the config's [fix] table seen from the other end (the venue's
// SenderCompID is [fix] target_comp_id). It replays no market: with neither quotes nor
// trades a limit order is acknowledged and rests until canceled. Prints the port it
// listens on (`--port 0` picks a free one), runs until SIGINT/SIGTERM, then prints its
// counters.

#include <atomic>
#include <string>

#include "tools/OperatorCommands.h"

namespace bw::tools {

struct VenueArgs {
  std::string config_path;  ///< empty: built-in defaults
  int port = 0;
};

/// Runs the venue until `stop` is set (the CLI passes the signal flag). 0 on a clean stop,
/// 1 when the port could not be bound (the reason on io.err).
int venueCommand(const VenueArgs& args, const std::atomic<bool>& stop, const Io& io);

}  // namespace bw::tools
