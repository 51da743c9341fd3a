#include "base/distribution.h"

#include <gtest/gtest.h>

#include <cmath>

namespace flywheel {
namespace {

TEST(DistributionTest, OddCountMedianIsMiddleValue) {
  // Sorted: 1 3 7 -> median 3; h(0.75) = 2·0.75 = 1.5 -> 3 + 0.5·(7 − 3) = 5.
  EXPECT_DOUBLE_EQ(Quantile({7, 1, 3}, 0.5), 3);
  EXPECT_DOUBLE_EQ(Quantile({7, 1, 3}, 0.75), 5);
  // h(0.9) = 1.8 -> 3 + 0.8·4 = 6.2.
  EXPECT_DOUBLE_EQ(Quantile({7, 1, 3}, 0.9), 6.2);
}

TEST(DistributionTest, EvenCountMedianIsMeanOfMiddleTwo) {
  // Sorted: 10 20 30 40 -> median (20 + 30) / 2 = 25.
  // p75: h = 3·0.75 = 2.25 -> 30 + 0.25·10 = 32.5; p90: h = 2.7 -> 30 + 0.7·10 = 37.
  DistributionSummary s = Summarize({40, 10, 30, 20});
  EXPECT_DOUBLE_EQ(s.median, 25);
  EXPECT_DOUBLE_EQ(s.mean, 25);
  EXPECT_DOUBLE_EQ(s.p75, 32.5);
  EXPECT_DOUBLE_EQ(s.p90, 37);
}

TEST(DistributionTest, SingleValueAndEmpty) {
  EXPECT_DOUBLE_EQ(Quantile({0}, 0.9), 0);
  EXPECT_TRUE(std::isnan(Quantile({}, 0.5)));
  EXPECT_TRUE(std::isnan(Mean({})));
}

}  // namespace
}  // namespace flywheel
