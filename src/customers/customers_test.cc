// Hand-worked accounts through the scorecard, the rule language, the notice tiers and the
// attention budget. Every expected number is worked out in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "customers/account_measures.h"
#include "customers/account_score.h"
#include "customers/action_choice.h"
#include "customers/attention_report.h"
#include "customers/customers_report.h"
#include "customers/migration_plan.h"
#include "customers/rule_expression.h"
#include "customers/scorecard.h"
#include "ingest/dataset_loader.h"
#include "output/json_number.h"
#include "output/report_writer.h"
#include "testing/blank_account.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;
using Lists = std::map<std::string, std::vector<std::string>>;

RuleValue Num(double v) { return v; }

RuleSubject Subject(std::map<std::string, RuleValue> values) {
  return [values](const std::string& name) -> RuleValue {
    auto it = values.find(name);
    return it == values.end() ? RuleValue() : it->second;
  };
}

TEST(RuleExpressionTest, EvaluatesComparisonsListsAndLogic) {
  Lists lists = {{"sanctioned", {"IR", "KP"}}};
  auto r = RuleExpression::Parse("employees >= 50 and employees < 5000", lists);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->Matches(Subject({{"employees", Num(50)}})));
  EXPECT_FALSE(r->Matches(Subject({{"employees", Num(5000)}})));
  EXPECT_FALSE(r->Matches(Subject({})));  // missing value: false

  auto in = RuleExpression::Parse("country in sanctioned or industry in [\"arms\", \"tobacco\"]", lists);
  ASSERT_TRUE(in.ok());
  EXPECT_TRUE(in->Matches(Subject({{"country", std::string("kp")}})));  // case-insensitive
  EXPECT_TRUE(in->Matches(Subject({{"industry", std::string("Tobacco")}})));
  EXPECT_FALSE(in->Matches(Subject({{"country", std::string("DE")}})));
  // Texts given as views (subjects over a data set view its dictionary) compare the same way.
  static const std::string kCountries = "KPDE";
  EXPECT_TRUE(in->Matches(Subject({{"country", std::string_view(kCountries).substr(0, 2)}})));
  EXPECT_FALSE(in->Matches(Subject({{"country", std::string_view(kCountries).substr(2, 2)}})));
  EXPECT_FALSE(in->Matches(Subject({{"country", std::string_view(kCountries)}})));

  // and binds tighter than or; parentheses and not.
  auto p = RuleExpression::Parse("not (a == 1 or b == 1) and c != \"x\"", lists);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->Matches(Subject({{"a", Num(0)}, {"b", Num(0)}, {"c", std::string("y")}})));
  EXPECT_FALSE(p->Matches(Subject({{"a", Num(1)}, {"b", Num(0)}, {"c", std::string("y")}})));
  EXPECT_FALSE(p->Matches(Subject({{"a", Num(0)}, {"b", Num(0)}, {"c", std::string("X")}})));
  auto prec = RuleExpression::Parse("a == 1 or b == 1 and c == 1", lists);
  ASSERT_TRUE(prec.ok());
  EXPECT_TRUE(prec->Matches(Subject({{"a", Num(1)}})));  // a or (b and c)
}

// What a rule demands of a name at its top, so that rules that cannot match are skipped.
TEST(RuleExpressionTest, RequiredTextsOfTheTopAndChain) {
  auto texts = [](const char* text, const char* name) {
    auto r = RuleExpression::Parse(text, {});
    EXPECT_TRUE(r.ok()) << text;
    auto required = r->RequiredTexts(name);
    if (!required) return std::string("none");
    std::string out = "[";
    for (std::string_view t : *required) out += std::string(out.size() > 1 ? "," : "") + std::string(t);
    return out + "]";
  };
  EXPECT_EQ(texts("class in [\"ideal\", \"good\"] and health < 60", "class"), "[ideal,good]");
  EXPECT_EQ(texts("health < 60 and (a == 1 and class == \"poor\")", "class"), "[poor]");
  EXPECT_EQ(texts("class in [\"poor\", 3]", "class"), "[poor]");  // a number never equals a text
  EXPECT_EQ(texts("class == 1", "class"), "[]");
  EXPECT_EQ(texts("class == \"poor\" or health < 60", "class"), "none");  // not at the top
  EXPECT_EQ(texts("not class == \"poor\"", "class"), "none");
  EXPECT_EQ(texts("class != \"poor\"", "class"), "none");
  EXPECT_EQ(texts("health < 60", "class"), "none");
}

