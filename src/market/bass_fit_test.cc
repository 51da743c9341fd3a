#include "market/bass_fit.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

namespace flywheel {
namespace {

// ---- An independent least-squares fit, written here: Levenberg–Marquardt on (m, p, q) with
// a forward-difference Jacobian, the normal equations solved by Gaussian elimination. It
// shares nothing with bass_fit.cc but the model's formula, restated below.

double IndependentModel(bool density, double m, double p, double q, int t) {
  auto cumulative = [&](double x) {
    const double e = std::exp(-(p + q) * x);
    return (1 - e) / (1 + q / p * e);
  };
  if (!density) return m * (cumulative(t) - cumulative(t - 1));
  const double e = std::exp(-(p + q) * t);
  return m * (p + q) * (p + q) / p * e / ((1 + q / p * e) * (1 + q / p * e));
}

double IndependentSse(const std::vector<double>& n, bool density, const double x[3]) {
  double sse = 0;
  for (size_t i = 0; i < n.size(); ++i) {
    const double r = n[i] - IndependentModel(density, x[0], x[1], x[2], static_cast<int>(i + 1));
    sse += r * r;
  }
  return sse;
}

void Solve3(double a[3][3], double b[3], double out[3]) {
  for (int i = 0; i < 3; ++i) {
    int pivot = i;
    for (int r = i + 1; r < 3; ++r) {
      if (std::fabs(a[r][i]) > std::fabs(a[pivot][i])) pivot = r;
    }
    for (int c = 0; c < 3; ++c) std::swap(a[i][c], a[pivot][c]);
    std::swap(b[i], b[pivot]);
    for (int r = 0; r < 3; ++r) {
      if (r == i) continue;
      const double f = a[r][i] / a[i][i];
      for (int c = 0; c < 3; ++c) a[r][c] -= f * a[i][c];
      b[r] -= f * b[i];
    }
  }
  for (int i = 0; i < 3; ++i) out[i] = b[i] / a[i][i];
}

// Minimises the SSE from x; with fix_m, over p and q only (m stays x[0]).
std::vector<double> LevenbergMarquardt(const std::vector<double>& n, bool density, std::vector<double> x,
                                       bool fix_m = false) {
  double lambda = 1e-3;
  double sse = IndependentSse(n, density, x.data());
  for (int iteration = 0; iteration < 5000; ++iteration) {
    double jtj[3][3] = {}, jtr[3] = {};
    for (size_t i = 0; i < n.size(); ++i) {
      const int t = static_cast<int>(i + 1);
      const double f = IndependentModel(density, x[0], x[1], x[2], t);
      double j[3];
      for (int k = 0; k < 3; ++k) {
        std::vector<double> y = x;
        const double h = 1e-7 * std::max(std::fabs(x[k]), 1e-9);
        y[k] += h;
        j[k] = fix_m && k == 0 ? 0 : (IndependentModel(density, y[0], y[1], y[2], t) - f) / h;
      }
      for (int a = 0; a < 3; ++a) {
        jtr[a] += j[a] * (n[i] - f);
        for (int b = 0; b < 3; ++b) jtj[a][b] += j[a] * j[b];
      }
    }
    if (fix_m) jtj[0][0] = 1;  // m's row: no step
    double a[3][3], b[3], step[3];
    for (int r = 0; r < 3; ++r) {
      for (int c = 0; c < 3; ++c) a[r][c] = jtj[r][c] * (r == c ? 1 + lambda : 1);
      b[r] = jtr[r];
    }
    Solve3(a, b, step);
    const double trial[3] = {x[0] + step[0], x[1] + step[1], x[2] + step[2]};
    const double trial_sse = trial[1] > 0 && trial[2] >= 0 ? IndependentSse(n, density, trial) : INFINITY;
    if (trial_sse < sse) {
      const bool done = sse - trial_sse <= 1e-15 * sse;
      x = {trial[0], trial[1], trial[2]};
      sse = trial_sse;
      lambda = std::max(lambda / 10, 1e-12);
      if (done) break;
    } else {
      lambda *= 10;
      if (lambda > 1e12) break;
    }
  }
  return x;
}

// Continuous-form data: n_t = m (F(t) − F(t−1)) exactly. NLS must recover the parameters.
TEST(BassFitTest, NlsRecoversParametersFromNoiseFreeData) {
  const double m = 1000, p = 0.03, q = 0.38;
  std::vector<double> n;
  for (int t = 1; t <= 15; ++t)
    n.push_back(m * (BassCumulativeShare(p, q, t) - BassCumulativeShare(p, q, t - 1)));
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
  for (int t = 1; t <= 5; ++t)
    n.push_back(m * (BassCumulativeShare(p, q, t) - BassCumulativeShare(p, q, t - 1)));
  auto fit = FitBass(n);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  ASSERT_EQ(fit->warnings.size(), 1u);
  EXPECT_EQ(
      fit->warnings[0],
      "the observed data stops at period 5, before the fitted peak at period 6.2: m is poorly determined "
      "before the peak");
}

// New customers per month of a generated data set (10 000 accounts, the benchmark's scale
// shape): adoption that has not slowed at all. Its least squares have no finite Bass estimate:
// with the best p and q for each m (fitted independently below), the SSE keeps falling as m
// grows (29 876 at m = 2 N, 28 708 at 10 N, 28 654 at 1000 N, by a grid over p and q), so
// the fit fails and says why. (Started from the OLS solution alone, NLopt used to stop
// "roundoff-limited" somewhere on that slope and report its point as the market.)
TEST(BassFitTest, SeriesWithoutSlowingHasNoFiniteEstimate) {
  const std::vector<double> n = {7,  16, 23, 34, 36,  22, 40, 45, 28, 16, 82, 28, 44, 74, 48, 32, 67, 38,
                                 52, 80, 29, 37, 132, 59, 54, 98, 67, 61, 99, 75, 56, 87, 42, 52, 199};
  auto fit = FitBass(n);
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.status().message(),
            "NLS: no finite estimate: the best fit runs to a market of 1000 times the 1959 adopters observed "
            "(m → ∞, "
            "p → 0): the series shows no slowing of adoption yet, so m is not determined by it");
  double previous = INFINITY;
  for (double factor : {2.0, 10.0, 100.0}) {
    const std::vector<double> x = LevenbergMarquardt(n, false, {factor * 1959, 0.005, 0.05}, true);
    const double sse = IndependentSse(n, false, x.data());
    EXPECT_LT(sse, previous) << factor;
    previous = sse;
  }
}

TEST(BassFitTest, TooFewNonZeroPeriods) {
  auto fit = FitBass({5, 0, 7, 0});
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.status().message(),
            "too little data to fit: 2 period(s) with adopters (the Bass fit needs at least 3)");
}

