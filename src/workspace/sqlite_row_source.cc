#include "workspace/sqlite_row_source.h"

#include <sqlite3.h>

#include <charconv>

#include <fmt/format.h>

namespace flywheel {

Result<std::unique_ptr<SqliteRowSource>> SqliteRowSource::Open(SqliteDb* db, const std::string& table,
                                                               std::string display) {
  std::unique_ptr<SqliteRowSource> src(new SqliteRowSource());
  src->db_ = db;
  src->display_ = std::move(display);
  FLYWHEEL_RETURN_IF_ERROR(
      db->Prepare(fmt::format("SELECT * FROM {} ORDER BY rowid", QuoteIdentifier(table)), &src->stmt_));
  int n = sqlite3_column_count(src->stmt_.get());
  for (int i = 0; i < n; ++i) {
    const char* name = sqlite3_column_name(src->stmt_.get(), i);
    src->header_.emplace_back(name != nullptr ? name : "");
  }
  src->buffers_.resize(n);
  return src;
}

bool SqliteRowSource::Next(std::vector<std::string_view>* fields, int64_t* line) {
  fields->clear();
  if (done_) return false;
  sqlite3_stmt* s = stmt_.get();
  int rc = sqlite3_step(s);
  if (rc != SQLITE_ROW) {
    done_ = true;
    if (rc != SQLITE_DONE) {
      status_ = Status::Io(
          fmt::format("{}: {} (while reading row {})", display_, sqlite3_errmsg(db_->handle()), row_ + 1));
    }
    return false;
  }
  ++row_;
  *line = row_ + 1;  // the header counts as line 1, as in a CSV file
  for (size_t i = 0; i < buffers_.size(); ++i) {
    std::string& buf = buffers_[i];
    int col = static_cast<int>(i);
    switch (sqlite3_column_type(s, col)) {
      case SQLITE_NULL:
        buf.clear();
        break;
      case SQLITE_INTEGER:
        buf = std::to_string(sqlite3_column_int64(s, col));
        break;
      case SQLITE_FLOAT: {
        // Fixed notation (never "1e+20"): the loader reads plain decimals; without a
        // precision to_chars writes the shortest text that reads back bit-identical.
        char tmp[512];
        auto res =
            std::to_chars(tmp, tmp + sizeof(tmp), sqlite3_column_double(s, col), std::chars_format::fixed);
        buf.assign(tmp, res.ptr);
        break;
      }
      default: {
        const unsigned char* text = sqlite3_column_text(s, col);
        int len = sqlite3_column_bytes(s, col);
        buf.assign(reinterpret_cast<const char*>(text), static_cast<size_t>(len));
        break;
      }
    }
    fields->emplace_back(buf);
  }
  return true;
}

}  // namespace flywheel
