#include "tools/OperatorCommands.h"

#include <gtest/gtest.h>

#include <stdlib.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>

#include "core/Config.h"
#include "core/Decimal.h"
#include "core/ControlBlock.h"
#include "core/InstrumentTable.h"
#include "core/LimitSet.h"
#include "risk/KillSwitch.h"
#include "risk/RejectCode.h"
#ifdef BW_OPERATOR_HAVE_JOURNAL
#include "tools/JournalExportCommand.h"
#endif

namespace bw::tools {
namespace {

constexpr const char* kInstance = "ops-test";
constexpr const char* kToken = "Sekr1t-T0ken-7f3a";  // must never appear in any output

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

/// A temporary state directory with a block created as the running process would
/// (openOrCreate, token configured, live and shadow sets loaded with the defaults); each
/// command runs against it through openExisting, like the CLI in another process.
class OperatorCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/bw-ops-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    target_ = {kInstance, dir_};
    process_.emplace(ControlBlock::openOrCreate(kInstance, dir_));
    process_->configureToken(kToken);
    process_->layout().limit_sets[0].store(defaultLimitValues());
    process_->layout().limit_sets[1].store(defaultLimitValues());
  }
  void TearDown() override {
    // Whatever a test ran, the token text never reached a stream.
    EXPECT_FALSE(contains(all_, kToken)) << all_;
    process_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  /// Runs one command with fresh streams; out_/err_ hold what it wrote.
  int run(const std::function<int(Io)>& command) {
    std::ostringstream out;
    std::ostringstream err;
    const int rc = command(Io{out, err});
    out_ = out.str();
    err_ = err.str();
    all_ += out_;
    all_ += err_;
    return rc;
  }

  [[nodiscard]] ControlBlock& block() { return *process_; }
  [[nodiscard]] std::int64_t live(LimitKey k) { return block().liveLimits().get(k); }

  std::string dir_;
  InstanceArgs target_;
  std::optional<ControlBlock> process_;
  std::string out_;
  std::string err_;
  std::string all_;
};

// ---- kill ----

TEST_F(OperatorCommandsTest, killThenStatusShowsReasonWhoWhy) {
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {}, "fat finger on desk 3", "alice", io); }), kExitOk) << err_;
  EXPECT_TRUE(contains(out_, "tripped the global kill")) << out_;
  ASSERT_TRUE(block().globallyKilled());
  const KillView v = block().readKill(KillScope::kGlobal, 0);
  EXPECT_EQ(v.reason, static_cast<std::uint8_t>(risk::KillReason::kOperator));
  EXPECT_EQ(v.who, "alice");
  EXPECT_EQ(v.why, "fat finger on desk 3");

  ASSERT_EQ(run([&](Io io) { return statusCommand(target_, false, io); }), kExitOk) << err_;
  EXPECT_TRUE(contains(out_, "global: TRIPPED OPERATOR by alice at ")) << out_;
  EXPECT_TRUE(contains(out_, ": fat finger on desk 3")) << out_;
  EXPECT_TRUE(contains(out_, "Z: fat finger")) << "UTC ISO-8601 time: " << out_;
}

TEST_F(OperatorCommandsTest, killBySymbolTripsOnlyThatSymbol) {
  const SymbolId eth = InstrumentTable::withDefaults().find("ETHUSDT");
  ASSERT_NE(eth, kNoSymbol);
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {"ETHUSDT", ""}, "venue halt", "bob", io); }), kExitOk)
      << err_;
  EXPECT_FALSE(block().globallyKilled());
  EXPECT_TRUE(block().killed(eth, 0));
  const SymbolId btc = InstrumentTable::withDefaults().find("BTCUSDT");
  EXPECT_FALSE(block().killed(btc, 0));
  ASSERT_EQ(run([&](Io io) { return statusCommand(target_, false, io); }), kExitOk);
  EXPECT_TRUE(contains(out_, "symbol ETHUSDT: TRIPPED OPERATOR by bob")) << out_;
  EXPECT_TRUE(contains(out_, "global: clear")) << out_;
}

