// The time-to-value, efficiency and flywheel drill-downs on a three-account company small
// enough to work out by hand: the expected rows and numbers come from the CSV lines below,
// and each drill-down's Σ numerator / Σ denominator (or median) is checked against the
// report's own cell.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "output/report_writer.h"
#include "reports/drill_test_util.h"
#include "reports/drilldown.h"
#include "reports/report_registry.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

// MRR: A1 (Retail) 100 from January 2024; A2 (Retail) 200 from January, +50 from February;
// A3 (Fintech) 50 in February only (churned in March). Movements: January new A1 100, A2 200;
// February new A3 50, expansion A2 50; March churn A3 50.
// Spend: January marketing 300 (shared), sales 100 (Retail's own); February marketing 400 and
// customer success 60 (shared). Shared spend goes by new customers: January's to Retail
// (A1, A2), February's to Fintech (A3). Finance: January burn 1000, margin 0.5; February burn
// 900 (margin: the 0.8 default).
// Value: A1 reached it on 2024-01-21 (20 days after 2024-01-01), A2 on 2024-03-01 (60 days).
// New deals: January O1 won (40 days), O2 won (40 days), O3 lost; February O4 won.
class EfficiencyDrilldownTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flywheel-eff-drill-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    Write("accounts.csv", "account_id,name,segment\nA1,Alpha,Retail\nA2,Beta,Retail\nA3,Gamma,Fintech\n");
    Write("subscriptions.csv",
          "subscription_id,account_id,start_date,end_date,amount,billing_period\n"
          "S1,A1,2024-01-01,,100,month\nS2,A2,2024-01-01,,200,month\n"
          "S3,A3,2024-02-01,2024-03-01,50,month\nS4,A2,2024-02-01,,50,month\n");
    Write("spend.csv",
          "month,category,amount,segment\n2024-01,marketing,300,\n2024-01,sales,100,Retail\n"
          "2024-02,marketing,400,\n2024-02,customer_success,60,\n");
    Write("finance.csv", "month,net_burn,gross_margin\n2024-01,1000,0.5\n2024-02,900,\n");
    Write("journey.csv", "account_id,stage,entered_at\nA1,impact,2024-01-21\nA2,impact,2024-03-01\n");
    Write("opportunities.csv",
          "opportunity_id,account_id,type,created_at,closed_at,status,amount\n"
          "O1,A1,new,2023-12-01,2024-01-10,won,1200\nO2,A2,new,2023-12-11,2024-01-20,won,2400\n"
          "O3,A3,new,2024-01-05,2024-01-25,lost,500\nO4,A3,new,2024-01-15,2024-02-01,won,600\n");
    InputOptions io;
    io.data_dir = dir_.string();
    io.as_of = "2024-03-31";
    auto in = LoadInput(io);
    ASSERT_TRUE(in.ok()) << in.status().message();
    input_ = std::move(*in);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }

  static ReportParams Params(const std::map<std::string, std::string>& params) {
    return drill_test::Params(params);
  }
  nlohmann::json Drill(const std::string& report, const std::map<std::string, std::string>& params) {
    return drill_test::Drill(input_, report, params);
  }
  std::string Error(const std::string& report, const std::map<std::string, std::string>& params) {
    return drill_test::Error(input_, report, params);
  }
  // The report's number in the row of `key` (period or cohort) and `segment`.
  nlohmann::json ReportCell(const std::string& report, std::map<std::string, std::string> params,
                            const std::string& key, const std::string& segment, const std::string& field) {
    params.erase("cell");
    auto r = RunReport(**FindReport(report), input_, Params(params));
    EXPECT_TRUE(r.ok()) << r.status().message();
    if (!r.ok()) return nullptr;
    const auto json = nlohmann::json::parse(RenderJson(*r));
    for (const auto& row : json["rows"]) {
      const auto& k = row.contains("period") ? row["period"] : row["cohort"];
      if (k == key && row["segment"] == segment) return row[field];
    }
    ADD_FAILURE() << "no row " << key << " / " << segment << " in " << report;
    return nullptr;
  }
  static std::map<std::string, std::pair<double, double>> Parts(const nlohmann::json& drill) {
    std::map<std::string, std::pair<double, double>> parts;
    for (const auto& row : drill["rows"]) {
      const std::string key = row["account_id"].is_null()
                                  ? row["name"].get<std::string>() + " " + row["month"].get<std::string>()
                                  : row["account_id"].get<std::string>();
      parts[key] = {row["numerator"].get<double>(), row["denominator"].get<double>()};
    }
    return parts;
  }

  fs::path dir_;
  Input input_;
};

