// Runs the real `breakwater` binary (BW_CLI_PATH) in a child process against a control
// block this process created and keeps mapped, as the trading process would: what the
// child does must be visible here through the shared mapping, with no restart.

#include <gtest/gtest.h>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "core/ControlBlock.h"
#include "core/InstrumentTable.h"
#include "core/LimitSet.h"

extern char** environ;

namespace bw {
namespace {

constexpr const char* kInstance = "cli-test";
constexpr const char* kToken = "Cl1-T0ken-c0ffee";

struct CliResult {
  int rc = -1;
  std::string output;  ///< stdout and stderr together
};

class OperatorCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/bw-cli-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    process_.emplace(ControlBlock::openOrCreate(kInstance, dir_));
    process_->configureToken(kToken);
  }
  void TearDown() override {
    EXPECT_EQ(all_.find(kToken), std::string::npos) << all_;
    process_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  /// Spawns `breakwater args... --instance cli-test --state-dir <dir>` and waits for it.
  CliResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), BW_CLI_PATH);
    args.emplace_back("--instance");
    args.emplace_back(kInstance);
    args.emplace_back("--state-dir");
    args.emplace_back(dir_);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    const std::string out_path = dir_ + "/cli.out";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = 0;
    CliResult result;
    const int spawned = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
      ADD_FAILURE() << "cannot spawn " << argv[0] << ": " << spawned;
      return result;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    result.rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::ifstream in(out_path);
    result.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    all_ += result.output;
    return result;
  }

  std::string dir_;
  std::optional<ControlBlock> process_;
  std::string all_;
};

TEST_F(OperatorCliTest, killFromAnotherProcessIsSeenInThisMapping) {
  ASSERT_FALSE(process_->globallyKilled());
  const CliResult r = cli({"kill", "--reason", "test", "--by", "cli-test"});
  ASSERT_EQ(r.rc, 0) << r.output;
  EXPECT_TRUE(process_->globallyKilled());
  const KillView v = process_->readKill(KillScope::kGlobal, 0);
  EXPECT_EQ(v.who, "cli-test");
  EXPECT_EQ(v.why, "test");
}

TEST_F(OperatorCliTest, resetFromAnotherProcessNeedsTheToken) {
  ASSERT_EQ(cli({"kill", "--reason", "test", "--symbol", "BTCUSDT"}).rc, 0);
  const SymbolId btc = InstrumentTable::withDefaults().find("BTCUSDT");
  ASSERT_TRUE(process_->killed(btc, 0));

  CliResult r = cli({"reset", "--confirm-token", "wrong"});
  EXPECT_EQ(r.rc, 3) << r.output;
  EXPECT_NE(r.output.find("confirm token does not match"), std::string::npos) << r.output;
  EXPECT_TRUE(process_->killed(btc, 0));

  r = cli({"reset", "--confirm-token", kToken, "--symbol", "BTCUSDT"});
  EXPECT_EQ(r.rc, 0) << r.output;
  EXPECT_FALSE(process_->killed(btc, 0));
}

TEST_F(OperatorCliTest, limitsAndGateSubcommandsTakeTheInstanceAfterTheirArguments) {
  process_->layout().limit_sets[0].set(LimitKey::kMaxOpenOrders, 20);
  CliResult r = cli({"limits", "set", "max_open_orders", "10"});
  ASSERT_EQ(r.rc, 0) << r.output;
  EXPECT_EQ(process_->liveLimits().get(LimitKey::kMaxOpenOrders), 10);

  r = cli({"limits", "set", "max_open_orders", "30"});
  EXPECT_EQ(r.rc, 3) << r.output;
  EXPECT_EQ(process_->liveLimits().get(LimitKey::kMaxOpenOrders), 10);

  r = cli({"gate", "intent", "dry_run", "--reason", "end of day", "--by", "ops"});
  ASSERT_EQ(r.rc, 0) << r.output;
  EXPECT_EQ(process_->readIntent().who, "ops");

  r = cli({"gate", "--json"});
  ASSERT_EQ(r.rc, 0) << r.output;
  EXPECT_NE(r.output.find("\"layers\":["), std::string::npos) << r.output;

  r = cli({"status", "--json"});
  ASSERT_EQ(r.rc, 0) << r.output;
  EXPECT_NE(r.output.find("\"max_open_orders\":{\"value\":\"10\""), std::string::npos) << r.output;
}

TEST_F(OperatorCliTest, missingInstanceExits2) {
  std::filesystem::remove(ControlBlock::pathFor(kInstance, dir_));
  const CliResult r = cli({"status"});
  EXPECT_EQ(r.rc, 2) << r.output;
  EXPECT_NE(r.output.find(kInstance), std::string::npos) << r.output;
}

}  // namespace
}  // namespace bw
