// The revenue engine on the mrr-playbook fixture (tests/fixtures/mrr-playbook, mapped from
// dbt Labs' subscription_periods.csv). Every expected value below was worked out by reading
// the raw CSV rows (quoted in the comments); none is copied from the engine's output.
//
// All starts and ends fall on the 1st of a month and end_date is exclusive, so a row
// "S,E" is active in the months S .. E−1 (the month-end snapshot of E−1 is before E).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "ingest/dataset_loader.h"
#include "revenue/cohort_report.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "revenue/revenue_report.h"
#include "revenue/test_dataset.h"

namespace flywheel {
namespace {

constexpr double kCent = 0.005;

class MrrPlaybookTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* source = std::getenv("FLYWHEEL_SOURCE_DIR");
    ASSERT_NE(source, nullptr) << "FLYWHEEL_SOURCE_DIR is not set (run through ctest)";
    auto loaded = LoadDataDirectory(std::string(source) + "/tests/fixtures/mrr-playbook");
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    data_ = new Dataset(std::move(loaded->dataset));
    // The last row ends 2020-02-01, so February 2020 is the month everybody has churned.
    auto series = ComputeMrr(*data_, settings_, D("2020-02-29"));
    ASSERT_TRUE(series.ok()) << series.status().message();
    series_ = new MrrSeries(std::move(*series));
  }
  static void TearDownTestSuite() {
    delete series_;
    delete data_;
    series_ = nullptr;
    data_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(data_, nullptr);
    ASSERT_NE(series_, nullptr);
  }

  static AccountIndex Customer(const std::string& id) { return data_->accounts.Find(id); }

  static RevenueTable Revenue(Granularity g) {
    RevenueOptions options;
    options.granularity = g;
    options.as_of = D("2020-02-29");
    auto t = ComputeRevenue(*data_, settings_, *series_, options);
    EXPECT_TRUE(t.ok()) << t.status().message();
    return t.ok() ? *t : RevenueTable{};
  }

  static const RevenueRow& Row(const RevenueTable& t, const char* month) {
    for (const RevenueRow& r : t.rows) {
      if (r.period_start == M(month) && r.segment == "all") return r;
    }
    ADD_FAILURE() << "no row for " << month;
    static const RevenueRow kEmpty;
    return kEmpty;
  }

  // "type:amount" per month for one customer, e.g. {"2018-11", "new:50"}.
  static std::map<std::string, std::string> MovementsOf(const std::string& id) {
    std::map<std::string, std::string> out;
    const AccountIndex a = Customer(id);
    for (const AccountMovement& m : ComputeMovements(*series_, settings_)) {
      if (m.account != a) continue;
      std::string& cell = out[FormatMonth(m.month)];
      if (!cell.empty()) cell += ";";
      cell += std::string(MovementTypeName(m.type)) + ":" + std::to_string(std::lround(m.amount));
    }
    return out;
  }

  static inline Dataset* data_ = nullptr;
  static inline MrrSeries* series_ = nullptr;
  static inline Settings settings_;
};

TEST_F(MrrPlaybookTest, LoadsAllCustomers) {
  EXPECT_EQ(data_->accounts.size(), 55u);
  EXPECT_EQ(data_->subscriptions.size(), 121u);
  EXPECT_EQ(series_->first_month(), M("2017-09"));  // rows 4 and 5 start 2017-09-01
  EXPECT_EQ(series_->last_month(), M("2020-02"));
}

