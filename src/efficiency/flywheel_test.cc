// Force, friction, speed, momentum and the indicator trends on the test company
// (test_company.h) plus new-deal opportunities, worked by hand below.
#include <gtest/gtest.h>

#include <cmath>

#include "efficiency/flywheel_report.h"
#include "efficiency/test_company.h"

namespace flywheel {
namespace {
using namespace testing_company;  // NOLINT: test helpers

void AddNewDeal(Dataset* d, const char* created, const char* closed, OpportunityStatus status, double amount) {
  Opportunities& o = d->opportunities;
  o.id.push_back("O" + std::to_string(o.size()));
  o.account.push_back(0);
  o.type.push_back(OpportunityType::kNew);
  o.created_at.push_back(*ParseDate(created));
  o.closed_at.push_back(*ParseDate(closed));
  o.status.push_back(status);
  o.amount.push_back(amount);
  for (auto* col : {&o.currency, &o.stage, &o.owner, &o.lost_reason, &o.program}) col->push_back(kNullCode);
  o.expected_close.push_back(kNullDay);
  o.forecast_category.push_back(-1);
}

// February: won after 40 (01-01 → 02-10), 10 (01-22 → 02-01) and 80 days (2023-12-02 →
// 02-20), one lost: win rate 3/4, median cycle 40, speed 0.75 × 365 / 40 = 6.84375.
// March: one won after 10 days: speed 1 × 365 / 10 = 36.5.
struct Flywheel {
  Company c;
  Day as_of = DayFromCivil(2024, 3, 31);
  Result<Segmenter> seg = Status::Ok();
  Result<GtmLedger> ledger = Status::Ok();
  Result<NewDealSpeedTable> speed = Status::Ok();
  Result<StageDates> stages = Status::Ok();
  FlywheelInputs in;

