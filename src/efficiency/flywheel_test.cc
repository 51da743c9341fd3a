// Force, friction, speed, momentum and the indicator trends on the test company
// (test_company.h) plus new-deal opportunities, worked by hand below.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "efficiency/flywheel_report.h"
#include "efficiency/test_company.h"
#include "ingest/dataset_loader.h"
#include "revenue/movements.h"

namespace flywheel {
namespace {
using namespace testing_company;  // NOLINT: test helpers

void AddNewDeal(Dataset* d, const char* created, const char* closed, OpportunityStatus status,
                double amount) {
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
  EXPECT_TRUE(Null(jan[6]));  // no closed deals: no speed, no momentum
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

// A falling sales cycle is good news, a falling win rate bad news.
TEST(Flywheel, AssessmentFollowsTheGoodDirection) {
  EXPECT_EQ(Assessment("up", GoodDirection::kHigher), "better");
  EXPECT_EQ(Assessment("down", GoodDirection::kHigher), "worse");
  EXPECT_EQ(Assessment("up", GoodDirection::kLower), "worse");
  EXPECT_EQ(Assessment("down", GoodDirection::kLower), "better");
  EXPECT_EQ(Assessment("flat", GoodDirection::kLower), "flat");
  EXPECT_EQ(Assessment("", GoodDirection::kHigher), "");
  EXPECT_EQ(Assessment("up", GoodDirection::kNone), "");
}

TEST(Flywheel, IndicatorsLastPeriodsAndTrend) {
  Flywheel f;
  Report r = BuildIndicatorReport(f.in);
  // Columns: segment, kind, indicator, period, value, previous, earlier, change, trend,
  // better, assessment.
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
  EXPECT_EQ(std::get<std::string>(wr[9]), "higher");
  EXPECT_EQ(std::get<std::string>(wr[10]), "better");
  const auto& acv = find("acv");  // (1000 + 2000 + 3000) / 3, then 500
  EXPECT_EQ(std::get<std::string>(acv[1]), "lagging");
  EXPECT_DOUBLE_EQ(Dbl(acv[4]), 500);
  EXPECT_DOUBLE_EQ(Dbl(acv[5]), 2000);
  EXPECT_EQ(std::get<std::string>(acv[8]), "down");
  EXPECT_EQ(std::get<std::string>(acv[10]), "worse");
  for (const auto& row : r.rows) {  // the cost and time indicators are better when they fall
    const std::string& name = std::get<std::string>(row[2]);
    bool lower = name.ends_with("_days") || name.starts_with("cost_per_") ||
                 name.starts_with("cac_payback") || name == "burn_multiple" || name == "gtm_spend_ratio";
    EXPECT_EQ(std::get<std::string>(row[9]), lower ? "lower" : "higher") << name;
  }
  // MRR at month end: 400, 650, 330.
  const auto& growth = find("mrr_growth");
  EXPECT_DOUBLE_EQ(Dbl(growth[4]), 330.0 / 650 - 1);
  EXPECT_DOUBLE_EQ(Dbl(growth[5]), 650.0 / 400 - 1);
  EXPECT_TRUE(Null(growth[6]));
  const auto& burn = find("burn_multiple");
  EXPECT_TRUE(Null(burn[4]));  // March net new ARR < 0
  EXPECT_DOUBLE_EQ(Dbl(burn[5]), 0.5);
  EXPECT_DOUBLE_EQ(Dbl(burn[6]), 2000.0 / 4800);
  EXPECT_EQ(r.rows.size(), 18u);  // 18 indicators × segment "all"
}

// The indicators that need the MRR series, the movements and the TTV report, on a company
// loaded from CSV (as of 2024-02-29, monthly periods, default gross margin 0.8):
//   A smb: 100/month from 2023-01, 150 from 2024-01 (expansion)
//   B smb: 200/month 2023-01 to 2023-06 (churned in July 2023)
//   C ent: 400/month from 2023-02, 300 from 2024-02 (contraction)
//   D ent: 500/month from 2024-01, value event on 2024-01-21 (20 days after onboarding)
//   E ent: 100/month from 2024-01-15, no value event (45 days at the as-of date)
//   spend: 2024-01 marketing 700 (shared: allocated to the new customers' segment, ent)
//   expansion deals of A: 2023-12-01 → 2024-01-11 won (41 days);
//     2024-01-10 → 2024-02-09 won (30), 2024-02-01 → 2024-02-21 won (20), 2024-01-01 → 2024-02-20 lost
struct LoadedCompany {
  std::filesystem::path dir;
  Dataset data;
  Settings settings;
  Day as_of = DayFromCivil(2024, 2, 29);
  MrrSeries series;
  std::vector<AccountMovement> movements;
  Result<Segmenter> seg = Status::Ok();
  Result<GtmLedger> ledger = Status::Ok();
  Result<NewDealSpeedTable> speed = Status::Ok();
  Result<StageDates> stages = Status::Ok();
  FlywheelInputs in;

  explicit LoadedCompany(const std::string& segment_by) {
    dir = std::filesystem::temp_directory_path() / ("flywheel_indicators_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto write = [&](const char* name, const char* text) { std::ofstream(dir / name) << text; };
    write("accounts.csv", "account_id,segment\nA,smb\nB,smb\nC,ent\nD,ent\nE,ent\n");
    write(
        "subscriptions.csv",
        "subscription_id,account_id,start_date,end_date,amount\n"
        "S1,A,2023-01-01,2024-01-01,100\nS2,A,2024-01-01,,150\nS3,B,2023-01-01,2023-07-01,200\n"
        "S4,C,2023-02-01,2024-02-01,400\nS5,C,2024-02-01,,300\nS6,D,2024-01-01,,500\nS7,E,2024-01-15,,100\n");
    write("opportunities.csv",
          "opportunity_id,account_id,type,created_at,closed_at,status,amount\n"
          "E1,A,expansion,2023-12-01,2024-01-11,won,\nE2,A,expansion,2024-01-10,2024-02-09,won,\n"
          "E3,A,expansion,2024-02-01,2024-02-21,won,\nE4,A,expansion,2024-01-01,2024-02-20,lost,\n");
    write("spend.csv", "month,category,amount\n2024-01,marketing,700\n");
    write("usage.csv", "account_id,date,metric,value\nD,2024-01-21,reports_created,1\n");
    auto loaded = LoadDataDirectory(dir.string());
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    data = std::move(loaded->dataset);
    settings.value_event.metric = "reports_created";
    auto mrr = ComputeMrr(data, settings, as_of);
    EXPECT_TRUE(mrr.ok()) << mrr.status().message();
    series = std::move(*mrr);
    movements = ComputeMovements(series, settings);
    PeriodCalendar cal;
    seg = Segmenter::Make(data, segment_by, "", "segment");
    ledger = GtmLedger::Build(data, settings, movements, *seg, cal, as_of);
    speed = ComputeNewDealSpeed(data, settings, *seg, cal, as_of);
    stages = ComputeStageDates(data, settings, movements, as_of);
    in =
        FlywheelInputs{&data, &settings, &*ledger, &*speed, &*stages, &*seg, cal, as_of, &series, &movements};
  }
  ~LoadedCompany() { std::filesystem::remove_all(dir); }

  // The indicator row of `segment` and `name`: segment, kind, indicator, period, value,
  // previous, earlier, change, trend.
  std::vector<Cell> Row(const Report& r, const std::string& segment, const std::string& name) {
    for (const auto& row : r.rows) {
      if (std::get<std::string>(row[0]) == segment && std::get<std::string>(row[2]) == name) return row;
    }
    ADD_FAILURE() << segment << " " << name;
    return std::vector<Cell>(9);
  }
};

std::string Text(const Cell& c) {
  return std::holds_alternative<std::string>(c) ? std::get<std::string>(c) : "";
}

TEST(Flywheel, CohortRetentionIndicatorsPerSegment) {
  LoadedCompany f("segment");
  Report r = BuildIndicatorReport(f.in);
  // Cohort 2023-01 {A, B} turns one in 2024-01: start 100 + 200; at age 12 A 150, B 0:
  // NRR 150 / 300, GRR min(150, 100) / 300. Cohort 2023-02 {C} turns one in 2024-02:
  // 400 → 300: NRR = GRR = 0.75.
  auto nrr = f.Row(r, "all", "cohort_nrr");
  EXPECT_EQ(Text(nrr[1]), "lagging");
  EXPECT_EQ(Text(nrr[3]), "2024-02");
  EXPECT_DOUBLE_EQ(Dbl(nrr[4]), 0.75);
  EXPECT_DOUBLE_EQ(Dbl(nrr[5]), 0.5);
  EXPECT_TRUE(Null(nrr[6]));  // cohort 2022-12 has no accounts
  EXPECT_DOUBLE_EQ(Dbl(nrr[7]), 0.25);
  EXPECT_EQ(Text(nrr[8]), "up");
  auto grr = f.Row(r, "all", "cohort_grr");
  EXPECT_DOUBLE_EQ(Dbl(grr[4]), 0.75);
  EXPECT_DOUBLE_EQ(Dbl(grr[5]), 100.0 / 300);
  EXPECT_DOUBLE_EQ(Dbl(grr[7]), 0.75 - 100.0 / 300);
  EXPECT_EQ(Text(grr[8]), "up");
  // Per segment: smb has only the 2023-01 cohort, ent only the 2023-02 one.
  auto smb = f.Row(r, "smb", "cohort_nrr");
  EXPECT_TRUE(Null(smb[4]));
  EXPECT_DOUBLE_EQ(Dbl(smb[5]), 0.5);
  EXPECT_TRUE(Null(smb[8]));
  auto ent = f.Row(r, "ent", "cohort_grr");
  EXPECT_DOUBLE_EQ(Dbl(ent[4]), 0.75);
  EXPECT_TRUE(Null(ent[5]));
}

TEST(Flywheel, ExpansionGrowthTtvAndPaybackIndicators) {
  LoadedCompany f("");
  Report r = BuildIndicatorReport(f.in);
  // Expansion deals: January 1 won of 1 (41 days); February 2 won, 1 lost, cycles 30, 20.
  auto wr = f.Row(r, "all", "win_rate_expansion");
  EXPECT_EQ(Text(wr[1]), "leading");
  EXPECT_DOUBLE_EQ(Dbl(wr[4]), 2.0 / 3);
  EXPECT_DOUBLE_EQ(Dbl(wr[5]), 1.0);
  EXPECT_DOUBLE_EQ(Dbl(wr[7]), 2.0 / 3 - 1);
  EXPECT_EQ(Text(wr[8]), "down");
  auto cycle = f.Row(r, "all", "expansion_cycle_median_days");
  EXPECT_EQ(Text(cycle[1]), "leading");
  EXPECT_DOUBLE_EQ(Dbl(cycle[4]), 25);
  EXPECT_DOUBLE_EQ(Dbl(cycle[5]), 41);
  EXPECT_DOUBLE_EQ(Dbl(cycle[7]), -16);
  EXPECT_EQ(Text(cycle[8]), "down");
  // MRR at month end: 2023-01 300, 2023-02 700; 2024-01 150 + 400 + 500 + 100 = 1150,
  // 2024-02 150 + 300 + 500 + 100 = 1050.
  auto yoy = f.Row(r, "all", "mrr_growth_yoy");
  EXPECT_EQ(Text(yoy[1]), "lagging");
  EXPECT_DOUBLE_EQ(Dbl(yoy[4]), 1050.0 / 700 - 1);
  EXPECT_DOUBLE_EQ(Dbl(yoy[5]), 1150.0 / 300 - 1);
  EXPECT_EQ(Text(yoy[8]), "down");
  // Onboarding cohort 2024-01: D reached value after 20 days, E not after 45 (decided):
  // 1 of 2 within the first target (30 days). No one onboarded in 2024-02.
  auto ttv = f.Row(r, "all", "ttv_reached_share");
  EXPECT_EQ(Text(ttv[1]), "leading");
  EXPECT_TRUE(Null(ttv[4]));
  EXPECT_DOUBLE_EQ(Dbl(ttv[5]), 0.5);
  // Acquisition cohort 2024-01 (D, E: 600 new MRR × 0.8 = 480 a month) against 700 spend:
  // 480 after month 0, 960 after month 1: payback at age 1. No cohort in 2024-02.
  auto payback = f.Row(r, "all", "cac_payback_cohort_months");
  EXPECT_EQ(Text(payback[1]), "lagging");
  EXPECT_TRUE(Null(payback[4]));
  EXPECT_DOUBLE_EQ(Dbl(payback[5]), 1);
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
