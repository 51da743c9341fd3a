#include "market/bass_model.h"

#include <gtest/gtest.h>

namespace flywheel {
namespace {

// p = 0.03, q = 0.38, by hand: p + q = 0.41, q/p = 12.6667.
// F(1): e^-0.41 = 0.663650; (1 − 0.663650) / (1 + 12.6667 × 0.663650) = 0.336350 / 9.40623 = 0.035758.
// F(2): e^-0.82 = 0.440432; 0.559568 / (1 + 5.578805) = 0.559568 / 6.578805 = 0.085056.
TEST(BassModelTest, ClosedFormMatchesHandValues) {
  EXPECT_NEAR(BassCumulativeShare(0.03, 0.38, 1), 0.035758, 1e-6);
  EXPECT_NEAR(BassCumulativeShare(0.03, 0.38, 2), 0.085056, 1e-6);
  EXPECT_DOUBLE_EQ(BassCumulativeShare(0.03, 0.38, 0), 0.0);
}

// m = 1198: period 1 = 1198 × 0.035758 = 42.838; period 2 = 1198 × (0.085056 − 0.035758) = 59.059.
TEST(BassModelTest, ForecastAdoptersPerPeriod) {
  auto rows = BassForecast({1198, 0.03, 0.38}, 12);
  ASSERT_EQ(rows.size(), 12u);
  EXPECT_EQ(rows[0].period, 1);
  EXPECT_NEAR(rows[0].adopters, 42.838, 1e-3);
  EXPECT_NEAR(rows[1].adopters, 59.059, 1e-3);
  EXPECT_NEAR(rows[1].cumulative, 101.897, 1e-3);
  double sum = 0;
  for (const auto& r : rows) sum += r.adopters;
  EXPECT_NEAR(sum, rows.back().cumulative, 1e-9);
}

// t* = ln(12.6667) / 0.41 = 2.538974 / 0.41 = 6.19262.
// 25 %: ln((1 + 0.25 × 12.6667) / 0.75) / 0.41 = ln(5.555556) / 0.41 = 1.714798 / 0.41 = 4.18243 → period 5.
// 50 %: ln(7.333333 / 0.5) / 0.41 = ln(14.666667) / 0.41 = 2.685577 / 0.41 = 6.55019 → period 7.
// 70 %: ln(9.866667 / 0.3) / 0.41 = ln(32.888889) / 0.41 = 3.493135 / 0.41 = 8.51984 → period 9.
TEST(BassModelTest, PeakAndMilestones) {
  EXPECT_NEAR(BassPeakTime(0.03, 0.38), 6.19262, 1e-5);
  EXPECT_NEAR(BassTimeToShare(0.03, 0.38, 0.25), 4.18243, 1e-5);
  EXPECT_NEAR(BassTimeToShare(0.03, 0.38, 0.50), 6.55019, 1e-5);
  EXPECT_NEAR(BassTimeToShare(0.03, 0.38, 0.70), 8.51984, 1e-5);
  EXPECT_EQ(BassPeriodReaching(0.03, 0.38, 0.25), 5);
  EXPECT_EQ(BassPeriodReaching(0.03, 0.38, 0.50), 7);
  EXPECT_EQ(BassPeriodReaching(0.03, 0.38, 0.70), 9);
  // A share reached exactly at a whole period counts for that period.
  double f3 = BassCumulativeShare(0.03, 0.38, 3);
  EXPECT_EQ(BassPeriodReaching(0.03, 0.38, f3), 3);
  EXPECT_EQ(BassPeakTime(0.4, 0.3), 0.0);  // q <= p: adoption falls from launch on
}

TEST(BassModelTest, ValidateNamesTheBadParameter) {
  EXPECT_EQ(ValidateBass({0, 0.03, 0.38}).message(), "m must be positive (got 0)");
  EXPECT_EQ(ValidateBass({100, -0.1, 0.38}).message(), "p must be positive (got -0.1)");
  EXPECT_EQ(ValidateBass({100, 0.03, -1}).message(), "q must not be negative (got -1)");
  EXPECT_TRUE(ValidateBass({100, 0.03, 0}).ok());
}

}  // namespace
}  // namespace flywheel
