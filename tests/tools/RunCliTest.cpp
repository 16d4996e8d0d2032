// `breakwater run` end to end: the real binary (BW_CLI_PATH) fed by `breakwater capture
// serve` over TCP on loopback, both as child processes. Proves the live pipeline counts
// exactly the ticks it was asked to take, and that SIGTERM ends a run with its summary.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "ChildProcess.h"
#include "feed/LineSender.h"

namespace bw {
namespace {

std::string tradeLine(std::uint64_t id) {
  std::string line = std::to_string(1'723'161'254'087'896'568ULL + id * 1'000'000);
  line += R"( {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":)";
  line += std::to_string(id);
  line += R"(,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}})";
  return line;
}

class RunCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/bw-run-cli-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  /// Starts `breakwater args...` with stdout+stderr to <dir>/<tag>.out.
  pid_t spawn(std::vector<std::string> args, const std::string& tag) {
    const pid_t pid = test::spawnTo(BW_CLI_PATH, std::move(args), dir_ + "/" + tag + ".out");
    EXPECT_NE(pid, -1) << "cannot spawn " << BW_CLI_PATH;
    return pid;
  }
  static int wait(pid_t pid, int seconds) { return test::waitFor(pid, seconds); }
  std::string read(const std::string& name) const { return test::readFile(dir_ + "/" + name); }
  static std::uint16_t freePort() { return feed::TcpLineServer(0).port(); }
  std::vector<std::string> runArgs(std::uint16_t port) const {
    return {"run", "--config", std::string(BW_SOURCE_DIR) + "/config/breakwater.toml", "--tcp",
            "127.0.0.1:" + std::to_string(port), "--work-dir", dir_ + "/work"};
  }

  std::string dir_;
};

