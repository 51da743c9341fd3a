// The health trend: its thresholds, the two signals, the health of a stored snapshot under
// today's scorecard, and the NPS of 90 days before, worked by hand.
#include "customers/health_trend.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "customers/account_measures.h"
#include "customers/score_snapshots.h"
#include "ingest/dataset_loader.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(HealthTrendTest, AgainstASnapshotAMoveOfFivePoints) {
  EXPECT_EQ(HealthTrendFromChange(75, 70, 5), HealthTrend::kUp);
  EXPECT_EQ(HealthTrendFromChange(74.99, 70, 5), HealthTrend::kFlat);
  EXPECT_EQ(HealthTrendFromChange(65.01, 70, 5), HealthTrend::kFlat);
  EXPECT_EQ(HealthTrendFromChange(65, 70, 5), HealthTrend::kDown);
  EXPECT_EQ(HealthTrendFromChange(kNaN, 70, 5), HealthTrend::kUnknown);
  EXPECT_EQ(HealthTrendFromChange(70, kNaN, 5), HealthTrend::kUnknown);
}

TEST(HealthTrendTest, UsageAndNpsSignals) {
  Scorecard card;  // band 0.25, NPS 1 point
  EXPECT_EQ(HealthTrendFromSignals(0.75, kNaN, kNaN, card), HealthTrend::kDown);
  EXPECT_EQ(HealthTrendFromSignals(0.76, kNaN, kNaN, card), HealthTrend::kFlat);
  EXPECT_EQ(HealthTrendFromSignals(1.24, kNaN, kNaN, card), HealthTrend::kFlat);
  EXPECT_EQ(HealthTrendFromSignals(1.25, kNaN, kNaN, card), HealthTrend::kUp);
  EXPECT_EQ(HealthTrendFromSignals(kNaN, 8, 9, card), HealthTrend::kDown);
  EXPECT_EQ(HealthTrendFromSignals(kNaN, 8.01, 9, card), HealthTrend::kFlat);
  EXPECT_EQ(HealthTrendFromSignals(kNaN, 10, 9, card), HealthTrend::kUp);
  EXPECT_EQ(HealthTrendFromSignals(kNaN, 8, kNaN, card), HealthTrend::kUnknown);  // nothing to compare with
  EXPECT_EQ(HealthTrendFromSignals(2, 7, 9, card), HealthTrend::kDown);           // a falling signal wins
  EXPECT_EQ(HealthTrendFromSignals(1, 10, 9, card), HealthTrend::kUp);            // flat usage, NPS up
  EXPECT_EQ(HealthTrendFromSignals(kNaN, kNaN, kNaN, card), HealthTrend::kUnknown);
  card.usage_trend_band = 0.1;
  EXPECT_EQ(HealthTrendFromSignals(0.9, kNaN, kNaN, card), HealthTrend::kDown);
  EXPECT_EQ(HealthTrendName(HealthTrend::kUp), "up");
  EXPECT_EQ(HealthTrendName(HealthTrend::kFlat), "flat");
  EXPECT_EQ(HealthTrendName(HealthTrend::kDown), "down");
  EXPECT_EQ(HealthTrendName(HealthTrend::kUnknown), "");
}

