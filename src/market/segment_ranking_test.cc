#include "market/segment_ranking.h"

#include <gtest/gtest.h>

#include "market/scoring_model.h"

namespace flywheel {
namespace {

ScoringModel Parse(std::string_view text) {
  auto m = ParseScoringModel(text, "segments.toml");
  EXPECT_TRUE(m.ok()) << m.status().message();
  return m.ok() ? *m : ScoringModel{};
}

std::string Error(std::string_view text) {
  auto m = ParseScoringModel(text, "segments.toml");
  return m.ok() ? "ok" : m.status().message();
}

// Default weights 20/20/10/20/20/10 (speed, urgency, competition, size, potential, adjacent).
// Logistics 5,5,3,2,5,5: 1.0 + 1.0 + 0.3 + 0.4 + 1.0 + 0.5 = 4.20
// Retail    3,4,3,4,3,2: 0.6 + 0.8 + 0.3 + 0.8 + 0.6 + 0.2 = 3.30
// Health    4,3,5,4,3,1: 0.8 + 0.6 + 0.5 + 0.8 + 0.6 + 0.1 = 3.40
// Energy    3,3,1,4,4,4: 0.6 + 0.6 + 0.1 + 0.8 + 0.8 + 0.4 = 3.30 (ties Retail: rank 3, listed after it)
TEST(SegmentRankingTest, DefaultCriteriaByHand) {
  ScoringModel m = Parse(R"(
[[segments]]
name = "Logistics"
scores = { speed_of_change = 5, urgency = 5, competition = 3, market_size = 2, market_potential = 5, adjacent_segments = 5 }
notes = { urgency = "new supply-chain law" }
[[segments]]
name = "Retail"
scores = { speed_of_change = 3, urgency = 4, competition = 3, market_size = 4, market_potential = 3, adjacent_segments = 2 }
[[segments]]
name = "Health"
scores = { speed_of_change = 4, urgency = 3, competition = 5, market_size = 4, market_potential = 3, adjacent_segments = 1 }
[[segments]]
name = "Energy"
scores = { speed_of_change = 3, urgency = 3, competition = 1, market_size = 4, market_potential = 4, adjacent_segments = 4 }
)");
  ASSERT_EQ(m.criteria.size(), 6u);
  EXPECT_EQ(m.segments[0].notes[1], "new supply-chain law");
  auto ranks = RankSegments(m);
  ASSERT_EQ(ranks.size(), 4u);
  EXPECT_EQ(ranks[0].segment, 0u);
  EXPECT_NEAR(ranks[0].total, 4.20, 1e-12);
  EXPECT_EQ(ranks[0].rank, 1);
  EXPECT_EQ(ranks[1].segment, 2u);
  EXPECT_NEAR(ranks[1].total, 3.40, 1e-12);
  EXPECT_EQ(ranks[1].rank, 2);
  EXPECT_EQ(ranks[2].segment, 1u);
  EXPECT_EQ(ranks[3].segment, 3u);
  EXPECT_NEAR(ranks[2].total, 3.30, 1e-12);
  EXPECT_NEAR(ranks[3].total, 3.30, 1e-12);
  EXPECT_EQ(ranks[2].rank, 3);
  EXPECT_EQ(ranks[3].rank, 3);
}

// Custom criteria as fractions; competition inverse (counts 6 − s), fit vetoes below 3.
// A: fit 5, competition 5 → 1, size 3: 0.5×5 + 0.3×1 + 0.2×3 = 3.40
// B: fit 4, competition 1 → 5, size 2: 0.5×4 + 0.3×5 + 0.2×2 = 3.90
// C: fit 2, competition 1 → 5, size 5: 0.5×2 + 0.3×5 + 0.2×5 = 3.50, but fit 2 < 3: vetoed,
//    ranked after A although its total is higher.
TEST(SegmentRankingTest, InverseCriteriaAndVetoes) {
  ScoringModel m = Parse(R"(
[[criteria]]
key = "fit"
weight = 0.5
veto_below = 3
[[criteria]]
key = "competition"
weight = 0.3
inverse = true
[[criteria]]
key = "size"
weight = 0.2
[[segments]]
name = "A"
scores = { fit = 5, competition = 5, size = 3 }
[[segments]]
name = "B"
scores = { fit = 4, competition = 1, size = 2 }
[[segments]]
name = "C"
scores = { fit = 2, competition = 1, size = 5 }
)");
  auto ranks = RankSegments(m);
  EXPECT_EQ(ranks[0].segment, 1u);
  EXPECT_NEAR(ranks[0].total, 3.90, 1e-12);
  EXPECT_EQ(ranks[1].segment, 0u);
  EXPECT_NEAR(ranks[1].total, 3.40, 1e-12);
  EXPECT_EQ(ranks[2].segment, 2u);
  EXPECT_NEAR(ranks[2].total, 3.50, 1e-12);
  EXPECT_EQ(ranks[2].rank, 3);
  ASSERT_TRUE(ranks[2].vetoed());
  EXPECT_EQ(ranks[2].veto_criteria, std::vector<size_t>{0});
}

TEST(ScoringModelTest, ValidationMessages) {
  const char* criteria = R"(
[[criteria]]
key = "urgency"
weight = 60
[[criteria]]
key = "size"
weight = 30
)";
  EXPECT_EQ(
      Error(std::string(criteria) + "[[segments]]\nname = \"Retail\"\nscores = { urgency = 7, size = 3 }\n"),
      "segments.toml:2: criteria weights add up to 90 % (expected 100 %)");
  std::string ok_criteria = std::string(criteria) + "[[criteria]]\nkey = \"fit\"\nweight = 10\n";
  EXPECT_EQ(
      Error(ok_criteria + "[[segments]]\nname = \"Retail\"\nscores = { urgency = 7, size = 3, fit = 1 }\n"),
      "segments.toml:13: segment \"Retail\": score for 'urgency' is 7 (expected 1 to 5)");
  EXPECT_EQ(Error(ok_criteria + "[[segments]]\nname = \"Retail\"\nscores = { urgency = 2, fit = 1 }\n"),
            "segments.toml:13: segment \"Retail\": no score for 'size'");
  EXPECT_EQ(
      Error(ok_criteria + "[[segments]]\nname = \"Retail\"\nscores = { urgncy = 2, size = 1, fit = 1 }\n"),
      "segments.toml:13: segment \"Retail\": unknown key 'urgncy' in scores (not a criterion), did you mean "
      "'urgency'?");
  EXPECT_EQ(Error(ok_criteria + "[[segments]]\nname = \"Retail\"\nscore = { urgency = 2 }\n"),
            "segments.toml:13: unknown key 'score' in [[segments]], did you mean 'scores'?");
  EXPECT_EQ(Error("[[segments]]\nname = \"A\"\nscores = { speed_of_change = 0.5 }\n"),
            "segments.toml:3: segment \"A\": score for 'speed_of_change' is 0.5 (expected 1 to 5)");
  EXPECT_EQ(Error("x = 1\n"), "segments.toml:1: unknown key 'x' in the scoring file");
  EXPECT_EQ(Error("[[criteria]]\nkey = \"a\"\nweight = 100\n"),
            "segments.toml: no segments (add [[segments]] tables)");
}

// Fractions that add up to 1 and percentages that add up to 100 ± 0.01 both pass.
TEST(ScoringModelTest, WeightsInPercentOrFractions) {
  auto m = Parse(
      "[[criteria]]\nkey = \"a\"\nweight = 0.25\n[[criteria]]\nkey = \"b\"\nweight = 0.75\n"
      "[[segments]]\nname = \"S\"\nscores = { a = 1, b = 5 }\n");
  EXPECT_DOUBLE_EQ(m.criteria[1].weight, 0.75);
  auto p = Parse(
      "[[criteria]]\nkey = \"a\"\nweight = 33.33\n[[criteria]]\nkey = \"b\"\nweight = 66.675\n"
      "[[segments]]\nname = \"S\"\nscores = { a = 1, b = 5 }\n");
  EXPECT_NEAR(p.criteria[0].weight, 33.33 / 100.005, 1e-12);
}

}  // namespace
}  // namespace flywheel
