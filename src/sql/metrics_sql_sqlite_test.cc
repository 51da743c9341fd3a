// The emitted SQLite SQL computes the same numbers as the C++ engine on a demo data set:
// MRR per account-month, movements, the monthly revenue table, cohorts, LVR, win rates,
// the median sales cycle, bowtie stage dates and cohort conversion, CAC payback and burn
// multiple. Money to the cent, rates to 1e-9, counts exactly.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bowtie/bowtie_report.h"
#include "bowtie/stage_dates.h"
#include "demo/demo_generator.h"
#include "efficiency/efficiency_report.h"
#include "efficiency/gtm_ledger.h"
#include "ingest/dataset_loader.h"
#include "pipeline/pipeline_report.h"
#include "revenue/cohort_report.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "revenue/revenue_report.h"
#include "segments/segmenter.h"
#include "settings/settings.h"
#include "sql/metrics_sql.h"
#include "testing/csv_records.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

// RFC 4180 records of a CSV file.
std::vector<std::vector<std::string>> ReadCsv(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return CsvRecords(ss.str());
}

class Db {
 public:
  Db() { sqlite3_open(":memory:", &db_); }
  ~Db() { sqlite3_close(db_); }
  std::string Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string e = err ? err : "?";
      sqlite3_free(err);
      return e;
    }
    return "";
  }
  // Loads `file` as table `name`: the columns in `real_columns` as REAL, the others TEXT;
  // empty fields as NULL.
  std::string Load(const fs::path& file, const std::string& name, const std::set<std::string>& real_columns) {
    auto rows = ReadCsv(file);
    if (rows.empty()) return "empty " + file.string();
    const auto& header = rows[0];
    std::string create = "CREATE TABLE " + name + " (", insert = "INSERT INTO " + name + " VALUES (";
    for (size_t c = 0; c < header.size(); ++c) {
      create += (c ? ", " : "") + header[c] + (real_columns.count(header[c]) ? " REAL" : " TEXT");
      insert += c ? ", ?" : "?";
    }
    if (auto e = Exec(create + ")"); !e.empty()) return e;
    Exec("BEGIN");
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, (insert + ")").c_str(), -1, &st, nullptr);
    for (size_t r = 1; r < rows.size(); ++r) {
      sqlite3_reset(st);
      for (size_t c = 0; c < header.size(); ++c) {
        const std::string v = c < rows[r].size() ? rows[r][c] : "";
        int i = static_cast<int>(c + 1);
        if (v.empty()) {
          sqlite3_bind_null(st, i);
        } else if (real_columns.count(header[c])) {
          sqlite3_bind_double(st, i, std::stod(v));
        } else {
          sqlite3_bind_text(st, i, v.c_str(), -1, SQLITE_TRANSIENT);
        }
      }
      if (sqlite3_step(st) != SQLITE_DONE) return sqlite3_errmsg(db_);
    }
    sqlite3_finalize(st);
    Exec("COMMIT");
    return "";
  }
  // Rows of `sql` as column name -> value (NaN for NULL, text as NaN too: use Text()).
  struct Row {
    std::map<std::string, double> num;
    std::map<std::string, std::string> text;
    bool IsNull(const std::string& c) const { return std::isnan(num.at(c)); }
  };
  std::vector<Row> Query(const std::string& sql, std::string* error) {
    std::vector<Row> out;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      *error = sqlite3_errmsg(db_);
      return out;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
      Row row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        std::string name = sqlite3_column_name(st, c);
        int type = sqlite3_column_type(st, c);
        row.num[name] = (type == SQLITE_INTEGER || type == SQLITE_FLOAT) ? sqlite3_column_double(st, c) : NAN;
        const unsigned char* t = sqlite3_column_text(st, c);
        row.text[name] = t ? reinterpret_cast<const char*>(t) : "";
      }
      out.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

double CellValue(const Cell& c) {
  if (std::holds_alternative<double>(c)) return std::get<double>(c);
  if (std::holds_alternative<int64_t>(c)) return static_cast<double>(std::get<int64_t>(c));
  return NAN;
}

std::string CellText(const Cell& c) {
  return std::holds_alternative<std::string>(c) ? std::get<std::string>(c) : "";
}