// The health of a snapshot's accounts from the raw values it stored, under the default bands
// (usage_trend 1.0 → 75, nps linear 0–10, champion 0–1, seniority 0–100; weights 4, 3, 2, 1).
TEST(HealthTrendTest, SnapshotHealthUnderTodaysScorecard) {
  auto card = ParseScorecard(DefaultScorecardToml(), "scorecard.toml", {});
  ASSERT_TRUE(card.ok()) << card.status().message();
  ScoreSnapshot snapshot;
  SnapshotAccount a;
  a.account_id = "A";
  a.raw = {{"usage_trend", 1.0}, {"nps", 8}, {"champion", 1}, {"contact_seniority", 60}, {"arr", 1000}};
  SnapshotAccount b;
  b.account_id = "B";
  b.raw = {{"nps", 5}};  // only NPS: health = 50
  SnapshotAccount c;
  c.account_id = "C";
  c.raw = {{"arr", 1000}};  // no health measure: left out
  snapshot.accounts = {a, b, c};
  auto health = SnapshotHealth(snapshot, *card);
  ASSERT_EQ(health.size(), 2u);
  EXPECT_DOUBLE_EQ(health.at("A"), (75 * 4 + 80 * 3 + 100 * 2 + 60 * 1) / 10.0);  // 80
  EXPECT_DOUBLE_EQ(health.at("B"), 50);
  // Today's weights, not those of the day of the snapshot: champion switched off.
  std::string text = DefaultScorecardToml();
  const std::string champion = "[measures.champion]\nweight = 2\n";
  ASSERT_NE(text.find(champion), std::string::npos);
  text.replace(text.find(champion), champion.size(), "[measures.champion]\nweight = 0\n");
  auto lighter = ParseScorecard(text, "s.toml", {});
  ASSERT_TRUE(lighter.ok()) << lighter.status().message();
  auto without_champion = SnapshotHealth(snapshot, *lighter);
  EXPECT_DOUBLE_EQ(without_champion.at("A"), (75 * 4 + 80 * 3 + 60 * 1) / 8.0);  // 75
  EXPECT_DOUBLE_EQ(without_champion.at("B"), 50);
  auto percentile = ParseScorecard("[measures.nps]\nweight = 1\nmethod = \"percentile\"\n", "s.toml", {});
  ASSERT_TRUE(percentile.ok());
  auto ranked = SnapshotHealth(snapshot, *percentile);
  EXPECT_DOUBLE_EQ(ranked.at("A"), 75);  // 8 above 5: (1 + 1/2) / 2
  EXPECT_DOUBLE_EQ(ranked.at("B"), 25);
}

// NPS answers 9 on 2024-06-01 and 5 on 2024-12-15, as of 2024-12-31 (half-life 90 days):
// 90 days before (2024-10-02) only the 9 was given, so nps_before = 9; now the 5 weighs
// 0.5^(16/90) against the 9's 0.5^(213/90).
TEST(HealthTrendTest, NpsNinetyDaysBefore) {
  const fs::path dir = fs::temp_directory_path() / ("flywheel_health_trend_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto write = [&](const char* name, const char* text) { std::ofstream(dir / name) << text; };
  write("accounts.csv", "account_id\nA1\nA2\n");
  write("subscriptions.csv",
        "subscription_id,account_id,start_date,end_date,amount,revenue_type\n"
        "S1,A1,2024-01-01,,100,recurring\nS2,A2,2024-01-01,,100,recurring\n");
  write("nps.csv", "account_id,date,score\nA1,2024-06-01,9\nA1,2024-12-15,5\nA2,2024-12-01,10\n");
  auto loaded = LoadDataDirectory(dir.string());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  auto card = ParseScorecard(DefaultScorecardToml(), "scorecard.toml", {});
  ASSERT_TRUE(card.ok());
  auto measures = ComputeAccountMeasures(loaded->dataset, Settings{}, *card, *ParseDate("2024-12-31"));
  ASSERT_TRUE(measures.ok()) << measures.status().message();
  ASSERT_EQ(measures->size(), 2u);
  const AccountMeasures& a1 = (*measures)[0];
  EXPECT_EQ(a1.nps_before, 9);
  const double w9 = std::pow(0.5, 213 / 90.0), w5 = std::pow(0.5, 16 / 90.0);
  const double nps = a1.raw[14];
  EXPECT_NEAR(nps, (9 * w9 + 5 * w5) / (w9 + w5), 1e-12);  // 5.72
  EXPECT_EQ(HealthTrendFromSignals(kNaN, nps, a1.nps_before, *card), HealthTrend::kDown);
  EXPECT_TRUE(std::isnan((*measures)[1].nps_before));  // A2's only answer is recent
  fs::remove_all(dir);
}

}  // namespace
}  // namespace flywheel
