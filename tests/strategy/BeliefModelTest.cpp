// The belief model worked by hand. Votes are v = 2 sigma(z) - 1; with z = +-ln 3,
// sigma = 3/4 or 1/4 and v = +-1/2 (to within 2 x kSigmoidMaxError: the table sigmoid).

#include "strategy/belief/BeliefModel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "BeliefFixtures.h"
#include "strategy/belief/BeliefSmoother.h"
#include "strategy/belief/Sigmoid.h"

namespace bw::strategy::belief {
namespace {

using strategy::test::barConstraint;
using strategy::test::kLn3;
using strategy::test::readyFeatures;
using strategy::test::tickConstraint;

constexpr double kVoteError = 2 * kSigmoidMaxError;

TEST(BeliefModelTest, oneConstraintVotesTwoSigmaMinusOne) {
  // vwap_dev_bps = -20, sign -1, center 0, scale 20 / ln 3: z = -1 x (-20 - 0) / (20 / ln 3) = ln 3,
  // p = 3/4, v = 1/2; one vote: b = 1/2 and no disagreement, u = 0.
  const BeliefModel m({barConstraint(BarFeature::kVwapDeviationBps, 0, -1, 20.0 / kLn3, 1.0)});
  FeatureVector f = readyFeatures();
  f.set(BarFeature::kVwapDeviationBps, 0, -20.0, true);
  const Belief b = m.evaluate(f);
  EXPECT_NEAR(b.raw, 0.5, kVoteError);
  EXPECT_NEAR(b.uncertainty, 0.0, 1e-12);
}

TEST(BeliefModelTest, twoConstraintsCombineByWeightAndDisagreementIsTheUncertainty) {
  // c1: vwap_dev_bps = -10, sign -1, scale 10 / ln 3, weight 2: z = ln 3, v1 = +1/2.
  // c2: top_imbalance = 0.1 - ln 3, sign +1, center 0.1, scale 1, weight 1: z = -ln 3, v2 = -1/2.
  // b = (2 x 1/2 + 1 x (-1/2)) / 3 = 1/6.
  // u^2 = (2 x (1/2 - 1/6)^2 + 1 x (-1/2 - 1/6)^2) / 3 = (2/9 + 4/9) / 3 = 2/9; u = sqrt(2)/3 = 0.4714.
  const BeliefModel m({barConstraint(BarFeature::kVwapDeviationBps, 0, -1, 10.0 / kLn3, 2.0),
                       tickConstraint(TickFeature::kTopImbalance, 1, 1.0, 1.0, 0.1)});
  FeatureVector f = readyFeatures();
  f.set(BarFeature::kVwapDeviationBps, 0, -10.0, true);
  f.set(TickFeature::kTopImbalance, 0.1 - kLn3, true);
  const Belief b = m.evaluate(f);
  EXPECT_NEAR(b.raw, 1.0 / 6.0, kVoteError);
  EXPECT_NEAR(b.uncertainty, std::sqrt(2.0) / 3.0, 1e-4);
  // Unanimous votes: no disagreement whatever their strength.
  f.set(TickFeature::kTopImbalance, 0.1 + kLn3, true);  // v2 = +1/2 as well
  const Belief agree = m.evaluate(f);
  EXPECT_NEAR(agree.raw, 0.5, kVoteError);
  EXPECT_NEAR(agree.uncertainty, 0.0, 1e-3);
}

TEST(BeliefModelTest, readsTheConfiguredTimeframe) {
  // The same feature on timeframe 1 only: timeframe 0's value must not move it.
  const BeliefModel m({barConstraint(BarFeature::kDiSpread, 1, 1, 10.0 / kLn3, 1.0)});
  FeatureVector f = readyFeatures();
  f.set(BarFeature::kDiSpread, 0, -50.0, true);
  f.set(BarFeature::kDiSpread, 1, 10.0, true);
  EXPECT_NEAR(m.evaluate(f).raw, 0.5, kVoteError);
}

TEST(BeliefModelTest, notReadyWhileAnyConstraintsFeatureWarmsUp) {
  const BeliefModel m({barConstraint(BarFeature::kAdx, 1, 1, 10.0, 1.0),
                       tickConstraint(TickFeature::kMicroPriceOffsetBps, 1, 1.0, 1.0)});
  FeatureVector f = readyFeatures();
  EXPECT_TRUE(m.ready(f));
  f.set(BarFeature::kAdx, 1, 0.0, false);
  EXPECT_FALSE(m.ready(f));
  f = readyFeatures();
  f.set(TickFeature::kMicroPriceOffsetBps, 0.0, false);
  EXPECT_FALSE(m.ready(f));
  f = readyFeatures(1);  // timeframe 1 not configured
  EXPECT_FALSE(m.ready(f));
  // A feature no constraint reads does not matter.
  f = readyFeatures();
  f.set(BarFeature::kVolumeZScore, 0, 0.0, false);
  EXPECT_TRUE(m.ready(f));
}

TEST(BeliefModelTest, refusesConstraintsTheConfigLoaderRefuses) {
  EXPECT_THROW(BeliefModel({}), std::invalid_argument);
  EXPECT_THROW(BeliefModel({barConstraint(BarFeature::kAdx, 0, 1, 0.0, 1.0)}), std::invalid_argument);
  EXPECT_THROW(BeliefModel({barConstraint(BarFeature::kAdx, 0, 1, 1.0, 0.0)}), std::invalid_argument);
  EXPECT_THROW(BeliefModel({barConstraint(BarFeature::kAdx, 4, 1, 1.0, 1.0)}), std::invalid_argument);
  EXPECT_THROW(BeliefModel(std::vector<ConstraintConfig>(9, barConstraint(BarFeature::kAdx, 0, 1, 1.0, 1.0))),
               std::invalid_argument);
}

TEST(BeliefSmootherTest, emaOverThreeBarsAndTheSideCount) {
  // alpha 0.5: s1 = b1 = 0.4 (seed); s2 = 0.4 + 0.5 x (-0.2 - 0.4) = 0.1;
  // s3 = 0.1 + 0.5 x (-0.6 - 0.1) = -0.25. Side bars: 1, 2 (still > 0), 1 (flipped).
  BeliefSmoother s;
  EXPECT_DOUBLE_EQ(s.update(0.4, 0.5), 0.4);
  EXPECT_EQ(s.sideBars(), 1u);
  EXPECT_DOUBLE_EQ(s.update(-0.2, 0.5), 0.1);
  EXPECT_EQ(s.sideBars(), 2u);
  EXPECT_DOUBLE_EQ(s.update(-0.6, 0.5), -0.25);
  EXPECT_EQ(s.sideBars(), 1u);
  EXPECT_DOUBLE_EQ(s.update(0.25, 0.5), 0.0);  // -0.25 + 0.5 x 0.5: exactly 0, no side
  EXPECT_EQ(s.sideBars(), 0u);
  s.reset();
  EXPECT_FALSE(s.seeded());
  EXPECT_DOUBLE_EQ(s.update(-0.3, 0.5), -0.3);  // seeded afresh
  EXPECT_EQ(s.sideBars(), 1u);
}

TEST(BeliefSmootherTest, alphaOneIsNoSmoothing) {
  BeliefSmoother s;
  (void)s.update(0.7, 1.0);
  EXPECT_DOUBLE_EQ(s.update(-0.1, 1.0), -0.1);
}

}  // namespace
}  // namespace bw::strategy::belief
