// The whole pipeline against a venue that gets things wrong (issue 6, items 3 and 6): a
// duplicated fill is a desync the reconciler catches — journaled with the order and both
// figures, and the global kill trips with that text — while venue rejects are not desyncs,
// only rejects. A seeded simulated capture with the demo's costs, so orders go out.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "SimulatedReplay.h"
#include "core/ControlBlock.h"
#include "feed/MarketSimulator.h"
#include "pipeline/Replay.h"
#include "pipeline/ReplaySummary.h"

namespace bw::pipeline {
namespace {

ReplayOptions faultyVenueReplay(const std::string& name, const VenueFaults& faults) {
  ReplayOptions o = bw::test::simulatedReplay("venuefault-" + name, "demo.toml");
  o.venue_faults = faults;
  return o;
}

TEST(VenueFaultReplayTest, aDuplicatedFillIsADesyncThatTripsTheKillWithItsText) {
  VenueFaults faults;
  faults.duplicate_reports = 2;  // the first order's ack and its fill, each sent twice
  const ReplayOptions o = faultyVenueReplay("duplicate", faults);
  const ReplaySummary s = runReplay(o);
  ASSERT_GT(s.orders_sent, 0u);
  ASSERT_FALSE(s.desyncs.empty()) << "the repeated fill went unnoticed";
  std::cout << "desyncs:";
  for (const auto& [kind, count] : s.desyncs) std::cout << ' ' << kind << '=' << count;
  std::cout << ", lockstep timeouts " << s.lockstep_timeouts << ", wall " << s.wall_seconds << " s\n";
  EXPECT_GE(s.lifecycle_errors, 1u) << "the repeated ack is refused by the order's state machine";
  ASSERT_EQ(s.kills.size(), 1u);
  EXPECT_NE(s.kills[0].find("POSITION_DESYNC"), std::string::npos) << s.kills[0];
  EXPECT_NE(s.kills[0].find("order 1"), std::string::npos) << s.kills[0];
  const ControlBlock block = ControlBlock::openExisting(o.instance, o.state_dir);
  EXPECT_TRUE(block.globallyKilled());
  // The journal has the DESYNC line before the kill stops anything else.
  std::ifstream journal(s.journal_path);
  std::string line;
  bool desync_line = false;
  while (std::getline(journal, line)) desync_line |= line.find("\tDESYNC\t") != std::string::npos;
  EXPECT_TRUE(desync_line);
}

TEST(VenueFaultReplayTest, venueRejectsAreRejectsNotDesyncs) {
  VenueFaults faults;
  faults.reject_new_orders = 3;
  const ReplaySummary s = runReplay(faultyVenueReplay("reject", faults));
  ASSERT_GT(s.orders_sent, 3u);
  EXPECT_EQ(s.venue_rejects, 3u);
  EXPECT_EQ(s.rejects.at("VENUE_REJECTED"), 3u);
  EXPECT_TRUE(s.desyncs.empty());
  EXPECT_EQ(s.lifecycle_errors, 0u);
  EXPECT_GT(s.fills, 0u) << "orders after the third go through";
}

/// Bad input on the FIX side through the whole pipeline (issue 6 item 8): the venue sends
/// its first ExecutionReport with OrdStatus 'Z'. The gateway refuses it; the summary counts
/// it by kind and the journal has it as a BAD_FIX line with its raw fields; nothing crashes.
TEST(VenueFaultReplayTest, aGarbledReportIsCountedByKindAndJournaledRaw) {
  VenueFaults faults;
  faults.garble_reports = 1;
  const ReplaySummary s = runReplay(faultyVenueReplay("garble", faults));
  ASSERT_GT(s.orders_sent, 0u);
  ASSERT_EQ(s.bad_fix_messages.size(), 1u) << toJson(s);
  EXPECT_EQ(s.bad_fix_messages.at("ORD_STATUS_OUT_OF_RANGE"), 1u);
  EXPECT_EQ(s.bad_fix_journaled, 1u);
  EXPECT_EQ(s.bad_fix_raw_dropped, 0u);
  EXPECT_NE(toJson(s).find("\"bad_fix_messages\": {\"ORD_STATUS_OUT_OF_RANGE\": 1}"), std::string::npos) << toJson(s);
  EXPECT_NE(toText(s).find("bad FIX        ORD_STATUS_OUT_OF_RANGE=1 (1 journaled raw"), std::string::npos)
      << toText(s);
  std::ifstream journal(s.journal_path);
  std::string line;
  int bad_lines = 0;
  while (std::getline(journal, line)) {
    if (line.find("\tBAD_FIX\t") == std::string::npos) continue;
    ++bad_lines;
    EXPECT_NE(line.find("\tORD_STATUS_OUT_OF_RANGE\t"), std::string::npos) << line;
    EXPECT_NE(line.find("35=8|"), std::string::npos) << line;
    EXPECT_NE(line.find("|39=Z|"), std::string::npos) << line;
  }
  EXPECT_EQ(bad_lines, 1);
}

/// Our own outgoing throttle against the venue's rate: with [fix] max_msgs_per_second = 5
/// the order thread holds new orders back so that no second of wall time sees more than
/// five go out, and every one still goes out (none is dropped).
TEST(OutgoingThrottleReplayTest, noSecondSeesMoreNewOrdersThanTheThrottleLets) {
  ReplayOptions o = faultyVenueReplay("throttle", VenueFaults{});
  o.config.fix.max_msgs_per_second = 5;
  const ReplaySummary s = runReplay(o);
  ASSERT_GT(s.orders_sent, 4u);
  EXPECT_GT(s.throttled, 0u) << "the demo's orders come faster than 5 a second";
  EXPECT_EQ(s.send_failures, 0u);
  // The orders it held (and any queued behind them) are timed apart, not in the path's
  // stages: each sent order and replace is in exactly one of tick_to_send and throttle_wait.
  ASSERT_EQ(s.latency_ns.count("throttle_wait"), 1u);
  const StageLatency& waited = s.latency_ns.at("throttle_wait");
  EXPECT_GE(waited.count, s.throttled);
  EXPECT_EQ(waited.count + s.latency_ns.at("tick_to_send").count, s.orders_sent + s.replaces_sent);
  EXPECT_LE(s.latency_ns.at("verdict_to_send").count + s.throttled, s.orders_sent);
  EXPECT_GT(waited.max, 10'000'000u) << "a held order waits for a slot of a 5-a-second window";
  std::vector<std::int64_t> sent_ns;  // wall time of each message, ORDER_SENT and CANCEL_SENT
  std::ifstream journal(s.journal_path);
  std::string line;
  while (std::getline(journal, line)) {
    if (line.find("\tORDER_SENT\t") == std::string::npos && line.find("\tCANCEL_SENT\t") == std::string::npos) continue;
    const std::size_t first_tab = line.find('\t');
    sent_ns.push_back(std::stoll(line.substr(first_tab + 1, line.find('\t', first_tab + 1) - first_tab - 1)));
  }
  ASSERT_EQ(sent_ns.size(), s.orders_sent + s.cancels_sent);
  std::sort(sent_ns.begin(), sent_ns.end());
  std::size_t news_in_window_max = 0;
  for (std::size_t i = 0; i < sent_ns.size(); ++i) {  // any 1 s window: at most 5 (cancels may add)
    std::size_t in_window = 0;
    for (std::size_t j = i; j < sent_ns.size() && sent_ns[j] - sent_ns[i] < 1'000'000'000; ++j) ++in_window;
    news_in_window_max = std::max(news_in_window_max, in_window);
  }
  EXPECT_LE(news_in_window_max, 5u + s.cancels_sent);
}

}  // namespace
}  // namespace bw::pipeline
