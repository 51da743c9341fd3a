// The canonical tables read through their SQL views give, row by row and column by column,
// the values the data set holds: decoded by SQLite's own functions from the stored bytes,
// compared with the C++ model (numbers bit for bit).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/schema.h"
#include "workspace/column_ops.h"
#include "workspace/stored_columns.h"
#include "workspace/workspace.h"
#include "workspace/workspace_test_util.h"

namespace flywheel {
namespace {

using namespace testing_ws;  // NOLINT: the tests' own helpers

// Compares every view of the latest snapshot of `ws` with the data set `d` (the first
// `max_rows` rows of each). The history's view has its column `source` after the file's:
// 'export' for every row here (each import brought its history or none).
void ExpectViewsHold(const std::string& ws, const Dataset& d, size_t max_rows = SIZE_MAX) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((fs::path(ws) / "workspace.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    if (!d.Has(table)) continue;
    const std::vector<StoredColumn> columns = StoredColumns(d, table);
    sqlite3_stmt* stmt = nullptr;
    std::string sql = "SELECT * FROM \"" + std::string(TableName(table)) + "\"";
    if (max_rows != SIZE_MAX) sql += " LIMIT " + std::to_string(max_rows);
    ASSERT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    const bool history = table == Table::kOpportunityHistory;
    ASSERT_EQ(sqlite3_column_count(stmt), static_cast<int>(columns.size()) + (history ? 1 : 0));
    size_t row = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      for (size_t c = 0; c < columns.size(); ++c) {
        SCOPED_TRACE(std::string(TableName(table)) + "." + columns[c].name + " row " + std::to_string(row));
        EXPECT_EQ(sqlite3_column_name(stmt, static_cast<int>(c)), columns[c].name);
        if (c < CanonicalColumns(table).size()) {  // then accounts' attr_* columns
          EXPECT_EQ(sqlite3_column_name(stmt, static_cast<int>(c)), CanonicalColumns(table)[c].name);
        }
        const std::string expected = ValueText(d, columns[c], row);
        const int type = sqlite3_column_type(stmt, static_cast<int>(c));
        if (expected.empty()) {
          EXPECT_EQ(type, SQLITE_NULL);
        } else if (columns[c].kind == ValueKind::kNumber) {
          ASSERT_EQ(type, SQLITE_FLOAT);
          double want = 0;
          std::from_chars(expected.data(), expected.data() + expected.size(), want);
          EXPECT_EQ(std::bit_cast<uint64_t>(sqlite3_column_double(stmt, static_cast<int>(c))),
                    std::bit_cast<uint64_t>(want));
        } else if (columns[c].kind == ValueKind::kBool) {
          ASSERT_EQ(type, SQLITE_INTEGER);
          EXPECT_EQ(sqlite3_column_int(stmt, static_cast<int>(c)), expected == "true" ? 1 : 0);
        } else {
          EXPECT_EQ(type, columns[c].kind == ValueKind::kInteger ? SQLITE_INTEGER : SQLITE_TEXT);
          EXPECT_EQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, static_cast<int>(c))), expected);
        }
      }
      if (history) {
        const int last = static_cast<int>(columns.size());
        EXPECT_STREQ(sqlite3_column_name(stmt, last), "source");
        EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, last)), "export");
      }
      ++row;
    }
    EXPECT_EQ(row, std::min(max_rows, d.RowCount(table))) << TableName(table);
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
}

TEST(CanonicalViewsTest, EveryTypeReadsBack) {
  ScopedTempDir tmp;
  const std::string data = tmp.Sub("data"), ws = tmp.Sub("ws");
  WriteDatasetA(data);
  // Values the simple cases miss: negative and tiny numbers, a value that needs a double in
  // usage (the column is floats while every value is one), text that is not ASCII.
  WriteFile(data, "usage.csv",
            "account_id,date,metric,value\n"
            "a1,2023-02-02,login,\n"
            "a1,2023-02-03,reports,0.1\n"
            "a2,1969-07-20,réunions,-2.5e-300\n"
            "a1,2023-02-05,login,5e-324\n");
  WriteFile(data, "spend.csv",
            "month,category,amount,segment\n"
            "2023-01,marketing,-10000.75,fintech\n"
            "1999-12,g_and_a,1e15,\n");
  ASSERT_TRUE(ImportDataDirectory(data, ws).ok());
  auto loaded = LoadDataDirectory(data);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectViewsHold(ws, loaded->dataset);
}

// Enough rows for several chunks in every column, and dictionary codes past 65535 (the
// leads' channels are then stored in four bytes).
TEST(CanonicalViewsTest, ManyChunksAndWideCodesReadBack) {
  ScopedTempDir tmp;
  const std::string data = tmp.Sub("data"), ws = tmp.Sub("ws");
  std::string accounts = "account_id,name,employees,attr_code\n";
  for (int i = 0; i < 70000; ++i) {
    accounts += "A" + std::to_string(i) + ",Company " + std::to_string(i % 977) + "," +
                (i % 3 ? std::to_string(i) : "") + ",c" + std::to_string(i) + "\n";
  }
  WriteFile(data, "accounts.csv", accounts);
  WriteFile(data, "leads.csv",
            "lead_id,account_id,created_at,channel\nL1,A69999,2024-01-01,webinar\nL2,,2024-01-02,\n");
  ASSERT_TRUE(ImportDataDirectory(data, ws).ok());
  auto loaded = LoadDataDirectory(data);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_TRUE(loaded->dataset.leads.channel.wide());
  ExpectViewsHold(ws, loaded->dataset, 10000);  // the leads whole, the accounts' first three chunks
  auto back = LoadWorkspace(ws);
  ASSERT_TRUE(back.ok()) << back.status().message();
  ExpectSameDataset(loaded->dataset, back->data.dataset);
  EXPECT_TRUE(back->data.dataset.leads.channel.wide());
}

}  // namespace
}  // namespace flywheel
