// Drill-downs on a four-account company small enough to work out by hand: the expected
// rows and numbers below come from the CSV lines in this file, not from the reports.
#include "reports/drilldown.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "output/report_writer.h"
#include "reports/report_registry.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

// Monthly MRR: A1 100 (Jan–Jun 2024), A2 200 from Jan and 250 from Mar, A3 80 (Feb–Mar),
// A4 40 (120 a quarter) from Jan.
// Selection (first deal created) → commit (first won new deal closed):
//   A1 2023-12-01 → 2024-01-10 (40 days), A2 2023-12-05 → 2024-01-20 (46),
//   A4 2023-12-01 → 2024-01-05 (35), A3 2024-01-05 → 2024-02-01 (27).
// Awareness 2023-11: A1 (qualified 2023-11-15) and the lead L2 without account (never qualified).
class DrilldownTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flywheel-drilldown-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    Write("accounts.csv",
          "account_id,name,segment\n"
          "A1,Alpha,Retail\nA2,Beta,Retail\nA3,Gamma,Fintech\nA4,Delta,Fintech\n");
    Write("subscriptions.csv",
          "subscription_id,account_id,start_date,end_date,amount,billing_period\n"
          "S1,A1,2024-01-01,2024-07-01,100,month\n"
          "S2,A2,2024-01-01,,200,month\n"
          "S3,A2,2024-03-01,,50,month\n"
          "S4,A3,2024-02-01,2024-04-01,80,month\n"
          "S5,A4,2024-01-01,,120,quarter\n");
    Write("opportunities.csv",
          "opportunity_id,account_id,type,created_at,closed_at,status,amount\n"
          "O1,A1,new,2023-12-01,2024-01-10,won,1200\n"
          "O2,A2,new,2023-12-05,2024-01-20,won,2400\n"
          "O3,A3,new,2024-01-05,2024-01-25,lost,5000\n"
          "O4,A3,new,2024-01-10,2024-02-01,won,960\n"
          "O5,A4,new,2023-12-01,2024-01-05,won,480\n"
          "O6,A2,expansion,2024-02-01,2024-02-25,won,600\n"
          "O7,A1,new,2024-05-01,,open,\n");
    Write("leads.csv",
          "lead_id,account_id,created_at,qualified_at\n"
          "L1,A1,2023-11-01,2023-11-15\n"
          "L2,,2023-11-20,\n"
          "L3,A3,2023-12-10,2023-12-20\n");
    InputOptions io;
    io.data_dir = dir_.string();
    io.as_of = "2024-06-30";
    auto in = LoadInput(io);
    ASSERT_TRUE(in.ok()) << in.status().message();
    input_ = std::move(*in);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }

  nlohmann::json Drill(const std::string& report, std::map<std::string, std::string> params) {
    ReportParams p;
    for (auto& [k, v] : params) p.Set(k, v);
    p.Set("format", "json");
    auto r = Drilldown(report, input_, p);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? nlohmann::json::parse(RenderJson(*r)) : nlohmann::json();
  }
  std::string Error(const std::string& report, std::map<std::string, std::string> params) {
    ReportParams p;
    for (auto& [k, v] : params) p.Set(k, v);
    auto r = Drilldown(report, input_, p);
    return r.ok() ? "ok" : r.status().message();
  }
  static std::set<std::string> Ids(const nlohmann::json& drill, const char* key = "account_id") {
    std::set<std::string> ids;
    for (const auto& row : drill["rows"]) ids.insert(row[key].is_null() ? "" : row[key].get<std::string>());
    return ids;
  }

  fs::path dir_;
  Input input_;
};