// n = 1 + 0.5 N + N² exactly (N = 0, 1, 3.5, 18.5 → n = 1, 2.5, 15, 352.5): a = 1, b = 0.5,
// c = 1, so b² − 4ac = 0.25 − 4 = −3.75: no OLS model. The series explodes, so NLS has no
// finite estimate either: the fit fails with both reasons.
TEST(BassFitTest, OlsWithoutRealSolutionAndNoFiniteNlsEstimate) {
  auto fit = FitBass({1, 2.5, 15, 352.5});
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.status().message(),
            "OLS: the solution is not real (b² − 4ac = -3.75 < 0 with a = 1, b = 0.5, c = 1); NLS: no finite "
            "estimate: "
            "the best fit runs to a market of 1000 times the 371 adopters observed (m → ∞, p → 0): the "
            "series shows no "
            "slowing of adoption yet, so m is not determined by it");
}

// OLS without a Bass model no longer ends the fit: the OLS row is unavailable with its reason
// and a warning, and NLS fits from its default start and grid. The early series with a dip
// of NlsFitsSeriesWhereOlsFails: n = 3, 5, 4, 8, 14, 24, 40, 65.
TEST(BassFitTest, OlsWithoutModelIsUnavailableAndWarned) {
  auto fit = FitBass({3, 5, 4, 8, 14, 24, 40, 65});
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_FALSE(fit->ols.available);
  EXPECT_EQ(fit->ols.unavailable, "OLS: the solution for m is not positive (m = -2.29533)");
  ASSERT_FALSE(fit->warnings.empty());
  EXPECT_EQ(fit->warnings[0],
            "no OLS estimate (OLS: the solution for m is not positive (m = -2.29533)); NLS started from its "
            "default "
            "start and grid");
  EXPECT_NE(fit->nls_start, "ols");
  EXPECT_GE(fit->nls.params.m, 163);  // never below the 163 adopters observed
}

