// SqliteRowSource: one workspace table read back as a RowSource, so that the validating
// loader treats a workspace exactly like a folder of CSV files.
//
// Fields are text: TEXT as stored, INTEGER in decimal, REAL in the shortest fixed-point form that
// reads back to the same double (so a round trip is bit-identical), NULL as "".
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/row_source.h"
#include "workspace/sqlite_db.h"

namespace flywheel {

class SqliteRowSource : public RowSource {
 public:
  // Reads every row of `table` in insertion order. `db` must stay open while the source
  // is used. `display` names the table in messages ("ws/workspace.db:subscriptions").
  static Result<std::unique_ptr<SqliteRowSource>> Open(SqliteDb* db, const std::string& table,
                                                       std::string display);

  const std::string& DisplayName() const override { return display_; }
  const std::vector<std::string>& Header() const override { return header_; }
  bool Next(std::vector<std::string_view>* fields, int64_t* line) override;
  Status status() const override { return status_; }
  // A workspace written before imports decoded their files may hold text that is not UTF-8:
  // the loader checks every field, so that such text is reported, not passed on.
  bool MayHoldInvalidUtf8() const override { return true; }

 private:
  SqliteRowSource() = default;

  SqliteDb* db_ = nullptr;
  SqliteStatement stmt_;
  std::string display_;
  std::vector<std::string> header_;
  std::vector<std::string> buffers_;  // the fields of the current row
  int64_t row_ = 0;
  bool done_ = false;
  Status status_;
};

}  // namespace flywheel
