// The flywheel indicators' own drill-downs on a four-account company small enough to work out
// by hand: each expected row comes from the CSV lines below, and Σ numerator / Σ denominator
// (− 1 for growth, or the listed statistic) is checked against the report's own value.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "output/report_writer.h"
#include "reports/drill_test_util.h"
#include "reports/drilldown.h"
#include "reports/report_registry.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;
using Pair = std::pair<double, double>;

// MRR: A1 (Retail) 100 from January 2023, +20 from March 2024; A2 (Retail) 200 from January
// 2023 to May 2023; A3 (Fintech) 50 from February 2023, +30 from January 2024; A4 (Fintech) 70
// from February 2024. End of March 2024: 120 + 80 + 70 = 270; of February 2024: 250; of March
// 2023: 100 + 200 + 50 = 350.
// Cohorts turning one: 2023-01 (A1, A2) in January 2024, 2023-02 (A3) in February 2024.
// Leads qualified: February L1 (A1), L2 (no account, Fintech); March L3 (A3), L4 (A4), L5 (A2).
// Spend: February marketing 200; March marketing 600, sales 300 (shared).
// Deals closed in March: new O6 won 900, O7 won 1500, O4 lost; expansion O2 won (50 days),
// O3 won (40 days). Created in March: O4 500, O5 800.
class FlywheelDrilldownTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flywheel-fw-drill-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    Write("accounts.csv",
          "account_id,name,segment\nA1,Alpha,Retail\nA2,Beta,Retail\nA3,Gamma,Fintech\nA4,Delta,Fintech\n");
    Write("subscriptions.csv",
          "subscription_id,account_id,start_date,end_date,amount,billing_period\n"
          "S1,A1,2023-01-01,,100,month\nS2,A2,2023-01-01,2023-06-01,200,month\nS3,A3,2023-02-01,,50,month\n"
          "S4,A3,2024-01-01,,30,month\nS5,A4,2024-02-01,,70,month\nS6,A1,2024-03-01,,20,month\n");
    Write("leads.csv",
          "lead_id,account_id,created_at,qualified_at,channel,segment\n"
          "L1,A1,2024-02-01,2024-02-05,inbound,\nL2,,2024-02-10,2024-02-20,event,Fintech\n"
          "L3,A3,2024-03-01,2024-03-03,inbound,\nL4,A4,2024-03-02,2024-03-10,inbound,\n"
          "L5,A2,2024-03-05,2024-03-15,outbound,\nL6,A2,2024-03-06,,outbound,\n");
    Write("spend.csv",
          "month,category,amount,segment\n2024-02,marketing,200,\n2024-03,marketing,600,\n2024-03,sales,300,"
          "\n");
    Write("finance.csv", "month,net_burn,gross_margin\n2024-02,700,\n2024-03,500,\n");
    Write("opportunities.csv",
          "opportunity_id,account_id,type,created_at,closed_at,status,amount\n"
          "O1,A4,new,2024-01-10,2024-02-09,won,1000\nO2,A1,expansion,2024-01-15,2024-03-05,won,240\n"
          "O3,A3,expansion,2024-02-01,2024-03-12,won,120\nO4,A2,new,2024-03-01,2024-03-20,lost,500\n"
          "O5,A4,new,2024-03-05,,open,800\nO6,A1,new,2024-02-01,2024-03-25,won,900\n"
          "O7,A3,new,2024-02-10,2024-03-30,won,1500\n");
    Load();
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  void Load() {
    InputOptions io;
    io.data_dir = dir_.string();
    io.as_of = "2024-03-31";
    auto in = LoadInput(io);
    ASSERT_TRUE(in.ok()) << in.status().message();
    input_ = std::move(*in);
  }

  static ReportParams Params(const std::map<std::string, std::string>& params) {
    return drill_test::Params(params);
  }
  nlohmann::json Drill(const std::string& report, const std::map<std::string, std::string>& params) {
    return drill_test::Drill(input_, report, params);
  }
  // The flywheel's indicator value of `field` for `segment`: the report's indicators
  // gives the latest period's value and the two before.
  nlohmann::json Indicator(const std::map<std::string, std::string>& params, const std::string& segment,
                           const std::string& field, const char* which = "value") {
    auto r = RunReport(**FindReport("flywheel"), input_, Params(params));
    EXPECT_TRUE(r.ok()) << r.status().message();
    if (!r.ok()) return nullptr;
    const auto json = nlohmann::json::parse(RenderJson(*r));
    for (const auto& row : json["indicators"]) {
      if (row["segment"] == segment && row["indicator"] == field) return row[which];
    }
    ADD_FAILURE() << "no indicator " << field << " / " << segment;
    return nullptr;
  }
  // The pipeline report's number of `field` in `period` (all).
  nlohmann::json PipelineCell(const std::string& period, const std::string& field) {
    auto r = RunReport(**FindReport("pipeline"), input_, Params({}));
    EXPECT_TRUE(r.ok()) << r.status().message();
    if (!r.ok()) return nullptr;
    const auto json = nlohmann::json::parse(RenderJson(*r));
    for (const auto& row : json["rows"]) {
      if (row["period"] == period && row["segment"] == "all") return row[field];
    }
    return nullptr;
  }
  static std::map<std::string, Pair> Parts(const nlohmann::json& drill) {
    std::map<std::string, Pair> parts;
    for (const auto& row : drill["rows"]) {
      const std::string key = row["id"].is_null()
                                  ? row["name"].get<std::string>() + " " + row["month"].get<std::string>()
                                  : row["id"].get<std::string>();
      parts[key] = {row["numerator"].get<double>(), row["denominator"].get<double>()};
    }
    return parts;
  }
  // Σ numerator / Σ denominator (− 1 for a growth) against the drill-down's and the report's value.
  static void ExpectValue(const nlohmann::json& drill, const nlohmann::json& cell, double offset,
                          double expected) {
    ASSERT_TRUE(cell.is_number()) << drill["cell"];
    const double ratio = drill["numerator"].get<double>() / drill["denominator"].get<double>() - offset;
    EXPECT_NEAR(ratio, expected, 1e-14 * std::abs(expected)) << drill["cell"];
    EXPECT_NEAR(ratio, cell.get<double>(), 1e-14 * std::abs(ratio)) << drill["cell"];
    EXPECT_EQ(drill["value"], cell) << drill["cell"];
  }

  fs::path dir_;
  Input input_;
};

