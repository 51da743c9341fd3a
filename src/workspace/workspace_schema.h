// The workspace's data tables: for each canonical table, its SQL columns and how one
// Dataset row is bound to the prepared INSERT.
//
// Column names are the canonical CSV header names of data-model.md (plus the accounts'
// attr_* columns and the opportunities' expected_close / forecast_category), so a table
// read back feeds the same validating loader as a CSV file. Types: dates TEXT
// 'YYYY-MM-DD', months TEXT 'YYYY-MM', money and numbers REAL, int INTEGER, enums their
// lower-case TEXT names, bools INTEGER 0/1, empty values NULL.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "model/dataset.h"
#include "workspace/sqlite_db.h"

namespace flywheel {

// Incremented when the layout of the workspace changes; stored in PRAGMA user_version.
inline constexpr int kWorkspaceSchemaVersion = 1;

struct WorkspaceColumn {
  std::string name;
  const char* sql_type;  // "TEXT", "INTEGER" or "REAL"
};

struct WorkspaceTable {
  std::vector<WorkspaceColumn> columns;
  size_t rows = 0;
  // Binds row `row` of the data set to parameters 1..columns.size() of `stmt`.
  std::function<void(SqliteStatement& stmt, size_t row)> bind;
};

// REQUIRES: `d` outlives the returned value.
WorkspaceTable DescribeTable(const Dataset& d, Table t);

// "CREATE TABLE name (...)" and "INSERT INTO name (...) VALUES (?1, ...)".
std::string CreateTableSql(std::string_view name, const WorkspaceTable& table);
std::string InsertSql(std::string_view name, const WorkspaceTable& table);

}  // namespace flywheel