using Pair = std::pair<double, double>;

TEST_F(EfficiencyDrilldownTest, CacIsTheSpendLinesOverTheNewCustomers) {
  // January, all: S&M 300 + 100 over A1 and A2 → 200.
  auto cac = Drill("efficiency", {{"cell", "2024-01:all:cac"}});
  EXPECT_EQ(
      Parts(cac),
      (std::map<std::string, Pair>{
          {"marketing 2024-01", {300, 0}}, {"sales 2024-01", {100, 0}}, {"A1", {0, 1}}, {"A2", {0, 1}}}));
  EXPECT_EQ(cac["value"].get<double>(), 200);
  EXPECT_EQ(cac["value"], ReportCell("efficiency", {}, "2024-01", "all", "cac"));
  // Fintech, February: the shared 400 of marketing is all Fintech's (its new customer A3).
  const std::map<std::string, std::string> seg = {{"segment_by", "segment"}, {"cell", "2024-02:Fintech:cac"}};
  auto fintech = Drill("efficiency", seg);
  EXPECT_EQ(Parts(fintech), (std::map<std::string, Pair>{{"marketing 2024-02", {400, 0}}, {"A3", {0, 1}}}));
  EXPECT_EQ(fintech["value"], ReportCell("efficiency", seg, "2024-02", "Fintech", "cac"));
  // Retail, February: no spend is Retail's and no new customer: no value, as in the report.
  auto retail = Drill("efficiency", {{"segment_by", "segment"}, {"cell", "2024-02:Retail:cac"}});
  EXPECT_TRUE(retail["rows"].empty());
  EXPECT_TRUE(retail["value"].is_null());
}

TEST_F(EfficiencyDrilldownTest, RatiosAddUpToTheReportsCells) {
  // January: payback 400 / (300 × 0.5) = 2.67; burn multiple 1000 / 3600; GTM ratio 400 / 3600.
  auto payback = Drill("efficiency", {{"cell", "2024-01:all:cac_payback_months"}});
  EXPECT_EQ(
      Parts(payback),
      (std::map<std::string, Pair>{
          {"marketing 2024-01", {300, 0}}, {"sales 2024-01", {100, 0}}, {"A1", {0, 50}}, {"A2", {0, 100}}}));
  EXPECT_NEAR(payback["value"].get<double>(), 400.0 / 150, 1e-13);  // JSON: 15 significant digits
  auto burn = Drill("efficiency", {{"cell", "2024-01:all:burn_multiple"}});
  EXPECT_EQ(Parts(burn), (std::map<std::string, Pair>{
                             {"net burn 2024-01", {1000, 0}}, {"A1", {0, 1200}}, {"A2", {0, 2400}}}));
  // February: GTM spend 400 + 60 over 12 × (50 + 50); magic number 1200 over January's S&M 400.
  auto gtm = Drill("efficiency", {{"cell", "2024-02:all:gtm_spend_ratio"}});
  EXPECT_EQ(Parts(gtm), (std::map<std::string, Pair>{{"marketing 2024-02", {400, 0}},
                                                     {"customer_success 2024-02", {60, 0}},
                                                     {"A2", {0, 600}},
                                                     {"A3", {0, 600}}}));
  auto magic = Drill("efficiency", {{"cell", "2024-02:all:magic_number"}});
  EXPECT_EQ(
      Parts(magic),
      (std::map<std::string, Pair>{
          {"marketing 2024-01", {0, 300}}, {"sales 2024-01", {0, 100}}, {"A2", {600, 0}}, {"A3", {600, 0}}}));
  EXPECT_DOUBLE_EQ(magic["value"].get<double>(), 3);
  auto margin = Drill("efficiency", {{"cell", "2024-02:all:gross_margin"}});
  EXPECT_EQ(Parts(margin), (std::map<std::string, Pair>{{"A3", {40, 50}}}));
  for (const char* field :
       {"cac_payback_months", "burn_multiple", "gtm_spend_ratio", "magic_number", "gross_margin"}) {
    for (const char* period : {"2024-01", "2024-02"}) {
      auto drill = Drill("efficiency", {{"cell", std::string(period) + ":all:" + field}});
      const auto cell = ReportCell("efficiency", {}, period, "all", field);
      if (cell.is_null()) {
        EXPECT_TRUE(drill["value"].is_null()) << field << " " << period;
        continue;
      }
      const double ratio = drill["numerator"].get<double>() / drill["denominator"].get<double>();
      EXPECT_NEAR(ratio, cell.get<double>(), 1e-14 * std::abs(ratio)) << field << " " << period;
      EXPECT_EQ(drill["value"], cell) << field << " " << period;
    }
  }
}

