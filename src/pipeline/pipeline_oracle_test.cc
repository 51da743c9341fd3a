// Oracle test: on a generated 5,000-account data set, the pipeline report's monthly LVR,
// new-deal win rate by count and by value, and median new-deal sales cycle are recomputed
// with SQL written here from the definitions of metrics.md §2, run by SQLite over the
// same rows (dates as ISO text, months as their first seven characters, day differences by
// julianday, amounts converted with the fx.csv rate of the close month), and must agree.
#include <fmt/core.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <map>
#include <string>

#include "pipeline/pipeline_report.h"
#include "testing/demo_data_set.h"
#include "testing/oracle_db.h"

namespace flywheel {
namespace {

std::string Text(Day d) { return d == kNullDay ? "NULL" : "'" + FormatDate(d) + "'"; }
std::string Text(double v) { return std::isnan(v) ? "NULL" : fmt::format("{}", v); }
std::string Text(const StringDict& dict, Code c) {
  return c == kNullCode ? "NULL" : "'" + std::string(dict.Get(c)) + "'";
}

class PipelineOracle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = LoadDemoDataSet("pipeline_oracle", 5000, &as_of_).release();
    ASSERT_NE(data_, nullptr);
  }
  static void TearDownTestSuite() { delete data_; }

  // The tables the SQL reads, with the values of the loaded data set.
  static void Fill(OracleDb* db) {
    const Dataset& d = *data_;
    db->Exec(
        "CREATE TABLE leads(qualified_at TEXT);"
        "CREATE TABLE opportunities(type TEXT, status TEXT, created_at TEXT, closed_at TEXT, amount REAL, "
        "currency TEXT);"
        "CREATE TABLE fx(month TEXT, currency TEXT, rate REAL);");
    db->Exec("BEGIN");
    for (size_t i = 0; i < d.leads.size(); ++i) {
      db->Exec("INSERT INTO leads VALUES(" + Text(d.leads.qualified_at[i]) + ")");
    }
    const Opportunities& o = d.opportunities;
    for (size_t i = 0; i < o.size(); ++i) {
      const char* type = o.type[i] == OpportunityType::kNew         ? "new"
                         : o.type[i] == OpportunityType::kExpansion ? "expansion"
                                                                    : "renewal";
      const char* status = o.status[i] == OpportunityStatus::kWon    ? "won"
                           : o.status[i] == OpportunityStatus::kLost ? "lost"
                                                                     : "open";
      db->Exec(fmt::format("INSERT INTO opportunities VALUES('{}', '{}', {}, {}, {}, {})", type, status,
                           Text(o.created_at[i]), Text(o.closed_at[i]), Text(o.amount[i]),
                           Text(d.dict, o.currency[i])));
    }
    for (size_t i = 0; i < d.fx.size(); ++i) {
      db->Exec(fmt::format("INSERT INTO fx VALUES('{}', {}, {})", FormatMonth(d.fx.month[i]),
                           Text(d.dict, d.fx.currency[i]), d.fx.rate[i]));
    }
    db->Exec("COMMIT");
  }

  static Dataset* data_;
  static Day as_of_;
};
Dataset* PipelineOracle::data_ = nullptr;
Day PipelineOracle::as_of_ = kNullDay;