TEST_F(DrilldownTest, CohortCellsByHand) {
  // Cohort 2024-01 = A1, A2, A4; start MRR 100 + 200 + 40 = 340. In March: 100 + 250 + 40.
  auto nrr = Drill("cohorts", {{"cell", "2024-01:2"}});
  EXPECT_EQ(Ids(nrr), (std::set<std::string>{"A1", "A2", "A4"}));
  EXPECT_DOUBLE_EQ(nrr["start_mrr"].get<double>(), 340);
  EXPECT_DOUBLE_EQ(nrr["numerator"].get<double>(), 390);
  EXPECT_DOUBLE_EQ(nrr["denominator"].get<double>(), 340);
  EXPECT_EQ(nrr["value"].get<double>(), 1.14705882352941);  // 390 / 340 to 15 significant digits
  // GRR caps A2 at its start: 100 + 200 + 40.
  auto grr = Drill("cohorts", {{"cell", "2024-01:2"}, {"metric", "grr"}});
  EXPECT_DOUBLE_EQ(grr["numerator"].get<double>(), 340);
  // A3 stopped paying on 2024-04-01: logo retention of cohort 2024-02 at age 2 (April) is 0 of 1.
  auto logo = Drill("cohorts", {{"cell", "2024-02:2"}, {"metric", "logo"}});
  EXPECT_EQ(Ids(logo), (std::set<std::string>{"A3"}));
  EXPECT_DOUBLE_EQ(logo["value"].get<double>(), 0);
  // A segment: Fintech of cohort 2024-01 is A4 alone.
  auto fintech = Drill("cohorts", {{"cell", "2024-01:Fintech:5"}, {"segment_by", "segment"}});
  EXPECT_EQ(Ids(fintech), (std::set<std::string>{"A4"}));
  EXPECT_DOUBLE_EQ(fintech["value"].get<double>(), 1);
  // The weighted average at age 4 pools 2024-01 (May: 100 + 250 + 40) and 2024-02 (June: 0).
  auto average = Drill("cohorts", {{"cell", "average:4"}});
  EXPECT_DOUBLE_EQ(average["numerator"].get<double>(), 390);
  EXPECT_DOUBLE_EQ(average["denominator"].get<double>(), 420);
  EXPECT_EQ(Error("cohorts", {{"cell", "2024-02:5"}}), "--cell: cohort 2024-02 has no age 5 yet");
  EXPECT_EQ(Error("cohorts", {{"cell", "2024-06:0"}}),
            "--cell: no cohort '2024-06' in the cohorts report, did you mean '2024-01'?");
}

TEST_F(DrilldownTest, BowtieCellsByHand) {
  auto selection = Drill("bowtie", {{"cell", "2023-12:selection:converted"}});
  EXPECT_EQ(Ids(selection), (std::set<std::string>{"A1", "A2", "A4"}));
  EXPECT_EQ(selection["entered"].get<int>(), 3);
  EXPECT_EQ(selection["converted"].get<int>(), 3);
  std::map<std::string, double> days;
  for (const auto& row : selection["rows"]) days[row["account_id"]] = row["days_to_next"].get<double>();
  EXPECT_EQ(days, (std::map<std::string, double>{{"A1", 40}, {"A2", 46}, {"A4", 35}}));
  // Awareness 2023-11: A1 went on to education; the lead L2 has not yet, within the 365-day window.
  auto awareness = Drill("bowtie", {{"cell", "2023-11:awareness:entered"}});
  EXPECT_EQ(Ids(awareness, "unit"), (std::set<std::string>{"A1", "lead L2"}));
  EXPECT_EQ(awareness["converted"].get<int>(), 1);
  EXPECT_EQ(awareness["still_open"].get<int>(), 1);
  EXPECT_EQ(Ids(Drill("bowtie", {{"cell", "2023-11:awareness:still_open"}}), "unit"),
            (std::set<std::string>{"lead L2"}));
  // Mode period, January: commits A1, A2, A4 over the one selection entry (A3).
  auto period = Drill("bowtie", {{"cell", "2024-01:selection:conversion_rate"}, {"mode", "period"}});
  EXPECT_EQ(Ids(period), (std::set<std::string>{"A1", "A2", "A4"}));
  EXPECT_EQ(period["denominator"].get<int>(), 1);
}

