#include "market/segment_sensitivity.h"

#include <gtest/gtest.h>

#include "market/dirichlet_sampler.h"

namespace flywheel {
namespace {

ScoringModel Parse(std::string_view text) {
  auto m = ParseScoringModel(text, "segments.toml");
  EXPECT_TRUE(m.ok()) << m.status().message();
  return m.ok() ? *m : ScoringModel{};
}

// Weights a 50 %, b 30 %, c 20 %. A = (5, 1, 3): 2.5 + 0.3 + 0.6 = 3.4; B = (2, 4, 4): 1.0 + 1.2 + 0.8 = 3.0.
// Moving a to x rescales b, c by (1 − x)/0.5:
//   T_A = 5x + (1 − x)(0.3 + 0.6)/0.5 = 1.8 + 3.2x,  T_B = 2x + (1 − x)(1.2 + 0.8)/0.5 = 4 − 2x.
//   Equal at 5.2x = 2.2, x = 11/26 = 0.423077: change −1/13 = −7.6923 pp. Up: A only gains.
// Moving b to y (others × (1 − y)/0.7):
//   T_A = y + (1 − y)(2.5 + 0.6)/0.7, T_B = 4y + (1 − y)(1.0 + 0.8)/0.7
//   → 31/7 − 24/7 y = 18/7 + 10/7 y → y = 13/34 = 0.382353: change +8.2353 pp.
// Moving c to z (others × (1 − z)/0.8): T_A = 3z + 3.5(1 − z), T_B = 4z + 2.75(1 − z)
//   → 3.5 − 0.5z = 2.75 + 1.25z → z = 3/7 = 0.428571: change +22.857 pp.
TEST(SegmentSensitivityTest, FlipPointsSolvedByHand) {
  ScoringModel m = Parse(R"(
[[criteria]]
key = "a"
weight = 50
[[criteria]]
key = "b"
weight = 30
[[criteria]]
key = "c"
weight = 20
[[segments]]
name = "A"
scores = { a = 5, b = 1, c = 3 }
[[segments]]
name = "B"
scores = { a = 2, b = 4, c = 4 }
)");
  Sensitivity s = AnalyzeSensitivity(m, {1000, 100, 7});
  EXPECT_EQ(s.winner, 0u);
  ASSERT_EQ(s.criteria.size(), 3u);
  EXPECT_FALSE(s.criteria[0].up);
  ASSERT_TRUE(s.criteria[0].down);
  EXPECT_NEAR(s.criteria[0].down->change_pp, -100.0 / 13.0, 1e-9);
  EXPECT_EQ(s.criteria[0].down->new_winner, 1u);
  ASSERT_TRUE(s.criteria[1].up);
  EXPECT_NEAR(s.criteria[1].up->change_pp, (13.0 / 34.0 - 0.3) * 100.0, 1e-9);
  EXPECT_FALSE(s.criteria[1].down);
  ASSERT_TRUE(s.criteria[2].up);
  EXPECT_NEAR(s.criteria[2].up->change_pp, (3.0 / 7.0 - 0.2) * 100.0, 1e-9);
  EXPECT_NEAR(s.criteria[0].smallest()->change_pp, -7.6923, 1e-4);
  EXPECT_FALSE(s.fragile);  // the nearest flip is 7.7 pp away
}

// Three-way tie at 50/50: X = (5, 1) → 1 + 4a, Y = (1, 5) → 5 − 4a, Z = (3, 3) → 3 for any a.
// X is listed first; any decrease of a puts Y (the steeper) ahead at once: a flip of 0 pp,
// so the model is fragile. Under random weights X wins when a > 0.5, Y when a < 0.5, Z
// never: shares about 0.5, 0.5, 0.
TEST(SegmentSensitivityTest, ThreeWayTie) {
  ScoringModel m = Parse(R"(
[[criteria]]
key = "a"
weight = 50
[[criteria]]
key = "b"
weight = 50
[[segments]]
name = "X"
scores = { a = 5, b = 1 }
[[segments]]
name = "Y"
scores = { a = 1, b = 5 }
[[segments]]
name = "Z"
scores = { a = 3, b = 3 }
)");
  Sensitivity s = AnalyzeSensitivity(m, {10000, 100, 42});
  EXPECT_EQ(s.winner, 0u);
  EXPECT_FALSE(s.criteria[0].up);
  ASSERT_TRUE(s.criteria[0].down);
  EXPECT_EQ(s.criteria[0].down->change_pp, 0.0);
  EXPECT_EQ(s.criteria[0].down->new_winner, 1u);
  ASSERT_TRUE(s.criteria[1].up);
  EXPECT_EQ(s.criteria[1].up->change_pp, 0.0);
  EXPECT_EQ(s.criteria[1].up->new_winner, 1u);
  EXPECT_TRUE(s.fragile);
  EXPECT_NEAR(s.first_share[0] + s.first_share[1], 1.0, 1e-12);
  EXPECT_NEAR(s.first_share[0], 0.5, 0.02);  // binomial sd = 0.005 at 10,000 draws
  EXPECT_EQ(s.first_share[2], 0.0);
}

// A segment at least as good on every criterion wins every weighting; a vetoed one never.
TEST(SegmentSensitivityTest, DominantSegmentAndVetoes) {
  ScoringModel m = Parse(R"(
[[criteria]]
key = "a"
weight = 70
veto_below = 2
[[criteria]]
key = "b"
weight = 30
[[segments]]
name = "Strong"
scores = { a = 4, b = 4 }
[[segments]]
name = "Weak"
scores = { a = 3, b = 2 }
[[segments]]
name = "Vetoed"
scores = { a = 1, b = 5 }
)");
  Sensitivity s = AnalyzeSensitivity(m, {2000, 100, 1});
  EXPECT_EQ(s.first_share, (std::vector<double>{1.0, 0.0, 0.0}));
  EXPECT_FALSE(s.criteria[0].smallest());
  EXPECT_FALSE(s.criteria[1].smallest());
}

// Dirichlet(c·w) has mean w and variance w(1 − w)/(c + 1).
TEST(DirichletSamplerTest, MomentsMatchTheory) {
  DirichletSampler sampler(99);
  const std::vector<double> w = {0.5, 0.3, 0.2};
  const double c = 20;
  std::vector<double> alpha = {c * w[0], c * w[1], c * w[2]};
  const int n = 40000;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    double x = sampler.Dirichlet(alpha)[1];
    sum += x;
    sum_sq += x * x;
  }
  double mean = sum / n, var = sum_sq / n - mean * mean;
  EXPECT_NEAR(mean, 0.3, 0.003);
  EXPECT_NEAR(var, 0.3 * 0.7 / 21.0, 0.0005);
  DirichletSampler small(5);
  double gamma_sum = 0;
  for (int i = 0; i < n; ++i) gamma_sum += small.Gamma(0.4);  // mean of Gamma(k, 1) is k
  EXPECT_NEAR(gamma_sum / n, 0.4, 0.01);
}

}  // namespace
}  // namespace flywheel