TEST_F(EfficiencyDrilldownTest, AmountsAddUpToTheReportsCells) {
  auto spend =
      Drill("efficiency", {{"segment_by", "segment"}, {"cell", "2024-01:Retail:sales_marketing_spend"}});
  std::map<std::string, std::string> details;
  for (const auto& row : spend["rows"]) details[row["name"]] = row["detail"];
  EXPECT_EQ(details, (std::map<std::string, std::string>{{"marketing", "shared line, 100.00% allocated"},
                                                         {"sales", "line of the segment"}}));
  EXPECT_EQ(spend["total"].get<double>(), 400);
  auto arr = Drill("efficiency", {{"cell", "2024-03:all:net_new_arr"}});
  ASSERT_EQ(arr["rows"].size(), 1u);
  EXPECT_EQ(arr["rows"][0]["account_id"], "A3");
  EXPECT_EQ(arr["total"].get<double>(), -600);
  for (const char* field :
       {"new_customers", "new_mrr", "net_new_arr", "sales_marketing_spend", "gtm_spend", "net_burn"}) {
    auto drill = Drill("efficiency", {{"cell", std::string("2024-02:all:") + field}});
    EXPECT_EQ(drill["total"], ReportCell("efficiency", {}, "2024-02", "all", field)) << field;
  }
}

TEST_F(EfficiencyDrilldownTest, TtvCellsListTheCohortsAccounts) {
  // Cohort 2024-01: A1 20 days, A2 60 days → median 40; within 30 days: A1 of the two.
  auto median = Drill("ttv", {{"cell", "2024-01:all:ttv_median_days"}});
  std::map<std::string, double> days;
  for (const auto& row : median["rows"]) days[row["account_id"]] = row["days_to_value"].get<double>();
  EXPECT_EQ(days, (std::map<std::string, double>{{"A1", 20}, {"A2", 60}}));
  EXPECT_EQ(median["value"].get<double>(), 40);
  EXPECT_EQ(median["value"], ReportCell("ttv", {}, "2024-01", "all", "ttv_median_days"));
  auto within = Drill("ttv", {{"cell", "2024-01:all:within_30d_rate"}});
  EXPECT_EQ(Parts(within), (std::map<std::string, Pair>{{"A1", {1, 1}}, {"A2", {0, 1}}}));
  EXPECT_EQ(within["value"], ReportCell("ttv", {}, "2024-01", "all", "within_30d_rate"));
  // Cohort 2024-02: A3 has not reached value; 30 days have passed (decided), 60 have not (open).
  auto feb30 = Drill("ttv", {{"cell", "2024-02:all:within_30d_rate"}});
  EXPECT_EQ(Parts(feb30), (std::map<std::string, Pair>{{"A3", {0, 1}}}));
  auto feb60 = Drill("ttv", {{"cell", "2024-02:all:within_60d_rate"}});
  EXPECT_EQ(Parts(feb60), (std::map<std::string, Pair>{{"A3", {0, 0}}}));
  EXPECT_TRUE(feb60["value"].is_null());
  auto open = Drill("ttv", {{"cell", "2024-02:all:open_60d"}});
  ASSERT_EQ(open["rows"].size(), 1u);
  EXPECT_EQ(open["rows"][0]["status"], "open for 60d");
  EXPECT_EQ(Drill("ttv", {{"cell", "2024-01:all:reached_value"}})["total"].get<int>(), 2);
  EXPECT_EQ(Error("ttv", {{"cell", "2024-01:all:within_45d_rate"}}),
            "--cell: unknown field 'within_45d_rate' for ttv, did you mean 'within_30d_rate'?");
  EXPECT_EQ(Error("ttv", {{"cell", "2024-03:all:accounts"}}),
            "--cell: no cohort '2024-03' in the ttv report, did you mean '2024-01'?");
}