TEST(RuleExpressionTest, ErrorsPointAtTheColumn) {
  Lists lists = {{"sanctioned", {"IR"}}};
  auto msg = [&](const char* text) { return RuleExpression::Parse(text, lists).status().message(); };
  EXPECT_EQ(msg("employees >= "), "column 14: expected a value after '>='");
  EXPECT_EQ(msg("employees >= and"), "column 14: expected a value after '>='");
  EXPECT_EQ(msg("country in sanctoned"), "column 12: unknown list 'sanctoned', did you mean 'sanctioned'?");
  EXPECT_EQ(msg("(a == 1"), "column 8: expected ')'");
  EXPECT_EQ(msg("a = 1"), "column 3: unknown operator '=' (use == or !=)");
  EXPECT_EQ(msg("a == 1 b"), "column 8: unexpected 'b'");
  EXPECT_EQ(msg("a < \"x\""), "column 5: '<' needs a number");
  EXPECT_EQ(msg("a in [1, ]"), "column 10: expected a value after ','");
  EXPECT_EQ(msg(""), "column 1: expected a rule, got nothing");
}

TEST(ScorecardTest, RuleErrorNamesFileLineRuleAndColumn) {
  const std::string text =
      "[classes]\nideal = 80\n\n[[icp_rules]]\nname = \"big\"\nrule = \"employees >= \"\npoints = 10\n";
  auto card = ParseScorecard(text, "scorecard.toml", {});
  ASSERT_FALSE(card.ok());
  EXPECT_EQ(card.status().message(),
            "scorecard.toml:6: rule \"big\": column 14: expected a value after '>='");
}

TEST(ScorecardTest, OtherErrors) {
  auto msg = [](const std::string& text) { return ParseScorecard(text, "s.toml", {}).status().message(); };
  EXPECT_EQ(msg("[measures.ar]\nweight = 1\n"), "s.toml:1: unknown measure 'ar', did you mean 'arr'?");
  EXPECT_EQ(msg("[measures.arr]\nmethod = \"median\"\n"),
            "s.toml:2: measures.arr.method: expected \"bands\", \"linear\" or \"percentile\"");
  EXPECT_EQ(msg("[clases]\n"), "s.toml:1: unknown section 'clases', did you mean 'classes'?");
  EXPECT_EQ(msg("[classes]\nideal = 50\ngood = 60\n"),
            "s.toml:1: classes: expected neutral <= good <= ideal");
  EXPECT_EQ(
      msg("[measures.nps]\nmethod = \"bands\"\nbands = [[5, 10], [1, 20]]\n"),
      "s.toml:3: measures.nps.bands: expected [[from, score], ...] with from ascending and score 0-100");
}

// Account measures hold one value per measure in a fixed-size array.
TEST(ScorecardTest, MeasureCountMatchesTheMeasureList) {
  EXPECT_EQ(MeasureDimensions().size(), kMeasureCount);
}

TEST(ScorecardTest, DefaultTextEqualsTheExampleFile) {
  const char* src = std::getenv("FLYWHEEL_SOURCE_DIR");
  ASSERT_NE(src, nullptr) << "run through ctest (FLYWHEEL_SOURCE_DIR)";
  std::ifstream in(std::string(src) + "/examples/scorecard.toml", std::ios::binary);
  ASSERT_TRUE(in);
  std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(file, DefaultScorecardToml());
  auto card = ParseScorecard(DefaultScorecardToml(), "scorecard.toml", {});
  ASSERT_TRUE(card.ok()) << card.status().message();
  double total = 0;
  for (const auto& m : card->measures) total += m.weight;
  EXPECT_EQ(total, 100);
}

TEST(NormaliseTest, BandsLinearPercentile) {
  MeasureSpec bands;
  bands.method = Normalisation::kBands;
  bands.bands = {{0, 20}, {6, 40}, {12, 60}};
  EXPECT_EQ(NormaliseValue(bands, -3), 20);  // below the first band: its score
  EXPECT_EQ(NormaliseValue(bands, 6), 40);   // a band starts at its `from`
  EXPECT_EQ(NormaliseValue(bands, 11.9), 40);
  EXPECT_EQ(NormaliseValue(bands, 100), 60);
  MeasureSpec lower;
  lower.low = 20;
  lower.high = 0;                                  // lower is better
  EXPECT_DOUBLE_EQ(NormaliseValue(lower, 5), 75);  // (5 - 20) / (0 - 20) = 0.75
  EXPECT_EQ(NormaliseValue(lower, 30), 0);         // clamped
  std::vector<double> group = {1, 2, 2, 4};
  EXPECT_DOUBLE_EQ(PercentileScore(group, 2, false), 50);    // (1 + 2/2) / 4
  EXPECT_DOUBLE_EQ(PercentileScore(group, 4, false), 87.5);  // (3 + 0.5) / 4
  EXPECT_DOUBLE_EQ(PercentileScore(group, 4, true), 12.5);
}

