// End-to-end check of the pipeline report on the Maven Analytics CRM data (test data only):
// the mapped fixture tests/fixtures/maven-crm/ is loaded with the CSV loader, and the
// expectations come from the data set's README and from SQL over the RAW Maven CSVs.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/dataset_loader.h"
#include "pipeline/pipeline_report.h"

namespace flywheel {
namespace {

// The fixture folder; the raw Maven tables are in its raw/ (tests/fixtures/maven-crm/README.md).
std::string FixtureDir() {
  const char* source = std::getenv("FLYWHEEL_SOURCE_DIR");
  return source ? std::string(source) + "/tests/fixtures/maven-crm" : std::string();
}
std::string RawDir() { return FixtureDir() + "/raw"; }

// Loads a raw Maven CSV (no quoting, per its README) into table `name` of `db`, all TEXT.
void LoadRawCsv(sqlite3* db, const std::string& name) {
  ASSERT_FALSE(FixtureDir().empty()) << "FLYWHEEL_SOURCE_DIR is not set (run through ctest)";
  std::ifstream in(RawDir() + "/" + name + ".csv");
  ASSERT_TRUE(in) << RawDir();
  std::string line;
  std::getline(in, line);
  std::vector<std::string> cols;
  std::stringstream hs(line);
  for (std::string c; std::getline(hs, c, ',');) cols.push_back(c);
  std::string create = "CREATE TABLE " + name + "(", insert = "INSERT INTO " + name + " VALUES(";
  for (size_t i = 0; i < cols.size(); ++i) {
    create += (i ? "," : "") + cols[i] + " TEXT";
    insert += i ? ",?" : "?";
  }
  ASSERT_EQ(sqlite3_exec(db, (create + ")").c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, (insert + ")").c_str(), -1, &st, nullptr), SQLITE_OK);
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == ',') {
        f.push_back(line.substr(start, i - start));
        start = i + 1;
      }
    }
    for (size_t i = 0; i < cols.size(); ++i) {
      sqlite3_bind_text(st, static_cast<int>(i + 1), f[i].c_str(), -1, SQLITE_TRANSIENT);
    }
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
}

struct Expected {
  std::string key;
  double win_rate;
};
std::vector<Expected> Query(sqlite3* db, const std::string& sql) {
  std::vector<Expected> out;
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (sqlite3_step(st) == SQLITE_ROW) {
    out.push_back({reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), sqlite3_column_double(st, 1)});
  }
  sqlite3_finalize(st);
  return out;
}

class MavenCrmTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = LoadDataDirectory(FixtureDir());
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    data_ = std::make_unique<Dataset>(std::move(loaded->dataset));
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    LoadRawCsv(db_, "sales_pipeline");
    LoadRawCsv(db_, "accounts");
  }
  void TearDown() override { sqlite3_close(db_); }

  PipelineOptions Year() {
    PipelineOptions o;
    o.as_of = *ParseDate("2017-12-31");
    o.granularity = Granularity::kYear;
    return o;
  }
  // The "2017" row of `segment` in column `name`.
  static double Value(const Report& r, const std::string& segment, const std::string& name) {
    size_t col = 0;
    while (col < r.columns.size() && r.columns[col].name != name) ++col;
    for (const auto& row : r.rows) {
      if (std::get<std::string>(row[0]) == "2017" && std::get<std::string>(row[1]) == segment) {
        return std::get<double>(row[col]);
      }
    }
    ADD_FAILURE() << segment << " " << name;
    return NAN;
  }

  std::unique_ptr<Dataset> data_;
  sqlite3* db_ = nullptr;
};

TEST_F(MavenCrmTest, WinRateAndCycleMatchTheReadme) {
  auto r = ComputePipeline(*data_, Settings{}, Year());
  ASSERT_TRUE(r.ok()) << r.status().message();
  // README: 4,238 won, 2,473 lost (every close date is in 2017).
  EXPECT_DOUBLE_EQ(Value(r->report, "all", "win_rate_new"), 4238.0 / 6711.0);
  EXPECT_NEAR(Value(r->report, "all", "win_rate_new"), 0.6315, 0.00005);
  // README: won engage-to-close cycle mean 51.8 days, median 57 days.
  EXPECT_NEAR(Value(r->report, "all", "sales_cycle_mean_days"), 51.8, 0.05);
  EXPECT_DOUBLE_EQ(Value(r->report, "all", "sales_cycle_median_days"), 57);
}

TEST_F(MavenCrmTest, WinRateByValueMatchesSqlOverRawData) {
  auto r = ComputePipeline(*data_, Settings{}, Year());
  ASSERT_TRUE(r.ok());
  // Won at close_value, lost at the product's list price (GTXPro spelled GTX Pro in products).
  LoadRawCsv(db_, "products");
  auto e = Query(db_, R"(
    SELECT 'all', SUM(CASE WHEN deal_stage = 'Won' THEN CAST(close_value AS REAL) ELSE 0 END) /
                  SUM(CASE WHEN deal_stage = 'Won' THEN CAST(close_value AS REAL)
                           ELSE CAST(p.sales_price AS REAL) END)
    FROM sales_pipeline s JOIN products p ON p.product = REPLACE(s.product, 'GTXPro', 'GTX Pro')
    WHERE deal_stage IN ('Won', 'Lost'))");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NEAR(Value(r->report, "all", "win_rate_new_value"), e[0].win_rate, 1e-12);
}

TEST_F(MavenCrmTest, WinRatePerSectorMatchesSqlOverRawData) {
  PipelineOptions o = Year();
  o.segment_by = "industry";
  auto r = ComputePipeline(*data_, Settings{}, o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto expected = Query(db_, R"(
    SELECT a.sector, AVG(CASE WHEN s.deal_stage = 'Won' THEN 1.0 ELSE 0.0 END)
    FROM sales_pipeline s JOIN accounts a ON a.account = s.account
    WHERE s.deal_stage IN ('Won', 'Lost') GROUP BY a.sector ORDER BY a.sector)");
  ASSERT_EQ(expected.size(), 10u);
  for (const auto& e : expected) {
    EXPECT_NEAR(Value(r->report, e.key, "win_rate_new"), e.win_rate, 1e-12) << e.key;
  }
}

TEST_F(MavenCrmTest, WinRatePerAgentMatchesSqlOverRawData) {
  auto expected = Query(db_, R"(
    SELECT sales_agent, AVG(CASE WHEN deal_stage = 'Won' THEN 1.0 ELSE 0.0 END)
    FROM sales_pipeline WHERE deal_stage IN ('Won', 'Lost') GROUP BY sales_agent ORDER BY sales_agent)");
  ASSERT_EQ(expected.size(), 30u);  // 35 agents, five without deals
  for (const auto& e : expected) {
    PipelineOptions o = Year();
    o.owner = e.key;
    auto r = ComputePipeline(*data_, Settings{}, o);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_NEAR(Value(r->report, "all", "win_rate_new"), e.win_rate, 1e-12) << e.key;
  }
}

}  // namespace
}  // namespace flywheel