TEST_F(DrilldownTest, WinRateCellsByHand) {
  // January 2024, new deals: O1, O2, O5 won (1200 + 2400 + 480), O3 lost (5000).
  auto jan = Drill("pipeline", {{"cell", "2024-01:win_rate_new"}});
  EXPECT_EQ(Ids(jan, "opportunity_id"), (std::set<std::string>{"O1", "O2", "O3", "O5"}));
  EXPECT_EQ(jan["won"].get<int>(), 3);
  EXPECT_EQ(jan["lost"].get<int>(), 1);
  EXPECT_DOUBLE_EQ(jan["win_rate"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(jan["win_rate_value"].get<double>(), 4080.0 / 9080);
  EXPECT_EQ(Ids(Drill("pipeline", {{"cell", "2024-01:lost_new"}}), "opportunity_id"),
            (std::set<std::string>{"O3"}));
  EXPECT_EQ(Ids(Drill("pipeline", {{"cell", "2024-02:won_expansion"}}), "opportunity_id"),
            (std::set<std::string>{"O6"}));
  auto fintech = Drill("pipeline",
                       {{"cell", "2024-01:win_rate_new"}, {"segment_by", "segment"}, {"segment", "Fintech"}});
  EXPECT_EQ(Ids(fintech, "opportunity_id"), (std::set<std::string>{"O3", "O5"}));
  EXPECT_DOUBLE_EQ(fintech["win_rate"].get<double>(), 0.5);
}

TEST_F(DrilldownTest, CustomerClassesCountTheReportsAccounts) {
  auto spec = FindReport("customers");
  ASSERT_TRUE(spec.ok());
  ReportParams p;
  p.Set("format", "json");
  auto report = RunReport(**spec, input_, p);
  ASSERT_TRUE(report.ok()) << report.status().message();
  auto json = nlohmann::json::parse(RenderJson(*report));
  // Customers on 2024-06-30: A1, A2, A4 (A3 stopped in April).
  std::set<std::string> listed;
  for (const std::string& klass : CustomerClasses()) {
    auto drill = Drill("customers", {{"cell", klass}});
    size_t expected = 0;
    for (const auto& row : json["rows"]) expected += row["class"] == klass;
    EXPECT_EQ(drill["rows"].size(), expected) << klass;
    for (const auto& id : Ids(drill)) listed.insert(id);
  }
  EXPECT_EQ(listed, (std::set<std::string>{"A1", "A2", "A4"}));
}

// The currency line drills to the accounts behind it (tests/fixtures/fx-split, worked by hand
// in its README): February's fx impact of +20 is EU-1's 100 EUR and EU-2's 100 EUR, each
// revalued from 1.10 to 1.20 (+10 each); March's −11 is 100 and 120 EUR from 1.20 to 1.15
// (−5 and −6). February's expansion is EU-2's 20 EUR at 1.20 = 24.
TEST(DrilldownFxTest, TheFxImpactCellListsTheAccountsBehindIt) {
  const char* source = std::getenv("FLYWHEEL_SOURCE_DIR");
  ASSERT_NE(source, nullptr) << "run through ctest (FLYWHEEL_SOURCE_DIR)";
  InputOptions io;
  io.data_dir = std::string(source) + "/tests/fixtures/fx-split";
  io.as_of = "2024-03-31";
  auto in = LoadInput(io);
  ASSERT_TRUE(in.ok()) << in.status().message();
  auto drill = [&](const char* cell) {
    ReportParams p;
    p.Set("cell", cell);
    p.Set("format", "json");
    auto r = Drilldown("revenue", *in, p);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::map<std::string, double> amounts;
    if (!r.ok()) return amounts;
    const auto json = nlohmann::json::parse(RenderJson(*r));
    for (const auto& row : json["rows"])
      amounts[row["account_id"].get<std::string>()] = row["amount"].get<double>();
    amounts["total"] = json["total"].get<double>();
    EXPECT_EQ(json["field"], "fx_impact_mrr") << cell;
    return amounts;
  };
  const auto feb = drill("2024-02:all:fx_impact_mrr");
  EXPECT_EQ(feb.size(), 3u);
  EXPECT_NEAR(feb.at("EU-1"), 10, 1e-9);
  EXPECT_NEAR(feb.at("EU-2"), 10, 1e-9);
  EXPECT_NEAR(feb.at("total"), 20, 1e-9);
  const auto mar = drill("2024-03:all:fx_impact");
  EXPECT_NEAR(mar.at("EU-1"), -5, 1e-9);
  EXPECT_NEAR(mar.at("EU-2"), -6, 1e-9);
  EXPECT_NEAR(mar.at("total"), -11, 1e-9);
  ReportParams p;
  p.Set("cell", "2024-02:all:expansion");
  auto expansion = Drilldown("revenue", *in, p);
  ASSERT_TRUE(expansion.ok());
  ASSERT_EQ(expansion->rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(expansion->rows[0][0]), "EU-2");
  EXPECT_NEAR(std::get<double>(expansion->rows[0][2]), 24, 1e-9);
}

}  // namespace
}  // namespace flywheel
