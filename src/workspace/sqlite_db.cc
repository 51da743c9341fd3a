#include "workspace/sqlite_db.h"

#include <sqlite3.h>

#include <fmt/format.h>

namespace flywheel {

SqliteDb::~SqliteDb() { Close(); }

void SqliteDb::Close() {
  if (db_ != nullptr) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
  }
}

Status SqliteDb::Open(const std::string& path, Mode mode, std::string display) {
  Close();
  display_ = std::move(display);
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::kReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case Mode::kReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::kReadWriteCreate:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
  }
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Status::Io(fmt::format("{}: cannot open the database: {}", display_, msg));
  }
  db_ = db;
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  return Status::Ok();
}

Status SqliteDb::Error(std::string_view what) const {
  return Status::Io(fmt::format("{}: {} (while {})", display_, sqlite3_errmsg(db_), what));
}

Status SqliteDb::Exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return Status::Io(fmt::format("{}: {} (while running: {})", display_, msg, sql));
  }
  return Status::Ok();
}

Status SqliteDb::Prepare(std::string_view sql, SqliteStatement* stmt) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) return Error(fmt::format("preparing: {}", sql));
  stmt->Reset(s);
  return Status::Ok();
}

Result<int64_t> SqliteDb::QueryInt(std::string_view sql) {
  SqliteStatement stmt;
  FLYWHEEL_RETURN_IF_ERROR(Prepare(sql, &stmt));
  int rc = sqlite3_step(stmt.get());
  if (rc == SQLITE_ROW) return static_cast<int64_t>(sqlite3_column_int64(stmt.get(), 0));
  if (rc == SQLITE_DONE) return int64_t{0};
  return Error(fmt::format("running: {}", sql));
}

Result<std::string> SqliteDb::QueryText(std::string_view sql) {
  SqliteStatement stmt;
  FLYWHEEL_RETURN_IF_ERROR(Prepare(sql, &stmt));
  int rc = sqlite3_step(stmt.get());
  if (rc == SQLITE_DONE) return std::string();
  if (rc != SQLITE_ROW) return Error(fmt::format("running: {}", sql));
  const unsigned char* text = sqlite3_column_text(stmt.get(), 0);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt.get(), 0)));
}

bool SqliteDb::TableExists(std::string_view name) {
  SqliteStatement stmt;
  if (!Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", &stmt).ok()) return false;
  stmt.BindText(1, name);
  return sqlite3_step(stmt.get()) == SQLITE_ROW;
}

SqliteStatement::~SqliteStatement() { Reset(nullptr); }

void SqliteStatement::Reset(sqlite3_stmt* stmt) {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
  stmt_ = stmt;
}

void SqliteStatement::BindNull(int i) { sqlite3_bind_null(stmt_, i); }

void SqliteStatement::BindText(int i, std::string_view text) {
  if (text.empty()) {
    sqlite3_bind_null(stmt_, i);
  } else {
    sqlite3_bind_text64(stmt_, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
}

void SqliteStatement::BindTextKeepEmpty(int i, std::string_view text) {
  sqlite3_bind_text64(stmt_, i, text.empty() ? "" : text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void SqliteStatement::BindInt(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
void SqliteStatement::BindReal(int i, double v) { sqlite3_bind_double(stmt_, i, v); }

void SqliteStatement::BindBlob(int i, std::span<const char> bytes) {
  sqlite3_bind_blob64(stmt_, i, bytes.empty() ? "" : bytes.data(), bytes.size(), SQLITE_STATIC);
}

bool SqliteStatement::StepDone() { return sqlite3_step(stmt_) == SQLITE_DONE; }
void SqliteStatement::Rewind() {
  sqlite3_reset(stmt_);
  failed_ = false;
}

bool SqliteStatement::StepRow() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  failed_ = rc != SQLITE_DONE;
  return false;
}

bool SqliteStatement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t SqliteStatement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string_view SqliteStatement::Text(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::span<const char> SqliteStatement::Blob(int col) const {
  const void* data = sqlite3_column_blob(stmt_, col);
  if (data == nullptr) return {};
  return {static_cast<const char*>(data), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace flywheel