// Equal as nullable numbers within `tol` (NaN = null on both sides).
::testing::AssertionResult Near(double want, double got, double tol) {
  if (std::isnan(want) && std::isnan(got)) return ::testing::AssertionSuccess();
  if (std::isnan(want) != std::isnan(got) || std::fabs(want - got) > tol) {
    return ::testing::AssertionFailure() << "engine " << want << " vs sql " << got;
  }
  return ::testing::AssertionSuccess();
}

double Opt(const std::optional<double>& v) { return v ? *v : NAN; }

constexpr double kCent = 0.005;
constexpr double kRate = 1e-9;

class MetricsSqlSqliteTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("flywheel_sql_sqlite_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    DemoOptions demo;
    demo.accounts = 1500;
    ASSERT_TRUE(WriteDemoDataSet(dir_->string(), demo).ok());
    as_of_ = demo.end;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }

  void SetUp() override {
    Result<LoadedDataset> loaded = LoadDataDirectory(dir_->string());
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    data_ = std::move(loaded->dataset);
    auto settings = LoadSettingsFile((*dir_ / "flywheel.toml").string());
    ASSERT_TRUE(settings.ok()) << settings.status().message();
    settings_ = *settings;
    settings_.reactivation_window_months = window_;
    const std::set<std::string> reals = {"amount", "rate", "net_burn", "gross_margin", "value"};
    for (const char* t : {"subscriptions", "opportunities", "leads", "spend", "finance", "fx", "usage",
                          "advocacy", "journey"}) {
      ASSERT_EQ(db_.Load(*dir_ / (std::string(t) + ".csv"), t, reals), "") << t;
    }
    SqlParams params;
    params.as_of = FormatDate(as_of_);
    params.base_currency = settings_.base_currency;
    params.reactivation_window_months = window_;
    params.default_gross_margin = settings_.default_gross_margin;
    params.bowtie_window_days = settings_.bowtie_window_days;
    params.value_event_metric = settings_.value_event.metric;
    params.value_event_threshold = settings_.value_event.threshold;
    ASSERT_EQ(db_.Exec(EmitMetricsSql(SqlDialect::kSqlite, params)), "");
  }

  std::vector<Db::Row> Query(const std::string& sql) {
    std::string error;
    auto rows = db_.Query(sql, &error);
    EXPECT_EQ(error, "") << sql;
    return rows;
  }

  void CompareRevenue() {
    auto series = ComputeMrr(data_, settings_, as_of_);
    ASSERT_TRUE(series.ok()) << series.status().message();
    // MRR per account-month: every positive engine value and nothing else.
    auto mrr_rows = Query("SELECT account_id, month_idx, mrr FROM mrr_account_month");
    size_t engine_cells = 0;
    std::map<std::string, AccountIndex> index;
    for (size_t a = 0; a < data_.accounts.size(); ++a)
      index[std::string(data_.accounts.id[a])] = static_cast<AccountIndex>(a);
    for (size_t a = 0; a < data_.accounts.size(); ++a) {
      Month f = series->FirstActiveMonth(static_cast<AccountIndex>(a));
      if (f == kNullMonth) continue;
      for (Month m = f; m <= series->LastActiveMonth(static_cast<AccountIndex>(a)); ++m) {
        engine_cells += series->Mrr(static_cast<AccountIndex>(a), m) > 0;
      }
    }
    EXPECT_EQ(mrr_rows.size(), engine_cells);
    ASSERT_GT(engine_cells, 1000u);
    for (const auto& r : mrr_rows) {
      const std::string& id = r.text.at("account_id");
      ASSERT_TRUE(index.count(id)) << id;
      // month_idx = year * 12 + month - 1; the engine's Month counts the same way from its epoch.
      const int mi = static_cast<int>(r.num.at("month_idx"));
      auto month = ParseMonth(fmt::format("{:04d}-{:02d}", mi / 12, mi % 12 + 1));
      ASSERT_TRUE(month.has_value());
      EXPECT_TRUE(Near(series->Mrr(index[id], *month), r.num.at("mrr"), kCent)) << id << " " << mi;
    }

    auto table = ComputeRevenue(data_, settings_, *series, RevenueOptions{});
    ASSERT_TRUE(table.ok()) << table.status().message();
    auto rows = Query("SELECT * FROM revenue_month ORDER BY month_idx");
    ASSERT_EQ(rows.size(), table->rows.size());
    PeriodCalendar cal{Granularity::kMonth, 1};
    int64_t movements_seen = 0, fx_seen = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      const RevenueRow& e = table->rows[i];
      const Db::Row& s = rows[i];
      const std::string label = cal.Label(e.period_start);
      ASSERT_EQ(s.text.at("month"), label);
      EXPECT_TRUE(Near(e.mrr, s.num.at("mrr"), kCent)) << label << " mrr";
      EXPECT_TRUE(Near(12 * e.mrr, s.num.at("arr"), kCent)) << label << " arr";
      EXPECT_EQ(e.customers, static_cast<int64_t>(s.num.at("customers"))) << label;
      const char* names[] = {"new", "reactivation", "expansion", "contraction", "churned"};
      for (int t = 0; t < 5; ++t) {
        EXPECT_TRUE(Near(e.movement_mrr[t], s.num.at(std::string(names[t]) + "_mrr"), kCent))
            << label << " " << names[t];
        EXPECT_EQ(e.movement_count[t], static_cast<int64_t>(s.num.at(std::string(names[t]) + "_count")))
            << label << " " << names[t];
        movements_seen += e.movement_count[t];
      }
      EXPECT_TRUE(Near(e.net_new_mrr, s.num.at("net_new_mrr"), kCent)) << label;
      EXPECT_TRUE(Near(e.Movement(MovementType::kFxImpact), s.num.at("fx_impact_mrr"), kCent))
          << label << " fx";
      fx_seen += std::fabs(e.Movement(MovementType::kFxImpact)) > 1;
      EXPECT_TRUE(Near(Opt(e.mrr_growth_mom), s.num.at("mrr_growth_mom"), kRate)) << label << " mom";
      EXPECT_TRUE(Near(Opt(e.mrr_growth_yoy), s.num.at("mrr_growth_yoy"), kRate)) << label << " yoy";
      EXPECT_TRUE(Near(Opt(e.logo_churn_rate), s.num.at("logo_churn_rate"), kRate)) << label << " logo churn";
      EXPECT_TRUE(Near(Opt(e.gross_mrr_churn_rate), s.num.at("gross_mrr_churn_rate"), kRate)) << label;
      EXPECT_TRUE(Near(Opt(e.net_mrr_churn_rate), s.num.at("net_mrr_churn_rate"), kRate)) << label;
      EXPECT_TRUE(Near(Opt(e.quick_ratio), s.num.at("quick_ratio"), kRate)) << label << " quick";
      EXPECT_TRUE(Near(Opt(e.arpa), s.num.at("arpa"), kCent)) << label << " arpa";
      EXPECT_TRUE(Near(Opt(e.nrr), s.num.at("nrr"), kRate)) << label << " nrr";
      EXPECT_TRUE(Near(Opt(e.grr), s.num.at("grr"), kRate)) << label << " grr";
    }
    EXPECT_GT(movements_seen, 100);
    EXPECT_GT(fx_seen, 12);  // the demo data's EUR accounts move with the rate every month
    auto mv = Query("SELECT COUNT(*) AS n FROM mrr_movements");
    EXPECT_EQ(static_cast<size_t>(mv[0].num.at("n")), ComputeMovements(*series, settings_).size());
  }

  static fs::path* dir_;
  static Day as_of_;
  std::optional<int> window_;
  Dataset data_;
  Settings settings_;
  Db db_;
};