TEST_F(OperatorCommandsTest, killByStrategyTripsThatStrategy) {
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {"", "3"}, "bad signal", "carol", io); }), kExitOk) << err_;
  EXPECT_TRUE(block().killed(kNoSymbol, 3));
  EXPECT_FALSE(block().killed(kNoSymbol, 2));
  EXPECT_EQ(run([&](Io io) { return killCommand(target_, {"", "16"}, "x", "carol", io); }), kExitUsage);
  EXPECT_TRUE(contains(err_, "strategy '16'")) << err_;
  EXPECT_EQ(run([&](Io io) { return killCommand(target_, {"", "-1"}, "x", "carol", io); }), kExitUsage);
}

TEST_F(OperatorCommandsTest, killUnknownSymbolExits2NamingIt) {
  EXPECT_EQ(run([&](Io io) { return killCommand(target_, {"DOGEUSDT", ""}, "x", "", io); }), kExitUsage);
  EXPECT_TRUE(contains(err_, "unknown symbol 'DOGEUSDT'")) << err_;
  EXPECT_FALSE(block().killed(0, 0));
}

TEST_F(OperatorCommandsTest, killNeedsAReason) {
  EXPECT_EQ(run([&](Io io) { return killCommand(target_, {}, "   ", "alice", io); }), kExitUsage);
  EXPECT_TRUE(contains(err_, "--reason")) << err_;
  EXPECT_FALSE(block().globallyKilled());
}

TEST_F(OperatorCommandsTest, killAlreadyTrippedKeepsAndShowsTheFirstRecord) {
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {}, "first", "alice", io); }), kExitOk);
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {}, "second", "bob", io); }), kExitOk);
  EXPECT_TRUE(contains(out_, "already tripped")) << out_;
  EXPECT_TRUE(contains(out_, "alice")) << out_;
  EXPECT_TRUE(contains(out_, "first")) << out_;
  EXPECT_EQ(block().readKill(KillScope::kGlobal, 0).who, "alice");
}

TEST_F(OperatorCommandsTest, killWhoDefaultsToUser) {
  const char* saved = std::getenv("USER");
  const std::string saved_user = saved != nullptr ? saved : "";
  ::setenv("USER", "dave", 1);
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {}, "check", "", io); }), kExitOk);
  if (saved != nullptr) {
    ::setenv("USER", saved_user.c_str(), 1);
  } else {
    ::unsetenv("USER");
  }
  EXPECT_EQ(block().readKill(KillScope::kGlobal, 0).who, "dave");
}

// ---- reset ----

TEST_F(OperatorCommandsTest, resetWithWrongTokenIsRefusedAndTheKillStays) {
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {}, "stop", "alice", io); }), kExitOk);
  EXPECT_EQ(run([&](Io io) { return resetCommand(target_, {}, "wrong-token", io); }), kExitRefused);
  EXPECT_TRUE(contains(err_, "confirm token does not match")) << err_;
  EXPECT_FALSE(contains(err_, "wrong-token")) << err_;
  EXPECT_TRUE(block().globallyKilled());
  EXPECT_EQ(run([&](Io io) { return resetCommand(target_, {}, "", io); }), kExitRefused);
  EXPECT_TRUE(block().globallyKilled());
}

TEST_F(OperatorCommandsTest, resetWithoutConfiguredTokenIsRefused) {
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {}, "stop", "alice", io); }), kExitOk);
  block().configureToken("");
  EXPECT_EQ(run([&](Io io) { return resetCommand(target_, {}, kToken, io); }), kExitRefused);
  EXPECT_TRUE(contains(err_, "no confirm token configured for instance ops-test: set [live] confirm_token")) << err_;
  EXPECT_TRUE(block().globallyKilled());
}

TEST_F(OperatorCommandsTest, resetWithTheTokenClearsEveryKillAndTheForcedDryRun) {
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {}, "stop", "alice", io); }), kExitOk);
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {"BTCUSDT", ""}, "stop btc", "alice", io); }), kExitOk);
  block().forceDryRun(ForcedDryRun::kKillsPerDay);
  block().setTradingState(TradingState::kReducing);
  ASSERT_EQ(run([&](Io io) { return resetCommand(target_, {}, kToken, io); }), kExitOk) << err_;
  EXPECT_FALSE(block().globallyKilled());
  EXPECT_FALSE(block().killed(InstrumentTable::withDefaults().find("BTCUSDT"), 0));
  EXPECT_EQ(block().forcedDryRun(), ForcedDryRun::kNone);
  EXPECT_EQ(block().tradingState(), TradingState::kReducing) << "reset leaves the trading state alone";
  EXPECT_TRUE(contains(out_, "cleared global kill")) << out_;
  EXPECT_TRUE(contains(out_, "cleared kill for symbol BTCUSDT")) << out_;
  EXPECT_TRUE(contains(out_, "KILLS_PER_DAY")) << out_;
}

