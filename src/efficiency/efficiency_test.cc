// The GTM ledger, efficiency figures and CAC payback by cohort on a three-account company
// worked by hand below.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "efficiency/efficiency_report.h"
#include "efficiency/gtm_ledger.h"
#include "efficiency/test_company.h"

namespace flywheel {
namespace {
using namespace testing_company;  // NOLINT: test helpers

struct Run {
  Report report;
  std::vector<CohortPayback> cohorts;
};

Run Efficiency(Company& c, Granularity g, const std::string& segment_by = "") {
  Day as_of = DayFromCivil(2024, 3, 31);
  PeriodCalendar cal{g, 1};
  auto seg = Segmenter::Make(c.data, segment_by, "", "segment");
  EXPECT_TRUE(seg.ok());
  auto ledger = GtmLedger::Build(c.data, c.settings, c.movements, *seg, cal, as_of);
  EXPECT_TRUE(ledger.ok()) << ledger.status().message();
  Run run;
  run.cohorts = ComputeCohortPayback(*ledger, *seg, c.movements, cal, as_of);
  auto r = BuildEfficiencyReport(c.data, c.settings, *ledger, *seg, run.cohorts, cal, as_of);
  EXPECT_TRUE(r.ok()) << r.status().message();
  run.report = *r;
  return run;
}

// Columns: 0 period, 1 segment, 2 new_customers, 3 new_mrr, 4 net_new_arr, 5 S&M spend,
// 6 cac, 7 gross_margin, 8 cac_payback_months, 9 net_burn, 10 burn_multiple,
// 11 burn_multiple_flag, 12 gtm_spend, 13 gtm_spend_ratio, 14 magic_number.
const std::vector<Cell>& Row(const Report& r, const std::string& period, const std::string& seg) {
  for (const auto& row : r.rows) {
    if (std::get<std::string>(row[0]) == period && std::get<std::string>(row[1]) == seg) return row;
  }
  static const std::vector<Cell> kNone(15);
  ADD_FAILURE() << "no row " << period << " " << seg;
  return kNone;
}
double Dbl(const Cell& c) { return std::holds_alternative<double>(c) ? std::get<double>(c) : NAN; }
int64_t Int(const Cell& c) { return std::holds_alternative<int64_t>(c) ? std::get<int64_t>(c) : -999; }
bool Null(const Cell& c) { return std::holds_alternative<std::monostate>(c); }

TEST(Efficiency, MonthlyRowsWorkedByHand) {
  Company c;
  Build(&c);
  Report r = Efficiency(c, Granularity::kMonth).report;
  ASSERT_EQ(r.rows.size(), 3u);
  // January: 2 new customers, new MRR 400 = net new MRR, ARR 4,800; S&M 600 + 400.
  const auto& jan = Row(r, "2024-01", "all");
  EXPECT_EQ(Int(jan[2]), 2);
  EXPECT_DOUBLE_EQ(Dbl(jan[3]), 400);
  EXPECT_DOUBLE_EQ(Dbl(jan[4]), 4800);
  EXPECT_DOUBLE_EQ(Dbl(jan[5]), 1000);
  EXPECT_DOUBLE_EQ(Dbl(jan[6]), 500);  // 1000 / 2
  EXPECT_DOUBLE_EQ(Dbl(jan[7]), 0.75);
  EXPECT_DOUBLE_EQ(Dbl(jan[8]), 1000.0 / 300);    // 1000 / (400 × 0.75)
  EXPECT_DOUBLE_EQ(Dbl(jan[10]), 2000.0 / 4800);  // burn multiple
  EXPECT_TRUE(Null(jan[11]));
  EXPECT_DOUBLE_EQ(Dbl(jan[13]), 1000.0 / 4800);
  EXPECT_TRUE(Null(jan[14]));  // no prior period
  // February: net new MRR 200 + 50 = 250, ARR 3,000; S&M 300, CS 100; margin default 0.8.
  const auto& feb = Row(r, "2024-02", "all");
  EXPECT_DOUBLE_EQ(Dbl(feb[4]), 3000);
  EXPECT_DOUBLE_EQ(Dbl(feb[6]), 300);
  EXPECT_DOUBLE_EQ(Dbl(feb[7]), 0.8);
  EXPECT_DOUBLE_EQ(Dbl(feb[8]), 300.0 / 160);  // 300 / (200 × 0.8) = 1.875
  EXPECT_DOUBLE_EQ(Dbl(feb[10]), 0.5);         // 1500 / 3000
  EXPECT_DOUBLE_EQ(Dbl(feb[12]), 400);
  EXPECT_DOUBLE_EQ(Dbl(feb[13]), 400.0 / 3000);
  EXPECT_DOUBLE_EQ(Dbl(feb[14]), 3.0);  // 3000 / January's 1000
  // March: no spend (CAC and payback null), net new MRR −320: burn multiple null and
  // flagged; magic number −3,840 / 300.
  const auto& mar = Row(r, "2024-03", "all");
  EXPECT_EQ(Int(mar[2]), 0);
  EXPECT_DOUBLE_EQ(Dbl(mar[4]), -3840);
  EXPECT_TRUE(Null(mar[6]));
  EXPECT_TRUE(Null(mar[8]));
  EXPECT_DOUBLE_EQ(Dbl(mar[9]), 1000);
  EXPECT_TRUE(Null(mar[10]));
  EXPECT_EQ(std::get<std::string>(mar[11]), "not meaningful");
  EXPECT_TRUE(Null(mar[13]));
  EXPECT_DOUBLE_EQ(Dbl(mar[14]), -12.8);
}

TEST(Efficiency, QuarterSumsSpendAndWeightsMarginByNewMrr) {
  Company c;
  Build(&c);
  Report r = Efficiency(c, Granularity::kQuarter).report;
  ASSERT_EQ(r.rows.size(), 1u);
  const auto& q = Row(r, "2024-Q1", "all");
  // Margin (400 × 0.75 + 200 × 0.8) / 600 = 460 / 600; payback 1300 / 460.
  EXPECT_EQ(Int(q[2]), 3);
  EXPECT_DOUBLE_EQ(Dbl(q[4]), 3960);  // 12 × (400 + 250 − 320)
  EXPECT_DOUBLE_EQ(Dbl(q[6]), 1300.0 / 3);
  EXPECT_DOUBLE_EQ(Dbl(q[7]), 460.0 / 600);
  EXPECT_DOUBLE_EQ(Dbl(q[8]), 1300.0 / 460);
  EXPECT_DOUBLE_EQ(Dbl(q[10]), 4500.0 / 3960);
  EXPECT_DOUBLE_EQ(Dbl(q[13]), 1400.0 / 3960);
}

TEST(Efficiency, SharedSpendFollowsNewCustomers) {
  Company c;
  Build(&c);
  Report r = Efficiency(c, Granularity::kMonth, "segment").report;
  // January: shared marketing 600 split 1:1 (C0 smb, C2 ent); smb also has its sales 400.
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "smb")[5]), 700);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "ent")[5]), 300);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "smb")[8]), 700.0 / 75);   // 700 / (100 × 0.75)
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "ent")[8]), 300.0 / 225);  // 300 / (300 × 0.75)
  // February: only smb won a customer, so it carries all shared sales and CS spend.
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-02", "smb")[5]), 300);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-02", "smb")[12]), 400);
  EXPECT_TRUE(Null(Row(r, "2024-02", "ent")[6]));
  // Net burn is a company figure.
  EXPECT_TRUE(Null(Row(r, "2024-01", "smb")[9]));
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "all")[9]), 2000);
}