fs::path* MetricsSqlSqliteTest::dir_ = nullptr;
Day MetricsSqlSqliteTest::as_of_ = kNullDay;

TEST_F(MetricsSqlSqliteTest, RevenueMatchesEngine) { CompareRevenue(); }

class MetricsSqlSqliteWindowTest : public MetricsSqlSqliteTest {
 protected:
  MetricsSqlSqliteWindowTest() { window_ = 2; }
};

TEST_F(MetricsSqlSqliteWindowTest, RevenueMatchesEngineWithReactivationWindow) { CompareRevenue(); }

TEST_F(MetricsSqlSqliteTest, CohortsMatchEngine) {
  auto series = ComputeMrr(data_, settings_, as_of_);
  ASSERT_TRUE(series.ok());
  for (CohortMetric metric : {CohortMetric::kNrr, CohortMetric::kGrr, CohortMetric::kLogo}) {
    CohortOptions options;
    options.metric = metric;
    auto tri = ComputeCohorts(data_, settings_, *series, options);
    ASSERT_TRUE(tri.ok()) << tri.status().message();
    const char* column = metric == CohortMetric::kNrr   ? "nrr"
                         : metric == CohortMetric::kGrr ? "grr"
                                                        : "logo_retention";
    std::map<std::pair<std::string, int>, double> sql;
    std::map<std::string, std::pair<double, double>> sizes;
    for (const auto& r :
         Query("SELECT cohort, age, accounts, start_mrr, " + std::string(column) + " AS v FROM cohort_nrr")) {
      sql[{r.text.at("cohort"), static_cast<int>(r.num.at("age"))}] = r.num.at("v");
      sizes[r.text.at("cohort")] = {r.num.at("accounts"), r.num.at("start_mrr")};
    }
    PeriodCalendar cal{Granularity::kMonth, 1};
    size_t cells = 0;
    ASSERT_GT(tri->rows.size(), 12u);
    for (const CohortRow& row : tri->rows) {
      const std::string label = cal.Label(row.cohort);
      ASSERT_TRUE(sizes.count(label)) << label;
      EXPECT_EQ(row.accounts, static_cast<int64_t>(sizes[label].first)) << label;
      EXPECT_TRUE(Near(row.start_mrr, sizes[label].second, kCent)) << label;
      for (size_t k = 0; k < row.numerator.size(); ++k) {
        if (!row.numerator[k]) continue;
        ++cells;
        auto it = sql.find({label, static_cast<int>(k)});
        ASSERT_TRUE(it != sql.end()) << label << " age " << k;
        EXPECT_TRUE(Near(*row.numerator[k] / row.denominator, it->second, kRate))
            << column << " " << label << " age " << k;
      }
    }
    EXPECT_EQ(cells, sql.size()) << column;
  }
}

