// Wilson intervals, lift and AUC against values worked by hand.
#include "customers/icp_statistics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace flywheel {
namespace {

TEST(WilsonIntervalTest, HandWorked) {
  // 5 of 10, z = 1.96: p = 0.5, z²/n = 0.384146; centre 0.5 + 0.192073 = 0.692073;
  // spread 1.959964 × √(0.025 + 0.00960365) = 1.959964 × 0.186021 = 0.364594;
  // (0.692073 ∓ 0.364594) / 1.384146 = 0.236593 and 0.763407.
  Interval i = WilsonInterval(5, 10);
  EXPECT_NEAR(i.low, 0.236593, 1e-6);
  EXPECT_NEAR(i.high, 0.763407, 1e-6);
  // 0 of 20: low 0, high z²/n / (1 + z²/n) = 0.192073 / 1.192073 = 0.161125.
  Interval zero = WilsonInterval(0, 20);
  EXPECT_NEAR(zero.low, 0, 1e-12);
  EXPECT_NEAR(zero.high, 0.161125, 1e-6);
}

TEST(LiftTest, RatioToBase) {
  EXPECT_DOUBLE_EQ(Lift(0.3, 0.2), 1.5);
  EXPECT_TRUE(std::isnan(Lift(0.3, 0)));
}

TEST(AucTest, HandWorkedWithTies) {
  // Positives 0.9, 0.5; negatives 0.5, 0.1. Pairs: (0.9, 0.5) 1, (0.9, 0.1) 1,
  // (0.5, 0.5) ½, (0.5, 0.1) 1 → 3.5 / 4.
  EXPECT_DOUBLE_EQ(Auc({0.9, 0.5, 0.5, 0.1}, {true, true, false, false}), 0.875);
  EXPECT_DOUBLE_EQ(Auc({1, 2, 3}, {true, true, false}), 0);  // perfectly wrong
  EXPECT_DOUBLE_EQ(Auc({1, 1, 1, 1}, {true, false, true, false}), 0.5);
  EXPECT_TRUE(std::isnan(Auc({1, 2}, {true, true})));
}

}  // namespace
}  // namespace flywheel