TEST(MigrationTest, NoticeTierBoundariesOfTheDefaults) {
  auto card = ParseScorecard(DefaultScorecardToml(), "scorecard.toml", {});
  ASSERT_TRUE(card.ok()) << card.status().message();
  // customers.md: below 20 k -> 1 month; 20 k-100 k -> 12; 100 k-1 M -> 36; 1 M and above -> 60.
  EXPECT_EQ(card->notice_tiers, (std::vector<NoticeTier>{{0, 1}, {20000, 12}, {100000, 36}, {1000000, 60}}));
  EXPECT_EQ(card->notice_tiers, Scorecard().notice_tiers);  // a scorecard without [migration]
  const auto& t = card->notice_tiers;
  EXPECT_EQ(NoticeMonths(t, 0.01), 1);
  EXPECT_EQ(NoticeMonths(t, 19999.99), 1);
  EXPECT_EQ(NoticeMonths(t, 20000), 12);
  EXPECT_EQ(NoticeMonths(t, 20000.01), 12);
  EXPECT_EQ(NoticeMonths(t, 99999.99), 12);
  EXPECT_EQ(NoticeMonths(t, 100000), 36);
  EXPECT_EQ(NoticeMonths(t, 100000.01), 36);
  EXPECT_EQ(NoticeMonths(t, 999999.99), 36);
  EXPECT_EQ(NoticeMonths(t, 1000000), 60);
  EXPECT_EQ(NoticeMonths(t, 1000000.01), 60);
  EXPECT_EQ(NoticeMonths(t, 5e9), 60);
  EXPECT_EQ(NoticeTiersText(t), "< 20,000 -> 1 month; < 100,000 -> 12; < 1,000,000 -> 36; else 60");
  EXPECT_EQ(FormatDate(AddMonths(*ParseDate("2024-01-31"), 1)), "2024-02-29");
  EXPECT_EQ(FormatDate(AddMonths(*ParseDate("2024-12-31"), 60)), "2029-12-31");
}

TEST(MigrationTest, CustomTiersFromToml) {
  const std::string text =
      "[[migration.notice_tiers]]\nfrom_arr = 0\nnotice_months = 3\n\n"
      "[[migration.notice_tiers]]\nfrom_arr = 5000\nnotice_months = 6\n\n"
      "[[migration.notice_tiers]]\nfrom_arr = 50000.5\nnotice_months = 24\n";
  auto card = ParseScorecard(text, "s.toml", {});
  ASSERT_TRUE(card.ok()) << card.status().message();
  const auto& t = card->notice_tiers;
  EXPECT_EQ(t, (std::vector<NoticeTier>{{0, 3}, {5000, 6}, {50000.5, 24}}));
  EXPECT_EQ(NoticeMonths(t, 4999.99), 3);
  EXPECT_EQ(NoticeMonths(t, 5000), 6);
  EXPECT_EQ(NoticeMonths(t, 5000.01), 6);
  EXPECT_EQ(NoticeMonths(t, 50000.49), 6);
  EXPECT_EQ(NoticeMonths(t, 50000.5), 24);
  EXPECT_EQ(NoticeMonths(t, 50000.51), 24);
  EXPECT_EQ(NoticeTiersText(t), "< 5,000 -> 3 months; < 50,000.50 -> 6; else 24");
  auto one = ParseScorecard("[[migration.notice_tiers]]\nfrom_arr = 0\nnotice_months = 1\n", "s.toml", {});
  ASSERT_TRUE(one.ok()) << one.status().message();
  EXPECT_EQ(NoticeMonths(one->notice_tiers, 1e7), 1);
  EXPECT_EQ(NoticeTiersText(one->notice_tiers), "any ARR -> 1 month");
}