TEST_F(MetricsSqlSqliteTest, PipelineMatchesEngine) {
  PipelineOptions options;
  options.as_of = as_of_;
  auto rep = ComputePipeline(data_, settings_, options);
  ASSERT_TRUE(rep.ok()) << rep.status().message();
  const Report& r = rep->report;
  std::map<std::string, size_t> col;
  for (size_t c = 0; c < r.columns.size(); ++c) col[r.columns[c].name] = c;
  for (const char* c : {"qualified_leads", "lvr", "win_rate_new", "win_rate_new_value", "win_rate_expansion",
                        "win_rate_expansion_value", "sales_cycle_median_days", "won_new", "lost_new"}) {
    ASSERT_TRUE(col.count(c)) << c;
  }
  auto lvr = Query("SELECT * FROM lvr ORDER BY month_idx");
  ASSERT_EQ(lvr.size(), r.rows.size());
  std::map<std::pair<std::string, std::string>, Db::Row> wins;
  for (auto& w : Query("SELECT * FROM win_rate")) wins[{w.text.at("month"), w.text.at("type")}] = w;
  std::map<std::string, Db::Row> cycles;
  for (auto& c : Query("SELECT * FROM sales_cycle_median")) cycles[c.text.at("month")] = c;
  size_t win_rows = 0, cycle_rows = 0, lvr_values = 0;
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const auto& row = r.rows[i];
    const std::string month = CellText(row[0]);
    ASSERT_EQ(lvr[i].text.at("month"), month);
    EXPECT_TRUE(Near(CellValue(row[col["qualified_leads"]]), lvr[i].num.at("qualified_leads"), 0)) << month;
    EXPECT_TRUE(Near(CellValue(row[col["lvr"]]), lvr[i].num.at("lvr"), kRate)) << month << " lvr";
    lvr_values += !std::isnan(lvr[i].num.at("lvr"));
    for (const char* type : {"new", "expansion"}) {
      const std::string t(type);
      const double won = CellValue(row[col["won_" + t]]), lost = CellValue(row[col["lost_" + t]]);
      auto it = wins.find({month, t});
      if (won + lost == 0) {
        EXPECT_TRUE(it == wins.end()) << month << " " << t;
        continue;
      }
      ++win_rows;
      ASSERT_TRUE(it != wins.end()) << month << " " << t;
      EXPECT_EQ(won, it->second.num.at("won"));
      EXPECT_EQ(lost, it->second.num.at("lost"));
      EXPECT_TRUE(Near(CellValue(row[col["win_rate_" + t]]), it->second.num.at("win_rate"), kRate))
          << month << t;
      EXPECT_TRUE(
          Near(CellValue(row[col["win_rate_" + t + "_value"]]), it->second.num.at("win_rate_value"), kRate))
          << month << " " << t;
    }
    const double median = CellValue(row[col["sales_cycle_median_days"]]);
    auto c = cycles.find(month);
    if (std::isnan(median)) {
      EXPECT_TRUE(c == cycles.end()) << month;
    } else {
      ++cycle_rows;
      ASSERT_TRUE(c != cycles.end()) << month;
      EXPECT_TRUE(Near(median, c->second.num.at("median_days"), 1e-9)) << month << " median";
    }
  }
  EXPECT_EQ(win_rows, wins.size());
  EXPECT_EQ(cycle_rows, cycles.size());
  EXPECT_GT(win_rows, 24u);
  EXPECT_GT(cycle_rows, 12u);
  EXPECT_GT(lvr_values, 12u);
}

