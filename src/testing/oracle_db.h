// OracleDb: an in-memory SQLite database for the oracle tests, which recompute a report's
// numbers with SQL written in the test (from the definitions of metrics.md) over the same
// rows the engine read. Every SQLite error is a test failure (gtest ADD_FAILURE) that shows
// the statement. Header-only; used by src/pipeline/pipeline_oracle_test.cc and
// src/efficiency/gtm_oracle_test.cc.
#ifndef FLYWHEEL_TESTING_ORACLE_DB_H_
#define FLYWHEEL_TESTING_ORACLE_DB_H_

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace flywheel {

class OracleDb {
 public:
  OracleDb() { sqlite3_open(":memory:", &db_); }
  ~OracleDb() { sqlite3_close(db_); }
  OracleDb(const OracleDb&) = delete;
  OracleDb& operator=(const OracleDb&) = delete;

  void Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      ADD_FAILURE() << (err ? err : "?") << "\n" << sql;
      sqlite3_free(err);
    }
  }

  // A prepared statement the caller finalizes; null (and a failure) when `sql` is invalid.
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db_) << "\n" << sql;
    }
    return st;
  }

  // Inserts `rows` rows in one transaction through the prepared `sql`; fill(stmt, i) binds
  // the parameters of row i.
  template <typename Fill>
  void Insert(const std::string& sql, size_t rows, Fill fill) {
    Exec("BEGIN");
    sqlite3_stmt* st = Prepare(sql);
    if (st == nullptr) return;
    for (size_t i = 0; i < rows; ++i) {
      fill(st, i);
      if (sqlite3_step(st) != SQLITE_DONE) ADD_FAILURE() << sqlite3_errmsg(db_) << "\n" << sql;
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    Exec("COMMIT");
  }

  // Runs `sql` and returns, per value of its first column (a month, say), the other
  // columns as numbers (NaN for NULL).
  std::map<std::string, std::vector<double>> QueryByKey(const std::string& sql) {
    std::map<std::string, std::vector<double>> out;
    sqlite3_stmt* st = Prepare(sql);
    if (st == nullptr) return out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::vector<double>& row = out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))];
      for (int c = 1; c < sqlite3_column_count(st); ++c) {
        row.push_back(sqlite3_column_type(st, c) == SQLITE_NULL ? NAN : sqlite3_column_double(st, c));
      }
    }
    sqlite3_finalize(st);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace flywheel

#endif  // FLYWHEEL_TESTING_ORACLE_DB_H_