TEST_F(RunCliTest, runAgainstCaptureServeTakesExactlyMaxTicks) {
  std::string capture;
  for (std::uint64_t i = 1; i <= 3'000; ++i) capture += tradeLine(i) + "\n";
  capture += "not a tick\n";
  std::ofstream(dir_ + "/capture.jsonl") << capture;
  const std::uint16_t port = freePort();
  const pid_t serve = spawn({"capture", "serve", "--tcp", std::to_string(port), dir_ + "/capture.jsonl"}, "serve");
  std::vector<std::string> args = runArgs(port);
  args.insert(args.end(), {"--max-ticks", "2000", "--json", dir_ + "/summary.json"});
  const pid_t run = spawn(args, "run");
  const int run_rc = wait(run, 120);
  const int serve_rc = wait(serve, 30);
  ASSERT_EQ(run_rc, 0) << read("run.out");
  EXPECT_EQ(serve_rc, 0) << read("serve.out");
  const std::string json = read("summary.json");
  EXPECT_NE(json.find("\"ticks\": 2000,"), std::string::npos) << json;
  EXPECT_NE(json.find("\"captures\": [\"tcp://127.0.0.1:" + std::to_string(port) + "\"]"), std::string::npos) << json;
  EXPECT_NE(json.find("\"live_sources\": [{\"name\":\"tcp://127.0.0.1:" + std::to_string(port) + "\",\"lines\":2000,\"ticks\":2000"),
            std::string::npos)
      << json;
  EXPECT_NE(read("run.out").find("live sources:"), std::string::npos) << read("run.out");
  EXPECT_NE(read("serve.out").find("served 3001 lines"), std::string::npos) << read("serve.out");
}

/// The unsigned integer after `"key": ` in a summary, or -1 when the key is missing.
long long jsonCount(const std::string& json, const std::string& key) {
  const std::size_t at = json.find("\"" + key + "\": ");
  return at == std::string::npos ? -1 : std::stoll(json.substr(at + key.size() + 4));
}

// A live market gone quiet still has its time bars closed on time: the feed thread hands
// the engine a clock tick from the wall clock at each boundary (feed/BarClock.h), so the
// strategy's 1s bars close, flat, with no message after the first few.
TEST_F(RunCliTest, aQuietLiveStreamStillClosesItsTimeBarsOnTheWallClock) {
  std::string capture;
  for (std::uint64_t i = 1; i <= 5; ++i) capture += tradeLine(i) + "\n";
  std::ofstream(dir_ + "/capture.jsonl") << capture;
  const std::uint16_t port = freePort();
  const pid_t serve = spawn({"capture", "serve", "--tcp", std::to_string(port), dir_ + "/capture.jsonl"}, "serve");
  std::vector<std::string> args = runArgs(port);
  args.insert(args.end(), {"--duration", "3.5", "--json", dir_ + "/summary.json"});
  const pid_t run = spawn(args, "run");
  ASSERT_EQ(wait(run, 120), 0) << read("run.out");
  EXPECT_EQ(wait(serve, 30), 0) << read("serve.out");
  const std::string json = read("summary.json");
  EXPECT_EQ(jsonCount(json, "ticks"), 5) << json;
  // The five trades arrive within the first second; 3.5 s of silence follow.
  EXPECT_GE(jsonCount(json, "clock_ticks"), 2) << json;
  EXPECT_GE(jsonCount(json, "bars"), 2) << "the trades' bar and at least one flat one after it\n" << json;
}

TEST_F(RunCliTest, sigtermEndsARunWaitingForItsSourceAndPrintsTheSummary) {
  const pid_t run = spawn(runArgs(freePort()), "run");  // nothing listens: refused, retrying
  std::this_thread::sleep_for(std::chrono::milliseconds(1'500));
  ASSERT_EQ(::kill(run, SIGTERM), 0);
  ASSERT_EQ(wait(run, 60), 0) << read("run.out");
  const std::string out = read("run.out");
  EXPECT_NE(out.find("0 ticks"), std::string::npos) << out;
  EXPECT_NE(out.find("connect failed: Connection refused"), std::string::npos) << out;
  EXPECT_EQ(out.find("connect failures 0"), std::string::npos) << out;
}

TEST_F(RunCliTest, replayTakesTheCoresAndIdleModesFromTheCommandLineAndRefusesBadOnes) {
  std::string capture;
  for (std::uint64_t i = 1; i <= 500; ++i) capture += tradeLine(i) + "\n";
  std::ofstream(dir_ + "/capture.jsonl") << capture;
  const std::vector<std::string> base = {"replay", "--config", std::string(BW_SOURCE_DIR) + "/config/breakwater.toml",
                                         "--work-dir", dir_ + "/work"};
  std::vector<std::string> args = base;
  // The order thread spins (a short run): it keeps its send path warm while idle.
  args.insert(args.end(), {"--cores", "0,0,1,0", "--idle", "yield,backoff,spin", "--json", dir_ + "/summary.json",
                           dir_ + "/capture.jsonl"});
  ASSERT_EQ(wait(spawn(args, "layout"), 120), 0) << read("layout.out");
  const std::string json = read("summary.json");
  EXPECT_NE(json.find("\"cores\": {\"engine\": 0, \"feed\": 0, \"helpers\": 0, \"order\": 1}"), std::string::npos)
      << json;
  EXPECT_NE(json.find("\"idle\": {\"engine\": \"backoff\", \"feed\": \"yield\", \"order\": \"spin\"}"),
            std::string::npos)
      << json;
  const std::size_t warm = json.find("\"send_path_warm_ups\": ");
  ASSERT_NE(warm, std::string::npos) << json;
  EXPECT_GT(std::stoull(json.substr(warm + 22)), 0u) << "a spinning order thread warms its send path";
  const std::vector<std::vector<std::string>> refused = {
      {"--idle", "nap"}, {"--idle", "spin,spin"}, {"--cores", "0,1"}, {"--cores", "0,1,x"}, {"--cores", "0,1,-2"}};
  for (const auto& bad : refused) {
    args = base;
    args.insert(args.end(), bad.begin(), bad.end());
    args.push_back(dir_ + "/capture.jsonl");
    EXPECT_EQ(wait(spawn(args, "bad"), 60), 2) << bad[0] << " " << bad[1];
    EXPECT_NE(read("bad.out").find("breakwater replay: " + bad[0] + " must be"), std::string::npos) << read("bad.out");
  }
}

}  // namespace
}  // namespace bw