// Column name -> index of a report.
std::map<std::string, size_t> Columns(const Report& r) {
  std::map<std::string, size_t> col;
  for (size_t c = 0; c < r.columns.size(); ++c) col[r.columns[c].name] = c;
  return col;
}

TEST_F(MetricsSqlSqliteTest, BowtieStageDatesMatchEngine) {
  auto series = ComputeMrr(data_, settings_, as_of_);
  ASSERT_TRUE(series.ok());
  auto stages = ComputeStageDates(data_, settings_, ComputeMovements(*series, settings_), as_of_);
  ASSERT_TRUE(stages.ok()) << stages.status().message();
  const char* const columns[] = {"awareness",  "education", "selection", "commit_at",
                                 "onboarding", "impact",    "expansion", "advocacy"};
  std::map<std::string, Db::Row> by_account;
  size_t lead_units = 0;
  for (auto& r : Query("SELECT * FROM bowtie_stage_dates")) {
    if (r.text.at("lead_id").empty()) {
      by_account[r.text.at("account_id")] = r;
    } else {
      ++lead_units;
    }
  }
  size_t engine_lead_units = 0, compared = 0;
  std::array<size_t, kBowtieStageCount> entered{};
  for (size_t u = 0; u < stages->size(); ++u) {
    const AccountIndex a = stages->Account(u);
    bool any = false;
    for (int s = 0; s < kBowtieStageCount; ++s) any |= stages->Entered(u, s) != kNullDay;
    if (a == kNoAccount) {
      engine_lead_units += any;
      continue;
    }
    auto it = by_account.find(std::string(data_.accounts.id[a]));
    if (!any) {
      EXPECT_TRUE(it == by_account.end()) << data_.accounts.id[a];
      continue;
    }
    ASSERT_TRUE(it != by_account.end()) << data_.accounts.id[a];
    ++compared;
    for (int s = 0; s < kBowtieStageCount; ++s) {
      const Day d = stages->Entered(u, s);
      entered[s] += d != kNullDay;
      EXPECT_EQ(d == kNullDay ? "" : FormatDate(d), it->second.text.at(columns[s]))
          << data_.accounts.id[a] << " " << columns[s];
    }
    EXPECT_TRUE(Near(stages->selection_value[u], it->second.num.at("selection_value"), kCent))
        << data_.accounts.id[a];
    EXPECT_TRUE(Near(stages->commit_value[u], it->second.num.at("commit_value"), kCent))
        << data_.accounts.id[a];
    EXPECT_TRUE(Near(stages->onboarding_value[u], it->second.num.at("onboarding_value"), kCent))
        << data_.accounts.id[a];
  }
  EXPECT_EQ(compared, by_account.size());
  EXPECT_EQ(lead_units, engine_lead_units);
  EXPECT_GT(engine_lead_units, 100u);
  // Every stage is reached by some accounts in the demo, impact (value event) included.
  for (int s = 0; s < kBowtieStageCount; ++s) EXPECT_GT(entered[s], 20u) << columns[s];
}