  Flywheel() {
    Build(&c);
    Dataset& d = c.data;
    AddNewDeal(&d, "2024-01-01", "2024-02-10", OpportunityStatus::kWon, 1000);
    AddNewDeal(&d, "2024-01-22", "2024-02-01", OpportunityStatus::kWon, 2000);
    AddNewDeal(&d, "2024-01-05", "2024-02-15", OpportunityStatus::kLost, 9000);
    AddNewDeal(&d, "2023-12-02", "2024-02-20", OpportunityStatus::kWon, 3000);
    AddNewDeal(&d, "2024-03-01", "2024-03-11", OpportunityStatus::kWon, 500);
    AddNewDeal(&d, "2024-03-01", "2024-04-11", OpportunityStatus::kWon, 500);  // after the as-of date
    d.present[static_cast<int>(Table::kSubscriptions)] = true;
    d.present[static_cast<int>(Table::kOpportunities)] = true;
    PeriodCalendar cal;
    seg = Segmenter::Make(d, "", "", "segment");
    ledger = GtmLedger::Build(d, c.settings, c.movements, *seg, cal, as_of);
    speed = ComputeNewDealSpeed(d, c.settings, *seg, cal, as_of);
    stages = ComputeStageDates(d, c.settings, c.movements, as_of);
    in = FlywheelInputs{&c.data, &c.settings, &*ledger, &*speed, &*stages, &*seg, cal, as_of};
  }
};

double Dbl(const Cell& c) { return std::holds_alternative<double>(c) ? std::get<double>(c) : NAN; }
bool Null(const Cell& c) { return std::holds_alternative<std::monostate>(c); }

TEST(Flywheel, ForceFrictionSpeedMomentum) {
  Flywheel f;
  auto r = BuildFlywheelReport(f.in);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->rows.size(), 3u);
  // Columns: period, segment, force, friction, win_rate_new, cycle median, speed, momentum.
  const auto& jan = r->rows[0];
  EXPECT_DOUBLE_EQ(Dbl(jan[2]), 4800);  // 12 × (100 + 300) new
  EXPECT_DOUBLE_EQ(Dbl(jan[3]), 0);
  EXPECT_TRUE(Null(jan[6]));            // no closed deals: no speed, no momentum
  EXPECT_TRUE(Null(jan[7]));
  const auto& feb = r->rows[1];
  EXPECT_DOUBLE_EQ(Dbl(feb[2]), 3000);  // 12 × (200 new + 50 expansion)
  EXPECT_DOUBLE_EQ(Dbl(feb[4]), 0.75);
  EXPECT_DOUBLE_EQ(Dbl(feb[5]), 40);
  EXPECT_DOUBLE_EQ(Dbl(feb[6]), 6.84375);
  EXPECT_DOUBLE_EQ(Dbl(feb[7]), 3000 * 6.84375);
  const auto& mar = r->rows[2];
  EXPECT_DOUBLE_EQ(Dbl(mar[2]), 0);
  EXPECT_DOUBLE_EQ(Dbl(mar[3]), 3840);  // 12 × (300 churn + 20 contraction)
  EXPECT_DOUBLE_EQ(Dbl(mar[6]), 36.5);
  EXPECT_DOUBLE_EQ(Dbl(mar[7]), -3840 * 36.5);
}

TEST(Flywheel, TrendDefinition) {
  EXPECT_EQ(Trend(100, 104), "flat");
  EXPECT_EQ(Trend(100, 105), "flat");
  EXPECT_EQ(Trend(100, 106), "up");
  EXPECT_EQ(Trend(100, 90), "down");
  EXPECT_EQ(Trend(-100, -90), "up");
  EXPECT_EQ(Trend(0, 0), "flat");
  EXPECT_EQ(Trend(0, 0.01), "up");
  EXPECT_EQ(Trend(kNullNumber, 1), "");
}

TEST(Flywheel, IndicatorsLastPeriodsAndTrend) {
  Flywheel f;
  Report r = BuildIndicatorReport(f.in);
  // Columns: segment, kind, indicator, period, value, previous, earlier, change, trend.
  auto find = [&](const std::string& name) -> const std::vector<Cell>& {
    for (const auto& row : r.rows) {
      if (std::get<std::string>(row[2]) == name) return row;
    }
    ADD_FAILURE() << name;
    return r.rows[0];
  };
  const auto& wr = find("win_rate_new");
  EXPECT_EQ(std::get<std::string>(wr[1]), "leading");
  EXPECT_EQ(std::get<std::string>(wr[3]), "2024-03");
  EXPECT_DOUBLE_EQ(Dbl(wr[4]), 1.0);
  EXPECT_DOUBLE_EQ(Dbl(wr[5]), 0.75);
  EXPECT_TRUE(Null(wr[6]));
  EXPECT_DOUBLE_EQ(Dbl(wr[7]), 0.25);
  EXPECT_EQ(std::get<std::string>(wr[8]), "up");
  const auto& acv = find("acv");  // (1000 + 2000 + 3000) / 3, then 500
  EXPECT_EQ(std::get<std::string>(acv[1]), "lagging");
  EXPECT_DOUBLE_EQ(Dbl(acv[4]), 500);
  EXPECT_DOUBLE_EQ(Dbl(acv[5]), 2000);
  EXPECT_EQ(std::get<std::string>(acv[8]), "down");
  // MRR at month end: 400, 650, 330.
  const auto& growth = find("mrr_growth");
  EXPECT_DOUBLE_EQ(Dbl(growth[4]), 330.0 / 650 - 1);
  EXPECT_DOUBLE_EQ(Dbl(growth[5]), 650.0 / 400 - 1);
  EXPECT_TRUE(Null(growth[6]));
  const auto& burn = find("burn_multiple");
  EXPECT_TRUE(Null(burn[4]));  // March net new ARR < 0
  EXPECT_DOUBLE_EQ(Dbl(burn[5]), 0.5);
  EXPECT_DOUBLE_EQ(Dbl(burn[6]), 2000.0 / 4800);
  EXPECT_EQ(r.rows.size(), 11u);
}

TEST(Flywheel, NeedsOpportunities) {
  Flywheel f;
  f.c.data.present[static_cast<int>(Table::kOpportunities)] = false;
  auto r = BuildFlywheelReport(f.in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "flywheel needs opportunities.csv (speed comes from new-deal win rate and sales cycle)");
}

}  // namespace
}  // namespace flywheel