TEST_F(FlywheelDrilldownTest, LvrIsTheLeadsOfThePeriodOverThoseOfThePeriodBefore) {
  auto lvr = Drill("flywheel", {{"cell", "2024-03:all:lvr"}});
  EXPECT_EQ(Parts(lvr), (std::map<std::string, Pair>{
                            {"L1", {0, 1}}, {"L2", {0, 1}}, {"L3", {1, 0}}, {"L4", {1, 0}}, {"L5", {1, 0}}}));
  EXPECT_EQ(lvr["source"], "flywheel");
  ExpectValue(lvr, Indicator({}, "all", "lvr"), 1, 0.5);
  // Fintech: March L3, L4; February L2, a lead without account of that segment.
  const std::map<std::string, std::string> seg = {{"segment_by", "segment"}, {"cell", "2024-03:Fintech:lvr"}};
  auto fintech = Drill("flywheel", seg);
  EXPECT_EQ(Parts(fintech), (std::map<std::string, Pair>{{"L2", {0, 1}}, {"L3", {1, 0}}, {"L4", {1, 0}}}));
  ExpectValue(fintech, Indicator({{"segment_by", "segment"}}, "Fintech", "lvr"), 1, 1.0);
}

TEST_F(FlywheelDrilldownTest, CostPerSqlAndPerPipelineDollarListSpendOverLeadsAndDeals) {
  auto sql = Drill("flywheel", {{"cell", "2024-03:all:cost_per_sql"}});
  EXPECT_EQ(Parts(sql),
            (std::map<std::string, Pair>{
                {"marketing 2024-03", {600, 0}}, {"L3", {0, 1}}, {"L4", {0, 1}}, {"L5", {0, 1}}}));
  ExpectValue(sql, Indicator({}, "all", "cost_per_sql"), 0, 200);
  EXPECT_EQ(sql["value"], PipelineCell("2024-03", "cost_per_sql"));
  auto dollar = Drill("flywheel", {{"cell", "2024-03:all:cost_per_pipeline_dollar"}});
  EXPECT_EQ(
      Parts(dollar),
      (std::map<std::string, Pair>{
          {"marketing 2024-03", {600, 0}}, {"sales 2024-03", {300, 0}}, {"O4", {0, 500}}, {"O5", {0, 800}}}));
  ExpectValue(dollar, Indicator({}, "all", "cost_per_pipeline_dollar"), 0, 900.0 / 1300);
  // February: marketing 200 over L1, L2.
  auto feb = Drill("flywheel", {{"cell", "2024-02:all:cost_per_sql"}});
  ExpectValue(feb, Indicator({}, "all", "cost_per_sql", "previous"), 0, 100);
}

