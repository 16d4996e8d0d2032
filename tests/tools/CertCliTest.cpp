// `breakwater cert` against `breakwater venue`, both the real binary (BW_CLI_PATH) as child
// processes on loopback: the certification the issue asks to pass in ctest. Every one of
// the nine scenarios passes against the venue simulator: replace is answered 35=8 150=5,
// and the mass cancel on kill goes out as 35=q, answered by 35=r.

#include <gtest/gtest.h>

#include <simdjson.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <string>
#include <thread>

#include "ChildProcess.h"

namespace bw {
namespace {

class CertCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/bw-cert-cli-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  /// The port `breakwater venue --port 0` printed, or 0 when none within 10 s.
  std::uint16_t venuePort() const {
    const std::string marker = "listening on port ";
    for (int i = 0; i < 500; ++i) {
      const std::string out = test::readFile(dir_ + "/venue.out");
      const std::size_t at = out.find(marker);
      if (at != std::string::npos && out.find(' ', at + marker.size()) != std::string::npos) {
        return static_cast<std::uint16_t>(std::stoi(out.substr(at + marker.size())));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return 0;
  }

  std::string dir_;
};

TEST_F(CertCliTest, certAgainstTheVenueSimulatorPassesEveryScenarioAndReportsLatency) {
  const std::string config = std::string(BW_SOURCE_DIR) + "/config/breakwater.toml";
  const pid_t venue = test::spawnTo(BW_CLI_PATH, {"venue", "--config", config, "--port", "0"}, dir_ + "/venue.out");
  ASSERT_NE(venue, -1);
  const std::uint16_t port = venuePort();
  ASSERT_NE(port, 0) << test::readFile(dir_ + "/venue.out");

  const pid_t cert = test::spawnTo(BW_CLI_PATH,
                                   {"cert", "--port", std::to_string(port), "--config", config, "--report",
                                    dir_ + "/report.json", "--orders", "30", "--timeout-ms", "3000"},
                                   dir_ + "/cert.out");
  ASSERT_NE(cert, -1);
  const int cert_rc = test::waitFor(cert, 240);
  ASSERT_EQ(::kill(venue, SIGTERM), 0);
  EXPECT_EQ(test::waitFor(venue, 30), 0) << test::readFile(dir_ + "/venue.out");
  const std::string cert_out = test::readFile(dir_ + "/cert.out");
  EXPECT_EQ(cert_rc, 0) << "a scenario failed:\n" << cert_out;
  EXPECT_NE(test::readFile(dir_ + "/venue.out").find("venue stopped: orders "), std::string::npos);

  // The report: --report report.json names the stem; both files are written.
  ASSERT_TRUE(std::filesystem::exists(dir_ + "/report.md")) << cert_out;
  const simdjson::padded_string json = simdjson::padded_string::load(dir_ + "/report.json");
  simdjson::dom::parser parser;
  const simdjson::dom::element doc = parser.parse(json);
  std::map<std::string, std::pair<std::string, std::string>> results;  // name -> result, detail
  for (const simdjson::dom::element s : doc["scenarios"].get_array()) {
    results[std::string(s["name"].get_string().value())] = {std::string(s["result"].get_string().value()),
                                                            std::string(s["detail"].get_string().value())};
  }
  for (const char* name : {"logon", "heartbeat_test_request", "sequence_reset_resend", "new_order_ack",
                           "cancel_canceled", "replace", "reject_handling", "throttle", "mass_cancel_on_kill"}) {
    ASSERT_EQ(results.count(name), 1u) << name << "\n" << cert_out;
    EXPECT_EQ(results[name].first, "pass") << name << ": " << results[name].second;
  }
  EXPECT_NE(results["replace"].second.find("150=5"), std::string::npos) << results["replace"].second;
  EXPECT_NE(results["mass_cancel_on_kill"].second.find("35=r"), std::string::npos)
      << results["mass_cancel_on_kill"].second;
  EXPECT_EQ(results.size(), 9u);
  EXPECT_EQ(doc["passed"].get_uint64().value(), 9u);
  EXPECT_EQ(std::string(doc["result"].get_string().value()), "pass");

  // Latency: the 30 round trips of each kind, percentiles ordered and positive.
  for (const char* kind : {"new_order_ack", "cancel_canceled"}) {
    const simdjson::dom::element l = doc["latency_ns"][kind];
    EXPECT_EQ(l["samples"].get_uint64().value(), 30u) << kind;
    const std::int64_t p50 = l["p50"].get_int64().value();
    const std::int64_t p99 = l["p99"].get_int64().value();
    const std::int64_t max = l["max"].get_int64().value();
    EXPECT_GT(p50, 0) << kind;
    EXPECT_LE(p50, p99) << kind;
    EXPECT_LE(p99, max) << kind;
  }
}

TEST_F(CertCliTest, certWithNoAcceptorFailsEveryScenarioWithinItsTimeouts) {
  // Nothing listens on the port: logon times out, every later scenario fails at once.
  const std::uint16_t port = 1;  // privileged and unused: connect is refused
  const pid_t cert = test::spawnTo(BW_CLI_PATH,
                                   {"cert", "--port", std::to_string(port), "--report", dir_ + "/none",
                                    "--timeout-ms", "200"},
                                   dir_ + "/cert.out");
  ASSERT_NE(cert, -1);
  EXPECT_EQ(test::waitFor(cert, 60), 1) << test::readFile(dir_ + "/cert.out");
  const std::string json = test::readFile(dir_ + "/none.json");
  EXPECT_NE(json.find("\"passed\":0,"), std::string::npos) << json;
  EXPECT_NE(json.find("no logon within 5000 ms"), std::string::npos) << json;
  EXPECT_NE(json.find("not logged on"), std::string::npos) << json;
}

}  // namespace
}  // namespace bw
