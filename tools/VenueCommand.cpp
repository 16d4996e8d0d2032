#include "tools/VenueCommand.h"

#include <chrono>
#include <thread>

#include "core/Config.h"
#include "core/InstrumentTable.h"
#include "fix/VenueSimulator.h"

namespace bw::tools {
namespace {

void printCounters(const fix::VenueCounters& c, const Io& io) {
  const auto n = [](const std::atomic<std::uint64_t>& v) { return v.load(std::memory_order_relaxed); };
  io.out << "venue stopped: orders " << n(c.orders_received) << ", cancel requests " << n(c.cancel_requests)
         << ", acks " << n(c.acks) << ", fills " << n(c.fills) << ", partial fills " << n(c.partial_fills)
         << ", cancels " << n(c.cancels) << ", rejects " << n(c.rejects) << ", cancel rejects " << n(c.cancel_rejects)
         << ", reports sent " << n(c.reports_sent) << ", send failures " << n(c.send_failures)
         << ", unsupported messages " << n(c.unsupported_messages) << ", order queue full " << n(c.order_queue_full)
         << ", cancels on disconnect " << n(c.disconnect_cancels) << ", PossDup resends ignored " << n(c.poss_dups_ignored)
         << "\n";
}

}  // namespace

int venueCommand(const VenueArgs& args, const std::atomic<bool>& stop, const Io& io) {
  const Config config = args.config_path.empty() ? Config{} : loadConfig(args.config_path);
  fix::VenueConfig venue_config;
  venue_config.port = static_cast<std::uint16_t>(args.port);
  // Seen from the venue's end: it sends as our target and expects us as its target.
  venue_config.sender_comp_id = config.fix.target_comp_id;
  venue_config.target_comp_id = config.fix.sender_comp_id;
  venue_config.mass_cancel = config.fix.mass_cancel;  // false: 35=q answered 35=j, as a venue without it
  venue_config.begin_string = config.fix.begin_string;
  venue_config.cancel_on_disconnect = config.fix.cancel_on_disconnect;
  // A gateway on a file store logs on with the numbers it left off at: the venue must keep
  // its own too (same directory: the file names differ by CompID order).
  if (config.fix.store == "file") venue_config.store_dir = config.fix.store_dir;
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  fix::VenueSimulator venue(venue_config, instruments);
  try {
    venue.start();
  } catch (const std::exception& e) {
    io.err << "breakwater venue: " << e.what() << "\n";
    return 1;
  }
  // One line a script can read the port from (tests start it with --port 0).
  io.out << "venue listening on port " << venue.port() << " (" << venue_config.begin_string << " "
         << venue_config.sender_comp_id << " -> "
         << venue_config.target_comp_id << ")" << std::endl;
  while (!stop.load(std::memory_order_relaxed)) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  venue.stop();
  printCounters(venue.counters(), io);
  return 0;
}

}  // namespace bw::tools