TEST_F(FlywheelDrilldownTest, MrrGrowthListsTheAccountsMrrAtBothEnds) {
  auto mom = Drill("flywheel", {{"cell", "2024-03:all:mrr_growth"}});
  EXPECT_EQ(Parts(mom),
            (std::map<std::string, Pair>{{"A1", {120, 100}}, {"A3", {80, 80}}, {"A4", {70, 70}}}));
  ExpectValue(mom, Indicator({}, "all", "mrr_growth"), 1, 270.0 / 250 - 1);
  auto yoy = Drill("flywheel", {{"cell", "2024-03:all:mrr_growth_yoy"}});
  EXPECT_EQ(Parts(yoy), (std::map<std::string, Pair>{
                            {"A1", {120, 100}}, {"A2", {0, 200}}, {"A3", {80, 50}}, {"A4", {70, 0}}}));
  ExpectValue(yoy, Indicator({}, "all", "mrr_growth_yoy"), 1, 270.0 / 350 - 1);
  // Quarters: the end of 2024-Q1 against the end of 2023-Q1 (a year, four periods, before).
  auto quarter = Drill("flywheel", {{"period", "quarter"}, {"cell", "2024-Q1:all:mrr_growth_yoy"}});
  ExpectValue(quarter, Indicator({{"period", "quarter"}}, "all", "mrr_growth_yoy"), 1, 270.0 / 350 - 1);
  // The first period has none before it.
  EXPECT_TRUE(Drill("flywheel", {{"cell", "2023-01:all:mrr_growth"}})["value"].is_null());
}

