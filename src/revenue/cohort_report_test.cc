#include "revenue/cohort_report.h"

#include <gtest/gtest.h>

#include "revenue/test_dataset.h"

namespace flywheel {
namespace {

// As of 2024-04-30:
//   P (Jan cohort): Jan 100, Feb 100, Mar 150, Apr 0
//   Q (Jan cohort): Jan 50,  Feb 25,  Mar 50,  Apr 50
//   R (Feb cohort):          Feb 200, Mar 200, Apr 300
// Jan cohort: start 150. NRR 150/150, 125/150, 200/150, 50/150.
//   GRR 1, (100+25)/150, (100+50)/150, 50/150. Logo 1, 1, 1, 1/2.
// Feb cohort: NRR 1, 1, 1.5, null.
// Weighted NRR: (150+200)/350, (125+200)/350, (200+300)/350, 50/150.
Dataset& Data(TestDataset& t) {
  AccountIndex p = t.Account("P", "a"), q = t.Account("Q", "a"), r = t.Account("R", "b");
  t.Sub("P1", p, "2024-01-01", "2024-03-01", 100);
  t.Sub("P2", p, "2024-03-01", "2024-04-01", 150);
  t.Sub("Q1", q, "2024-01-01", "2024-02-01", 50);
  t.Sub("Q2", q, "2024-02-01", "2024-03-01", 25);
  t.Sub("Q3", q, "2024-03-01", "", 50);
  t.Sub("R1", r, "2024-02-01", "2024-04-01", 200);
  t.Sub("R2", r, "2024-04-01", "", 300);
  return t.data();
}

CohortTriangle Compute(Dataset& data, CohortMetric metric, const std::string& segment_by = "") {
  auto s = ComputeMrr(data, Settings{}, D("2024-04-30"));
  EXPECT_TRUE(s.ok());
  CohortOptions o;
  o.metric = metric;
  o.segment_by = segment_by;
  auto t = ComputeCohorts(data, Settings{}, *s, o);
  EXPECT_TRUE(t.ok()) << t.status().message();
  return *t;
}

double Cell(const CohortRow& r, int k) { return *r.numerator[k] / r.denominator; }

TEST(CohortReportTest, NrrTriangleAndWeightedAverage) {
  TestDataset t;
  CohortTriangle tri = Compute(Data(t), CohortMetric::kNrr);
  ASSERT_EQ(tri.rows.size(), 2u);
  const CohortRow& jan = tri.rows[0];
  EXPECT_EQ(jan.cohort, M("2024-01"));
  EXPECT_EQ(jan.accounts, 2);
  EXPECT_DOUBLE_EQ(jan.start_mrr, 150);
  EXPECT_DOUBLE_EQ(Cell(jan, 0), 1);
  EXPECT_NEAR(Cell(jan, 1), 125.0 / 150, 1e-12);
  EXPECT_NEAR(Cell(jan, 2), 200.0 / 150, 1e-12);
  EXPECT_NEAR(Cell(jan, 3), 50.0 / 150, 1e-12);
  const CohortRow& feb = tri.rows[1];
  EXPECT_NEAR(Cell(feb, 2), 1.5, 1e-12);
  EXPECT_FALSE(feb.numerator[3]);  // the future
  ASSERT_EQ(tri.weighted_average.size(), 4u);
  EXPECT_NEAR(*tri.weighted_average[1], 325.0 / 350, 1e-12);
  EXPECT_NEAR(*tri.weighted_average[2], 500.0 / 350, 1e-12);
  EXPECT_NEAR(*tri.weighted_average[3], 50.0 / 150, 1e-12);
}

TEST(CohortReportTest, GrrAndLogo) {
  TestDataset t;
  Dataset& data = Data(t);
  CohortTriangle grr = Compute(data, CohortMetric::kGrr);
  EXPECT_NEAR(Cell(grr.rows[0], 1), 125.0 / 150, 1e-12);
  EXPECT_NEAR(Cell(grr.rows[0], 2), 1.0, 1e-12);
  EXPECT_NEAR(Cell(grr.rows[0], 3), 50.0 / 150, 1e-12);
  EXPECT_NEAR(Cell(grr.rows[1], 2), 1.0, 1e-12);  // capped at the start MRR
  CohortTriangle logo = Compute(data, CohortMetric::kLogo);
  EXPECT_DOUBLE_EQ(Cell(logo.rows[0], 2), 1);
  EXPECT_DOUBLE_EQ(Cell(logo.rows[0], 3), 0.5);
  EXPECT_NEAR(*logo.weighted_average[2], 1.0, 1e-12);  // 3 of 3
}

TEST(CohortReportTest, PerSegmentAndJson) {
  TestDataset t;
  CohortTriangle tri = Compute(Data(t), CohortMetric::kNrr, "segment");
  ASSERT_EQ(tri.rows.size(), 2u);  // a: Jan cohort (P, Q); b: Feb cohort (R)
  EXPECT_EQ(tri.rows[0].segment, "a");
  EXPECT_EQ(tri.rows[1].segment, "b");
  CohortOptions o;
  Report rep = CohortReport(tri, o, Settings{}, D("2024-04-30"), 2);
  EXPECT_FALSE(rep.json_rows);
  EXPECT_EQ(rep.columns.size(), 6u);  // cohort, segment, accounts, start_mrr, age_0, age_1
  ASSERT_EQ(rep.json_extra.size(), 4u);
  EXPECT_EQ(rep.json_extra[1].first, "cohorts");
  EXPECT_EQ(rep.json_extra[3], (std::pair<std::string, std::string>{"min_cohort_size", "5"}));
  EXPECT_EQ(rep.json_extra[1].second,
            "[{\"accounts\":2,\"cohort\":\"2024-01\",\"segment\":\"a\",\"start_mrr\":150.0,"
            "\"values\":[1.0,0.8333333333333334,1.3333333333333333,0.3333333333333333]},"
            "{\"accounts\":1,\"cohort\":\"2024-02\",\"segment\":\"b\",\"start_mrr\":200.0,"
            "\"values\":[1.0,1.0,1.5,null]}]");
}

// Yearly cohorts, by hand, as of 2025-06-30:
//   A: 100 from 2023-03 to the end of 2024 (end 2025-01-01), then nothing.
//   B: 40 from 2023-11, 60 from 2024-06, open.
//   C: 80 from 2024-02, open.
// Cohort 2023 = A, B (start MRR 100 + 40 = 140): age 0 at 2023-12: 100 + 40 = 140 → 1;
//   age 1 at 2024-12: 100 + 60 = 160 → 160/140; age 2 at the as-of month 2025-06: 0 + 60 → 60/140.
// Cohort 2024 = C (start 80): age 0 at 2024-12: 80 → 1; age 1 at 2025-06: 80 → 1.
TEST(CohortReportTest, YearlyCohorts) {
  TestDataset t;
  AccountIndex a = t.Account("A"), b = t.Account("B"), c = t.Account("C");
  t.Sub("A1", a, "2023-03-01", "2025-01-01", 100);
  t.Sub("B1", b, "2023-11-01", "2024-06-01", 40);
  t.Sub("B2", b, "2024-06-01", "", 60);
  t.Sub("C1", c, "2024-02-01", "", 80);
  auto s = ComputeMrr(t.data(), Settings{}, D("2025-06-30"));
  ASSERT_TRUE(s.ok());
  CohortOptions o;
  o.granularity = Granularity::kYear;
  auto tri = ComputeCohorts(t.data(), Settings{}, *s, o);
  ASSERT_TRUE(tri.ok()) << tri.status().message();
  ASSERT_EQ(tri->rows.size(), 2u);
  EXPECT_EQ(tri->rows[0].cohort, M("2023-01"));
  EXPECT_EQ(tri->rows[0].accounts, 2);
  EXPECT_DOUBLE_EQ(tri->rows[0].start_mrr, 140);
  EXPECT_NEAR(Cell(tri->rows[0], 0), 1, 1e-12);
  EXPECT_NEAR(Cell(tri->rows[0], 1), 160.0 / 140, 1e-12);
  EXPECT_NEAR(Cell(tri->rows[0], 2), 60.0 / 140, 1e-12);
  EXPECT_EQ(tri->rows[1].cohort, M("2024-01"));
  EXPECT_NEAR(Cell(tri->rows[1], 0), 1, 1e-12);
  EXPECT_NEAR(Cell(tri->rows[1], 1), 1, 1e-12);
  EXPECT_FALSE(tri->rows[1].numerator[2]);  // the future
  const Report r = CohortReport(*tri, o, Settings{}, D("2025-06-30"), 0);
  EXPECT_EQ(r.period, "year");
  EXPECT_EQ(r.columns[4].title, "y0");
  EXPECT_EQ(std::get<std::string>(r.rows[0][0]), "2023");
}

}  // namespace
}  // namespace flywheel
