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
  ASSERT_EQ(rep.json_extra.size(), 3u);
  EXPECT_EQ(rep.json_extra[1].first, "cohorts");
  EXPECT_EQ(rep.json_extra[1].second,
            "[{\"accounts\":2,\"cohort\":\"2024-01\",\"segment\":\"a\",\"start_mrr\":150.0,"
            "\"values\":[1.0,0.8333333333333334,1.3333333333333333,0.3333333333333333]},"
            "{\"accounts\":1,\"cohort\":\"2024-02\",\"segment\":\"b\",\"start_mrr\":200.0,"
            "\"values\":[1.0,1.0,1.5,null]}]");
}

}  // namespace
}  // namespace flywheel
