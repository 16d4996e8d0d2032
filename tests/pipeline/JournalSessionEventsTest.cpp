// The gateway's FIX session events in the journal (pipeline/JournalSessionEvents.h): a
// session with a venue-forced ResendRequest and session Reject, then a logout, leaves one
// SESSION line for each.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "TestTempDir.h"
#include "core/InstrumentTable.h"
#include "fix/OrderGateway.h"
#include "fix/VenueSimulator.h"
#include "pipeline/Journal.h"
#include "pipeline/JournalReader.h"
#include "pipeline/JournalSessionEvents.h"

namespace bw::pipeline {
namespace {

bool waitFor(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

TEST(JournalSessionEventsTest, journalsLogonResendRejectAndLogoutAsSessionLines) {
  const std::filesystem::path dir = test::testTempDir("journal-session-events");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "journal.tsv").string();
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  {
    Journal journal(path, 4096, instruments);
    journal.start();
    fix::VenueConfig venue_config;
    venue_config.store_dir = (dir / "store").string();
    fix::VenueSimulator venue(venue_config, instruments);
    venue.start();
    fix::FixEndpoint endpoint;
    endpoint.port = venue.port();
    endpoint.store = fix::FixEndpoint::Store::kFile;
    endpoint.store_dir = (dir / "store").string();
    JournalSessionEvents sink(journal);
    fix::OrderGateway gateway(endpoint, instruments);
    gateway.setSessionEventSink(&sink);
    gateway.start();
    ASSERT_TRUE(gateway.waitLoggedOn(std::chrono::seconds(5)));
    const auto seen = [&gateway](fix::SessionEventKind k) {
      return gateway.counters().session_events[static_cast<std::size_t>(k)].load();
    };
    venue.injectFault(fix::VenueFault::kResendRequest, 1);
    // pollSession: on the fast send path (the default) this thread runs the session.
    ASSERT_TRUE(waitFor([&] {
      gateway.pollSession();
      return seen(fix::SessionEventKind::kSequenceReset) >= 1;
    }));
    venue.injectFault(fix::VenueFault::kSessionReject, 2);
    ASSERT_TRUE(waitFor([&] {
      gateway.pollSession();
      return seen(fix::SessionEventKind::kSessionReject) == 1;
    }));
    gateway.stop();
    venue.stop();
    journal.stop();
  }
  const JournalReadResult read = readJournal(path);
  ASSERT_TRUE(read.ok());
  std::string session;
  for (const JournalRecord& r : read.records) {
    if (r.type == JournalEventType::kSession) session += r.text + "\n";
  }
  const auto has = [&session](const char* line) { return session.find(line) != std::string::npos; };
  EXPECT_TRUE(has("attach fix session\n")) << session;
  EXPECT_TRUE(has("fix logon_attempt Logon 34=1\n")) << session;
  EXPECT_TRUE(has("fix logon in 34=1 out 34=1\n")) << session;
  EXPECT_TRUE(has("fix resend_request_received 7=1 16=0\n")) << session;
  EXPECT_TRUE(has("fix sequence_reset out gapfill 34=1 36=2\n")) << session;  // our Logon is not resent
  EXPECT_TRUE(has("fix session_reject in 45=2 373=99 venue fault: session reject\n")) << session;
  EXPECT_TRUE(has("fix logout ours: Breakwater gateway stopping\n")) << session;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bw::pipeline