TEST_F(OperatorCommandsTest, resetWithAScopeClearsOnlyThatKill) {
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {}, "stop", "alice", io); }), kExitOk);
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {"BTCUSDT", ""}, "stop btc", "alice", io); }), kExitOk);
  ASSERT_EQ(run([&](Io io) { return resetCommand(target_, {"BTCUSDT", ""}, kToken, io); }), kExitOk) << err_;
  EXPECT_TRUE(contains(out_, "cleared the kill for symbol BTCUSDT")) << out_;
  EXPECT_TRUE(block().globallyKilled());
  EXPECT_TRUE(block().readKill(KillScope::kGlobal, 0).tripped);
  EXPECT_FALSE(block().readKill(KillScope::kSymbol, InstrumentTable::withDefaults().find("BTCUSDT")).tripped);
}

TEST_F(OperatorCommandsTest, theTokenNeverAppearsInAnyOutput) {
  // Every command that takes the token, with the right one and a wrong one that contains
  // it; TearDown checks every byte written.
  const std::string near_miss = std::string(kToken) + "x";
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {}, "stop", "alice", io); }), kExitOk);
  EXPECT_EQ(run([&](Io io) { return resetCommand(target_, {}, near_miss, io); }), kExitRefused);
  EXPECT_EQ(run([&](Io io) { return resetCommand(target_, {}, kToken, io); }), kExitOk);
  EXPECT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_orders_per_sec", "100000", near_miss, false, io); }),
            kExitRefused);
  EXPECT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_orders_per_sec", "100000", kToken, false, io); }),
            kExitOk);
  EXPECT_EQ(run([&](Io io) { return gateIntentCommand(target_, "live", "go", "alice", near_miss, io); }), kExitRefused);
  EXPECT_EQ(run([&](Io io) { return gateIntentCommand(target_, "live", "go", "alice", kToken, io); }), kExitOk);
  EXPECT_EQ(run([&](Io io) { return stateCommand(target_, "HALTED", kToken, io); }), kExitOk);
  EXPECT_EQ(run([&](Io io) { return stateCommand(target_, "ACTIVE", near_miss, io); }), kExitRefused);
  EXPECT_EQ(run([&](Io io) { return stateCommand(target_, "ACTIVE", kToken, io); }), kExitOk);
  EXPECT_EQ(run([&](Io io) { return limitsPromoteShadowCommand(target_, kToken, io); }), kExitOk);
  EXPECT_EQ(run([&](Io io) { return statusCommand(target_, false, io); }), kExitOk);
  EXPECT_EQ(run([&](Io io) { return statusCommand(target_, true, io); }), kExitOk);
  EXPECT_EQ(run([&](Io io) { return gateShowCommand(target_, true, io); }), kExitOk);
  EXPECT_FALSE(contains(all_, kToken));
}

// ---- limits ----

TEST_F(OperatorCommandsTest, limitsSetTightensWithoutTheToken) {
  const std::int64_t before = live(LimitKey::kMaxOrderQty);
  ASSERT_GT(before, 100'000);
  ASSERT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_order_qty", "0.001", "", false, io); }), kExitOk)
      << err_;
  EXPECT_EQ(live(LimitKey::kMaxOrderQty), 100'000);
  EXPECT_TRUE(contains(out_, "max_order_qty: ")) << out_;
  EXPECT_TRUE(contains(out_, "-> 0.001 base (tightened)")) << out_;

  // A "lower loosens" limit tightens upward.
  const std::int64_t window = live(LimitKey::kDuplicateWindowMs);
  const std::string higher = std::to_string(window + 1);
  ASSERT_EQ(run([&](Io io) { return limitsSetCommand(target_, "duplicate_window_ms", higher, "", false, io); }), kExitOk)
      << err_;
  EXPECT_EQ(live(LimitKey::kDuplicateWindowMs), window + 1);
  EXPECT_TRUE(contains(out_, "(tightened)")) << out_;
}

TEST_F(OperatorCommandsTest, limitsSetLoosenWithoutTheTokenIsRefusedAndLeavesTheValue) {
  const std::int64_t before = live(LimitKey::kMaxOrderNotional);
  const std::string looser = formatDecimal(before + kScale);
  EXPECT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_order_notional", looser, "", false, io); }),
            kExitRefused);
  EXPECT_TRUE(contains(err_, "loosening max_order_notional needs the confirm token")) << err_;
  EXPECT_EQ(live(LimitKey::kMaxOrderNotional), before);
  EXPECT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_order_notional", looser, "nope", false, io); }),
            kExitRefused);
  EXPECT_TRUE(contains(err_, "confirm token does not match")) << err_;
  EXPECT_EQ(live(LimitKey::kMaxOrderNotional), before);
}