TEST(Efficiency, SharedSpendNotAllocated) {
  Company c;
  Build(&c);
  c.settings.shared_spend_allocation = "none";
  Report r = Efficiency(c, Granularity::kMonth, "segment").report;
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "smb")[5]), 400);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "ent")[5]), 0);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "all")[5]), 1000);
  EXPECT_EQ(r.notes.back(),
            "1,000.00 USD of shared go-to-market spend could not be allocated to a segment "
            "(counted in \"all\" only)");
}

TEST(Efficiency, BadAllocationSetting) {
  Company c;
  Build(&c);
  c.settings.shared_spend_allocation = "revenue";
  auto seg = Segmenter::Make(c.data, "", "", "segment");
  ASSERT_TRUE(seg.ok());
  auto l =
      GtmLedger::Build(c.data, c.settings, c.movements, *seg, PeriodCalendar{}, DayFromCivil(2024, 3, 31));
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().message(),
            "efficiency.shared_spend_allocation: unknown value 'revenue' (expected new_customers, pipeline "
            "or none)");
}

TEST(Efficiency, NeedsSpend) {
  Company c;
  Build(&c);
  c.data.present[static_cast<int>(Table::kSpend)] = false;
  auto seg = Segmenter::Make(c.data, "", "", "segment");
  ASSERT_TRUE(seg.ok());
  PeriodCalendar cal;
  Day as_of = DayFromCivil(2024, 3, 31);
  auto l = GtmLedger::Build(c.data, c.settings, c.movements, *seg, cal, as_of);
  ASSERT_TRUE(l.ok());
  auto r = BuildEfficiencyReport(c.data, c.settings, *l, *seg, {}, cal, as_of);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "efficiency needs spend.csv (sales and marketing spend)");
}