TEST(MigrationTest, TierErrorsPointAtTheKey) {
  auto msg = [](const std::string& text) { return ParseScorecard(text, "s.toml", {}).status().message(); };
  const std::string t1 = "[[migration.notice_tiers]]\nfrom_arr = 0\nnotice_months = 1\n\n";
  EXPECT_EQ(
      msg(t1 + "[[migration.notice_tiers]]\nfrom_arr = 0\nnotice_months = 12\n"),
      "s.toml:6: migration.notice_tiers[2].from_arr: 0 is not above the previous tier's 0 (tiers go from the "
      "lowest ARR up)");
  EXPECT_EQ(msg(t1 + "[[migration.notice_tiers]]\nfrom_arr = 100000\nnotice_months = 36\n\n"
                     "[[migration.notice_tiers]]\nfrom_arr = 20000\nnotice_months = 12\n"),
            "s.toml:10: migration.notice_tiers[3].from_arr: 20000 is not above the previous tier's 100000 "
            "(tiers go "
            "from the lowest ARR up)");
  EXPECT_EQ(
      msg(t1 + "[[migration.notice_tiers]]\nfrom_arr = 20000\nnotice_months = 0\n"),
      "s.toml:7: migration.notice_tiers[2].notice_months: expected a whole number of months from 1 to 1200");
  EXPECT_EQ(
      msg("[[migration.notice_tiers]]\nfrom_arr = 0\nnotice_months = 1.5\n"),
      "s.toml:3: migration.notice_tiers[1].notice_months: expected a whole number of months from 1 to 1200");
  EXPECT_EQ(
      msg("[[migration.notice_tiers]]\nfrom_arr = 0\nnotice_months = -12\n"),
      "s.toml:3: migration.notice_tiers[1].notice_months: expected a whole number of months from 1 to 1200");
  EXPECT_EQ(
      msg("[[migration.notice_tiers]]\nfrom_arr = 1000\nnotice_months = 1\n"),
      "s.toml:2: migration.notice_tiers[1].from_arr: the first tier must start at 0 (it covers the smallest "
      "ARR), got 1000");
  EXPECT_EQ(msg("[[migration.notice_tiers]]\nfrom_arr = -5\nnotice_months = 1\n"),
            "s.toml:2: migration.notice_tiers[1].from_arr: expected a non-negative number");
  EXPECT_EQ(msg("[[migration.notice_tiers]]\nfrom_arr = \"0\"\nnotice_months = 1\n"),
            "s.toml:2: migration.notice_tiers[1].from_arr: expected a non-negative number");
  EXPECT_EQ(
      msg("[[migration.notice_tiers]]\nfrom_arr = 0\nmonths = 1\n"),
      "s.toml:3: migration.notice_tiers[1]: unknown key 'months' (expected from_arr and notice_months)");
  EXPECT_EQ(msg("[[migration.notice_tiers]]\nfrom_arr = 0\n"),
            "s.toml:1: migration.notice_tiers[1]: needs from_arr = ARR and notice_months = MONTHS");
  EXPECT_EQ(msg("[migration]\nnotice_tier = 1\n"),
            "s.toml:2: unknown key 'migration.notice_tier', did you mean 'migration.notice_tiers'?");
  EXPECT_EQ(msg("[migration]\nnotice_tiers = []\n"),
            "s.toml:2: migration.notice_tiers: expected [[migration.notice_tiers]] tables with from_arr and "
            "notice_months");
  EXPECT_EQ(msg("migration = 5\n"),
            "s.toml:1: migration.notice_tiers: expected [[migration.notice_tiers]] tables with from_arr and "
            "notice_months");
  EXPECT_EQ(msg("[migraton]\n"), "s.toml:1: unknown section 'migraton', did you mean 'migration'?");
}

// A three-account data set, worked by hand with the default scorecard, as of 2024-12-31.
class HandWorkedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flywheel_customers_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    Write("accounts.csv",
          "account_id,industry,country,employees,annual_revenue,attr_affinity\n"
          "A1,software,DE,100,10000000,4\n"
          "A2,public_sector,US,20,,\n"
          "A3,public_sector,KP,,,\n");
    Write("subscriptions.csv",
          "subscription_id,account_id,start_date,end_date,amount,revenue_type,product_line,gross_margin\n"
          "S1,A1,2023-01-01,,1000,recurring,platform,0.8\n"
          "S2,A1,2024-06-01,2024-06-02,4000,one_off,,\n"
          "S3,A2,2024-07-01,,500,recurring,legacy,\n"
          "S4,A3,2024-01-01,2025-03-01,2000,recurring,,\n");
    Write("tickets.csv",
          "ticket_id,account_id,opened_at,effort_hours,escalation\nT1,A1,2024-06-01,10,executive\n");
    Write("advocacy.csv", "account_id,date,type\nA1,2024-12-31,case_study\n");
    Write("nps.csv", "account_id,date,score\nA1,2024-12-31,9\n");
    Write("contacts.csv", "contact_id,account_id,seniority,is_champion\nC1,A1,vp,true\n");
    Write("usage.csv", "account_id,date,metric,value\nA1,2024-12-20,login,60\nA1,2024-10-01,login,90\n");
    auto loaded = LoadDataDirectory(dir_.string());
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    data_ = std::move(loaded->dataset);
    settings_.strategic_lines = {"platform"};
    settings_.sunset_lines = {"legacy"};
    settings_.excluded_countries = {"KP"};
    Lists lists = {{"excluded_countries", settings_.excluded_countries}};
    auto card = ParseScorecard(DefaultScorecardToml(), "scorecard.toml", lists);
    ASSERT_TRUE(card.ok()) << card.status().message();
    card_ = *card;
    auto measures = ComputeAccountMeasures(data_, settings_, card_, *ParseDate("2024-12-31"));
    ASSERT_TRUE(measures.ok()) << measures.status().message();
    measures_ = *measures;
    scores_ = ScoreAccounts(data_, card_, measures_);
    ASSERT_EQ(scores_.size(), 3u);
    ChooseActions(data_, card_, CountExecutiveAttention(scores_, settings_), measures_, nullptr, &scores_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const char* name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  const MeasureScore& Measure(const AccountScore& s, const std::string& name) {
    for (const auto& m : s.measures) {
      if (m.name == name) return m;
    }
    throw std::runtime_error("no measure " + name);
  }

  fs::path dir_;
  Dataset data_;
  Settings settings_;
  Scorecard card_;
  std::vector<AccountMeasures> measures_;
  std::vector<AccountScore> scores_;
};