TEST_F(MetricsSqlSqliteTest, BowtieConversionMatchesEngine) {
  auto series = ComputeMrr(data_, settings_, as_of_);
  ASSERT_TRUE(series.ok());
  auto stages = ComputeStageDates(data_, settings_, ComputeMovements(*series, settings_), as_of_);
  ASSERT_TRUE(stages.ok()) << stages.status().message();
  auto segmenter = Segmenter::Make(data_, "", "", "");
  ASSERT_TRUE(segmenter.ok());
  BowtieOptions options;
  options.mode = BowtieMode::kCohort;
  options.calendar = PeriodCalendar{Granularity::kMonth, 1};
  options.as_of = as_of_;
  auto rep = BuildBowtieReport(data_, settings_, *stages, *segmenter, options);
  ASSERT_TRUE(rep.ok()) << rep.status().message();
  auto col = Columns(*rep);
  auto sql = Query("SELECT * FROM bowtie_conversion ORDER BY month_idx, stage_idx");
  ASSERT_EQ(sql.size(), rep->rows.size());
  ASSERT_GT(sql.size(), 8u * 24);
  size_t open_cells = 0, value_cells = 0, median_cells = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const auto& e = rep->rows[i];
    const auto& s = sql[i];
    const std::string where = CellText(e[col["period"]]) + " " + CellText(e[col["stage"]]);
    ASSERT_EQ(s.text.at("month"), CellText(e[col["period"]]));
    ASSERT_EQ(s.text.at("stage"), CellText(e[col["stage"]]));
    EXPECT_TRUE(Near(CellValue(e[col["entered"]]), s.num.at("entered"), 0)) << where;
    EXPECT_TRUE(Near(CellValue(e[col["converted"]]), s.num.at("converted"), 0)) << where;
    EXPECT_TRUE(Near(CellValue(e[col["still_open"]]), s.num.at("still_open"), 0)) << where;
    for (const char* c : {"conversion_rate", "cumulative_conversion_rate", "conversion_rate_value",
                          "dt_median_days", "dt_mean_days", "cumulative_conversion_rate_value"}) {
      EXPECT_TRUE(Near(CellValue(e[col[c]]), s.num.at(c), kRate)) << where << " " << c;
    }
    open_cells += s.num.at("still_open") > 0;
    value_cells += !s.IsNull("conversion_rate_value");
    median_cells += !s.IsNull("dt_median_days");
  }
  EXPECT_GT(open_cells, 12u);
  EXPECT_GT(value_cells, 12u);
  EXPECT_GT(median_cells, 48u);
}

TEST_F(MetricsSqlSqliteTest, CacPaybackAndBurnMultipleMatchEngine) {
  auto series = ComputeMrr(data_, settings_, as_of_);
  ASSERT_TRUE(series.ok());
  const auto movements = ComputeMovements(*series, settings_);
  auto segmenter = Segmenter::Make(data_, "", "", "");
  ASSERT_TRUE(segmenter.ok());
  const PeriodCalendar cal{Granularity::kMonth, 1};
  auto ledger = GtmLedger::Build(data_, settings_, movements, *segmenter, cal, as_of_);
  ASSERT_TRUE(ledger.ok()) << ledger.status().message();
  auto cohorts = ComputeCohortPayback(*ledger, *segmenter, movements, cal, as_of_);
  auto rep = BuildEfficiencyReport(data_, settings_, *ledger, *segmenter, cohorts, cal, as_of_);
  ASSERT_TRUE(rep.ok()) << rep.status().message();
  auto col = Columns(*rep);
  std::map<std::string, Db::Row> payback, burn;
  for (auto& r : Query("SELECT * FROM cac_payback")) payback[r.text.at("month")] = r;
  for (auto& r : Query("SELECT * FROM burn_multiple")) burn[r.text.at("month")] = r;
  size_t compared = 0, paybacks = 0, burns = 0;
  for (const auto& e : rep->rows) {
    const std::string month = CellText(e[col["period"]]);
    auto p = payback.find(month);
    auto b = burn.find(month);
    if (p == payback.end()) {
      // Months before the first MRR: the views start with revenue_month; the engine has no
      // payback or burn multiple there either (no new MRR, no net new ARR).
      EXPECT_TRUE(std::isnan(CellValue(e[col["cac_payback_months"]]))) << month;
      EXPECT_TRUE(std::isnan(CellValue(e[col["burn_multiple"]]))) << month;
      EXPECT_TRUE(b == burn.end()) << month;
      continue;
    }
    ASSERT_TRUE(b != burn.end()) << month;
    ++compared;
    EXPECT_TRUE(
        Near(CellValue(e[col["sales_marketing_spend"]]), p->second.num.at("sales_marketing_spend"), kCent))
        << month;
    EXPECT_TRUE(Near(CellValue(e[col["new_mrr"]]), p->second.num.at("new_mrr"), kCent)) << month;
    EXPECT_TRUE(Near(CellValue(e[col["gross_margin"]]), p->second.num.at("gross_margin"), kRate)) << month;
    EXPECT_TRUE(Near(CellValue(e[col["cac_payback_months"]]), p->second.num.at("cac_payback_months"), kRate))
        << month << " cac payback";
    EXPECT_TRUE(Near(CellValue(e[col["net_burn"]]), b->second.num.at("net_burn"), kCent)) << month;
    EXPECT_TRUE(Near(CellValue(e[col["net_new_arr"]]), b->second.num.at("net_new_arr"), kCent)) << month;
    EXPECT_TRUE(Near(CellValue(e[col["burn_multiple"]]), b->second.num.at("burn_multiple"), kRate))
        << month << " burn multiple";
    paybacks += !p->second.IsNull("cac_payback_months");
    burns += !b->second.IsNull("burn_multiple");
  }
  EXPECT_EQ(compared, payback.size());
  EXPECT_EQ(compared, burn.size());
  EXPECT_GT(paybacks, 12u);
  EXPECT_GT(burns, 12u);
}

