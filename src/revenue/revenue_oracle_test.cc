// An independent oracle for the revenue engine: metrics.md §1 restated in plain SQLite SQL
// over the raw rows of the demo data set's CSV files, compared with ComputeMrr,
// ComputeMovements, ComputeRevenue and ComputeCohorts for every account, month and cohort —
// the currency split (fx impact, expansion and contraction at constant currency, NRR and GRR
// at the rates of the window's first month) written from its definition, in SQL.
//
// The C++ side below only copies CSV text into SQLite tables; every amount, rate, snapshot
// rule and movement is computed by the SQL, which shares no code with src/revenue/.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <unistd.h>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "demo/demo_generator.h"
#include "ingest/csv_reader.h"
#include "ingest/dataset_loader.h"
#include "revenue/cohort_report.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "revenue/revenue_report.h"
#include "settings/settings.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

constexpr double kCent = 0.005;
constexpr double kRate = 1e-9;

// The MRR rules of metrics.md §1, on the tables sub(...) and fx(...) filled from the CSVs.
// Parameters: ?1 as-of date (YYYY-MM-DD), ?2 base currency.
constexpr const char* kOracleSql = R"sql(
CREATE TABLE params AS SELECT ?1 AS as_of, ?2 AS base;

-- Recurring rows that have started by the as-of date; empty enum fields take their defaults.
CREATE TABLE rec AS
SELECT account_id, start_date, NULLIF(end_date, '') AS end_date, CAST(amount AS REAL) AS amount,
       CASE lower(billing_period) WHEN 'quarter' THEN 3 WHEN 'year' THEN 12 ELSE 1 END AS months,
       currency
FROM sub, params
WHERE lower(revenue_type) IN ('', 'recurring') AND amount <> '' AND start_date <= as_of;

-- Months from the first month with a recurring row through the as-of month, with the
-- snapshot day: the last day of the month, or the as-of date in its own month.
CREATE TABLE months AS
WITH RECURSIVE m(month) AS (
  SELECT date(min(start_date), 'start of month') FROM rec
  UNION ALL
  SELECT date(month, '+1 month') FROM m, params WHERE date(month, '+1 month') <= as_of
)
SELECT month, min(date(month, '+1 month', '-1 day'), (SELECT as_of FROM params)) AS snapshot FROM m;

CREATE INDEX fx_key ON fx(currency, month);

-- MRR per account-month: Σ amount / (1|3|12) × rate(currency, month) over rows active on
-- the snapshot day (start ≤ snapshot < end, or no end).
CREATE TABLE raw_mrr AS
SELECT r.account_id AS a, m.month,
       sum(r.amount / r.months *
           CASE WHEN r.currency = '' OR r.currency = (SELECT base FROM params) THEN 1.0
                ELSE (SELECT CAST(rate AS REAL) FROM fx
                      WHERE fx.currency = r.currency AND fx.month = substr(m.month, 1, 7)) END) AS mrr
FROM rec r JOIN months m ON r.start_date <= m.snapshot AND (r.end_date IS NULL OR m.snapshot < r.end_date)
GROUP BY r.account_id, m.month;

-- Every account with MRR at some point × every month; a non-positive total is no MRR.
CREATE TABLE grid AS
SELECT a.a, m.month, CASE WHEN coalesce(x.mrr, 0) > 0 THEN x.mrr ELSE 0 END AS mrr
FROM (SELECT DISTINCT a FROM raw_mrr WHERE mrr > 0) a CROSS JOIN months m
LEFT JOIN raw_mrr x ON x.a = a.a AND x.month = m.month;
CREATE INDEX grid_key ON grid(a, month);

-- Native MRR per account, currency and month over the rows active on the snapshot day; the
-- base currency (or none) is currency ''.
CREATE TABLE native AS
SELECT r.account_id AS a, m.month,
       CASE WHEN r.currency = (SELECT base FROM params) THEN '' ELSE r.currency END AS currency,
       sum(r.amount / r.months) AS n
FROM rec r JOIN months m ON r.start_date <= m.snapshot AND (r.end_date IS NULL OR m.snapshot < r.end_date)
GROUP BY 1, 2, 3;
CREATE INDEX native_key ON native(a, month);

