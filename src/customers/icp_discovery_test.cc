// ICP discovery: the outcomes of a hand-worked data set, a generated data set with a
// planted signal that must be found, a pure-noise one that must not produce claims, and
// the "too little data" floor.
#include "customers/icp_discovery.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>

#include "customers/scorecard.h"
#include "ingest/dataset_loader.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

class TempData {
 public:
  explicit TempData(const std::string& name) {
    dir_ = fs::temp_directory_path() / ("flywheel_icp_" + name + "_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  ~TempData() { fs::remove_all(dir_); }
  void Write(const char* file, const std::string& text) { std::ofstream(dir_ / file) << text; }
  Dataset Load() {
    auto loaded = LoadDataDirectory(dir_.string());
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return std::move(loaded->dataset);
  }

 private:
  fs::path dir_;
};

Scorecard DefaultCard() {
  auto card = ParseScorecard(DefaultScorecardToml(), "scorecard.toml", {});
  EXPECT_TRUE(card.ok());
  return *card;
}

// As of 2024-12-31 (first month + 12 must be ≤ 2024-12):
//   A1 1000/month from 2023-01 on, margin 0.8: retained, NRR 100 %, contribution at the
//      mark (2024-01-31) 12,000 × 0.8 = 9,600 > 0 → retained, nrr, good.
//   A2 2023-01-01 to 2023-06-01: MRR 0 at 2024-01 → none.
//   A3 1,500 in 2023-02 (1,000 ending 2023-12-01 + 500 open), 500 in 2024-02: retained,
//      NRR 33 % → retained only.
//   A4 starts 2024-03-01: first year not elapsed, left out.
//   A5 1000/month from 2023-01, margin 0.1, 200 effort hours in 2023-06: contribution at
//      2024-01-31 = 12,000 × 0.1 − 200 × 80 = −14,800 → retained and nrr, not good.
TEST(IcpOutcomesTest, HandWorked) {
  TempData t("outcomes");
  t.Write("accounts.csv",
          "account_id,industry,attr_won\nA1,x,True\nA2,x,false\nA3,y,maybe\nA4,y,yes\nA5,y,\n");
  t.Write("subscriptions.csv",
          "subscription_id,account_id,start_date,end_date,amount,revenue_type,gross_margin\n"
          "S1,A1,2023-01-01,,1000,recurring,0.8\n"
          "S2,A2,2023-01-01,2023-06-01,1000,recurring,0.8\n"
          "S3,A3,2023-02-01,2023-12-01,1000,recurring,0.8\n"
          "S4,A3,2023-02-01,,500,recurring,0.8\n"
          "S5,A4,2024-03-01,,1000,recurring,0.8\n"
          "S6,A5,2023-01-01,,1000,recurring,0.1\n");
  t.Write("tickets.csv", "ticket_id,account_id,opened_at,effort_hours\nT1,A5,2023-06-01,200\n");
  Dataset data = t.Load();
  Settings settings;
  const Day as_of = *ParseDate("2024-12-31");
  auto run = [&](const char* outcome) {
    IcpOptions o;
    o.outcome = outcome;
    auto r = ComputeIcpOutcomes(data, settings, DefaultCard(), as_of, o);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::string out;
    for (const auto& x : *r) out += std::string(data.accounts.id[x.account]) + (x.good ? "+ " : "- ");
    return out;
  };
  EXPECT_EQ(run("retained"), "A1+ A2- A3+ A5+ ");
  EXPECT_EQ(run("nrr"), "A1+ A2- A3- A5+ ");
  EXPECT_EQ(run("good"), "A1+ A2- A3- A5- ");
  EXPECT_EQ(run("attr_won"), "A1+ A2- A4+ ");

  IcpOptions bad;
  bad.outcome = "retaind";
  EXPECT_EQ(
      ComputeIcpOutcomes(data, settings, DefaultCard(), as_of, bad).status().message(),
      "--outcome: unknown outcome 'retaind' (expected retained, nrr, good or an attr_* column), did you mean "
      "'retained'?");
  bad.outcome = "attr_wn";
  EXPECT_EQ(ComputeIcpOutcomes(data, settings, DefaultCard(), as_of, bad).status().message(),
            "--outcome: accounts.csv has no column 'attr_wn', did you mean 'attr_won'?");
}

// Generated accounts: industry one of five (80 each), source one of four; good with
// probability `good_rate(industry)`. Deterministic: mt19937's raw output is specified.
struct Generated {
  Dataset data;
  std::vector<IcpOutcome> outcomes;
};

Generated Generate(const std::string& name, double cyber_rate, double other_rate, uint32_t seed) {
  static const char* kIndustries[] = {"Cybersecurity", "DevTools", "EdTech", "FinTech", "HealthTech"};
  static const char* kSources[] = {"event", "partner", "organic", "ads"};
  std::mt19937 rng(seed);
  std::string csv = "account_id,industry,source,employees\n";
  std::vector<bool> good;
  for (int i = 0; i < 400; ++i) {
    const int industry = i % 5;
    const int source = static_cast<int>(rng() % 4);
    const int employees = 10 + static_cast<int>(rng() % 2000);
    csv += "G" + std::to_string(i) + "," + kIndustries[industry] + "," + kSources[source] + "," +
           std::to_string(employees) + "\n";
    const double p = industry == 0 ? cyber_rate : other_rate;
    good.push_back(rng() < p * 4294967296.0);
  }
  TempData t(name);
  t.Write("accounts.csv", csv);
  Generated g{t.Load(), {}};
  for (int i = 0; i < 400; ++i) g.outcomes.push_back({static_cast<AccountIndex>(i), good[i]});
  return g;
}

TEST(IcpDiscoveryTest, FindsAPlantedIndustry) {
  Generated g = Generate("planted", 0.8, 0.4, 7);
  IcpOptions o;
  IcpDiscovery d = DiscoverIcp(g.data, g.outcomes, o);
  ASSERT_TRUE(d.enough_data);
  EXPECT_EQ(d.accounts, 400);
  // Expected base rate 0.2 × 0.8 + 0.8 × 0.4 = 0.48; the sample's should be close.
  EXPECT_NEAR(d.base_rate, 0.48, 0.07);
  ASSERT_FALSE(d.rows.empty());
  const IcpValueRow& top = d.rows[0];
  EXPECT_EQ(top.attribute, "industry");
  EXPECT_EQ(top.value, "Cybersecurity");
  EXPECT_EQ(top.accounts, 80);
  EXPECT_DOUBLE_EQ(top.good_rate, static_cast<double>(top.good) / 80);
  EXPECT_DOUBLE_EQ(top.lift, top.good_rate / d.base_rate);
  EXPECT_GT(top.ci.low, d.base_rate);  // significant
  EXPECT_GT(top.coefficient, 0);
  ASSERT_FALSE(d.proposed_rules.empty());
  EXPECT_EQ(d.proposed_rules[0].kind, "icp");
  EXPECT_EQ(d.proposed_rules[0].rule, "industry in [\"Cybersecurity\"]");
  // The holdout is about 30 %; the only signal separates about 1/3 of the good from
  // 1/13 of the bad, an expected AUC near 0.63.
  EXPECT_EQ(d.training_accounts + d.holdout_accounts, 400);
  EXPECT_NEAR(d.holdout_accounts, 120, 30);
  EXPECT_GT(d.auc, 0.55);
  // Size bands come from employees and read as rules.
  bool band = false;
  for (const auto& r : d.rows)
    band |= r.attribute == "size_band" && r.rule == "employees >= 1000 and employees < 5000";
  EXPECT_TRUE(band);
}

TEST(IcpDiscoveryTest, PureNoiseClaimsNothingBeyondChance) {
  Generated g = Generate("noise", 0.5, 0.5, 11);
  IcpOptions o;
  IcpDiscovery d = DiscoverIcp(g.data, g.outcomes, o);
  ASSERT_TRUE(d.enough_data);
  // 5 industries + 4 sources + 3 size bands = 12 rows (employees 10–2009: band 1-49 has
  // about 400 × 40 / 2000 = 8 accounts, below the minimum group of 20); at 95 % about 0.6
  // intervals exclude the base rate by chance; more than 3 would be P < 0.01
  // (binomial 12, 0.05).
  EXPECT_EQ(d.rows.size(), 12u);
  EXPECT_EQ(d.small_values, 1);
  EXPECT_LE(d.significant, 3);
  EXPECT_LE(d.auc_ci.low, 0.5);
  EXPECT_GE(d.auc_ci.high, 0.5);
  EXPECT_NEAR(d.auc, 0.5, 0.12);
}

TEST(IcpDiscoveryTest, TooLittleDataSaysSo) {
  Generated g = Generate("small", 0.8, 0.4, 7);
  g.outcomes.resize(60);
  IcpOptions o;
  IcpDiscovery d = DiscoverIcp(g.data, g.outcomes, o);
  EXPECT_FALSE(d.enough_data);
  EXPECT_FALSE(d.model_fitted);
  EXPECT_TRUE(d.proposed_rules.empty());
  Report r = IcpReport(d, o, Settings(), *ParseDate("2024-12-31"));
  const std::string expected =
      "too little data to conclude: 60 accounts (" + std::to_string(d.good) + " good, " +
      std::to_string(60 - d.good) +
      " not good); needs at least 100 accounts and 20 of each outcome; no model fitted and "
      "no rules proposed";
  EXPECT_EQ(r.notes.back(), expected);
}

TEST(IcpDiscoveryTest, HoldoutIsDeterministicAndNearItsShare) {
  int in = 0;
  for (int i = 0; i < 10000; ++i) in += InHoldout("A" + std::to_string(i), 1, 0.3);
  EXPECT_NEAR(in, 3000, 150);  // binomial SD 46
  EXPECT_EQ(InHoldout("A-1", 1, 0.3), InHoldout("A-1", 1, 0.3));
}

}  // namespace
}  // namespace flywheel