TEST_F(EfficiencyDrilldownTest, FlywheelFieldsOpenTheOwningReportsRows) {
  // January's new deals: O1 and O2 won, O3 lost → 2 / 3, as the report's win rate.
  auto win = Drill("flywheel", {{"cell", "2024-01:all:win_rate_new"}});
  std::set<std::string> ids;
  for (const auto& row : win["rows"]) ids.insert(row["opportunity_id"]);
  EXPECT_EQ(ids, (std::set<std::string>{"O1", "O2", "O3"}));
  EXPECT_EQ(win["report"], "drilldown/flywheel");
  EXPECT_EQ(win["source"], "pipeline");
  EXPECT_EQ(win["win_rate"], ReportCell("flywheel", {}, "2024-01", "all", "win_rate_new"));
  auto cycle = Drill("flywheel", {{"cell", "2024-01:all:sales_cycle_median_days"}});
  EXPECT_EQ(cycle["value"].get<double>(), 40);
  EXPECT_EQ(cycle["value"], ReportCell("flywheel", {}, "2024-01", "all", "sales_cycle_median_days"));
  // A segment: Fintech's January deal is O3 alone (lost).
  auto fintech = Drill("flywheel", {{"segment_by", "segment"}, {"cell", "2024-01:Fintech:win_rate_new"}});
  EXPECT_EQ(fintech["rows"].size(), 1u);
  EXPECT_EQ(fintech["win_rate"].get<double>(), 0);
  // The TTV share is the first target's rate; the burn multiple the efficiency's.
  EXPECT_EQ(Drill("flywheel", {{"cell", "2024-01:all:ttv_reached_share"}})["value"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(Drill("flywheel", {{"cell", "2024-01:all:burn_multiple"}})["value"].get<double>(),
                   1000.0 / 3600);
  EXPECT_EQ(Error("flywheel", {{"cell", "2024-01:all:momentum"}}),
            "--cell: unknown field 'momentum' for flywheel (docs/API.md lists the flywheel fields that drill "
            "down)");
}

TEST_F(EfficiencyDrilldownTest, MalformedCellsSayWhatIsExpected) {
  EXPECT_EQ(Error("efficiency", {{"cell", "2024-01:cac"}}),
            "--cell: '2024-01:cac' is not PERIOD:SEGMENT:FIELD, e.g. 2024-03:all:cac");
  EXPECT_EQ(Error("efficiency", {{"cell", "2024-01:all:cak"}}),
            "--cell: unknown field 'cak' for efficiency, did you mean 'cac'?");
  EXPECT_EQ(Error("efficiency", {{"cell", "2023-01:all:cac"}}),
            "--cell: no period '2023-01' in the efficiency report");
  EXPECT_EQ(Error("efficiency", {{"cell", "2024-01:Retial:cac"}, {"segment_by", "segment"}}),
            "--cell: unknown segment 'Retial', did you mean 'Retail'?");
  EXPECT_EQ(Error("ttv", {}), "--cell is required (COHORT:SEGMENT:FIELD, e.g. 2024-01:all:within_30d_rate)");
}

}  // namespace
}  // namespace flywheel