TEST_F(HandWorkedTest, EveryMeasureOfA1) {
  const AccountScore& a1 = scores_[0];
  ASSERT_EQ(a1.account_id, "A1");
  auto raw = [&](const char* n) { return Measure(a1, n).raw; };
  auto norm = [&](const char* n) { return Measure(a1, n).normalised; };
  EXPECT_DOUBLE_EQ(raw("arr"), 12000);  // 1,000 a month
  EXPECT_DOUBLE_EQ(norm("arr"), 50);    // group 6,000 / 12,000 / 24,000: (1 + 0.5) / 3
  // Last 12 months: recurring 12,000 (score 100), one-off 4,000 (score 40): 1,360,000 / 16,000.
  EXPECT_DOUBLE_EQ(raw("revenue_quality"), 85);
  // 12,000 × 0.8 − (10 h × 80 + one executive escalation 5,000) = 9,600 − 5,800.
  EXPECT_DOUBLE_EQ(raw("contribution"), 3800);
  EXPECT_NEAR(norm("contribution"), 100.0 / 6, 1e-9);  // lowest of 3,800 / 4,800 / 19,200: 0.5 / 3
  EXPECT_NEAR(raw("contribution_margin"), 3800.0 / 12000, 1e-12);
  EXPECT_EQ(norm("contribution_margin"), 50);  // band from 0.3
  EXPECT_NEAR(raw("effort_hours_per_10k_arr"), 10 / 1.2, 1e-12);
  EXPECT_NEAR(norm("effort_hours_per_10k_arr"), (10 / 1.2 - 20) / -20 * 100, 1e-9);  // 58.33
  EXPECT_NEAR(norm("tickets_per_10k_arr"), (1 / 1.2 - 10) / -10 * 100, 1e-9);        // 91.67
  EXPECT_EQ(raw("escalation_points"), 10);
  EXPECT_EQ(norm("escalation_points"), 0);
  EXPECT_EQ(raw("strategic_share"), 100);
  EXPECT_TRUE(std::isnan(raw("focus_segment")));  // no focus segments configured
  EXPECT_EQ(raw("tenure_months"), 23);            // 2023-01 to 2024-12
  EXPECT_EQ(norm("tenure_months"), 60);
  EXPECT_TRUE(std::isnan(raw("months_to_contract_end")));  // open-ended
  EXPECT_EQ(raw("advocacy_points"), 5);                    // case study today: 5 × 0.5^0
  EXPECT_EQ(norm("affinity"), 80);                         // 4 of 5
  EXPECT_EQ(raw("usage_trend"), 2);                        // 60 / (90 / 3)
  EXPECT_EQ(norm("nps"), 90);
  EXPECT_EQ(norm("champion"), 100);
  EXPECT_EQ(norm("contact_seniority"), 80);  // vp
  EXPECT_EQ(raw("icp_fit"), 100);            // 40 + 20 + 20 + 20
}

TEST_F(HandWorkedTest, TotalRescaledForMissingData) {
  const AccountScore& a1 = scores_[0];
  // Weights with data: 100 − focus_segment 3 − months_to_contract_end 4 = 93.
  EXPECT_DOUBLE_EQ(a1.coverage, 0.93);
  // Σ normalised × weight = 600 + 680 + 133.33 + 350 + 350 + 366.67 + 0 + 700 + 360 + 500
  //   + 400 + 400 + 270 + 200 + 80 + 1000 = 6390; / 93 = 68.71.
  EXPECT_NEAR(a1.score, 6390.0 / 93, 1e-9);
  double sum = 0;
  for (const auto& m : a1.measures) sum += m.points;
  EXPECT_NEAR(sum, a1.score, 1e-9);
  EXPECT_EQ(a1.klass, "good");
  EXPECT_DOUBLE_EQ(a1.health, 95);  // (100×4 + 90×3 + 100×2 + 80×1) / 10
  // Usage 60 in the last 30 days against 90 / 3 before: 2 >= 1.25, up; one NPS answer, given
  // today: nothing to compare it with 90 days before.
  EXPECT_EQ(a1.health_trend, HealthTrend::kUp);
  EXPECT_EQ(a1.action, "expand and ask for advocacy");  // healthy, not falling, NPS 9
  EXPECT_EQ(a1.action_reason,
            "healthy (60+), not falling, a promoter (NPS 9+) or an advocate: class good, "
            "health 95, health_trend up, nps 9, advocacy_points 5");
  EXPECT_DOUBLE_EQ(a1.fit, 100);
  // Impact = (normalised − 50) × weight / 93.
  EXPECT_EQ(a1.reasons_up,
            (std::vector<std::string>{"icp_fit +5.4", "strategic_share +3.8", "revenue_quality +3.0"}));
  EXPECT_EQ(a1.reasons_down, (std::vector<std::string>{"contribution -2.9", "escalation_points -2.7"}));
}