// Total MRR: the sum of monthly_amount over rows with start ≤ 1st of M < end.
TEST_F(MrrPlaybookTest, TotalMrrInSeveralMonths) {
  const RevenueTable t = Revenue(Granularity::kMonth);
  // 2017-09: row 4 (customer 2, 25) + row 5 (customer 3, 50) = 75, 2 customers.
  EXPECT_NEAR(Row(t, "2017-09").mrr, 75, kCent);
  EXPECT_EQ(Row(t, "2017-09").customers, 2);
  // 2017-10: row 4 (25) + row 6 (customer 4, 2017-10-01..2017-11-01, 25) = 50; row 5 ended.
  EXPECT_NEAR(Row(t, "2017-10").mrr, 50, kCent);
  // 2017-11 and 2017-12: no row is active (the next one starts 2018-01-01).
  EXPECT_NEAR(Row(t, "2017-11").mrr, 0, kCent);
  EXPECT_EQ(Row(t, "2017-12").customers, 0);
  // 2018-11: customers 1 (50), 5 (50), 17 (25), 18 (90), 21 (25) start; already active:
  // 10 (row 24, 25) and the others of mid-2018; the sum over all rows active on 2018-11-01,
  // counted row by row in subscriptions.csv, is 575 over 11 customers.
  EXPECT_NEAR(Row(t, "2018-11").mrr, 575, kCent);
  EXPECT_EQ(Row(t, "2018-11").customers, 11);
  // 2020-01: only four rows reach into January 2020 (end 2020-02-01), and each starts
  // 2020-01-01: 175 in all, every one a new customer.
  EXPECT_NEAR(Row(t, "2020-01").mrr, 175, kCent);
  EXPECT_EQ(Row(t, "2020-01").customers, 4);
  EXPECT_NEAR(Row(t, "2020-01").Movement(MovementType::kNew), 175, kCent);
  EXPECT_EQ(Row(t, "2020-01").Count(MovementType::kNew), 4);
  // 2020-02: nothing active; the four January customers churn.
  EXPECT_NEAR(Row(t, "2020-02").mrr, 0, kCent);
  EXPECT_NEAR(Row(t, "2020-02").Movement(MovementType::kChurn), 175, kCent);
  EXPECT_EQ(Row(t, "2020-02").Count(MovementType::kChurn), 4);
}

double Identity(const RevenueRow& r) {
  return r.previous_mrr + r.Movement(MovementType::kNew) + r.Movement(MovementType::kReactivation) +
         r.Movement(MovementType::kExpansion) - r.Movement(MovementType::kContraction) -
         r.Movement(MovementType::kChurn);
}

TEST_F(MrrPlaybookTest, RollForwardHoldsEveryMonthAndQuarter) {
  for (Granularity g : {Granularity::kMonth, Granularity::kQuarter, Granularity::kYear}) {
    const RevenueTable t = Revenue(g);
    ASSERT_FALSE(t.rows.empty());
    double previous = 0;
    for (const RevenueRow& r : t.rows) {
      EXPECT_NEAR(r.previous_mrr, previous, kCent) << FormatMonth(r.period_start);
      EXPECT_NEAR(Identity(r), r.mrr, kCent) << FormatMonth(r.period_start);
      previous = r.mrr;
    }
  }
  // Months 2017-09 .. 2020-02: 30 rows; quarters 2017-Q3 .. 2020-Q1: 11 rows.
  EXPECT_EQ(Revenue(Granularity::kMonth).rows.size(), 30u);
  EXPECT_EQ(Revenue(Granularity::kQuarter).rows.size(), 11u);
}

// 2019-Q3 from the three months worked row by row (new / react / exp / contr / churn):
//   Jul 2019: 205 / 50 (customer 5 returns) / 0 / 40 / 0
//   Aug 2019: 105 / 0 / 0 / 55 / 160 (customers 1: 75, 22: 35, 26: 50 end 2019-08-01)
//   Sep 2019: 165 / 0 / 80 / 30 / 0
// MRR end of June 1135, end of September 1455: 1135 + 475 + 50 + 80 − 125 − 160 = 1455.
TEST_F(MrrPlaybookTest, QuarterSumsItsMonths) {
  const RevenueTable t = Revenue(Granularity::kQuarter);
  const RevenueRow& q3 = Row(t, "2019-07");
  EXPECT_EQ(q3.period_end, M("2019-09"));
  EXPECT_NEAR(q3.previous_mrr, 1135, kCent);
  EXPECT_NEAR(q3.mrr, 1455, kCent);
  EXPECT_NEAR(q3.Movement(MovementType::kNew), 475, kCent);
  EXPECT_NEAR(q3.Movement(MovementType::kReactivation), 50, kCent);
  EXPECT_NEAR(q3.Movement(MovementType::kExpansion), 80, kCent);
  EXPECT_NEAR(q3.Movement(MovementType::kContraction), 125, kCent);
  EXPECT_NEAR(q3.Movement(MovementType::kChurn), 160, kCent);
  EXPECT_EQ(q3.Count(MovementType::kNew), 11);  // 3 + 3 + 5 distinct first starts
  EXPECT_EQ(q3.Count(MovementType::kChurn), 3);
}

// Customer 1: rows 1 (2018-11..2019-02, 50), 2 (2019-04..2019-06, 50), 3 (2019-06..2019-08, 75).
// Gap in Feb–Mar 2019, then a return.
TEST_F(MrrPlaybookTest, Customer1ChurnsAndReactivates) {
  const std::map<std::string, std::string> expected = {
      {"2018-11", "new:50"},       {"2019-02", "churn:50"}, {"2019-04", "reactivation:50"},
      {"2019-06", "expansion:25"}, {"2019-08", "churn:75"},
  };
  EXPECT_EQ(MovementsOf("1"), expected);
}