// Cohort 2024-01 (C0, C2), spend 1,000: margin-weighted MRR Jan 400 × 0.75 = 300, Feb
// (150 + 300) × 0.8 = 360, Mar 150 × 0.9 = 135: 795 < 1,000, not reached.
// Cohort 2024-02 (C1), spend 300: Feb 200 × 0.8 = 160, Mar 180 × 0.9 = 162: 322 ≥ 300 at
// age 1. By segment, ent's January cohort (C2, spend 300): 225, then 240: age 1; smb's
// (C0, spend 700): 75 + 120 + 135 = 330, not reached.
TEST(Efficiency, CacPaybackByCohort) {
  Company c;
  Build(&c);
  auto cohorts = Efficiency(c, Granularity::kMonth).cohorts;
  ASSERT_EQ(cohorts.size(), 2u);
  EXPECT_EQ(cohorts[0].new_customers, 2);
  EXPECT_DOUBLE_EQ(cohorts[0].spend, 1000);
  EXPECT_FALSE(cohorts[0].payback_months.has_value());
  EXPECT_EQ(cohorts[1].payback_months, std::optional<int>(1));
  auto seg = Efficiency(c, Granularity::kMonth, "segment");
  std::map<std::string, std::optional<int>> got;
  for (const auto& cp : seg.cohorts) got[FormatMonth(cp.cohort) + " " + cp.segment] = cp.payback_months;
  EXPECT_EQ(got["2024-01 ent"], std::optional<int>(1));
  EXPECT_FALSE(got["2024-01 smb"].has_value());
  EXPECT_EQ(got["2024-02 smb"], std::optional<int>(1));  // spend 300: 160 + 162
  const auto& extra = seg.report.json_extra.at(0);
  EXPECT_EQ(extra.first, "cac_payback_by_cohort");
  const auto expected = nlohmann::ordered_json::parse(
      R"({"cohort": "2024-01", "segment": "ent", "new_customers": 1, "sales_marketing_spend": 300,
          "cac_payback_months": 1})");
  const auto cohorts_json = nlohmann::ordered_json::parse(extra.second);
  EXPECT_NE(std::find(cohorts_json.begin(), cohorts_json.end(), expected), cohorts_json.end())
      << extra.second;
}

}  // namespace
}  // namespace flywheel