TEST(MetricsSqlTest, EmittedTextIsDeterministicAndDialectSpecific) {
  SqlParams p;
  p.as_of = "2025-12-31";
  EXPECT_EQ(EmitMetricsSql(SqlDialect::kSqlite, p), EmitMetricsSql(SqlDialect::kSqlite, p));
  const std::string sqlite = EmitMetricsSql(SqlDialect::kSqlite, p);
  const std::string duck = EmitMetricsSql(SqlDialect::kDuckdb, p);
  const std::string pg = EmitMetricsSql(SqlDialect::kPostgres, p);
  EXPECT_NE(sqlite.find("WITH RECURSIVE"), std::string::npos);
  EXPECT_NE(sqlite.find("julianday"), std::string::npos);
  EXPECT_NE(duck.find("quantile_cont"), std::string::npos);
  EXPECT_NE(duck.find("// 12"), std::string::npos);
  EXPECT_NE(pg.find("percentile_cont(0.5) WITHIN GROUP"), std::string::npos);
  EXPECT_NE(pg.find("DATE '2025-12-31'"), std::string::npos);
  int n = 0;
  const char* const* views = MetricsSqlViews(&n);
  for (int i = 0; i < n; ++i) {
    for (const std::string* s : {&sqlite, &duck, &pg}) {
      EXPECT_NE(s->find(std::string("CREATE VIEW ") + views[i] + " AS"), std::string::npos) << views[i];
    }
  }
}

// The reports behind the report views (the benchmark's like-for-like phase): every view the
// benchmark harness treats as a report (bench/duckdb_bench.mjs, sqlite_bench.sh: all but the
// helpers) names one, and the helpers name none.
TEST(MetricsSql, EveryReportViewNamesTheEngineReportItReproduces) {
  const std::map<std::string, std::string> expected = {
      {"revenue_month", "revenue"},  {"cohort_nrr", "cohorts"},          {"lvr", "pipeline"},
      {"win_rate", "pipeline"},      {"sales_cycle_median", "pipeline"}, {"bowtie_conversion", "bowtie"},
      {"cac_payback", "efficiency"}, {"burn_multiple", "efficiency"}};
  int n = 0;
  const char* const* views = MetricsSqlViews(&n);
  int reports = 0;
  for (int i = 0; i < n; ++i) {
    const char* report = MetricsSqlViewReport(views[i]);
    auto it = expected.find(views[i]);
    if (it == expected.end()) {
      EXPECT_EQ(report, nullptr) << views[i];
    } else {
      ASSERT_NE(report, nullptr) << views[i];
      EXPECT_EQ(report, it->second) << views[i];
      ++reports;
    }
  }
  EXPECT_EQ(reports, static_cast<int>(expected.size()));
  EXPECT_EQ(MetricsSqlViewReport("no_such_view"), nullptr);
}

}  // namespace
}  // namespace flywheel