TEST_F(FlywheelDrilldownTest, AcvAndExpansionCycleListTheDealsClosed) {
  auto acv = Drill("flywheel", {{"cell", "2024-03:all:acv"}});
  EXPECT_EQ(Parts(acv), (std::map<std::string, Pair>{{"O6", {900, 1}}, {"O7", {1500, 1}}}));
  ExpectValue(acv, Indicator({}, "all", "acv"), 0, 1200);
  auto cycle = Drill("flywheel", {{"cell", "2024-03:all:expansion_cycle_median_days"}});
  std::map<std::string, double> days;
  for (const auto& row : cycle["rows"]) days[row["opportunity_id"]] = row["cycle_days"].get<double>();
  EXPECT_EQ(days, (std::map<std::string, double>{{"O2", 50}, {"O3", 40}}));
  EXPECT_EQ(cycle["source"], "pipeline");
  EXPECT_EQ(cycle["value"].get<double>(), 45);
  EXPECT_EQ(cycle["value"], Indicator({}, "all", "expansion_cycle_median_days"));
  // The pipeline's own statistics: the same deals.
  for (const char* field : {"expansion_cycle_median_days", "expansion_cycle_mean_days",
                            "expansion_cycle_p75_days", "expansion_cycle_p90_days", "sales_cycle_mean_days",
                            "sales_cycle_p75_days", "sales_cycle_p90_days"}) {
    auto drill = Drill("pipeline", {{"cell", std::string("2024-03:") + field}});
    EXPECT_EQ(drill["value"], PipelineCell("2024-03", field)) << field;
  }
  // New deals won in March: O6 53 days, O7 49 days → mean 51, p90 52.6.
  EXPECT_EQ(Drill("pipeline", {{"cell", "2024-03:sales_cycle_mean_days"}})["value"].get<double>(), 51);
  EXPECT_NEAR(Drill("pipeline", {{"cell", "2024-03:sales_cycle_p90_days"}})["value"].get<double>(), 52.6,
              1e-12);
  EXPECT_EQ(Drill("pipeline", {{"cell", "2024-03:expansion_cycle_p75_days"}})["value"].get<double>(), 47.5);
}

TEST_F(FlywheelDrilldownTest, CohortRetentionListsTheCohortsTurningOne) {
  auto nrr = Drill("flywheel", {{"cell", "2024-01:all:cohort_nrr"}});
  EXPECT_EQ(Parts(nrr), (std::map<std::string, Pair>{{"A1", {100, 100}}, {"A2", {0, 200}}}));
  ExpectValue(nrr, Indicator({}, "all", "cohort_nrr", "earlier"), 0, 100.0 / 300);
  auto grr = Drill("flywheel", {{"cell", "2024-02:all:cohort_grr"}});
  EXPECT_EQ(Parts(grr), (std::map<std::string, Pair>{{"A3", {50, 50}}}));
  ExpectValue(grr, Indicator({}, "all", "cohort_grr", "previous"), 0, 1);
  EXPECT_EQ(Parts(Drill("flywheel", {{"cell", "2024-02:all:cohort_nrr"}})),
            (std::map<std::string, Pair>{{"A3", {80, 50}}}));
  // A quarter pools its three monthly cohorts.
  auto quarter = Drill("flywheel", {{"period", "quarter"}, {"cell", "2024-Q1:all:cohort_nrr"}});
  ExpectValue(quarter, Indicator({{"period", "quarter"}}, "all", "cohort_nrr"), 0, 180.0 / 350);
  auto fintech = Drill(
      "flywheel", {{"segment_by", "segment"}, {"period", "quarter"}, {"cell", "2024-Q1:Fintech:cohort_grr"}});
  EXPECT_EQ(Parts(fintech), (std::map<std::string, Pair>{{"A3", {50, 50}}}));
  ExpectValue(fintech, Indicator({{"segment_by", "segment"}, {"period", "quarter"}}, "Fintech", "cohort_grr"),
              0, 1);
}

TEST_F(FlywheelDrilldownTest, BurnMultipleNeedsNoSpend) {
  fs::remove(dir_ / "spend.csv");
  Load();
  // February: burn 700 over 12 × (net new MRR: A4 70) = 840.
  auto burn = Drill("flywheel", {{"cell", "2024-02:all:burn_multiple"}});
  EXPECT_EQ(Parts(burn), (std::map<std::string, Pair>{{"net burn 2024-02", {700, 0}}, {"A4", {0, 840}}}));
  ExpectValue(burn, Indicator({}, "all", "burn_multiple", "previous"), 0, 700.0 / 840);
  // Without spend lines the GTM ratio is 0 over the accounts, as the report's.
  auto gtm = Drill("flywheel", {{"cell", "2024-03:all:gtm_spend_ratio"}});
  EXPECT_EQ(gtm["value"], Indicator({}, "all", "gtm_spend_ratio"));
}

}  // namespace
}  // namespace flywheel