// Without the per-measure rows (the customers list, attention, migration) every score, class,
// dimension and reason is the same.
TEST_F(HandWorkedTest, SummaryScoresMatchTheFullScores) {
  const std::vector<AccountScore> summary = ScoreAccounts(data_, card_, measures_, /*keep_measures=*/false);
  ASSERT_EQ(summary.size(), scores_.size());
  for (size_t i = 0; i < summary.size(); ++i) {
    SCOPED_TRACE(scores_[i].account_id);
    EXPECT_TRUE(summary[i].measures.empty());
    EXPECT_EQ(scores_[i].measures.size(), MeasureDimensions().size());
    EXPECT_EQ(summary[i].account_id, scores_[i].account_id);
    EXPECT_EQ(summary[i].score, scores_[i].score);
    EXPECT_EQ(summary[i].coverage, scores_[i].coverage);
    EXPECT_EQ(summary[i].klass, scores_[i].klass);
    ASSERT_EQ(summary[i].dimensions.size(), scores_[i].dimensions.size());
    for (size_t d = 0; d < summary[i].dimensions.size(); ++d) {
      EXPECT_EQ(summary[i].dimensions[d].first, scores_[i].dimensions[d].first);
      const double got = summary[i].dimensions[d].second, want = scores_[i].dimensions[d].second;
      EXPECT_TRUE(got == want || (std::isnan(got) && std::isnan(want))) << summary[i].dimensions[d].first;
    }
    EXPECT_EQ(summary[i].reasons_up, scores_[i].reasons_up);
    EXPECT_EQ(summary[i].reasons_down, scores_[i].reasons_down);
  }
  EXPECT_EQ(summary[0].reasons_up,
            (std::vector<std::string>{"icp_fit +5.4", "strategic_share +3.8", "revenue_quality +3.0"}));
}

TEST_F(HandWorkedTest, ExclusionBeatsAntiProfile) {
  EXPECT_EQ(scores_[1].klass, "anti-profile");
  EXPECT_EQ(scores_[1].matched_rule, "public_sector");
  // Offboarding comes before the migration of its sunset line; 6,000 ARR: 1 month of notice.
  EXPECT_EQ(scores_[1].action, "offboard with 1 month of notice");
  EXPECT_EQ(scores_[1].action_reason, "excluded or anti-profile: class anti-profile");
  EXPECT_EQ(scores_[2].klass, "excluded");  // KP and public sector
  EXPECT_EQ(scores_[2].matched_rule, "excluded_country");
  EXPECT_EQ(scores_[2].action, "offboard with 12 months of notice");  // 24,000 ARR
  EXPECT_NEAR(measures_[2].raw[10], 60 / 30.4375, 1e-12);             // months_to_contract_end: 60 days
}

TEST_F(HandWorkedTest, MigrationOfTheSunsetLine) {
  Report r = MigrationReport(scores_, card_, settings_, *ParseDate("2024-12-31"));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(r.rows[0][0]), "A2");
  EXPECT_EQ(std::get<double>(r.rows[0][1]), 6000);
  EXPECT_EQ(std::get<int64_t>(r.rows[0][2]), 1);
  EXPECT_EQ(std::get<std::string>(r.rows[0][3]), "2025-01-31");
  EXPECT_EQ(std::get<std::string>(r.rows[0][4]), "2025-Q1");
  // 6,000 of 12,000 + 6,000 + 24,000 = 1/7.
  EXPECT_EQ(r.json_extra[0].second,
            "[{\"arr_at_stake\":6000.0,\"quarter\":\"2025-Q1\",\"share_of_arr\":0.14285714285714285}]");
}

TEST_F(HandWorkedTest, MigrationWithCustomTiers) {
  // 6,000 at stake falls in the second tier (from 5,000): 18 months from 2024-12-31.
  auto card = ParseScorecard(
      "[[migration.notice_tiers]]\nfrom_arr = 0\nnotice_months = 2\n\n"
      "[[migration.notice_tiers]]\nfrom_arr = 5000\nnotice_months = 18\n",
      "s.toml", {});
  ASSERT_TRUE(card.ok()) << card.status().message();
  Report r = MigrationReport(scores_, *card, settings_, *ParseDate("2024-12-31"));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(std::get<int64_t>(r.rows[0][2]), 18);
  EXPECT_EQ(std::get<std::string>(r.rows[0][3]), "2026-06-30");
  EXPECT_EQ(std::get<std::string>(r.rows[0][4]), "2026-Q2");
  EXPECT_EQ(r.notes.back(), "notice by ARR at stake: < 5,000 -> 2 months; else 18");
}

