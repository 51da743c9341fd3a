// Oracle test: on a generated 5,000-account data set, the bowtie's cohort-mode conversion
// (stages awareness → selection → commit) and the efficiency report's CAC payback
// (formula) and burn multiple are recomputed with SQL written here, run by SQLite over the
// same rows, and must agree.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <map>
#include <string>

#include "bowtie/bowtie_report.h"
#include "efficiency/efficiency_report.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "testing/demo_data_set.h"
#include "testing/oracle_db.h"

namespace flywheel {
namespace {

void BindDay(sqlite3_stmt* st, int i, Day d) {
  if (d == kNullDay) {
    sqlite3_bind_null(st, i);
  } else {
    sqlite3_bind_int64(st, i, d);
  }
}
void BindNumber(sqlite3_stmt* st, int i, double v) {
  if (IsNull(v)) {
    sqlite3_bind_null(st, i);
  } else {
    sqlite3_bind_double(st, i, v);
  }
}

class GtmOracle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = LoadDemoDataSet("gtm_oracle", 5000, &as_of_).release();
    ASSERT_NE(data_, nullptr);
    auto mrr = ComputeMrr(*data_, settings_, as_of_);
    ASSERT_TRUE(mrr.ok()) << mrr.status().message();
    movements_ = new std::vector<AccountMovement>(ComputeMovements(*mrr, settings_));
  }
  static void TearDownTestSuite() {
    delete data_;
    delete movements_;
  }
  static Dataset* data_;
  static std::vector<AccountMovement>* movements_;
  static Settings settings_;
  static Day as_of_;
};
Dataset* GtmOracle::data_ = nullptr;
std::vector<AccountMovement>* GtmOracle::movements_ = nullptr;
Settings GtmOracle::settings_;
Day GtmOracle::as_of_ = kNullDay;

