#include "market/bass_fit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

namespace flywheel {
namespace {

// Continuous-form data: n_t = m (F(t) − F(t−1)) exactly. NLS must recover the parameters.
TEST(BassFitTest, NlsRecoversParametersFromNoiseFreeData) {
  const double m = 1000, p = 0.03, q = 0.38;
  std::vector<double> n;
  for (int t = 1; t <= 15; ++t) n.push_back(m * (BassCumulativeShare(p, q, t) - BassCumulativeShare(p, q, t - 1)));
  auto fit = FitBass(n);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_NEAR(fit->nls.params.m, 1000, 0.01);
  EXPECT_NEAR(fit->nls.params.p, 0.03, 1e-6);
  EXPECT_NEAR(fit->nls.params.q, 0.38, 1e-6);
  EXPECT_NEAR(*fit->nls.residual_se, 0.0, 1e-4);
  EXPECT_NEAR(fit->nls.peak_period, 6.19262, 1e-4);  // ln(0.38/0.03)/0.41, see bass_model_test
  // The discrete OLS form is an approximation of the continuous curve: close, not equal.
  EXPECT_NEAR(fit->ols.params.m, 1000, 50);
  EXPECT_TRUE(fit->warnings.empty());
}

// Discrete-form data: n_t = (p + q N_{t−1}/m)(m − N_{t−1}), which is exactly quadratic in
// N_{t−1} with a = p m = 100, b = q − p = 0.38, c = −q/m = −8e-5: OLS recovers it exactly.
TEST(BassFitTest, OlsRecoversParametersFromDiscreteData) {
  const double m = 5000, p = 0.02, q = 0.4;
  std::vector<double> n;
  double cumulative = 0;
  for (int t = 1; t <= 12; ++t) {
    double adopters = (p + q * cumulative / m) * (m - cumulative);
    n.push_back(adopters);
    cumulative += adopters;
  }
  auto fit = FitBass(n);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_NEAR(fit->ols.params.m, 5000, 1e-6);
  EXPECT_NEAR(fit->ols.params.p, 0.02, 1e-10);
  EXPECT_NEAR(fit->ols.params.q, 0.4, 1e-10);
  EXPECT_LE(fit->ols.m_low, fit->ols.m_high);
}

// ±10 % multiplicative noise from a fixed linear congruential sequence.
TEST(BassFitTest, StaysCloseOnNoisyData) {
  const double m = 2000, p = 0.025, q = 0.45;
  uint64_t state = 12345;
  std::vector<double> n;
  for (int t = 1; t <= 16; ++t) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    double u = static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
    n.push_back(m * (BassCumulativeShare(p, q, t) - BassCumulativeShare(p, q, t - 1)) * (0.9 + 0.2 * u));
  }
  auto fit = FitBass(n);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_NEAR(fit->nls.params.m, 2000, 200);
  EXPECT_NEAR(fit->nls.params.p, 0.025, 0.01);
  EXPECT_NEAR(fit->nls.params.q, 0.45, 0.1);
  EXPECT_LT(fit->nls.m_low, fit->nls.params.m);
  EXPECT_GT(fit->nls.m_high, fit->nls.params.m);
}

TEST(BassFitTest, WarnsWhenDataStopsBeforeThePeak) {
  const double m = 1000, p = 0.03, q = 0.38;  // peak at t = 6.19
  std::vector<double> n;
  for (int t = 1; t <= 5; ++t) n.push_back(m * (BassCumulativeShare(p, q, t) - BassCumulativeShare(p, q, t - 1)));
  auto fit = FitBass(n);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  ASSERT_EQ(fit->warnings.size(), 1u);
  EXPECT_EQ(fit->warnings[0],
            "the observed data stops at period 5, before the fitted peak at period 6.2: m is poorly determined "
            "before the peak");
}

// New customers per month of a generated data set (10 000 accounts, the benchmark's scale
// shape) on which the optimiser stops with NLopt's "roundoff-limited": its documented meaning is
// that the point reached is still a useful optimum, so the fit stands (it used to fail with
// "NLS: the fit did not converge (nlopt roundoff-limited)"). The NLS fit must be finite and no
// worse than the OLS parameters against the same continuous curve (residual standard error).
TEST(BassFitTest, RoundoffLimitedOptimumIsKept) {
  const std::vector<double> n = {7,  16, 23, 34, 36, 22, 40, 45, 28, 16, 82, 28, 44, 74, 48, 32, 67, 38,
                                 52, 80, 29, 37, 132, 59, 54, 98, 67, 61, 99, 75, 56, 87, 42, 52, 199};
  auto fit = FitBass(n);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_TRUE(std::isfinite(fit->nls.params.m) && fit->nls.params.m > 0);
  EXPECT_TRUE(std::isfinite(fit->nls.params.p) && fit->nls.params.p > 0);
  EXPECT_TRUE(std::isfinite(fit->nls.params.q));
  ASSERT_TRUE(fit->nls.residual_se && fit->ols.residual_se);  // both against the same curve
  EXPECT_TRUE(std::isfinite(*fit->nls.residual_se));
  EXPECT_LE(*fit->nls.residual_se, *fit->ols.residual_se + 1e-9);
}

TEST(BassFitTest, TooFewNonZeroPeriods) {
  auto fit = FitBass({5, 0, 7, 0});
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.status().message(), "too little data to fit: 2 period(s) with adopters (the Bass fit needs at least 3)");
}

// n = 1 + 0.5 N + N² exactly (N = 0, 1, 3.5, 18.5 → n = 1, 2.5, 15, 352.5): a = 1, b = 0.5,
// c = 1, so b² − 4ac = 0.25 − 4 = −3.75.
TEST(BassFitTest, OlsWithoutRealSolution) {
  auto fit = FitBass({1, 2.5, 15, 352.5});
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.status().message(), "OLS: the solution is not real (b² − 4ac = -3.75 < 0 with a = 1, b = 0.5, c = 1)");
}

// n = 1 + 3 N + N² exactly (N = 0, 1, 6, 61 → n = 1, 5, 55, 3905): m² + 3m + 1 = 0 has the
// roots (−3 ± √5)/2 = −0.381966 and −2.618034, neither positive.
TEST(BassFitTest, OlsWithNegativeMarket) {
  auto fit = FitBass({1, 5, 55, 3905});
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.status().message(), "OLS: the solution for m is not positive (m = -0.381966)");
}

}  // namespace
}  // namespace flywheel
