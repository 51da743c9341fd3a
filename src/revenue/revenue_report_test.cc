#include "revenue/revenue_report.h"

#include <gtest/gtest.h>

#include "revenue/test_dataset.h"
#include "testing/demo_data_set.h"

namespace flywheel {
namespace {

// Monthly MRR by hand (as of 2024-08-31), A in "smb", B unassigned:
//   month  A    B   total customers
//   Jan   100   0   100  1     A new 100
//   Feb   100  40   140  2     B new 40 (annual 480 / 12)
//   Mar   150  40   190  2     A expansion 50
//   Apr   120  40   160  2     A contraction 30
//   May     0  40    40  1     A churn 120
//   Jun     0  40    40  1
//   Jul    80  40   120  2     A reactivation 80
//   Aug    80  40   120  2     (same price, new row: no movement)
Dataset& Timeline(TestDataset& t) {
  AccountIndex a = t.Account("A", "smb");
  AccountIndex b = t.Account("B", "");
  t.Sub("A1", a, "2024-01-01", "2024-03-01", 100);
  t.Sub("A2", a, "2024-03-01", "2024-04-01", 150);
  t.Sub("A3", a, "2024-04-01", "2024-05-01", 120);
  t.Sub("A4", a, "2024-07-01", "2024-08-01", 80);
  t.Sub("A5", a, "2024-08-01", "", 80);
  t.Sub("B1", b, "2024-02-10", "2025-02-10", 480, BillingPeriod::kYear);
  return t.data();
}

RevenueTable Compute(Dataset& data, Day as_of, RevenueOptions options = {}) {
  Settings settings;
  auto s = ComputeMrr(data, settings, as_of);
  EXPECT_TRUE(s.ok());
  auto t = ComputeRevenue(data, settings, *s, options);
  EXPECT_TRUE(t.ok()) << t.status().message();
  return *t;
}

TEST(RevenueReportTest, MonthlyRowsByHand) {
  TestDataset t;
  RevenueTable table = Compute(Timeline(t), D("2024-08-31"));
  ASSERT_EQ(table.rows.size(), 8u);  // Jan..Aug, "all" only
  const RevenueRow& jan = table.rows[0];
  EXPECT_EQ(jan.segment, "all");
  EXPECT_DOUBLE_EQ(jan.mrr, 100);
  EXPECT_EQ(jan.customers, 1);
  EXPECT_FALSE(jan.mrr_growth_mom);   // no MRR before the first month
  EXPECT_FALSE(jan.logo_churn_rate);  // no customers before
  EXPECT_FALSE(jan.gross_mrr_churn_rate);
  EXPECT_FALSE(jan.quick_ratio);     // nothing lost
  EXPECT_DOUBLE_EQ(*jan.acv, 1200);  // no opportunities: first-month ARR of A
  const RevenueRow& mar = table.rows[2];
  EXPECT_DOUBLE_EQ(mar.mrr, 190);
  EXPECT_DOUBLE_EQ(mar.Movement(MovementType::kExpansion), 50);
  EXPECT_NEAR(*mar.mrr_growth_mom, 190.0 / 140 - 1, 1e-12);
  EXPECT_DOUBLE_EQ(*mar.gross_mrr_churn_rate, 0);
  EXPECT_FALSE(mar.acv);  // no new accounts in March
  const RevenueRow& apr = table.rows[3];
  EXPECT_NEAR(*apr.gross_mrr_churn_rate, 30.0 / 190, 1e-12);
  EXPECT_NEAR(*apr.net_mrr_churn_rate, 30.0 / 190, 1e-12);
  EXPECT_DOUBLE_EQ(*apr.quick_ratio, 0);
  EXPECT_DOUBLE_EQ(*apr.logo_churn_rate, 0);
  const RevenueRow& may = table.rows[4];
  EXPECT_EQ(may.Count(MovementType::kChurn), 1);
  EXPECT_DOUBLE_EQ(*may.logo_churn_rate, 0.5);        // 1 of 2 April customers
  EXPECT_DOUBLE_EQ(*may.gross_mrr_churn_rate, 0.75);  // 120 / 160
  EXPECT_DOUBLE_EQ(*may.arpa, 40);
  const RevenueRow& jul = table.rows[6];
  EXPECT_DOUBLE_EQ(jul.Movement(MovementType::kReactivation), 80);
  EXPECT_DOUBLE_EQ(*jul.net_mrr_churn_rate, -2);  // (0 - 80) / 40
  EXPECT_FALSE(jul.quick_ratio);
  EXPECT_DOUBLE_EQ(*jul.mrr_growth_mom, 2);  // 120 / 40 - 1
  EXPECT_FALSE(jul.mrr_growth_yoy);          // no MRR in Jul 2023
  EXPECT_FALSE(jul.nrr);                     // no base 12 months back
}

TEST(RevenueReportTest, QuartersSumMovementsAndKeepTheIdentity) {
  TestDataset t;
  Dataset& data = Timeline(t);
  AccountIndex c = t.Account("C", "smb");
  // C: Jan 10, Feb 20, Mar 30: two expansions in Q1, one distinct account.
  t.Sub("C1", c, "2024-01-01", "2024-02-01", 10);
  t.Sub("C2", c, "2024-02-01", "2024-03-01", 20);
  t.Sub("C3", c, "2024-03-01", "", 30);
  RevenueOptions options;
  options.granularity = Granularity::kQuarter;
  options.segment_by = "segment";
  RevenueTable table = Compute(data, D("2024-08-31"), options);
  // Periods Q1..Q3, segments all, smb, unassigned.
  ASSERT_EQ(table.rows.size(), 9u);
  const RevenueRow& q1 = table.rows[0];
  EXPECT_EQ(q1.segment, "all");
  EXPECT_DOUBLE_EQ(q1.mrr, 220);                           // 150 + 40 + 30 at March
  EXPECT_DOUBLE_EQ(q1.Movement(MovementType::kNew), 150);  // A 100, B 40, C 10
  EXPECT_EQ(q1.Count(MovementType::kNew), 3);
  EXPECT_DOUBLE_EQ(q1.Movement(MovementType::kExpansion), 70);  // A 50, C 10 + 10
  EXPECT_EQ(q1.Count(MovementType::kExpansion), 2);             // A and C, once each
  EXPECT_DOUBLE_EQ(*q1.acv, (1200.0 + 480 + 120) / 3);
  EXPECT_EQ(table.rows[1].segment, "smb");
  EXPECT_EQ(table.rows[2].segment, "unassigned");
  EXPECT_DOUBLE_EQ(table.rows[2].mrr, 40);
  const RevenueRow& q2 = table.rows[3];
  EXPECT_DOUBLE_EQ(q2.mrr, 70);  // Jun: B 40 + C 30
  EXPECT_DOUBLE_EQ(q2.previous_mrr, 220);
  EXPECT_NEAR(*q2.gross_mrr_churn_rate, 150.0 / 220, 1e-12);  // contraction 30 + churn 120
  EXPECT_NEAR(*q2.logo_churn_rate, 1.0 / 3, 1e-12);
  EXPECT_NEAR(*q2.mrr_growth_mom, 70.0 / 220 - 1, 1e-12);
  const RevenueRow& q3 = table.rows[6];  // partial: Jul..Aug, snapshot at August
  EXPECT_EQ(q3.period_end, M("2024-08"));
  EXPECT_DOUBLE_EQ(q3.mrr, 150);
  // Roll-forward identity for every period and segment.
  for (size_t i = 0; i < table.rows.size(); ++i) {
    const RevenueRow& r = table.rows[i];
    EXPECT_NEAR(r.previous_mrr + r.net_new_mrr, r.mrr, 1e-9) << i;
    if (i >= 3) {
      EXPECT_DOUBLE_EQ(table.rows[i - 3].mrr, r.previous_mrr) << i;
    }
  }
}

// X 100 from Jan 2024, 150 from Feb 2025; Y 200 Jan..Nov 2024; Z 50 from Jun 2024;
// W 80 from Feb 2024, 60 from Jan 2025.
//   NRR(2025-02): base Feb 2024 = X 100 + Y 200 + W 80 = 380; now X 150 + W 60 = 210
//     -> 210/380; GRR = (min(150,100) + 0 + min(60,80)) / 380 = 160/380.
//   NRR(2025-01): base Jan 2024 = X 100 + Y 200 = 300; now 100 -> 1/3; GRR 1/3.
//   By segment (X, Y ent; Z, W smb) at 2025-02: ent 150/300, GRR 100/300; smb 60/80.
TEST(RevenueReportTest, TrailingNrrGrr) {
  TestDataset t;
  AccountIndex x = t.Account("X", "ent"), y = t.Account("Y", "ent");
  AccountIndex z = t.Account("Z", "smb"), w = t.Account("W", "smb");
  t.Sub("X1", x, "2024-01-01", "2025-02-01", 100);
  t.Sub("X2", x, "2025-02-01", "", 150);
  t.Sub("Y1", y, "2024-01-01", "2024-12-01", 200);
  t.Sub("Z1", z, "2024-06-01", "", 50);
  t.Sub("W1", w, "2024-02-01", "2025-01-01", 80);
  t.Sub("W2", w, "2025-01-01", "", 60);
  RevenueOptions options;
  options.segment_by = "segment";
  RevenueTable table = Compute(t.data(), D("2025-03-31"), options);
  auto find = [&](const char* month, const char* seg) -> const RevenueRow& {
    for (const auto& r : table.rows) {
      if (r.period_start == M(month) && r.segment == seg) return r;
    }
    ADD_FAILURE() << month << " " << seg;
    return table.rows[0];
  };
  EXPECT_FALSE(find("2024-12", "all").nrr);
  EXPECT_NEAR(*find("2025-01", "all").nrr, 1.0 / 3, 1e-12);
  EXPECT_NEAR(*find("2025-01", "all").grr, 1.0 / 3, 1e-12);
  EXPECT_NEAR(*find("2025-02", "all").nrr, 210.0 / 380, 1e-12);
  EXPECT_NEAR(*find("2025-02", "all").grr, 160.0 / 380, 1e-12);
  EXPECT_NEAR(*find("2025-02", "ent").nrr, 0.5, 1e-12);
  EXPECT_NEAR(*find("2025-02", "ent").grr, 100.0 / 300, 1e-12);
  EXPECT_NEAR(*find("2025-02", "smb").nrr, 0.75, 1e-12);
  EXPECT_NEAR(*find("2025-02", "smb").grr, 0.75, 1e-12);
  // YoY at 2025-01: all MRR 100 + 50 + 60 = 210 vs Jan 2024 300.
  EXPECT_NEAR(*find("2025-01", "all").mrr_growth_yoy, 210.0 / 300 - 1, 1e-12);
}

TEST(RevenueReportTest, AcvFromOpportunitiesInBaseCurrency) {
  TestDataset t;
  Dataset& data = Timeline(t);
  t.FxRate("2024-03", "EUR", 1.1);
  t.Opportunity("O1", 0, OpportunityType::kNew, OpportunityStatus::kWon, "2024-03-10", 12000);
  t.Opportunity("O2", 1, OpportunityType::kNew, OpportunityStatus::kWon, "2024-03-20", 6000, "EUR");
  t.Opportunity("O3", 1, OpportunityType::kNew, OpportunityStatus::kLost, "2024-03-21", 99999);
  t.Opportunity("O4", 1, OpportunityType::kExpansion, OpportunityStatus::kWon, "2024-03-22", 99999);
  RevenueTable table = Compute(data, D("2024-08-31"));
  EXPECT_EQ(table.acv_source, AcvSource::kOpportunities);
  EXPECT_NEAR(*table.rows[2].acv, (12000 + 6600) / 2.0, 1e-9);  // March
  EXPECT_FALSE(table.rows[0].acv);                              // no won new opportunity in January
}

TEST(RevenueReportTest, UnknownSegmentAttributeAndValue) {
  TestDataset t;
  Dataset& data = Timeline(t);
  auto s = ComputeMrr(data, Settings{}, D("2024-08-31"));
  ASSERT_TRUE(s.ok());
  RevenueOptions options;
  options.segment_by = "segmnt";
  auto r = ComputeRevenue(data, Settings{}, *s, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUsage);
  EXPECT_EQ(
      r.status().message(),
      "--segment-by: unknown attribute 'segmnt' (expected segment, industry, country, region, source or an "
      "attr_* column), did you mean 'segment'?");
  options.segment_by = "segment";
  options.segment = "smbb";
  r = ComputeRevenue(data, Settings{}, *s, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "--segment: no segment 'smbb' in accounts.csv, did you mean 'smb'?");
  options.segment = "unassigned";
  r = ComputeRevenue(data, Settings{}, *s, options);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 8u);  // the company's months Jan..Aug; B starts in Feb
  EXPECT_EQ(r->rows[0].segment, "unassigned");
  EXPECT_DOUBLE_EQ(r->rows[0].mrr, 0);
  EXPECT_DOUBLE_EQ(r->rows[1].mrr, 40);
}

TEST(RevenueReportTest, ReportColumns) {
  TestDataset t;
  RevenueTable table = Compute(Timeline(t), D("2024-08-31"));
  Report rep = RevenueReport(table, Settings{}, D("2024-08-31"));
  EXPECT_EQ(rep.name, "revenue");
  EXPECT_EQ(rep.as_of, "2024-08-31");
  ASSERT_EQ(rep.rows.size(), 8u);
  ASSERT_EQ(rep.columns.size(), rep.rows[0].size());
  EXPECT_EQ(std::get<std::string>(rep.rows[0][0]), "2024-01");
  EXPECT_DOUBLE_EQ(std::get<double>(rep.rows[0][3]), 1200);  // arr
}

// A one-segment request (the server's slice) sums that segment's movements and ACV in its own
// way (the segment's accounts alone, placed by month), and must give exactly the numbers of the
// report of every segment, row for row, with or without the shared indexes (the accounts grouped
// by attribute, the won new opportunities); a demo company of 1500 accounts, by quarter.
TEST(RevenueReportTest, OneSegmentEqualsItsRowsOfTheFullReport) {
  Day as_of;
  auto data = LoadDemoDataSet("revenue_slice", 1500, &as_of);
  ASSERT_TRUE(data);
  Settings settings;
  auto series = ComputeMrr(*data, settings, as_of);
  ASSERT_TRUE(series.ok());
  const auto movements = ComputeMovements(*series, settings);
  const auto by_account = IndexMovementsByAccount(movements, series->account_count());
  RevenueOptions options;
  options.granularity = Granularity::kQuarter;
  options.segment_by = "segment";
  options.as_of = as_of;
  auto full = ComputeRevenue(*data, settings, *series, movements, by_account, options);
  ASSERT_TRUE(full.ok());
  auto segments = SegmentAccounts(*data, "segment");
  ASSERT_TRUE(segments.ok());
  const std::vector<uint32_t> won_new = WonNewOpportunityRows(data->opportunities);
  ASSERT_FALSE(won_new.empty());
  size_t compared = 0;
  for (const std::string& value : segments->values) {
    for (bool shared : {false, true}) {
      RevenueOptions one = options;
      one.segment = value;
      if (shared) {
        one.segments = &*segments;
        one.won_new_opportunities = &won_new;
      }
      auto slice = ComputeRevenue(*data, settings, *series, movements, by_account, one);
      ASSERT_TRUE(slice.ok()) << value;
      size_t k = 0;
      for (const RevenueRow& r : full->rows) {
        if (r.segment != value) continue;
        ASSERT_LT(k, slice->rows.size()) << value;
        const RevenueRow& s = slice->rows[k++];
        EXPECT_EQ(s.period_start, r.period_start);
        EXPECT_EQ(s.mrr, r.mrr) << value;
        EXPECT_EQ(s.customers, r.customers) << value;
        EXPECT_EQ(s.movement_mrr, r.movement_mrr) << value;  // the same sums, added in the same order
        EXPECT_EQ(s.movement_count, r.movement_count) << value;
        EXPECT_EQ(s.nrr, r.nrr) << value;
        EXPECT_EQ(s.grr, r.grr) << value;
        EXPECT_EQ(s.acv, r.acv) << value;
        ++compared;
      }
      EXPECT_EQ(k, slice->rows.size()) << value;
    }
  }
  EXPECT_GT(compared, 20u);
}

}  // namespace
}  // namespace flywheel
