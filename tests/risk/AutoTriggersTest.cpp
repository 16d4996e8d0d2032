#include "risk/AutoTriggers.h"

#include <gtest/gtest.h>

#include "core/ControlBlock.h"

namespace bw::risk {
namespace {

class AutoTriggersTest : public ::testing::Test {
 protected:
  AutoTriggersTest() : control_(ControlBlock::anonymous()), triggers_(control_, kill_) {
    LimitValues v = defaultLimitValues();
    v[LimitKey::kRejectStormCount] = 3;
    v[LimitKey::kRejectStormWindowMs] = 1'000;
    v[LimitKey::kRateBreachCount] = 2;
    v[LimitKey::kMaxFillsPerInterval] = 2;
    v[LimitKey::kFillIntervalMs] = 1'000;
    v[LimitKey::kMaxDailyLossAbs] = 10 * kScale;
    control_.layout().limit_sets[0].store(v);
  }
  KillReason tripped() const { return static_cast<KillReason>(control_.readKill(KillScope::kGlobal, 0).reason); }

  KillConfig kill_;
  ControlBlock control_;
  AutoTriggers triggers_;
  std::int64_t t_ = 1'000'000'000;
};

TEST_F(AutoTriggersTest, rejectStormWithinWindowTripsTheKill) {
  triggers_.onVerdict(RejectCode::kPriceCollar, t_);
  triggers_.onVerdict(RejectCode::kPriceCollar, t_ + 2'000'000'000);  // new window
  EXPECT_FALSE(control_.globallyKilled());
  triggers_.onVerdict(RejectCode::kMaxOrderNotional, t_ + 2'100'000'000);
  EXPECT_EQ(triggers_.onVenueReject(t_ + 2'200'000'000), KillReason::kRejectStorm);
  EXPECT_TRUE(control_.globallyKilled());
  EXPECT_EQ(tripped(), KillReason::kRejectStorm);
  EXPECT_EQ(control_.readKill(KillScope::kGlobal, 0).who, "breakwater (automatic)");
}

TEST_F(AutoTriggersTest, rateBreachTripsBeforeTheStorm) {
  EXPECT_EQ(triggers_.onVerdict(RejectCode::kMaxOrderRate, t_), KillReason::kNone);
  EXPECT_EQ(triggers_.onVerdict(RejectCode::kMaxMessageRate, t_ + 1), KillReason::kRateBreach);
}

TEST_F(AutoTriggersTest, aReconcilerDesyncLatchesTheKillWithItsText) {
  EXPECT_EQ(triggers_.onDesync("OVERFILL order 7: cum past the order quantity (ours 1, venue 1.5)"),
            KillReason::kPositionDesync);
  EXPECT_EQ(tripped(), KillReason::kPositionDesync);
  EXPECT_NE(control_.readKill(KillScope::kGlobal, 0).why.find("OVERFILL order 7"), std::string::npos);
  EXPECT_EQ(triggers_.onDesync("QUANTITY_MISMATCH order 8"), KillReason::kNone) << "latched: the first reason stays";
}

TEST_F(AutoTriggersTest, desyncAndRepeatedExecutionLatchTheKill) {
  ExecOutcome fill;
  fill.fill = true;
  EXPECT_EQ(triggers_.onExec(fill, t_), KillReason::kNone);
  EXPECT_EQ(triggers_.onExec(fill, t_ + 1), KillReason::kNone);
  EXPECT_EQ(triggers_.onExec(fill, t_ + 2), KillReason::kRepeatedExecution);
  control_.resetAll();
  ExecOutcome desync;
  desync.desync = true;
  EXPECT_EQ(triggers_.onExec(desync, t_), KillReason::kPositionDesync);
  EXPECT_EQ(triggers_.onDisconnect(), KillReason::kNone);  // latched: the first reason stays
  EXPECT_EQ(tripped(), KillReason::kPositionDesync);
}

TEST_F(AutoTriggersTest, dailyLossTripsAndPastOneHundredFiftyPercentForcesDryRun) {
  EXPECT_EQ(triggers_.onPnl(-9 * kScale), KillReason::kNone);
  EXPECT_EQ(triggers_.onPnl(-10 * kScale), KillReason::kDailyLoss);
  EXPECT_EQ(control_.forcedDryRun(), ForcedDryRun::kNone);
  control_.resetAll();
  triggers_.onPnl(-15 * kScale);
  EXPECT_EQ(control_.forcedDryRun(), ForcedDryRun::kLossPastLimit);
}

TEST_F(AutoTriggersTest, threeKillsWithinADayForceDryRunUntilReset) {
  for (int i = 0; i < 2; ++i) {
    triggers_.onDisconnect();
    control_.resetKill(KillScope::kGlobal, 0);
  }
  EXPECT_EQ(control_.forcedDryRun(), ForcedDryRun::kNone);
  control_.tripKill(KillScope::kGlobal, 0, static_cast<std::uint8_t>(KillReason::kOperator), "ops", "manual");
  triggers_.onKillSeen();
  EXPECT_EQ(control_.forcedDryRun(), ForcedDryRun::kKillsPerDay);
  control_.resetAll();
  EXPECT_EQ(control_.forcedDryRun(), ForcedDryRun::kNone);
}

}  // namespace
}  // namespace bw::risk
