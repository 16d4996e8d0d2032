// The promotion gate (live-gate layer 4) on small hand-computed fixtures: every criterion
// measured, each one failing on its own, the zero-division cases, and a fully passing set.

#include "risk/PromotionGate.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/Config.h"

namespace bw::risk {
namespace {

PaperTrade quote(std::int64_t units) { return PaperTrade{units * kScale}; }

// Cumulative P&L 10, 5, 25, 10, 20: peak 25, trough after it 10 -> drawdown 15.
// Mean 4; deviations 6, -9, 16, -19, 6 -> squares sum 770, sample variance 192.5;
// Sharpe = 4 / sqrt(192.5) x sqrt(5) = 0.644659...
std::vector<PaperTrade> fixtureTrades() { return {quote(10), quote(-5), quote(20), quote(-15), quote(10)}; }

PaperStats passingStats() {
  PaperStats s;
  s.trades = fixtureTrades();
  s.orders_sent = 10;
  s.fills = 2;  // exactly 20%
  for (std::int64_t i = 1; i <= 20; ++i) s.latency_ns.push_back(i * 10'000);  // p95 = 19th = 190 us
  return s;
}

PromotionThresholds passingThresholds() {
  PromotionThresholds t;
  t.min_trades = 5;                  // exactly 5
  t.max_drawdown = 15 * kScale;      // exactly 15
  t.min_sharpe = 60'000'000;         // 0.6 < 0.6447
  t.min_fill_rate_pct = 20;          // exactly 20%
  t.max_latency_p95_us = 190;        // exactly 190 us
  return t;
}

const PromotionCriterion& find(const PromotionResult& r, const std::string& name) {
  for (const PromotionCriterion& c : r.criteria) {
    if (c.name == name) return c;
  }
  ADD_FAILURE() << "no criterion " << name;
  static const PromotionCriterion none;
  return none;
}

std::vector<std::string> failing(const PromotionResult& r) {
  std::vector<std::string> names;
  for (const PromotionCriterion& c : r.criteria) {
    if (!c.pass) names.push_back(c.name);
  }
  return names;
}

TEST(PromotionGateTest, summarizesHandComputedFixture) {
  const PaperTradeSummary s = summarizeTrades(fixtureTrades());
  EXPECT_EQ(s.trades, 5u);
  EXPECT_TRUE(s.total_pnl == 20 * kScale);
  EXPECT_EQ(s.expectancy, 4 * kScale);
  EXPECT_TRUE(s.max_drawdown == 15 * kScale);
  ASSERT_TRUE(s.sharpe_defined);
  EXPECT_NEAR(s.sharpe, 4.0 / std::sqrt(192.5) * std::sqrt(5.0), 1e-12);
  EXPECT_NEAR(s.sharpe, 0.644659, 1e-6);
}

TEST(PromotionGateTest, drawdownCountsFromFlatWhenTheFirstTradeLoses) {
  const PaperTradeSummary s = summarizeTrades({quote(-3), quote(1), quote(-2)});
  // cumulative -3, -2, -4; the peak is the flat start (0) -> drawdown 4
  EXPECT_TRUE(s.max_drawdown == 4 * kScale);
  EXPECT_EQ(s.expectancy, -(4 * kScale) / 3);  // truncated toward zero
}

TEST(PromotionGateTest, percentile95IsNearestRank) {
  std::vector<std::int64_t> v;
  for (std::int64_t i = 100; i >= 1; --i) v.push_back(i);  // unsorted on purpose
  EXPECT_EQ(percentile95(v), 95);
  EXPECT_EQ(percentile95({42}), 42);
  EXPECT_EQ(percentile95({}), 0);
  std::vector<std::int64_t> twenty;
  for (std::int64_t i = 1; i <= 20; ++i) twenty.push_back(i);
  EXPECT_EQ(percentile95(twenty), 19);
}

TEST(PromotionGateTest, passesWhenEveryCriterionClearsItsThreshold) {
  const PromotionResult r = evaluatePromotion(passingStats(), passingThresholds());
  EXPECT_TRUE(r.pass) << r.summary;
  ASSERT_EQ(r.criteria.size(), 6u);
  EXPECT_EQ(r.summary, "PASS: 6/6 criteria");
  EXPECT_EQ(find(r, "trades").measured, "5");
  EXPECT_EQ(find(r, "trades").threshold, ">= 5");
  EXPECT_EQ(find(r, "expectancy").measured, "4");
  EXPECT_EQ(find(r, "expectancy").threshold, "> 0");
  EXPECT_EQ(find(r, "max_drawdown").measured, "15");
  EXPECT_EQ(find(r, "max_drawdown").threshold, "<= 15");
  EXPECT_EQ(find(r, "sharpe").measured, "0.6447");
  EXPECT_EQ(find(r, "sharpe").threshold, ">= 0.6");
  EXPECT_EQ(find(r, "fill_rate").measured, "20.0% (2/10)");
  EXPECT_EQ(find(r, "fill_rate").threshold, ">= 20%");
  EXPECT_EQ(find(r, "latency_p95").measured, "190 us");
  EXPECT_EQ(find(r, "latency_p95").threshold, "<= 190 us");
}

TEST(PromotionGateTest, failsOnTooFewTradesAlone) {
  PromotionThresholds t = passingThresholds();
  t.min_trades = 6;
  const PromotionResult r = evaluatePromotion(passingStats(), t);
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(failing(r), std::vector<std::string>{"trades"});
  EXPECT_EQ(r.summary, "FAIL: trades 5 (need >= 6)");
}

TEST(PromotionGateTest, failsOnNonPositiveExpectancyAlone) {
  PaperStats s = passingStats();
  s.trades = {quote(10), quote(-10), quote(5), quote(-5), quote(0)};  // total 0, drawdown 10
  PromotionThresholds t = passingThresholds();
  t.min_sharpe = -10 * kScale;  // Sharpe 0 would fail too: isolate expectancy
  const PromotionResult r = evaluatePromotion(s, t);
  EXPECT_EQ(failing(r), std::vector<std::string>{"expectancy"});
  EXPECT_EQ(r.summary, "FAIL: expectancy 0 (need > 0)");
}

TEST(PromotionGateTest, failsOnDrawdownAlone) {
  PromotionThresholds t = passingThresholds();
  t.max_drawdown = 15 * kScale - 1;
  const PromotionResult r = evaluatePromotion(passingStats(), t);
  EXPECT_EQ(failing(r), std::vector<std::string>{"max_drawdown"});
  EXPECT_EQ(r.summary, "FAIL: max_drawdown 15 (need <= 14.99999999)");
}

TEST(PromotionGateTest, failsOnSharpeAlone) {
  PromotionThresholds t = passingThresholds();
  t.min_sharpe = 65'000'000;
  const PromotionResult r = evaluatePromotion(passingStats(), t);
  EXPECT_EQ(failing(r), std::vector<std::string>{"sharpe"});
  EXPECT_EQ(r.summary, "FAIL: sharpe 0.6447 (need >= 0.65)");
}

TEST(PromotionGateTest, failsOnFillRateAlone) {
  PaperStats s = passingStats();
  s.fills = 1;
  const PromotionResult r = evaluatePromotion(s, passingThresholds());
  EXPECT_EQ(failing(r), std::vector<std::string>{"fill_rate"});
  EXPECT_EQ(r.summary, "FAIL: fill_rate 10.0% (1/10) (need >= 20%)");
}

TEST(PromotionGateTest, failsOnLatencyAlone) {
  PromotionThresholds t = passingThresholds();
  t.max_latency_p95_us = 189;
  const PromotionResult r = evaluatePromotion(passingStats(), t);
  EXPECT_EQ(failing(r), std::vector<std::string>{"latency_p95"});
  EXPECT_EQ(r.summary, "FAIL: latency_p95 190 us (need <= 189 us)");
}

TEST(PromotionGateTest, zeroTradesAndZeroOrdersFailWithoutDividing) {
  const PromotionResult r = evaluatePromotion(PaperStats{}, passingThresholds());
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(failing(r).size(), 6u);
  EXPECT_EQ(find(r, "trades").measured, "0");
  EXPECT_EQ(find(r, "expectancy").measured, "no trades");
  EXPECT_EQ(find(r, "max_drawdown").measured, "no trades");
  EXPECT_EQ(find(r, "sharpe").measured, "no trades");
  EXPECT_EQ(find(r, "fill_rate").measured, "no orders sent");
  EXPECT_EQ(find(r, "latency_p95").measured, "no latency samples");
  EXPECT_EQ(r.summary,
            "FAIL: trades 0 (need >= 5); expectancy no trades (need > 0); max_drawdown no trades (need <= 15); "
            "sharpe no trades (need >= 0.6); fill_rate no orders sent (need >= 20%); latency_p95 no latency "
            "samples (need <= 190 us)");
}

TEST(PromotionGateTest, sharpeIsUndefinedForOneTradeOrZeroVariance) {
  PaperStats one = passingStats();
  one.trades = {quote(3)};
  EXPECT_EQ(find(evaluatePromotion(one, passingThresholds()), "sharpe").measured, "undefined (1 trade)");
  EXPECT_FALSE(find(evaluatePromotion(one, passingThresholds()), "sharpe").pass);

  PaperStats flat = passingStats();
  flat.trades = {quote(5), quote(5), quote(5), quote(5), quote(5)};
  const PromotionResult r = evaluatePromotion(flat, passingThresholds());
  EXPECT_EQ(find(r, "sharpe").measured, "undefined (zero variance)");
  EXPECT_EQ(failing(r), std::vector<std::string>{"sharpe"});  // fails closed, alone
}

TEST(PromotionGateTest, fractionalLatencyIsShownInMicroseconds) {
  PaperStats s = passingStats();
  s.latency_ns = {812'345};
  EXPECT_EQ(find(evaluatePromotion(s, passingThresholds()), "latency_p95").measured, "812.345 us");
}

TEST(PromotionGateTest, thresholdsComeFromLiveConfig) {
  LiveConfig live;
  live.promotion_min_trades = 7;
  live.promotion_max_drawdown = Notional{123};
  live.promotion_min_sharpe = 456;
  live.promotion_min_fill_rate_pct = 33;
  live.promotion_max_latency_p95_us = 789;
  const PromotionThresholds t = PromotionThresholds::fromConfig(live);
  EXPECT_EQ(t.min_trades, 7u);
  EXPECT_EQ(t.max_drawdown, 123);
  EXPECT_EQ(t.min_sharpe, 456);
  EXPECT_EQ(t.min_fill_rate_pct, 33u);
  EXPECT_EQ(t.max_latency_p95_us, 789);

  const PromotionThresholds defaults = PromotionThresholds::fromConfig(LiveConfig{});
  const PromotionThresholds plain;
  EXPECT_EQ(defaults.min_trades, plain.min_trades);
  EXPECT_EQ(defaults.max_drawdown, plain.max_drawdown);
  EXPECT_EQ(defaults.min_sharpe, plain.min_sharpe);
}

}  // namespace
}  // namespace bw::risk