TEST_F(GtmOracle, BowtieCohortConversionMatchesSql) {
  const Dataset& d = *data_;
  ASSERT_GE(d.accounts.size(), 5000u);
  OracleDb db;
  db.Exec(
      "CREATE TABLE accounts(id INTEGER); CREATE TABLE leads(account INTEGER, created INTEGER, qualified "
      "INTEGER);"
      "CREATE TABLE opps(account INTEGER, type TEXT, status TEXT, created INTEGER, closed INTEGER);"
      "CREATE TABLE journey(account INTEGER, stage INTEGER, entered INTEGER);");
  db.Insert("INSERT INTO accounts VALUES (?)", d.accounts.size(),
            [](sqlite3_stmt* st, size_t i) { sqlite3_bind_int64(st, 1, static_cast<int64_t>(i)); });
  db.Insert("INSERT INTO leads VALUES (?,?,?)", d.leads.size(), [&](sqlite3_stmt* st, size_t i) {
    sqlite3_bind_int64(st, 1, d.leads.account[i]);
    BindDay(st, 2, d.leads.created_at[i]);
    BindDay(st, 3, d.leads.qualified_at[i]);
  });
  const Opportunities& o = d.opportunities;
  db.Insert("INSERT INTO opps VALUES (?,?,?,?,?)", o.size(), [&](sqlite3_stmt* st, size_t i) {
    sqlite3_bind_int64(st, 1, o.account[i]);
    sqlite3_bind_text(st, 2, std::string(OpportunityTypeName(o.type[i])).c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, std::string(OpportunityStatusName(o.status[i])).c_str(), -1, SQLITE_TRANSIENT);
    BindDay(st, 4, o.created_at[i]);
    BindDay(st, 5, o.closed_at[i]);
  });
  db.Insert("INSERT INTO journey VALUES (?,?,?)", d.journey.size(), [&](sqlite3_stmt* st, size_t i) {
    sqlite3_bind_int64(st, 1, d.journey.account[i]);
    sqlite3_bind_int64(st, 2, static_cast<int>(d.journey.stage[i]));
    BindDay(st, 3, d.journey.entered_at[i]);
  });
  const std::string asof = std::to_string(as_of_);
  auto stage = [&](int s, const std::string& derived) {
    return "COALESCE((SELECT MIN(entered) FROM journey j WHERE j.account = a.id AND j.stage = " +
           std::to_string(s) + " AND j.entered <= " + asof + "), (" + derived + "))";
  };
  std::string sql =
      "WITH acc AS (SELECT " +
      stage(0, "SELECT MIN(created) FROM leads l WHERE l.account = a.id AND l.created <= " + asof) +
      " AS s0, " +
      stage(1, "SELECT MIN(qualified) FROM leads l WHERE l.account = a.id AND l.qualified <= " + asof) +
      " AS s1, " +
      stage(2, "SELECT MIN(created) FROM opps p WHERE p.account = a.id AND p.created <= " + asof) +
      " AS s2, " +
      stage(3,
            "SELECT MIN(closed) FROM opps p WHERE p.account = a.id AND p.type = 'new' AND p.status = 'won' "
            "AND p.closed <= " +
                asof) +
      " AS s3 FROM accounts a), "
      "units AS (SELECT s0, s1, s2, s3 FROM acc UNION ALL "
      "  SELECT created, CASE WHEN qualified <= " +
      asof +
      " THEN qualified END, NULL, NULL FROM leads "
      "  WHERE account = -1 AND created <= " +
      asof +
      "), "
      "steps AS (SELECT 0 AS stage, s0 AS d, s1 AS nxt FROM units UNION ALL SELECT 1, s1, s2 FROM units "
      "  UNION ALL SELECT 2, s2, s3 FROM units) "
      "SELECT strftime('%Y-%m', d * 86400, 'unixepoch') AS month, stage, COUNT(*), "
      "  SUM(nxt IS NOT NULL AND nxt - d <= 365), "
      "  SUM(NOT (nxt IS NOT NULL AND nxt - d <= 365) AND d + 365 > " +
      asof +
      ") "
      "FROM steps WHERE d IS NOT NULL GROUP BY month, stage";
  std::map<std::string, std::array<int64_t, 3>> expected;
  sqlite3_stmt* st = db.Prepare(sql);
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string key = std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + " " +
                      std::string(BowtieStageName(static_cast<BowtieStage>(sqlite3_column_int(st, 1))));
    expected[key] = {sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4)};
  }
  sqlite3_finalize(st);
  ASSERT_GT(expected.size(), 30u);

  auto stages = ComputeStageDates(d, settings_, *movements_, as_of_);
  ASSERT_TRUE(stages.ok()) << stages.status().message();
  auto seg = Segmenter::Make(d, "", "", "segment");
  ASSERT_TRUE(seg.ok());
  BowtieOptions options{BowtieMode::kCohort, PeriodCalendar{}, as_of_};
  auto r = BuildBowtieReport(d, settings_, *stages, *seg, options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  size_t compared = 0;
  int64_t total_converted = 0;
  for (const auto& row : r->rows) {
    const std::string& stage_name = std::get<std::string>(row[2]);
    if (stage_name != "awareness" && stage_name != "education" && stage_name != "selection") continue;
    std::string key = std::get<std::string>(row[0]) + " " + stage_name;
    auto it = expected.find(key);
    int64_t entered = std::get<int64_t>(row[3]);
    if (it == expected.end()) {
      EXPECT_EQ(entered, 0) << key;
      continue;
    }
    EXPECT_EQ(entered, it->second[0]) << key;
    EXPECT_EQ(std::get<int64_t>(row[4]), it->second[1]) << key;
    EXPECT_EQ(std::get<int64_t>(row[5]), it->second[2]) << key;
    EXPECT_DOUBLE_EQ(std::get<double>(row[6]), static_cast<double>(it->second[1]) / it->second[0]) << key;
    total_converted += it->second[1];
    ++compared;
  }
  EXPECT_EQ(compared, expected.size());
  EXPECT_GT(total_converted, 100);
}

