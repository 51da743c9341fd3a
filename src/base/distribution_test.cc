#include "base/distribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

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

TEST(DistributionTest, DayCountsGiveTheListsMedianAndMean) {
  // By hand: 4 0 9 4 -> sorted 0 4 4 9, median (4 + 4) / 2 = 4, mean 17 / 4 = 4.25;
  // adding 1 -> 0 1 4 4 9, median 4, mean 3.6.
  DayCounts c;
  for (int d : {4, 0, 9, 4}) c.Add(d);
  EXPECT_EQ(c.count(), 4);
  EXPECT_DOUBLE_EQ(c.Median(), 4);
  EXPECT_DOUBLE_EQ(c.Mean(), 4.25);
  c.Add(1);
  EXPECT_DOUBLE_EQ(c.Median(), 4);
  EXPECT_DOUBLE_EQ(c.Mean(), 3.6);
  DayCounts empty;
  EXPECT_TRUE(std::isnan(empty.Median()));
  EXPECT_TRUE(std::isnan(empty.Mean()));
  // Against the list's own Median and Mean, bit for bit, over random lists of every size
  // up to 60 (even and odd counts, many ties, a wide range).
  std::mt19937 rng(11);
  for (int n = 1; n <= 60; ++n) {
    std::uniform_int_distribution<int> day(0, n % 3 == 0 ? 5 : 900);
    DayCounts counts;
    std::vector<double> list;
    for (int i = 0; i < n; ++i) {
      int d = day(rng);
      counts.Add(d);
      list.push_back(d);
    }
    EXPECT_EQ(counts.Median(), Median(list)) << n;
    EXPECT_EQ(counts.Mean(), Mean(list)) << n;
  }
}

}  // namespace
}  // namespace flywheel
