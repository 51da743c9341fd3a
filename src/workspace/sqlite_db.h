// SqliteDb and SqliteStatement: thin owners of a sqlite3 connection and a prepared
// statement that report failures as Status values with the database's own message.
//
// Used by the workspace only; not thread-safe (one connection per thread).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace flywheel {

class SqliteStatement;

class SqliteDb {
 public:
  enum class Mode { kReadOnly, kReadWrite, kReadWriteCreate };

  SqliteDb() = default;
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Opens `path`; `display` names the database in messages. On failure the object stays
  // closed and the status is kIo.
  Status Open(const std::string& path, Mode mode, std::string display);
  void Close();

  // Runs one or more statements that return no rows.
  Status Exec(std::string_view sql);
  Status Prepare(std::string_view sql, SqliteStatement* stmt);
  // The first column of the first row of `sql` as an integer (0 when there is no row).
  Result<int64_t> QueryInt(std::string_view sql);
  // The first column of the first row of `sql` as text ("" when there is no row or NULL).
  Result<std::string> QueryText(std::string_view sql);
  bool TableExists(std::string_view name);

  // "ws/workspace.db: <sqlite message> (while <what>)" as kIo.
  Status Error(std::string_view what) const;
  sqlite3* handle() const { return db_; }
  const std::string& display() const { return display_; }

 private:
  sqlite3* db_ = nullptr;
  std::string display_;
};

class SqliteStatement {
 public:
  SqliteStatement() = default;
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void Reset(sqlite3_stmt* stmt);
  sqlite3_stmt* get() const { return stmt_; }

  // Binding (1-based parameter index).
  void BindNull(int i);
  void BindText(int i, std::string_view text);           // "" binds NULL
  void BindTextKeepEmpty(int i, std::string_view text);  // "" binds an empty text
  void BindInt(int i, int64_t v);
  void BindReal(int i, double v);
  // Binds `bytes` without copying them: they must stay valid until the statement is run.
  void BindBlob(int i, std::span<const char> bytes);

  // Runs a statement that returns no rows; true when it completed (SQLITE_DONE).
  bool StepDone();
  // Steps a query: true with a row, false at its end or on an error (then Failed()).
  bool StepRow();
  bool Failed() const { return failed_; }
  // Columns of the current row (0-based). Text and blob views are valid until the next step.
  bool IsNull(int col) const;
  int64_t Int(int col) const;
  std::string_view Text(int col) const;
  std::span<const char> Blob(int col) const;
  // Makes the statement ready to run again with new bindings.
  void Rewind();

 private:
  sqlite3_stmt* stmt_ = nullptr;
  bool failed_ = false;
};

// `name` as a quoted SQL identifier: "name", with inner quotes doubled.
std::string QuoteIdentifier(std::string_view name);

}  // namespace flywheel