// Classes from the score alone: one linear measure 0–100, so the score is the raw value.
TEST(ClassTest, EachClassAtItsBoundary) {
  Dataset data;
  auto card = ParseScorecard("[measures.nps]\nweight = 1\nlow = 0\nhigh = 100\n", "s.toml", {});
  ASSERT_TRUE(card.ok()) << card.status().message();
  std::vector<AccountMeasures> ms;
  const double values[] = {80, 79.99, 60, 40, 39.99, std::nan("")};
  for (double v : values) {
    const AccountIndex a = AppendBlankAccount(&data.accounts, "A" + std::to_string(data.accounts.size()));
    AccountMeasures m;
    m.account = a;
    m.raw.fill(std::nan(""));
    m.raw[14] = v;  // nps
    m.contribution = a == 4 ? -1 : 1;
    ms.push_back(m);
  }
  auto s = ScoreAccounts(data, *card, ms);
  EXPECT_EQ(s[0].klass, "ideal");
  EXPECT_EQ(s[1].klass, "good");
  EXPECT_EQ(s[2].klass, "good");
  EXPECT_EQ(s[3].klass, "neutral");
  EXPECT_EQ(s[4].klass, "poor");
  EXPECT_EQ(s[5].klass, "unscored");
  EXPECT_EQ(s[5].coverage, 0);
}

// Percentile measures rank each account among those with a value: (below + equal / 2) / n.
// ARR 1, 2, 2, 4 and one without (n = 4): 12.5, 50, 50, 87.5, none; lower is better mirrors.
TEST(ClassTest, PercentileMeasuresRankAmongTheAccountsWithAValue) {
  for (bool lower : {false, true}) {
    Dataset data;
    auto card = ParseScorecard(std::string("[measures.arr]\nweight = 1\nmethod = \"percentile\"\n") +
                                   (lower ? "lower_is_better = true\n" : ""),
                               "s.toml", {});
    ASSERT_TRUE(card.ok()) << card.status().message();
    int k = 0;
    while (MeasureDimensions()[static_cast<size_t>(k)].first != "arr") ++k;
    std::vector<AccountMeasures> ms;
    for (double v : {4.0, 2.0, std::nan(""), 1.0, 2.0}) {
      AccountMeasures m;
      m.account = AppendBlankAccount(&data.accounts, "A" + std::to_string(data.accounts.size()));
      m.raw.fill(std::nan(""));
      m.raw[static_cast<size_t>(k)] = v;
      ms.push_back(m);
    }
    auto s = ScoreAccounts(data, *card, ms);
    const double expected[] = {87.5, 50, std::nan(""), 12.5, 50};
    for (size_t i = 0; i < ms.size(); ++i) {
      const double want = std::isnan(expected[i]) || !lower ? expected[i] : 100 - expected[i];
      if (std::isnan(want)) {
        EXPECT_TRUE(std::isnan(s[i].measures[static_cast<size_t>(k)].normalised)) << i;
      } else {
        EXPECT_DOUBLE_EQ(s[i].measures[static_cast<size_t>(k)].normalised, want)
            << i << (lower ? " lower" : "");
        EXPECT_DOUBLE_EQ(s[i].score, want) << i;
      }
    }
  }
}

TEST(AttentionTest, WarnsOverBudget) {
  std::vector<AccountScore> scores(3);
  scores[0].account_id = "A";
  scores[0].executive_escalations = 1;
  scores[0].arr = 100;
  scores[1].account_id = "B";
  scores[1].executive_escalations = 2;
  scores[2].account_id = "C";  // none: not listed
  Settings settings;
  settings.executive_budget = 2;
  std::string warning;
  Report r = AttentionReport(scores, settings, *ParseDate("2024-12-31"), &warning);
  EXPECT_EQ(warning, "");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(std::get<std::string>(r.rows[0][0]), "B");  // most escalations first
  EXPECT_EQ(r.json_extra[1].second, "false");
  settings.executive_budget = 1;
  r = AttentionReport(scores, settings, *ParseDate("2024-12-31"), &warning);
  EXPECT_EQ(warning, "2 accounts need executive attention, budget 1: the model does not scale");
  EXPECT_EQ(r.json_extra[1].second, "true");
}

}  // namespace
}  // namespace flywheel