TEST(BassFitTest, Objectives) {
  EXPECT_EQ(*ParseBassObjective("increments"), BassObjective::kIncrements);
  EXPECT_EQ(*ParseBassObjective("density"), BassObjective::kDensity);
  EXPECT_EQ(ParseBassObjective("pdf").status().message(),
            "--objective: unknown objective 'pdf' (expected increments or density)");
  // m f(t) at t = 1 for m = 1000, p = 0.03, q = 0.38: ((0.41)²/0.03) e^{−0.41} / (1 + (0.38/0.03) e^{−0.41})²
  // = 5.60333 × 0.663650 / (1 + 12.6667 × 0.663650)² = 3.71868 / 9.40623² = 3.71868 / 88.4771 = 0.0420295.
  EXPECT_NEAR(BassModelAdopters(BassObjective::kDensity, {1000, 0.03, 0.38}, 1), 42.0295, 1e-3);
}

// Early or irregular series on which OLS yields no Bass model, worked out below; NLS must
// still fit them, and its fit must be the least-squares optimum that an independent
// Levenberg–Marquardt reaches from its own start (3 N, 0.01, 0.5). Where the optimum lies on
// the bound m = N_T (a market smaller than the adopters already counted is no model), the
// independent fit of p and q with m held there must agree, and lowering m must be what the
// unbounded least squares would do.
TEST(BassFitTest, NlsFitsSeriesWhereOlsFails) {
  struct Case {
    std::vector<double> n;
    const char* ols_reason;  // the start of OLS's reason
  };
  const Case cases[] = {
      // An early series with a slight dip in period 3: the regression's N² term is positive,
      // so c m² + b m + a = 0 has no positive root.
      {{3, 5, 4, 8, 14, 24, 40, 65}, "OLS: the solution for m is not positive"},
      // A dip in period 6: the intercept a = p m turns negative.
      {{14, 25, 45, 81, 145, 130, 429, 690, 1020}, "OLS: the solution is not a Bass model"},
      // A noisy curve through its peak (1,000 × Bass(0.005, 0.5) ± 25 %): again a < 0.
      {{8, 12, 19, 21, 37, 54, 69, 130, 145, 96}, "OLS: the solution is not a Bass model"},
      // A noisy curve past its peak (1,000 × Bass(0.02, 0.5) ± 25 %): OLS's m = 1011.69 is below
      // the 1,023 adopters already counted.
      {{19, 40, 63, 86, 118, 160, 157, 108, 105, 65, 39, 26, 23, 14}, "OLS: the market m = 1011.69 is below"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.n.size());
    for (BassObjective objective : {BassObjective::kIncrements, BassObjective::kDensity}) {
      SCOPED_TRACE(BassObjectiveName(objective));
      auto fit = FitBass(c.n, objective);
      ASSERT_TRUE(fit.ok()) << fit.status().message();
      EXPECT_FALSE(fit->ols.available);
      EXPECT_EQ(fit->ols.unavailable.rfind(c.ols_reason, 0), 0u) << fit->ols.unavailable;
      const BassParameters& b = fit->nls.params;
      const double observed = std::accumulate(c.n.begin(), c.n.end(), 0.0);
      EXPECT_GE(b.m, observed);
      EXPECT_GE(fit->nls.m_low, observed);
      EXPECT_LE(fit->nls.m_low, b.m);
      EXPECT_GE(fit->nls.m_high, b.m);
      const bool density = objective == BassObjective::kDensity;
      const bool at_bound = b.m < observed * (1 + 1e-6);
      const std::vector<double> x = at_bound ? LevenbergMarquardt(c.n, density, {observed, 0.01, 0.5}, true)
                                             : LevenbergMarquardt(c.n, density, {3 * observed, 0.01, 0.5});
      const double ours[3] = {b.m, b.p, b.q};
      const double sse_ours = IndependentSse(c.n, density, ours),
                   sse_lm = IndependentSse(c.n, density, x.data());
      EXPECT_LE(sse_ours, sse_lm * (1 + 1e-7)) << "the independent fit found a better one";
      for (size_t t = 1; t <= c.n.size(); ++t) {
        EXPECT_NEAR(BassModelAdopters(objective, b, static_cast<int>(t)),
                    IndependentModel(density, x[0], x[1], x[2], static_cast<int>(t)),
                    1e-3 * c.n[t - 1] + 1e-3)
            << "period " << t;
      }
      EXPECT_NEAR(b.m, x[0], 2e-3 * x[0]);
      EXPECT_NEAR(b.p, x[1], 2e-3 * x[1]);
      EXPECT_NEAR(b.q, x[2], 2e-3 * x[2]);
      if (at_bound) {
        const double lower[3] = {b.m * (1 - 1e-4), b.p, b.q};
        EXPECT_LT(IndependentSse(c.n, density, lower), sse_ours)
            << "m sits on the bound without pressing on it";
      }
    }
  }
}