TEST_F(OperatorCommandsTest, limitsSetLoosenWithTheTokenApplies) {
  const std::int64_t before = live(LimitKey::kMaxOpenOrders);
  const std::string looser = std::to_string(before + 5);
  ASSERT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_open_orders", looser, kToken, false, io); }), kExitOk)
      << err_;
  EXPECT_EQ(live(LimitKey::kMaxOpenOrders), before + 5);
  EXPECT_TRUE(contains(out_, "(loosened)")) << out_;
  EXPECT_TRUE(contains(out_, "max_open_orders: " + std::to_string(before) + " count -> " + looser + " count")) << out_;
}

TEST_F(OperatorCommandsTest, limitsSetRefusesBadValuesNamingThem) {
  const LimitValues before = block().liveLimits().snapshot();
  EXPECT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_order_qty", "0", kToken, false, io); }), kExitUsage);
  EXPECT_TRUE(contains(err_, "max_order_qty")) << err_;
  EXPECT_TRUE(contains(err_, "out of range")) << err_;
  EXPECT_TRUE(contains(err_, "> 0 and <= 1000000000 base")) << err_;

  EXPECT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_order_qty", "-1", kToken, false, io); }), kExitUsage);
  EXPECT_TRUE(contains(err_, "out of range")) << err_;

  EXPECT_EQ(run([&](Io io) { return limitsSetCommand(target_, "price_collar_bps", "10001", kToken, false, io); }),
            kExitUsage);
  EXPECT_TRUE(contains(err_, "price_collar_bps: 10001 is out of range: must be >= 1 and <= 10000 bps")) << err_;

  EXPECT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_open_orders", "1.5", kToken, false, io); }),
            kExitUsage);
  EXPECT_TRUE(contains(err_, "not a whole number")) << err_;

  EXPECT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_order_qty", "0.000000001", kToken, false, io); }),
            kExitUsage);
  EXPECT_TRUE(contains(err_, "more than 8 decimal places")) << err_;

  EXPECT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_order_qty", "1e3", kToken, false, io); }), kExitUsage);
  EXPECT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_open_orders", "99999999999999999999", kToken, false,
                                                     io); }),
            kExitUsage);
  EXPECT_TRUE(contains(err_, "too large")) << err_;

  EXPECT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_ordr_qty", "1", kToken, false, io); }), kExitUsage);
  EXPECT_EQ(err_, "breakwater: unknown limit 'max_ordr_qty' (see `breakwater limits show`)\n");

  EXPECT_EQ(block().liveLimits().snapshot(), before) << "no refused value was stored";
}

TEST_F(OperatorCommandsTest, limitsSetShadowLeavesTheLiveSetAndPromoteNeedsTheTokenToLoosen) {
  const std::int64_t live_before = live(LimitKey::kMaxOrderQty);
  const std::string looser = formatDecimal(live_before * 2);
  ASSERT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_order_qty", looser, "", true, io); }), kExitOk)
      << err_;
  EXPECT_TRUE(contains(out_, "max_order_qty (shadow): ")) << out_;
  EXPECT_EQ(live(LimitKey::kMaxOrderQty), live_before);
  EXPECT_EQ(block().shadowLimits().get(LimitKey::kMaxOrderQty), live_before * 2);

  ASSERT_EQ(run([&](Io io) { return limitsShowCommand(target_, false, io); }), kExitOk);
  EXPECT_TRUE(contains(out_, "(live " + formatDecimal(live_before) + " base)")) << out_;

  EXPECT_EQ(run([&](Io io) { return limitsPromoteShadowCommand(target_, "", io); }), kExitRefused);
  EXPECT_TRUE(contains(err_, "loosens max_order_qty")) << err_;
  EXPECT_EQ(live(LimitKey::kMaxOrderQty), live_before);

  ASSERT_EQ(run([&](Io io) { return limitsPromoteShadowCommand(target_, kToken, io); }), kExitOk) << err_;
  EXPECT_EQ(live(LimitKey::kMaxOrderQty), live_before * 2);
  EXPECT_EQ(block().shadowLimits().get(LimitKey::kMaxOrderQty), live_before);
}