-- The rate of currency c in month M (a date 'YYYY-MM-01'): 1 for the base currency, else
-- fx.csv's; NULL when fx.csv has none.
CREATE VIEW rate AS
SELECT '' AS currency, m.month, 1.0 AS r FROM months m
UNION ALL
SELECT f.currency, f.month || '-01', CAST(f.rate AS REAL) FROM fx f;

-- The currency effect of month M: Σ_c N(a, c, M−1) × (r(c, M) − r(c, M−1)); a currency
-- without a rate in M adds nothing.
CREATE TABLE fx_effect AS
SELECT p.a, date(p.month, '+1 month') AS month,
       sum(p.n * coalesce((SELECT r FROM rate WHERE rate.currency = p.currency AND rate.month = date(p.month, '+1 month'))
                          - (SELECT r FROM rate WHERE rate.currency = p.currency AND rate.month = p.month), 0)) AS fx
FROM native p WHERE p.currency <> ''
GROUP BY 1, 2;
CREATE INDEX fx_effect_key ON fx_effect(a, month);

-- Movements: new / reactivation / churn from MRR alone; for an account with MRR in both
-- months the change at constant currency Δ = cur − prev − fx is expansion (Δ > 0) or
-- contraction (Δ < 0), and fx is a line of its own. Changes below a millionth are none.
CREATE TABLE movement AS
WITH w AS (
  SELECT g.a, g.month, g.mrr AS cur,
         lag(g.mrr, 1, 0) OVER (PARTITION BY g.a ORDER BY g.month) AS prev,
         coalesce(max(g.mrr > 0) OVER (PARTITION BY g.a ORDER BY g.month
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS had,
         coalesce(e.fx, 0) AS fx
  FROM grid g LEFT JOIN fx_effect e ON e.a = g.a AND e.month = g.month
), typed AS (
  SELECT a, month,
         CASE WHEN prev = 0 AND cur > 0 AND had = 0 THEN 'new'
              WHEN prev = 0 AND cur > 0 THEN 'reactivation'
              WHEN prev > 0 AND cur = 0 THEN 'churn'
              WHEN prev > 0 AND cur - prev - fx > 1e-6 THEN 'expansion'
              WHEN prev > 0 AND cur - prev - fx < -1e-6 THEN 'contraction' END AS type,
         CASE WHEN prev = 0 THEN cur WHEN cur = 0 THEN prev ELSE abs(cur - prev - fx) END AS amount
  FROM w
)
SELECT a, month, type, amount FROM typed WHERE type IS NOT NULL
UNION ALL
SELECT a, month, 'fx_impact', fx FROM w WHERE prev > 0 AND cur > 0 AND abs(fx) > 1e-6;

-- MRR of month M at the rates of month R (constant currency): Σ_c N(a, c, M) × r(c, R), a
-- currency without a rate in R at its rate of M; never below 0; 0 without MRR in M.
CREATE TABLE trailing AS
SELECT g.a, g.month, b.mrr AS then_mrr,
       CASE WHEN g.mrr > 0 THEN max(0, (
         SELECT sum(x.n * coalesce((SELECT r FROM rate WHERE rate.currency = x.currency AND rate.month = b.month),
                                   (SELECT r FROM rate WHERE rate.currency = x.currency AND rate.month = g.month)))
         FROM native x WHERE x.a = g.a AND x.month = g.month)) ELSE 0 END AS now_mrr
FROM grid g JOIN grid b ON b.a = g.a AND b.month = date(g.month, '-12 months')
WHERE b.mrr > 0;

CREATE TABLE monthly AS
SELECT m.month,
       (SELECT coalesce(sum(mrr), 0) FROM grid g WHERE g.month = m.month) AS mrr,
       (SELECT count(*) FROM grid g WHERE g.month = m.month AND mrr > 0) AS customers,
       (SELECT coalesce(sum(mrr), 0) FROM grid g WHERE g.month = date(m.month, '-1 month')) AS prev_mrr,
       (SELECT count(*) FROM grid g WHERE g.month = date(m.month, '-1 month') AND mrr > 0) AS prev_customers,
       (SELECT coalesce(sum(amount), 0) FROM movement v WHERE v.month = m.month AND type = 'new') AS new_mrr,
       (SELECT count(*) FROM movement v WHERE v.month = m.month AND type = 'new') AS new_n,
       (SELECT coalesce(sum(amount), 0) FROM movement v WHERE v.month = m.month AND type = 'reactivation') AS react_mrr,
       (SELECT count(*) FROM movement v WHERE v.month = m.month AND type = 'reactivation') AS react_n,
       (SELECT coalesce(sum(amount), 0) FROM movement v WHERE v.month = m.month AND type = 'expansion') AS exp_mrr,
       (SELECT count(*) FROM movement v WHERE v.month = m.month AND type = 'expansion') AS exp_n,
       (SELECT coalesce(sum(amount), 0) FROM movement v WHERE v.month = m.month AND type = 'contraction') AS con_mrr,
       (SELECT count(*) FROM movement v WHERE v.month = m.month AND type = 'contraction') AS con_n,
       (SELECT coalesce(sum(amount), 0) FROM movement v WHERE v.month = m.month AND type = 'churn') AS churn_mrr,
       (SELECT count(*) FROM movement v WHERE v.month = m.month AND type = 'churn') AS churn_n,
       -- Trailing retention: base set = accounts with MRR twelve months earlier; both ends at
       -- the rates of that month.
       (SELECT sum(now_mrr) FROM trailing t WHERE t.month = m.month) AS base_now,
       (SELECT sum(min(now_mrr, then_mrr)) FROM trailing t WHERE t.month = m.month) AS base_capped,
       (SELECT sum(then_mrr) FROM trailing t WHERE t.month = m.month) AS base_then,
       (SELECT coalesce(sum(amount), 0) FROM movement v WHERE v.month = m.month AND type = 'fx_impact') AS fx_mrr
FROM months m;

-- Monthly cohorts: the month of the first MRR > 0.
CREATE TABLE cohort AS SELECT a, min(month) AS cohort FROM grid WHERE mrr > 0 GROUP BY a;
-- Cohort cells: MRR at the age at the rates of the cohort month (constant currency).
CREATE TABLE cohort_cell AS
WITH valued AS (
  SELECT c.cohort, g.a, g.month, g.mrr, s.mrr AS start_mrr,
         CASE WHEN g.mrr > 0 THEN max(0, (
           SELECT sum(x.n * coalesce((SELECT r FROM rate WHERE rate.currency = x.currency AND rate.month = c.cohort),
                                     (SELECT r FROM rate WHERE rate.currency = x.currency AND rate.month = g.month)))
           FROM native x WHERE x.a = g.a AND x.month = g.month)) ELSE 0 END AS cc
  FROM cohort c JOIN grid g ON g.a = c.a AND g.month >= c.cohort
  JOIN grid s ON s.a = c.a AND s.month = c.cohort
)
SELECT cohort,
       (CAST(strftime('%Y', month) AS INTEGER) - CAST(strftime('%Y', cohort) AS INTEGER)) * 12 +
       CAST(strftime('%m', month) AS INTEGER) - CAST(strftime('%m', cohort) AS INTEGER) AS age,
       sum(cc) AS mrr, sum(min(cc, start_mrr)) AS capped, sum(start_mrr) AS start_mrr, count(*) AS accounts,
       sum(mrr > 0) AS alive
FROM valued
GROUP BY cohort, age;
)sql";

class Sqlite {
 public:
  Sqlite() { EXPECT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK); }
  ~Sqlite() { sqlite3_close(db_); }
  sqlite3* get() { return db_; }
  void Exec(const std::string& sql) {
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << error;
  }
  // Runs `sql` with the text parameters `params` (?1, ?2, ...); calls `row` per result row.
  template <typename F>
  void Query(const std::string& sql, const std::vector<std::string>& params, F row) {
    const char* tail = sql.c_str();
    while (*tail) {
      sqlite3_stmt* st = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(db_, tail, -1, &st, &tail), SQLITE_OK) << sqlite3_errmsg(db_);
      if (st == nullptr) break;  // trailing whitespace or comments
      for (int i = 0; i < sqlite3_bind_parameter_count(st); ++i) {
        sqlite3_bind_text(st, i + 1, params[i].c_str(), -1, SQLITE_TRANSIENT);
      }
      int rc;
      while ((rc = sqlite3_step(st)) == SQLITE_ROW) row(st);
      EXPECT_EQ(rc, SQLITE_DONE) << sqlite3_errmsg(db_);
      sqlite3_finalize(st);
    }
  }

 private:
  sqlite3* db_ = nullptr;
};