size_t Column(const Report& r, const std::string& name) {
  for (size_t i = 0; i < r.columns.size(); ++i) {
    if (r.columns[i].name == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}
double Dbl(const Cell& c) {
  if (std::holds_alternative<double>(c)) return std::get<double>(c);
  if (std::holds_alternative<int64_t>(c)) return static_cast<double>(std::get<int64_t>(c));
  return NAN;
}

// Equal within a relative 1e-9, or both unknown.
void ExpectSame(double report, double sql, const std::string& what) {
  if (std::isnan(sql)) {
    EXPECT_TRUE(std::isnan(report)) << what << ": report " << report << ", SQL null";
    return;
  }
  EXPECT_NEAR(report, sql, 1e-9 * std::max(1.0, std::fabs(sql))) << what;
}

TEST_F(PipelineOracle, LvrWinRatesAndSalesCycleMatchSql) {
  ASSERT_GE(data_->accounts.size(), 5000u);
  OracleDb db;
  Fill(&db);
  const std::string as_of = "'" + FormatDate(as_of_) + "'";

  // LVR(M) = QL(M) / QL(M−1) − 1, QL = leads qualified in the month (on or before as-of).
  auto ql =
      db.QueryByKey("SELECT substr(qualified_at, 1, 7), COUNT(*) FROM leads WHERE qualified_at <= " + as_of +
                    " GROUP BY 1");
  // Win rates over new deals closed in the month (won or lost, on or before as-of):
  // won / (won + lost) and Σ won amount / Σ (won + lost) amount in the base currency.
  auto closed = db.QueryByKey(
      "WITH c AS (SELECT closed_at, status, amount * CASE WHEN currency IS NULL OR currency = 'USD' THEN 1.0 "
      "    ELSE (SELECT rate FROM fx WHERE fx.currency = o.currency AND fx.month = substr(o.closed_at, 1, "
      "7)) END "
      "    AS base_amount "
      "  FROM opportunities AS o "
      "  WHERE type = 'new' AND status IN ('won', 'lost') AND closed_at <= " +
      as_of +
      ") "
      "SELECT substr(closed_at, 1, 7), SUM(status = 'won'), COUNT(*), "
      "  SUM(CASE WHEN status = 'won' THEN base_amount END), SUM(base_amount) "
      "FROM c GROUP BY 1");
  // Median sales cycle: closed_at − created_at in days of won new deals closed in the
  // month; an even count takes the mean of the two middle values.
  auto cycle = db.QueryByKey(
      "WITH c AS (SELECT substr(closed_at, 1, 7) AS m, julianday(closed_at) - julianday(created_at) AS d "
      "  FROM opportunities WHERE type = 'new' AND status = 'won' AND closed_at <= " +
      as_of +
      "), "
      "r AS (SELECT m, d, ROW_NUMBER() OVER (PARTITION BY m ORDER BY d) AS rn, "
      "  COUNT(*) OVER (PARTITION BY m) AS n FROM c) "
      "SELECT m, AVG(d) FROM r WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY m");
  auto eur = db.QueryByKey(
      "SELECT 'x', COUNT(*) FROM opportunities WHERE currency = 'EUR' AND type = 'new' "
      "AND status = 'won'");
  ASSERT_GT(eur["x"][0], 0) << "the data set should exercise exchange rates";

  PipelineOptions options;
  options.as_of = as_of_;
  auto report = ComputePipeline(*data_, Settings{}, options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  const Report& r = report->report;
  const size_t lvr = Column(r, "lvr"), wr = Column(r, "win_rate_new"), wrv = Column(r, "win_rate_new_value"),
               med = Column(r, "sales_cycle_median_days"), won = Column(r, "won_new"),
               ql_col = Column(r, "qualified_leads");
  int months_with_lvr = 0, months_with_deals = 0;
  for (const auto& row : r.rows) {
    ASSERT_EQ(std::get<std::string>(row[1]), "all");
    const std::string m = std::get<std::string>(row[0]);
    auto count = [&](const std::string& month) { return ql.count(month) ? ql[month][0] : 0.0; };
    const int y = std::stoi(m.substr(0, 4)), mo = std::stoi(m.substr(5, 2));
    const std::string prev = mo == 1 ? fmt::format("{}-12", y - 1) : fmt::format("{}-{:02d}", y, mo - 1);
    ExpectSame(Dbl(row[ql_col]), count(m), "qualified leads " + m);
    const double expected_lvr = count(prev) > 0 ? count(m) / count(prev) - 1 : NAN;
    ExpectSame(Dbl(row[lvr]), expected_lvr, "lvr " + m);
    if (!std::isnan(expected_lvr)) ++months_with_lvr;
    if (!closed.count(m)) {
      EXPECT_TRUE(std::isnan(Dbl(row[wr]))) << m;
      EXPECT_EQ(Dbl(row[won]), 0) << m;
      continue;
    }
    const std::vector<double>& c = closed[m];
    ++months_with_deals;
    ExpectSame(Dbl(row[won]), c[0], "won new " + m);
    ExpectSame(Dbl(row[wr]), c[0] / c[1], "win rate new " + m);
    ExpectSame(Dbl(row[wrv]), c[3] > 0 ? c[2] / c[3] : NAN, "win rate new by value " + m);
    ExpectSame(Dbl(row[med]), cycle.count(m) ? cycle[m][0] : NAN, "sales cycle median " + m);
  }
  EXPECT_EQ(closed.size(), static_cast<size_t>(months_with_deals));  // no SQL month left out
  EXPECT_GE(months_with_lvr, 24);
  EXPECT_GE(months_with_deals, 24);
}

}  // namespace
}  // namespace flywheel