TEST_F(OperatorCommandsTest, promoteShadowThatOnlyTightensNeedsNoToken) {
  const std::int64_t live_before = live(LimitKey::kMaxOpenOrders);
  ASSERT_EQ(run([&](Io io) { return limitsSetCommand(target_, "max_open_orders", "1", "", true, io); }), kExitOk);
  ASSERT_EQ(run([&](Io io) { return limitsPromoteShadowCommand(target_, "", io); }), kExitOk) << err_;
  EXPECT_EQ(live(LimitKey::kMaxOpenOrders), 1);
  EXPECT_TRUE(contains(out_, "max_open_orders: " + std::to_string(live_before) + " count -> 1 count (tightened)"))
      << out_;
}

TEST_F(OperatorCommandsTest, limitsShowListsEveryLimitWithItsUnit) {
  ASSERT_EQ(run([&](Io io) { return limitsShowCommand(target_, false, io); }), kExitOk);
  for (const LimitInfo& info : kLimitInfo) EXPECT_TRUE(contains(out_, info.name)) << info.name;
  EXPECT_TRUE(contains(out_, " USDT")) << out_;
  EXPECT_TRUE(contains(out_, "higher loosens")) << out_;
  ASSERT_EQ(run([&](Io io) { return limitsShowCommand(target_, true, io); }), kExitOk);
  EXPECT_TRUE(contains(out_, "\"limits\":{\"max_order_qty\":{\"value\":")) << out_;
  EXPECT_TRUE(contains(out_, "\"loosens\":\"lower\"")) << out_;
}

// ---- gate and state ----

TEST_F(OperatorCommandsTest, gateShowsFiveLayersAndTheVerdict) {
  ASSERT_EQ(run([&](Io io) { return gateShowCommand(target_, false, io); }), kExitOk) << err_;
  for (const char* layer : {"1. execution_mode", "2. operator_intent", "3. confirm_token", "4. promotion",
                            "5. stop_signals"}) {
    EXPECT_TRUE(contains(out_, layer)) << layer << "\n" << out_;
  }
  EXPECT_TRUE(contains(out_, "live gate: CLOSED")) << out_;
  EXPECT_TRUE(contains(out_, "CLOSED  configured DRY_RUN")) << out_;
  EXPECT_TRUE(contains(out_, "OPEN    kill clear, trading state ACTIVE")) << out_;
}

TEST_F(OperatorCommandsTest, gateOpensWhenEveryLayerAgrees) {
  ControlBlockLayout& l = block().layout();
  l.configured_mode.store(static_cast<std::uint8_t>(ExecutionMode::kLive));
  l.token_ok.store(1);
  block().setPromotion(true, "paper: 60 trades, expectancy 0.4");
  ASSERT_EQ(run([&](Io io) { return gateIntentCommand(target_, "live", "go live", "alice", kToken, io); }), kExitOk);
  ASSERT_EQ(run([&](Io io) { return gateShowCommand(target_, true, io); }), kExitOk);
  EXPECT_TRUE(contains(out_, "{\"instance\":\"ops-test\",\"open\":true,\"layers\":[")) << out_;
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {}, "stop", "bob", io); }), kExitOk);
  ASSERT_EQ(run([&](Io io) { return gateShowCommand(target_, false, io); }), kExitOk);
  EXPECT_TRUE(contains(out_, "live gate: CLOSED (1 of 5 layers closed")) << out_;
  EXPECT_TRUE(contains(out_, "kill switch tripped: OPERATOR by bob")) << out_;
}