namespace flywheel {
namespace {

// The customers report gives its JSON rows as typed cells: every row must be the object of
// its values (alphabetical keys; the dimensions of the first account by name, a repeated
// name keeping its last score, null for an account without that dimension; the reasons up
// then down; NaN as null; numbers by the number rule), with and without a snapshot.
TEST(CustomersJsonTest, RowsAreTheObjectsOfTheirValues) {
  auto card = ParseScorecard(DefaultScorecardToml(), "scorecard.toml", {});
  ASSERT_TRUE(card.ok()) << card.status().message();
  const double nan = std::nan("");
  std::vector<AccountScore> scores(4);
  scores[0].account_id = "A1";
  scores[0].score = 91.25;
  scores[0].klass = "ideal";
  scores[0].action = "expand";
  scores[0].action_reason = "ideal or good, healthy: class ideal, health \"95\"";
  scores[0].health_trend = HealthTrend::kDown;
  scores[0].coverage = 0.88;
  scores[0].arr = 12000;
  scores[0].dimensions = {{"revenue", 99.5}, {"health", nan}, {"icp_fit", 100}, {"advocacy", 0}};
  scores[0].fit = 100;
  scores[0].health = nan;
  scores[0].reasons_up = {"arr +6.7", "icp_fit +5.7"};
  scores[0].reasons_down = {"nps -1.2"};
  scores[1].account_id = "A2 \"quoted\"";
  scores[1].score = nan;
  scores[1].klass = "unscored";
  scores[1].action = "";  // no play matched: null
  scores[1].action_reason = "no play of the playbook matched";
  scores[1].arr = 0.1 + 0.2;
  scores[1].fit = nan;
  scores[1].health = nan;
  scores[2].account_id = "A3";
  scores[2].score = 12.5;
  scores[2].klass = "excluded";
  scores[2].action = "offboard";
  scores[2].health_trend = HealthTrend::kFlat;
  scores[2].matched_rule = "excluded_country";
  scores[2].dimensions = {{"b", 1}, {"a", 2}, {"b", 3}};  // other names; "b" twice
  scores[2].reasons_down = {"arr -3.0", "nps -0.5"};
  scores[3] = scores[0];
  scores[3].account_id = "A4";
  scores[3].score = 50;
  auto expected = [&](const AccountScore& s, const double* previous, const char* trend) {
    auto number = [](double v) {
      return std::isnan(v) ? nlohmann::ordered_json() : nlohmann::ordered_json(OutputNumber(v));
    };
    std::map<std::string, double> dims;  // the names of the first listed account (A1)
    for (const auto& [name, score] : scores[0].dimensions) dims[std::string(name)] = nan;
    for (const auto& [name, score] : s.dimensions) {
      if (dims.count(std::string(name))) dims[std::string(name)] = score;
    }
    nlohmann::ordered_json o, d = nlohmann::ordered_json::object(), reasons = nlohmann::ordered_json::array();
    for (const auto& [name, score] : dims) d[name] = number(score);
    for (const auto& reason : s.reasons_up) reasons.push_back(reason);
    for (const auto& reason : s.reasons_down) reasons.push_back(reason);
    o["account_id"] = s.account_id;
    o["action"] = s.action.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s.action);
    o["action_reason"] = s.action_reason;
    o["arr"] = number(s.arr);
    o["class"] = s.klass;
    o["coverage"] = number(s.coverage);
    o["dimensions"] = d;
    o["fit"] = number(s.fit);
    o["health"] = number(s.health);
    const std::string trend_name(HealthTrendName(s.health_trend));
    o["health_trend"] = trend_name.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(trend_name);
    o["matched_rule"] =
        s.matched_rule.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s.matched_rule);
    if (previous) o["previous_score"] = number(*previous);
    o["reasons"] = reasons;
    o["score"] = number(s.score);
    if (trend) o["trend"] = trend;
    return o;
  };
  const std::map<std::string, double> snapshot = {{"A1", 80}, {"A3", 12.5}};
  for (const auto* previous : {static_cast<const std::map<std::string, double>*>(nullptr), &snapshot}) {
    SCOPED_TRACE(previous ? "against a snapshot" : "alone");
    const Report r = CustomersReport(std::make_shared<const std::vector<AccountScore>>(scores), *card,
                                     Settings{}, 0, "", previous);
    ASSERT_EQ(r.row_at_count, 4u);
    const auto json = nlohmann::ordered_json::parse(RenderJson(r)).at("rows");
    ASSERT_EQ(json.size(), 4u);
    // Listed by score: A1, A4, A3, then the unscored A2.
    const std::vector<size_t> order = {0, 3, 2, 1};
    for (size_t i = 0; i < order.size(); ++i) {
      const AccountScore& s = scores[order[i]];
      std::vector<Cell> cells;
      r.row_at(i, &cells);
      const std::string trend = previous ? std::get<std::string>(cells[r.columns.size() - 1]) : "";
      double was = nan;
      if (previous && previous->count(s.account_id)) was = previous->at(s.account_id);
      EXPECT_EQ(json[i], expected(s, previous ? &was : nullptr, previous ? trend.c_str() : nullptr)) << i;
    }
  }
}

}  // namespace
}  // namespace flywheel