// Customer 5: rows 7 (2018-11, 50), 8 (2018-12..2019-03, 25), 9 (2019-07, 50), 10 (2019-08, 25),
// 11 (2019-09, 50), 12 (2019-10..2019-12, 25), 13 (2019-12, 40). Gap Mar–Jun 2019.
TEST_F(MrrPlaybookTest, Customer5ReturnsAfterAFourMonthGap) {
  const std::map<std::string, std::string> expected = {
      {"2018-11", "new:50"},          {"2018-12", "contraction:25"}, {"2019-03", "churn:25"},
      {"2019-07", "reactivation:50"}, {"2019-08", "contraction:25"}, {"2019-09", "expansion:25"},
      {"2019-10", "contraction:25"},  {"2019-12", "expansion:15"},   {"2020-01", "churn:40"},
  };
  EXPECT_EQ(MovementsOf("5"), expected);
}

// Customer 10: rows 22 (2018-04, 80), 23 (2018-09, 50), 24 (2018-10..2019-04, 25),
// 25 (2019-04, 50), 26 (2019-05, 25), 27 (2019-06..2019-11, 50), 28 (2019-11, 25),
// 29 (2019-12, 35). Gap May–Aug 2018.
TEST_F(MrrPlaybookTest, Customer10ReturnsAfterAFourMonthGap) {
  const std::map<std::string, std::string> expected = {
      {"2018-04", "new:80"},         {"2018-05", "churn:80"},       {"2018-09", "reactivation:50"},
      {"2018-10", "contraction:25"}, {"2019-04", "expansion:25"},   {"2019-05", "contraction:25"},
      {"2019-06", "expansion:25"},   {"2019-11", "contraction:25"}, {"2019-12", "expansion:10"},
      {"2020-01", "churn:35"},
  };
  EXPECT_EQ(MovementsOf("10"), expected);
}

// Customer 8: rows 18 (2019-04..2019-05, 65) and 19 (2019-05..2019-12, 65): the change of row
// on 2019-05-01 keeps the price, so there is no movement in May.
TEST_F(MrrPlaybookTest, SamePriceChangeOfCustomer8IsNoMovement) {
  const std::map<std::string, std::string> expected = {
      {"2019-04", "new:65"},
      {"2019-12", "churn:65"},
  };
  EXPECT_EQ(MovementsOf("8"), expected);
}

// Customer 14: rows 36..43 alternate 25 / 50, except rows 40 (2019-07, 25) and 41 (2019-08, 25):
// no movement in August 2019.
TEST_F(MrrPlaybookTest, SamePriceChangeOfCustomer14IsNoMovement) {
  const std::map<std::string, std::string> expected = {
      {"2019-03", "new:25"},         {"2019-04", "expansion:25"},   {"2019-05", "contraction:25"},
      {"2019-06", "expansion:25"},   {"2019-07", "contraction:25"}, {"2019-09", "expansion:25"},
      {"2019-10", "contraction:25"}, {"2020-01", "churn:25"},
  };
  EXPECT_EQ(MovementsOf("14"), expected);
}

// Customers 2 (row 4: 2017-09..2017-11, 25), 3 (row 5: 2017-09..2017-10, 50) and
// 4 (row 6: 2017-10..2017-11, 25) exist only in 2017.
TEST_F(MrrPlaybookTest, Customers2To4OnlyIn2017) {
  struct Case {
    const char* id;
    const char* first;
    const char* last;
    double mrr;
  };
  for (const Case& c : {Case{"2", "2017-09", "2017-10", 25}, Case{"3", "2017-09", "2017-09", 50},
                        Case{"4", "2017-10", "2017-10", 25}}) {
    const AccountIndex a = Customer(c.id);
    EXPECT_EQ(series_->FirstActiveMonth(a), M(c.first)) << c.id;
    EXPECT_EQ(series_->LastActiveMonth(a), M(c.last)) << c.id;
    EXPECT_NEAR(series_->Mrr(a, M(c.first)), c.mrr, kCent) << c.id;
    EXPECT_EQ(series_->Mrr(a, M("2018-01")), 0) << c.id;
  }
  EXPECT_EQ(MovementsOf("2"),
            (std::map<std::string, std::string>{{"2017-09", "new:25"}, {"2017-11", "churn:25"}}));
  EXPECT_EQ(MovementsOf("3"),
            (std::map<std::string, std::string>{{"2017-09", "new:50"}, {"2017-10", "churn:50"}}));
  EXPECT_EQ(MovementsOf("4"),
            (std::map<std::string, std::string>{{"2017-10", "new:25"}, {"2017-11", "churn:25"}}));
}