TEST_F(OperatorCommandsTest, intentLiveNeedsTheTokenAndDryRunDoesNot) {
  EXPECT_EQ(run([&](Io io) { return gateIntentCommand(target_, "live", "go", "alice", "", io); }), kExitRefused);
  EXPECT_TRUE(contains(err_, "setting the operator intent to LIVE needs the confirm token")) << err_;
  EXPECT_EQ(block().readIntent().mode, static_cast<std::uint8_t>(ExecutionMode::kDryRun));
  EXPECT_EQ(run([&](Io io) { return gateIntentCommand(target_, "live", "go", "alice", "bad", io); }), kExitRefused);
  EXPECT_EQ(block().readIntent().mode, static_cast<std::uint8_t>(ExecutionMode::kDryRun));

  ASSERT_EQ(run([&](Io io) { return gateIntentCommand(target_, "live", "graduated", "alice", kToken, io); }), kExitOk)
      << err_;
  ControlBlock::IntentView intent = block().readIntent();
  EXPECT_EQ(intent.mode, static_cast<std::uint8_t>(ExecutionMode::kLive));
  EXPECT_EQ(intent.who, "alice");
  EXPECT_EQ(intent.reason, "graduated");
  EXPECT_TRUE(contains(out_, "DRY_RUN -> LIVE by alice: graduated")) << out_;

  ASSERT_EQ(run([&](Io io) { return gateIntentCommand(target_, "dry_run", "end of day", "bob", "", io); }), kExitOk)
      << err_;
  intent = block().readIntent();
  EXPECT_EQ(intent.mode, static_cast<std::uint8_t>(ExecutionMode::kDryRun));
  EXPECT_EQ(intent.who, "bob");

  EXPECT_EQ(run([&](Io io) { return gateIntentCommand(target_, "paperz", "x", "bob", "", io); }), kExitUsage);
  EXPECT_TRUE(contains(err_, "unknown intent 'paperz'")) << err_;
  EXPECT_EQ(run([&](Io io) { return gateIntentCommand(target_, "dry_run", " ", "bob", "", io); }), kExitUsage);
}

TEST_F(OperatorCommandsTest, stateTightensAtOnceAndLoosensWithTheToken) {
  ASSERT_EQ(run([&](Io io) { return stateCommand(target_, "REDUCING", "", io); }), kExitOk) << err_;
  EXPECT_EQ(block().tradingState(), TradingState::kReducing);
  EXPECT_TRUE(contains(out_, "ACTIVE -> REDUCING (tightened)")) << out_;
  ASSERT_EQ(run([&](Io io) { return stateCommand(target_, "halted", "", io); }), kExitOk) << err_;
  EXPECT_EQ(block().tradingState(), TradingState::kHalted);

  EXPECT_EQ(run([&](Io io) { return stateCommand(target_, "REDUCING", "", io); }), kExitRefused);
  EXPECT_TRUE(contains(err_, "moving trading state from HALTED to REDUCING needs the confirm token")) << err_;
  EXPECT_EQ(block().tradingState(), TradingState::kHalted);
  EXPECT_EQ(run([&](Io io) { return stateCommand(target_, "ACTIVE", "bad", io); }), kExitRefused);
  EXPECT_EQ(block().tradingState(), TradingState::kHalted);

  ASSERT_EQ(run([&](Io io) { return stateCommand(target_, "ACTIVE", kToken, io); }), kExitOk) << err_;
  EXPECT_EQ(block().tradingState(), TradingState::kActive);
  EXPECT_TRUE(contains(out_, "HALTED -> ACTIVE (loosened)")) << out_;

  ASSERT_EQ(run([&](Io io) { return stateCommand(target_, "ACTIVE", "", io); }), kExitOk);
  EXPECT_TRUE(contains(out_, "(unchanged)")) << out_;
  EXPECT_EQ(run([&](Io io) { return stateCommand(target_, "PAUSED", "", io); }), kExitUsage);
  EXPECT_TRUE(contains(err_, "unknown trading state 'PAUSED'")) << err_;
}

TEST_F(OperatorCommandsTest, changesBumpChangeSeqForTheJournal) {
  const std::uint64_t seq = block().layout().change_seq.load();
  ASSERT_EQ(run([&](Io io) { return stateCommand(target_, "HALTED", "", io); }), kExitOk);
  EXPECT_GT(block().layout().change_seq.load(), seq);
  const std::uint64_t seq2 = block().layout().change_seq.load();
  ASSERT_EQ(run([&](Io io) { return statusCommand(target_, false, io); }), kExitOk);
  EXPECT_EQ(block().layout().change_seq.load(), seq2) << "reading changes nothing";
}

// ---- status ----

