// The table sigmoid against 1 / (1 + std::exp(-x)): the stated bound, exact grid points,
// symmetry, saturation and NaN.

#include "strategy/belief/Sigmoid.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace bw::strategy::belief {
namespace {

TEST(SigmoidTest, staysWithinTheStatedErrorOfStdExpEverywhere) {
  // 1/1024 steps across [-20, 20]: 32 samples inside every table step, and the clamped tails.
  double worst = 0.0;
  double worst_x = 0.0;
  for (int k = -20 * 1'024; k <= 20 * 1'024; ++k) {
    const double x = k / 1'024.0 + 1e-7;  // off the grid points, where the error lives
    const double err = std::fabs(fastSigmoid(x) - 1.0 / (1.0 + std::exp(-x)));
    if (err > worst) {
      worst = err;
      worst_x = x;
    }
  }
  EXPECT_LE(worst, kSigmoidMaxError) << "at x = " << worst_x;
  // The bound is tight to within 2x: the interpolation error near |x| = 1.3 is ~1.17e-5.
  EXPECT_GT(worst, kSigmoidMaxError / 2) << "bound far looser than measured: restate it";
}

TEST(SigmoidTest, isExactOnTheTableGridAndAtZero) {
  EXPECT_EQ(fastSigmoid(0.0), 0.5);
  EXPECT_EQ(fastSigmoid(1.0), exactSigmoid(1.0));    // 1 = -16 + 544/32: a grid point
  EXPECT_EQ(fastSigmoid(-2.5), exactSigmoid(-2.5));  // -2.5 = -16 + 432/32
}

TEST(SigmoidTest, knownValues) {
  EXPECT_NEAR(fastSigmoid(std::log(3.0)), 0.75, kSigmoidMaxError);   // 1 / (1 + 1/3)
  EXPECT_NEAR(fastSigmoid(-std::log(3.0)), 0.25, kSigmoidMaxError);
  EXPECT_NEAR(fastSigmoid(std::log(9.0)), 0.9, kSigmoidMaxError);    // 1 / (1 + 1/9)
}

TEST(SigmoidTest, isSymmetricAndMonotoneAndSaturates) {
  for (double x = 0.0; x < 17.0; x += 0.37) {
    EXPECT_NEAR(fastSigmoid(x) + fastSigmoid(-x), 1.0, 2 * kSigmoidMaxError) << x;
    EXPECT_LE(fastSigmoid(x), fastSigmoid(x + 0.01)) << x;
  }
  EXPECT_NEAR(fastSigmoid(1e9), 1.0, 2e-7);
  EXPECT_NEAR(fastSigmoid(-1e9), 0.0, 2e-7);
  EXPECT_EQ(fastSigmoid(std::numeric_limits<double>::infinity()), fastSigmoid(16.0));
  EXPECT_EQ(fastSigmoid(std::numeric_limits<double>::quiet_NaN()), 0.5);
}

}  // namespace
}  // namespace bw::strategy::belief