// August 2019: customers at the end of July 26; churned 3 (customers 1: 75, 22: 35 and 26: 50, whose
// rows end 2019-08-01: 160 in all); new 105, contraction 55, no expansion or reactivation.
//   logo churn = 3 / 26; quick ratio = (105 + 0 + 0) / (160 + 55) = 105 / 215.
// December 2019: 42 November customers, 17 churn (705); new 100, expansion 50, contraction 30.
//   logo churn = 17 / 42; quick ratio = 150 / 735; gross MRR churn = 735 / 1840.
TEST_F(MrrPlaybookTest, LogoChurnAndQuickRatio) {
  const RevenueTable t = Revenue(Granularity::kMonth);
  const RevenueRow& aug = Row(t, "2019-08");
  EXPECT_EQ(aug.previous_customers, 26);
  ASSERT_TRUE(aug.logo_churn_rate && aug.quick_ratio);
  EXPECT_NEAR(*aug.logo_churn_rate, 3.0 / 26, 1e-12);
  EXPECT_NEAR(*aug.quick_ratio, 105.0 / 215, 1e-12);
  const RevenueRow& dec = Row(t, "2019-12");
  ASSERT_TRUE(dec.logo_churn_rate && dec.quick_ratio && dec.gross_mrr_churn_rate);
  EXPECT_NEAR(*dec.logo_churn_rate, 17.0 / 42, 1e-12);
  EXPECT_NEAR(*dec.quick_ratio, 150.0 / 735, 1e-12);
  EXPECT_NEAR(*dec.gross_mrr_churn_rate, 735.0 / 1840, 1e-12);
  // Trailing NRR for 2019-11: the 11 customers of 2018-11 (575) have 560 a year later;
  // GRR caps each at its 2018-11 MRR: 460.
  const RevenueRow& nov = Row(t, "2019-11");
  ASSERT_TRUE(nov.nrr && nov.grr);
  EXPECT_NEAR(*nov.nrr, 560.0 / 575, 1e-12);
  EXPECT_NEAR(*nov.grr, 460.0 / 575, 1e-12);
}

// Cohort 2018-11 = customers 1, 5, 17, 18, 21 (the five accounts whose first row starts
// 2018-11-01): start MRR 50 + 50 + 25 (row 48) + 90 (row 56) + 25 (row 62) = 240.
//   age 1 (2018-12): 50 + 25 + 50 (row 49) + 50 (row 57) + 50 (row 63) = 225
//        GRR caps: 50 + 25 + 25 + 50 + 25 = 175; all 5 active.
//   age 12 (2019-11): customer 1 gone (ended 2019-08), 5: 25 (row 12), 17: 100 (row 54),
//        18: 50, 21: 50 = 225; 4 of 5 active.
TEST_F(MrrPlaybookTest, Cohort2018_11) {
  auto cell = [](CohortMetric metric, int age) -> double {
    CohortOptions options;
    options.metric = metric;
    auto t = ComputeCohorts(*data_, settings_, *series_, options);
    EXPECT_TRUE(t.ok());
    for (const CohortRow& r : t->rows) {
      if (r.cohort != M("2018-11")) continue;
      EXPECT_EQ(r.accounts, 5);
      EXPECT_NEAR(r.start_mrr, 240, kCent);
      if (static_cast<size_t>(age) >= r.numerator.size() || !r.numerator[age]) break;
      return *r.numerator[age] / r.denominator;
    }
    ADD_FAILURE() << "no cohort 2018-11 age " << age;
    return NAN;
  };
  EXPECT_NEAR(cell(CohortMetric::kNrr, 1), 225.0 / 240, 1e-12);
  EXPECT_NEAR(cell(CohortMetric::kGrr, 1), 175.0 / 240, 1e-12);
  EXPECT_NEAR(cell(CohortMetric::kLogo, 1), 1.0, 1e-12);
  EXPECT_NEAR(cell(CohortMetric::kNrr, 12), 225.0 / 240, 1e-12);
  EXPECT_NEAR(cell(CohortMetric::kLogo, 12), 4.0 / 5, 1e-12);
}

}  // namespace
}  // namespace flywheel