TEST_F(OperatorCommandsTest, statusOnAMissingInstanceExits2NamingIt) {
  const InstanceArgs missing{"no-such-instance", dir_};
  EXPECT_EQ(run([&](Io io) { return statusCommand(missing, false, io); }), kExitUsage);
  EXPECT_TRUE(contains(err_, "no-such-instance")) << err_;
  EXPECT_TRUE(contains(err_, dir_ + "/no-such-instance.ctl")) << err_;
  EXPECT_TRUE(out_.empty()) << out_;
  EXPECT_EQ(run([&](Io io) { return killCommand(missing, {}, "x", "y", io); }), kExitUsage);
  EXPECT_EQ(run([&](Io io) { return gateShowCommand(missing, false, io); }), kExitUsage);
}

TEST_F(OperatorCommandsTest, statusOnAForeignOrCorruptFileExits2NamingThePath) {
  const std::string path = ControlBlock::pathFor("foreign", dir_);
  {
    std::ofstream f(path, std::ios::binary);
    f << "not a control block";
  }
  EXPECT_EQ(run([&](Io io) { return statusCommand({"foreign", dir_}, false, io); }), kExitUsage);
  EXPECT_TRUE(contains(err_, path)) << err_;
  EXPECT_EQ(run([&](Io io) { return statusCommand({"bad/name", dir_}, false, io); }), kExitUsage);
  EXPECT_TRUE(contains(err_, "invalid instance name")) << err_;
}

TEST_F(OperatorCommandsTest, statusShowsModesLimitsCountersAndUsage) {
  ControlBlockLayout& l = block().layout();
  l.owner_pid.store(static_cast<std::int32_t>(::getpid()));
  l.heartbeat_ns.store(wallClockNs());
  l.configured_mode.store(static_cast<std::uint8_t>(ExecutionMode::kLive));
  block().forceDryRun(ForcedDryRun::kLossPastLimit);
  l.accepted.store(41);
  l.rejects[static_cast<std::size_t>(risk::RejectCode::kPriceCollar)].store(3);
  l.shadow_rejects[static_cast<std::size_t>(risk::RejectCode::kMaxOrderQty)].store(2);
  l.usage[static_cast<std::size_t>(UsageKey::kReservedNotional)].store(125 * kScale / 10);
  l.usage[static_cast<std::size_t>(UsageKey::kOpenOrders)].store(4);
  l.shadow_enabled.store(1);
  block().setLimit(LimitKey::kMaxOpenOrders, 7, true);

  ASSERT_EQ(run([&](Io io) { return statusCommand(target_, false, io); }), kExitOk) << err_;
  EXPECT_TRUE(contains(out_, "(running)")) << out_;
  EXPECT_TRUE(contains(out_, "configured LIVE, effective DRY_RUN (forced DRY_RUN: LOSS_PAST_LIMIT")) << out_;
  EXPECT_TRUE(contains(out_, "trading state: ACTIVE")) << out_;
  EXPECT_TRUE(contains(out_, "accepted: 41")) << out_;
  EXPECT_TRUE(contains(out_, "PRICE_COLLAR: 3")) << out_;
  EXPECT_TRUE(contains(out_, "MAX_ORDER_QTY: 2")) << out_;
  EXPECT_FALSE(contains(out_, "KILL_SWITCH:")) << "zero counters are left out";
  EXPECT_TRUE(contains(out_, "reserved_notional  12.5 USDT")) << out_;
  EXPECT_TRUE(contains(out_, "open_orders        4 count")) << out_;
  EXPECT_TRUE(contains(out_, "shadow limits: ON")) << out_;
  EXPECT_TRUE(contains(out_, "= 7 count")) << out_;
  for (const LimitInfo& info : kLimitInfo) EXPECT_TRUE(contains(out_, info.name)) << info.name;
}