TEST_F(GtmOracle, CacPaybackAndBurnMultipleMatchSql) {
  const Dataset& d = *data_;
  OracleDb db;
  db.Exec(
      "CREATE TABLE mv(month INTEGER, type TEXT, amount REAL); CREATE TABLE spend(month INTEGER, category "
      "TEXT, "
      "amount REAL); CREATE TABLE finance(month INTEGER, burn REAL, gm REAL);");
  const auto& mv = *movements_;
  db.Insert("INSERT INTO mv VALUES (?,?,?)", mv.size(), [&](sqlite3_stmt* st, size_t i) {
    sqlite3_bind_int64(st, 1, mv[i].month);
    sqlite3_bind_text(st, 2, std::string(MovementTypeName(mv[i].type)).c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(st, 3, mv[i].amount);
  });
  db.Insert("INSERT INTO spend VALUES (?,?,?)", d.spend.size(), [&](sqlite3_stmt* st, size_t i) {
    sqlite3_bind_int64(st, 1, d.spend.month[i]);
    sqlite3_bind_text(st, 2, std::string(SpendCategoryName(d.spend.category[i])).c_str(), -1,
                      SQLITE_TRANSIENT);
    sqlite3_bind_double(st, 3, d.spend.amount[i]);
  });
  db.Insert("INSERT INTO finance VALUES (?,?,?)", d.finance.size(), [&](sqlite3_stmt* st, size_t i) {
    sqlite3_bind_int64(st, 1, d.finance.month[i]);
    BindNumber(st, 2, d.finance.net_burn[i]);
    BindNumber(st, 3, d.finance.gross_margin[i]);
  });
  const std::string sql =
      "WITH m AS (SELECT month, "
      "  SUM(CASE WHEN type = 'new' THEN amount ELSE 0 END) AS new_mrr, "
      "  12 * SUM(CASE WHEN type IN ('new', 'reactivation', 'expansion') THEN amount "
      "    WHEN type IN ('contraction', 'churn') THEN -amount ELSE 0 END) AS nnarr "  // fx impact is not net
                                                                                      // new
      "  FROM mv GROUP BY month), "
      "s AS (SELECT month, SUM(amount) AS sm FROM spend WHERE category IN ('sales', 'marketing') GROUP BY "
      "month) "
      "SELECT m.month, "
      "  CASE WHEN s.sm > 0 AND m.new_mrr > 0 THEN s.sm / (m.new_mrr * COALESCE(f.gm, 0.8)) END, "
      "  CASE WHEN m.nnarr > 0 THEN f.burn / m.nnarr END, "
      "  CASE WHEN m.nnarr <= 0 AND f.burn IS NOT NULL THEN 'not meaningful' END "
      "FROM m LEFT JOIN s ON s.month = m.month LEFT JOIN finance f ON f.month = m.month";
  struct Expect {
    double payback, burn;
    bool flagged;
  };
  std::map<std::string, Expect> expected;
  sqlite3_stmt* st = db.Prepare(sql);
  auto col = [&](int i) {
    return sqlite3_column_type(st, i) == SQLITE_NULL ? kNullNumber : sqlite3_column_double(st, i);
  };
  while (sqlite3_step(st) == SQLITE_ROW) {
    expected[FormatMonth(static_cast<Month>(sqlite3_column_int64(st, 0)))] = {
        col(1), col(2), sqlite3_column_type(st, 3) != SQLITE_NULL};
  }
  sqlite3_finalize(st);
  ASSERT_GT(expected.size(), 12u);

  auto seg = Segmenter::Make(d, "", "", "segment");
  ASSERT_TRUE(seg.ok());
  PeriodCalendar cal;
  auto ledger = GtmLedger::Build(d, settings_, mv, *seg, cal, as_of_);
  ASSERT_TRUE(ledger.ok()) << ledger.status().message();
  auto r = BuildEfficiencyReport(d, settings_, *ledger, *seg, {}, cal, as_of_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  size_t compared = 0, paybacks = 0, burns = 0;
  auto near = [](const Cell& c, double want) {
    if (IsNull(want)) return std::holds_alternative<std::monostate>(c);
    return std::holds_alternative<double>(c) &&
           std::fabs(std::get<double>(c) - want) <= 1e-9 * std::fabs(want);
  };
  for (const auto& row : r->rows) {
    auto it = expected.find(std::get<std::string>(row[0]));
    if (it == expected.end()) continue;
    EXPECT_TRUE(near(row[8], it->second.payback)) << it->first;
    EXPECT_TRUE(near(row[10], it->second.burn)) << it->first;
    EXPECT_EQ(std::holds_alternative<std::string>(row[11]), it->second.flagged) << it->first;
    paybacks += !IsNull(it->second.payback);
    burns += !IsNull(it->second.burn);
    ++compared;
  }
  EXPECT_EQ(compared, expected.size());
  EXPECT_GT(paybacks, 12u);
  EXPECT_GT(burns, 6u);
}

}  // namespace
}  // namespace flywheel
