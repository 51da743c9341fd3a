// The logistic fit against a case solved by hand, and the ridge solution against its own
// optimality condition (the penalised gradient is zero), computed here without Eigen.
#include "customers/logistic_regression.h"

#include <gtest/gtest.h>

#include <cmath>

#include "customers/icp_statistics.h"

namespace flywheel {
namespace {

// One binary attribute: x = 0 for 10 accounts (3 good), x = 1 for 10 accounts (7 good).
void TwoGroups(std::vector<std::vector<double>>* x, std::vector<bool>* y) {
  for (int i = 0; i < 20; ++i) {
    const bool group = i >= 10;
    x->push_back({group ? 1.0 : 0.0});
    y->push_back(group ? (i - 10) < 7 : i < 3);
  }
}

TEST(LogisticRegressionTest, UnpenalisedIsTheLogOddsRatio) {
  std::vector<std::vector<double>> x;
  std::vector<bool> y;
  TwoGroups(&x, &y);
  LogisticModel m = FitLogistic(x, y, 0);
  ASSERT_TRUE(m.converged);
  // The MLE reproduces each group's rate: intercept = log(3/7) = −0.8472979,
  // slope = log(7/3) − log(3/7) = 2 log(7/3) = 1.6945957.
  EXPECT_NEAR(m.intercept, -0.8472979, 1e-6);
  ASSERT_EQ(m.coefficients.size(), 1u);
  EXPECT_NEAR(m.coefficients[0], 1.6945957, 1e-6);
  EXPECT_NEAR(m.Predict({0}), 0.3, 1e-9);
  EXPECT_NEAR(m.Predict({1}), 0.7, 1e-9);
}

TEST(LogisticRegressionTest, RidgeZeroesThePenalisedGradientAndLeavesTheInterceptFree) {
  std::vector<std::vector<double>> x;
  std::vector<bool> y;
  TwoGroups(&x, &y);
  // A second, uninformative column (alternating) to give the penalty two coefficients.
  for (size_t i = 0; i < x.size(); ++i) x[i].push_back(i % 2 == 0 ? 1.0 : 0.0);
  const double ridge = 2;
  LogisticModel m = FitLogistic(x, y, ridge);
  ASSERT_TRUE(m.converged);
  // ∂/∂b: Σ(y − μ) = 0 (no penalty); ∂/∂βⱼ: Σ xⱼ(y − μ) − λβⱼ = 0.
  double g0 = 0, g1 = 0, g2 = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    const double r = (y[i] ? 1.0 : 0.0) - m.Predict(x[i]);
    g0 += r;
    g1 += x[i][0] * r;
    g2 += x[i][1] * r;
  }
  EXPECT_NEAR(g0, 0, 1e-9);
  EXPECT_NEAR(g1 - ridge * m.coefficients[0], 0, 1e-9);
  EXPECT_NEAR(g2 - ridge * m.coefficients[1], 0, 1e-9);
  // Shrunk towards 0, same sign as the unpenalised 1.6946.
  EXPECT_GT(m.coefficients[0], 0.1);
  EXPECT_LT(m.coefficients[0], 1.6945957);
}

TEST(AucIntervalTest, HanleyMcNeilWorkedByHand) {
  // A = 17/18, 3 positives, 3 negatives: Q1 = A/(2−A) = 0.8947368, Q2 = 2A²/(1+A) =
  // 0.9174603, A² = 0.8919753; SE² = (0.0524691 + 2 × 0.0027615 + 2 × 0.0254850) / 9 =
  // 0.0121069; SE = 0.1100314; low = 0.9444444 − 1.959964 × 0.1100314 = 0.7287868; high
  // clipped to 1.
  Interval i = AucInterval(17.0 / 18, 3, 3);
  EXPECT_NEAR(i.low, 0.7287868, 1e-6);
  EXPECT_EQ(i.high, 1.0);
  EXPECT_TRUE(std::isnan(AucInterval(std::nan(""), 3, 3).low));
}

}  // namespace
}  // namespace flywheel