// A series still accelerating (1,000 × Bass(0.005, 0.3) ± 25 %) has no finite least-squares
// Bass estimate: OLS has no real root, and NLS runs to m → ∞, p → 0. The fit fails, saying so.
TEST(BassFitTest, NoFiniteEstimateIsAFailureThatSaysWhy) {
  auto fit = FitBass({6, 7, 11, 13, 14, 18, 25, 30, 54});
  ASSERT_FALSE(fit.ok());
  const std::string message = fit.status().message();
  EXPECT_EQ(message.rfind("OLS: the solution is not real (b² − 4ac = ", 0), 0u) << message;
  EXPECT_NE(
      message.find("; NLS: no finite estimate: the best fit runs to a market of 1000 times the 178 adopters "
                   "observed (m → ∞, p → 0): the series shows no slowing of adoption yet, so m is not "
                   "determined by it"),
      std::string::npos)
      << message;
}

// The density objective reproduces a published R `nls` fit. Source: Chengjun Wang, "Bass
// diffusion model" (R Markdown on RPubs, 2012: https://rstudio-pubs-static.s3.amazonaws.com/
// 15329_f777e94ede03464596faf9ac9ba9dcf3.html, republished as
// https://rstudio-pubs-static.s3.amazonaws.com/439328_a0fdf31c1b6b4afdbe928f353b17b83f.html):
//   T79 <- 1:10
//   Sales <- c(840, 1470, 2110, 4000, 7590, 10950, 10530, 9470, 7790, 5890)
//   nls(Sales ~ M * (((P + Q)^2/P) * exp(-(P + Q) * T79)) / (1 + (Q/P) * exp(-(P + Q) * T79))^2,
//       start = list(M = 60630, P = 0.03, Q = 0.38))
// printed: M 6.80e+04 (Std. Error 3.13e+03), P 6.59e-03 (1.43e-03), Q 6.38e-01 (4.14e-02),
// "Residual standard error: 727 on 7 degrees of freedom". Every printed digit must agree
// (half a unit of the last printed digit), and the independent fit above must agree with ours.
TEST(BassFitTest, DensityObjectiveReproducesPublishedRNlsFit) {
  const std::vector<double> sales = {840, 1470, 2110, 4000, 7590, 10950, 10530, 9470, 7790, 5890};
  auto fit = FitBass(sales, BassObjective::kDensity);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  const BassParameters& b = fit->nls.params;
  EXPECT_NEAR(b.m, 6.80e4, 50);
  EXPECT_NEAR(b.p, 6.59e-3, 0.005e-3);
  EXPECT_NEAR(b.q, 0.638, 0.0005);
  ASSERT_TRUE(fit->nls.residual_se.has_value());
  EXPECT_NEAR(*fit->nls.residual_se, 727, 0.5);
  const std::vector<double> x = LevenbergMarquardt(sales, true, {60630, 0.03, 0.38});  // R's start
  EXPECT_NEAR(b.m, x[0], 1e-4 * x[0]);
  EXPECT_NEAR(b.p, x[1], 1e-4 * x[1]);
  EXPECT_NEAR(b.q, x[2], 1e-4 * x[2]);
  // The interval for m never falls below the 60,630 adopters observed; the published standard
  // error, 3.13e+03, is that of m on the 68,000 − 60,630 = 7,370 still to come: log(7,370) ±
  // 1.96 × 3,130 / 7,370 gives 60,630 + 7,370 × e^{∓0.8324} = [63,837, 77,575].
  EXPECT_NEAR(fit->nls.m_low, 63837, 60);
  EXPECT_NEAR(fit->nls.m_high, 77575, 300);
  EXPECT_GE(fit->nls.m_low, 60630);
  // The increments objective fits the same data with other numbers (it is another model).
  auto increments = FitBass(sales);
  ASSERT_TRUE(increments.ok());
  EXPECT_GT(std::fabs(increments->nls.params.m - b.m), 100);
}

}  // namespace
}  // namespace flywheel