TEST_F(OperatorCommandsTest, statusJsonHasTheStableKeys) {
  ControlBlockLayout& l = block().layout();
  l.rejects[static_cast<std::size_t>(risk::RejectCode::kPriceCollar)].store(3);
  ASSERT_EQ(run([&](Io io) { return killCommand(target_, {"BTCUSDT", ""}, "say \"no\"\tnow", "alice", io); }), kExitOk);
  ASSERT_EQ(run([&](Io io) { return statusCommand(target_, true, io); }), kExitOk) << err_;
  ASSERT_FALSE(out_.empty());
  EXPECT_EQ(out_.front(), '{');
  EXPECT_EQ(out_.substr(out_.size() - 2), "}\n");
  EXPECT_EQ(out_.find('\n'), out_.size() - 1) << "one line";
  for (const char* key :
       {"\"instance\":\"ops-test\"", "\"path\":", "\"owner\":{\"pid\":", "\"heartbeat_age_ms\":null", "\"change_seq\":",
        "\"mode\":{\"configured\":\"DRY_RUN\",\"effective\":\"DRY_RUN\",\"forced_dry_run\":\"NONE\"}",
        "\"trading_state\":\"ACTIVE\"", "\"gate\":{\"open\":false,\"layers\":[{\"name\":\"execution_mode\"",
        "\"kills\":{\"global\":{\"tripped\":false}", "\"symbols\":[{\"symbol\":\"BTCUSDT\"",
        "\"why\":\"say \\\"no\\\"\\tnow\"", "\"kills_last_24h\":1", "\"live_set\":0", "\"limits\":{\"max_order_qty\":",
        "\"shadow\":{\"enabled\":false,\"differs\":{}}", "\"counters\":{\"accepted\":0,\"rejects\":{\"PRICE_COLLAR\":3}",
        "\"shadow_would_reject\":{}", "\"usage\":{\"reserved_notional\":{\"value\":\"0\",\"raw\":0,\"unit\":\"USDT\"}"}) {
    EXPECT_TRUE(contains(out_, key)) << key << "\n" << out_;
  }
  // Balanced braces and brackets outside strings.
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < out_.size(); ++i) {
    const char c = out_[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
      ASSERT_GE(depth, 0);
    }
  }
  EXPECT_EQ(depth, 0);
  EXPECT_FALSE(in_string);
}

// ---- config check ----

TEST_F(OperatorCommandsTest, configCheckAcceptsTheShippedConfigAndNamesABadKey) {
  const std::string good = std::string(BW_SOURCE_DIR) + "/config/breakwater.toml";
  ASSERT_EQ(run([&](Io io) { return configCheckCommand(good, io); }), kExitOk) << err_;
  EXPECT_TRUE(contains(out_, "OK: ")) << out_;
  EXPECT_TRUE(contains(out_, "max_order_qty")) << out_;

  std::ifstream in(good);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t at = text.find("[limits]\n");
  ASSERT_NE(at, std::string::npos);
  text.insert(at + 9, "max_order_qtty = 1\n");
  const std::string bad = dir_ + "/bad.toml";
  std::ofstream(bad) << text;
  EXPECT_EQ(run([&](Io io) { return configCheckCommand(bad, io); }), kExitUsage);
  EXPECT_TRUE(contains(err_, "max_order_qtty")) << err_;
  EXPECT_EQ(run([&](Io io) { return configCheckCommand(dir_ + "/missing.toml", io); }), kExitUsage);
}

#ifdef BW_OPERATOR_HAVE_JOURNAL
TEST_F(OperatorCommandsTest, journalExportWritesOneRowPerVerdict) {
  const std::string journal = dir_ + "/journal.tsv";
  {
    std::ofstream j(journal);
    j << "# breakwater journal v1\n"
      << "seq\twall_ns\tmarket_ns\ttype\torder_id\tsymbol\tside\tscope\tprice\tqty\tcode\trule\tstrategy\taux\taux2\ttext\n"
      << "1\t1000\t900\tVERDICT\t42\tBTCUSDT\tBUY\t-\t61000.5\t0.001\tACCEPTED\t-\t0\t812\t0\t\n"
      << "2\t2000\t1900\tVERDICT\t43\tBTCUSDT\tSELL\t-\t61000.5\t0.001\tPRICE_COLLAR\tMiFID II RTS 6 Art. 15(1)(a) "
         "(price collars)\t0\t700\t0\t\n";
  }
  const std::string csv = dir_ + "/out.csv";
  ASSERT_EQ(run([&](Io io) { return journalExportCommand(journal, csv, io); }), kExitOk) << err_;
  EXPECT_TRUE(contains(out_, "2 rows written to " + csv)) << out_;
  std::ifstream in(csv);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header.rfind("order_id,", 0), 0u) << header;
  EXPECT_FALSE(std::filesystem::exists(csv + ".tmp"));

  EXPECT_EQ(run([&](Io io) { return journalExportCommand(dir_ + "/none.tsv", csv, io); }), kExitUsage);
  EXPECT_TRUE(contains(err_, "none.tsv")) << err_;
}
#endif

}  // namespace
}  // namespace bw::tools