// Copies the named columns of the CSV file `path` into the all-text table `table`
// (a missing column gives empty text).
void LoadCsv(Sqlite& db, const std::string& path, const std::string& table,
             const std::vector<std::string>& columns) {
  auto csv = CsvRowSource::Open(path, table);
  ASSERT_TRUE(csv.ok()) << csv.status().message();
  std::vector<int> index;
  std::string create = "CREATE TABLE " + table + " (", insert = "INSERT INTO " + table + " VALUES (";
  for (size_t i = 0; i < columns.size(); ++i) {
    const auto& header = (*csv)->Header();
    int found = -1;
    for (size_t h = 0; h < header.size(); ++h) {
      if (header[h] == columns[i]) found = static_cast<int>(h);
    }
    index.push_back(found);
    create += (i ? ", " : "") + columns[i] + " TEXT";
    insert += i ? ", ?" : "?";
  }
  db.Exec(create + ")");
  db.Exec("BEGIN");
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db.get(), (insert + ")").c_str(), -1, &st, nullptr), SQLITE_OK);
  std::vector<std::string_view> fields;
  int64_t line = 0;
  while ((*csv)->Next(&fields, &line)) {
    for (size_t i = 0; i < index.size(); ++i) {
      std::string_view v =
          index[i] >= 0 && static_cast<size_t>(index[i]) < fields.size() ? fields[index[i]] : "";
      sqlite3_bind_text(st, static_cast<int>(i) + 1, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(db.get());
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  ASSERT_TRUE((*csv)->status().ok()) << (*csv)->status().message();
  db.Exec("COMMIT");
}

std::string Text(sqlite3_stmt* st, int col) {
  const unsigned char* t = sqlite3_column_text(st, col);
  return t ? reinterpret_cast<const char*>(t) : "";
}
Month SqlMonth(sqlite3_stmt* st, int col) { return *ParseMonth(Text(st, col).substr(0, 7)); }
std::optional<double> Ratio(double num, double den) {
  if (den == 0) return std::nullopt;
  return num / den;
}

void ExpectRate(const std::optional<double>& engine, const std::optional<double>& oracle, const char* what,
                Month m) {
  ASSERT_EQ(engine.has_value(), oracle.has_value()) << what << " " << FormatMonth(m);
  if (engine) {
    EXPECT_NEAR(*engine, *oracle, kRate) << what << " " << FormatMonth(m);
  }
}

class RevenueOracleTest : public ::testing::Test {
 protected:
  // The data set, the engine's results and the SQL tables are built once for the suite.
  static void SetUpTestSuite() {
    dir_ =
        new fs::path(fs::temp_directory_path() / ("flywheel-revenue-oracle-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    DemoOptions options;
    options.accounts = 5000;
    options.seed = 11;
    Status written = WriteDemoDataSet(dir_->string(), options);
    ASSERT_TRUE(written.ok()) << written.message();

    auto settings = LoadSettingsFile((*dir_ / "flywheel.toml").string());
    ASSERT_TRUE(settings.ok()) << settings.status().message();
    settings_ = new Settings(*settings);
    ASSERT_TRUE(settings_->as_of.has_value());
    as_of_ = *settings_->as_of;
    ASSERT_EQ(FormatDate(as_of_), "2025-12-31");
    // The SQL has no reactivation window or pinned rates; the demo sets neither.
    ASSERT_FALSE(settings_->reactivation_window_months.has_value());
    ASSERT_TRUE(settings_->pinned_rates.empty());

    auto loaded = LoadDataDirectory(dir_->string());
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    data_ = new Dataset(std::move(loaded->dataset));
    auto series = ComputeMrr(*data_, *settings_, as_of_);
    ASSERT_TRUE(series.ok()) << series.status().message();
    series_ = new MrrSeries(std::move(*series));

    db_ = new Sqlite();
    LoadCsv(*db_, (*dir_ / "subscriptions.csv").string(), "sub",
            {"account_id", "start_date", "end_date", "amount", "billing_period", "currency", "revenue_type"});
    LoadCsv(*db_, (*dir_ / "fx.csv").string(), "fx", {"month", "currency", "rate"});
    db_->Query(kOracleSql, {FormatDate(as_of_), settings_->base_currency}, [](sqlite3_stmt*) {});
    ready_ = true;
  }
  static void TearDownTestSuite() {
    if (dir_ != nullptr) fs::remove_all(*dir_);
    delete db_;
    delete series_;
    delete data_;
    delete settings_;
    delete dir_;
  }
  void SetUp() override { ASSERT_TRUE(ready_) << "the suite set-up failed"; }

  static inline bool ready_ = false;
  static inline fs::path* dir_ = nullptr;
  static inline Settings* settings_ = nullptr;
  static inline Day as_of_ = kNullDay;
  static inline Dataset* data_ = nullptr;
  static inline MrrSeries* series_ = nullptr;
  static inline Sqlite* db_ = nullptr;
};

TEST_F(RevenueOracleTest, DataSetExercisesEveryRule) {
  // Guards against an oracle that passes because the data is trivial.
  std::map<std::string, int64_t> n;
  db_->Query(
      "SELECT 'fx', count(*) FROM rec WHERE currency NOT IN ('', 'USD') UNION ALL "
      "SELECT 'annual', count(*) FROM rec WHERE months = 12 UNION ALL "
      "SELECT 'quarterly', count(*) FROM rec WHERE months = 3 UNION ALL "
      "SELECT 'open', count(*) FROM rec WHERE end_date IS NULL UNION ALL "
      "SELECT 'not recurring', count(*) FROM sub WHERE revenue_type NOT IN ('', 'recurring') UNION ALL "
      "SELECT type, count(*) FROM movement GROUP BY type",
      {}, [&](sqlite3_stmt* st) { n[Text(st, 0)] = sqlite3_column_int64(st, 1); });
  for (const char* k :
       {"fx", "annual", "open", "new", "reactivation", "expansion", "contraction", "churn", "fx_impact"}) {
    EXPECT_GT(n[k], 0) << k;
  }
  EXPECT_GT(n["new"], 500);
}

TEST_F(RevenueOracleTest, MrrPerAccountMonthMatches) {
  int64_t cells = 0, positive = 0;
  Month first_sql = kNullMonth, last_sql = kNullMonth;
  db_->Query("SELECT min(month), max(month) FROM grid WHERE mrr > 0", {}, [&](sqlite3_stmt* st) {
    first_sql = SqlMonth(st, 0);
    last_sql = SqlMonth(st, 1);
  });
  EXPECT_EQ(series_->first_month(), first_sql);
  EXPECT_EQ(series_->last_month(), MonthOfDay(as_of_));
  EXPECT_EQ(last_sql, MonthOfDay(as_of_));
  std::vector<bool> seen(data_->accounts.size(), false);
  db_->Query("SELECT a, month, mrr FROM grid ORDER BY a, month", {}, [&](sqlite3_stmt* st) {
    const std::string id = Text(st, 0);
    const AccountIndex a = data_->accounts.Find(id);
    ASSERT_NE(a, kNoAccount) << id;
    seen[a] = true;
    const Month m = SqlMonth(st, 1);
    const double want = sqlite3_column_double(st, 2);
    EXPECT_NEAR(series_->Mrr(a, m), want, kCent) << id << " " << FormatMonth(m);
    ++cells;
    positive += want > 0;
  });
  // Accounts the SQL never saw with MRR must have none in the engine either.
  for (size_t a = 0; a < seen.size(); ++a) {
    if (!seen[a]) {
      EXPECT_EQ(series_->FirstActiveMonth(static_cast<AccountIndex>(a)), kNullMonth) << data_->accounts.id[a];
    }
  }
  EXPECT_GT(positive, 10000);
}

TEST_F(RevenueOracleTest, EveryMovementMatches) {
  std::map<std::tuple<std::string, Month, std::string>, double> oracle;
  db_->Query("SELECT a, month, type, amount FROM movement", {}, [&](sqlite3_stmt* st) {
    oracle[{Text(st, 0), SqlMonth(st, 1), Text(st, 2)}] = sqlite3_column_double(st, 3);
  });
  const std::vector<AccountMovement> movements = ComputeMovements(*series_, *settings_);
  EXPECT_EQ(movements.size(), oracle.size());
  for (const AccountMovement& m : movements) {
    const std::string id(data_->accounts.id[m.account]);
    auto it = oracle.find({id, m.month, std::string(MovementTypeName(m.type))});
    if (it == oracle.end()) {
      ADD_FAILURE() << "engine only: " << id << " " << FormatMonth(m.month) << " "
                    << MovementTypeName(m.type);
      continue;
    }
    EXPECT_NEAR(m.amount, it->second, kCent)
        << id << " " << FormatMonth(m.month) << " " << MovementTypeName(m.type);
  }
}

// The FX split changes the counts that matter: an account in a foreign currency whose
// contracts did not change in a month has no expansion or contraction in it, only fx.
TEST_F(RevenueOracleTest, UnchangedForeignContractsOnlyMoveByCurrency) {
  int64_t unchanged_foreign = 0, with_fx = 0;
  db_->Query(
      "SELECT count(*), sum(EXISTS (SELECT 1 FROM movement v WHERE v.a = p.a AND v.month = c.month "
      "AND v.type = 'fx_impact')) FROM native p JOIN native c ON c.a = p.a AND c.currency = p.currency "
      "AND c.month = date(p.month, '+1 month') AND abs(c.n - p.n) < 1e-9 "
      "WHERE p.currency <> '' AND NOT EXISTS (SELECT 1 FROM native o WHERE o.a = p.a "
      "AND o.month IN (p.month, c.month) AND o.currency <> p.currency)",
      {}, [&](sqlite3_stmt* st) {
        unchanged_foreign = sqlite3_column_int64(st, 0);
        with_fx = sqlite3_column_int64(st, 1);
      });
  EXPECT_GT(unchanged_foreign, 1000);
  EXPECT_GT(with_fx, 1000);
  const std::vector<AccountMovement> movements = ComputeMovements(*series_, *settings_);
  int64_t contract_moves = 0;
  db_->Query(
      "SELECT v.a, v.month FROM movement v JOIN native p ON p.a = v.a AND p.month = date(v.month, '-1 "
      "month') "
      "JOIN native c ON c.a = p.a AND c.currency = p.currency AND c.month = v.month AND abs(c.n - p.n) < "
      "1e-9 "
      "WHERE p.currency <> '' AND v.type IN ('expansion', 'contraction') AND NOT EXISTS (SELECT 1 FROM "
      "native o "
      "WHERE o.a = p.a AND o.month IN (p.month, c.month) AND o.currency <> p.currency)",
      {}, [&](sqlite3_stmt*) { ++contract_moves; });
  EXPECT_EQ(contract_moves, 0);
}

TEST_F(RevenueOracleTest, MonthlyRevenueRowsMatch) {
  RevenueOptions options;
  options.as_of = as_of_;
  auto table = ComputeRevenue(*data_, *settings_, *series_, options);
  ASSERT_TRUE(table.ok()) << table.status().message();
  std::map<Month, const RevenueRow*> rows;
  for (const RevenueRow& r : table->rows) {
    EXPECT_EQ(r.segment, "all");
    rows[r.period_start] = &r;
  }
  size_t months = 0;
  db_->Query("SELECT * FROM monthly ORDER BY month", {}, [&](sqlite3_stmt* st) {
    ++months;
    const Month m = SqlMonth(st, 0);
    auto it = rows.find(m);
    ASSERT_NE(it, rows.end()) << FormatMonth(m);
    const RevenueRow& r = *it->second;
    const std::string at = FormatMonth(m);
    auto col = [&](int i) { return sqlite3_column_double(st, i); };
    auto count = [&](int i) { return sqlite3_column_int64(st, i); };
    EXPECT_EQ(r.period_end, m) << at;
    EXPECT_NEAR(r.mrr, col(1), kCent) << at;
    EXPECT_EQ(r.customers, count(2)) << at;
    EXPECT_NEAR(r.previous_mrr, col(3), kCent) << at;
    EXPECT_EQ(r.previous_customers, count(4)) << at;
    const MovementType order[] = {MovementType::kNew, MovementType::kReactivation, MovementType::kExpansion,
                                  MovementType::kContraction, MovementType::kChurn};
    for (int k = 0; k < 5; ++k) {
      EXPECT_NEAR(r.Movement(order[k]), col(5 + 2 * k), kCent) << at << " " << MovementTypeName(order[k]);
      EXPECT_EQ(r.Count(order[k]), count(6 + 2 * k)) << at << " " << MovementTypeName(order[k]);
    }
    const double prev = col(3), gained = col(5) + col(7) + col(9), lost = col(11) + col(13);
    EXPECT_NEAR(r.net_new_mrr, gained - lost, kCent) << at;
    EXPECT_NEAR(r.Movement(MovementType::kFxImpact), col(18), kCent) << at;
    // The roll-forward, from the oracle's own numbers.
    EXPECT_NEAR(col(1), prev + gained - lost + col(18), kCent) << at;
    ExpectRate(r.mrr_growth_mom, prev > 0 ? std::optional<double>(col(1) / prev - 1) : std::nullopt, "mom",
               m);
    ExpectRate(r.logo_churn_rate, Ratio(static_cast<double>(count(14)), static_cast<double>(count(4))),
               "logo", m);
    ExpectRate(r.gross_mrr_churn_rate, Ratio(lost, prev), "gross", m);
    ExpectRate(r.net_mrr_churn_rate, Ratio(lost - col(9) - col(7), prev), "net", m);
    ExpectRate(r.quick_ratio, Ratio(gained, lost), "quick", m);
    ExpectRate(r.arpa, Ratio(col(1), static_cast<double>(count(2))), "arpa", m);
    const bool has_base = sqlite3_column_type(st, 15) != SQLITE_NULL;
    ExpectRate(r.nrr, has_base ? Ratio(col(15), col(17)) : std::nullopt, "nrr", m);
    ExpectRate(r.grr, has_base ? Ratio(col(16), col(17)) : std::nullopt, "grr", m);
  });
  EXPECT_EQ(months, rows.size());
  EXPECT_GE(months, 30u);  // 36 months of history; the first may have no month-end MRR
}

TEST_F(RevenueOracleTest, NrrAndGrrCohortTrianglesMatch) {
  for (CohortMetric metric : {CohortMetric::kNrr, CohortMetric::kGrr, CohortMetric::kLogo}) {
    CohortOptions options;
    options.metric = metric;
    auto triangle = ComputeCohorts(*data_, *settings_, *series_, options);
    ASSERT_TRUE(triangle.ok()) << triangle.status().message();
    std::map<Month, const CohortRow*> rows;
    for (const CohortRow& r : triangle->rows) rows[r.cohort] = &r;
    size_t cells = 0;
    std::map<Month, int> ages;
    // grid is dense, so every age of a cohort counts all its accounts.
    db_->Query(
        "SELECT cohort, age, mrr, capped, start_mrr, accounts, alive, accounts "
        "FROM cohort_cell ORDER BY cohort, age",
        {}, [&](sqlite3_stmt* st) {
          const Month c = SqlMonth(st, 0);
          const int age = sqlite3_column_int(st, 1);
          auto it = rows.find(c);
          ASSERT_NE(it, rows.end()) << FormatMonth(c);
          const CohortRow& r = *it->second;
          const std::string at = FormatMonth(c) + " age " + std::to_string(age);
          EXPECT_EQ(r.accounts, sqlite3_column_int64(st, 7)) << at;
          EXPECT_NEAR(r.start_mrr, sqlite3_column_double(st, 4), kCent) << at;
          ASSERT_LT(static_cast<size_t>(age), r.numerator.size()) << at;
          ASSERT_TRUE(r.numerator[age].has_value()) << at;
          double want = 0;
          switch (metric) {
            case CohortMetric::kNrr:
              want = sqlite3_column_double(st, 2) / sqlite3_column_double(st, 4);
              break;
            case CohortMetric::kGrr:
              want = sqlite3_column_double(st, 3) / sqlite3_column_double(st, 4);
              break;
            case CohortMetric::kLogo:
              want = static_cast<double>(sqlite3_column_int64(st, 6)) / sqlite3_column_int64(st, 7);
              break;
          }
          EXPECT_NEAR(*r.numerator[age] / r.denominator, want, kRate) << at;
          ages[c] = std::max(ages[c], age);
          ++cells;
        });
    EXPECT_EQ(rows.size(), ages.size());
    // Ages past the as-of month are in the future: null, or absent.
    for (const auto& [c, max_age] : ages) {
      const CohortRow& r = *rows[c];
      EXPECT_EQ(max_age, MonthOfDay(as_of_) - c) << FormatMonth(c);
      for (size_t k = static_cast<size_t>(max_age) + 1; k < r.numerator.size(); ++k) {
        EXPECT_FALSE(r.numerator[k].has_value()) << FormatMonth(c) << " age " << k;
      }
    }
    EXPECT_GT(cells, 300u);
  }
}

}  // namespace
}  // namespace flywheel
