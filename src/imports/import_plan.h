// An import plan: what reading export files with their mappings makes of them. The rows of
// the canonical tables (merged across sources), per source its mapping and counts, the rows
// the mapping skipped or could not read, and the problems of files as a whole. Filled by
// the source mapper (source_mapper.h), checked and run by the mapped import
// (mapped_import.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ingest/table_problems.h"
#include "ingest/text_dialect.h"
#include "model/dataset.h"

namespace flywheel {

struct CanonicalRow {
  std::map<std::string, std::string> values;  // canonical column -> canonical text ("" = null)
  std::string file;                           // where the row came from (the first source, when merged)
  int64_t line = 0;
};

struct CanonicalTable {
  Table table = Table::kAccounts;
  std::vector<CanonicalRow> rows;
  // The CSV header: the schema's columns, then attr_* columns in order of appearance.
  std::vector<std::string> Columns() const;
};

struct SkippedRow {
  int64_t line = 0;
  std::string reason;
};

struct TablePlan {
  Table target = Table::kAccounts;
  std::vector<std::pair<std::string, std::string>> columns;  // canonical column, where it comes from
  int64_t rows = 0;
};

struct SourcePlan {
  std::string file;     // display name (the file name)
  std::string path;     // as given
  std::string mapping;  // profile or mapping name
  TextDialect dialect;  // how the file is written
  int64_t rows = 0;     // data rows in the file
  std::vector<TablePlan> tables;
  std::vector<SkippedRow> skipped;
  std::vector<std::string> notes;  // e.g. ids derived because the file has no id column
};

// A row of a canonical table that the mapping could not make: set aside.
struct RejectedRow {
  Table table = Table::kAccounts;
  CanonicalRow row;                  // the values mapped so far; a value that failed, as read
  std::vector<RowProblem> problems;  // column = the export's column
};

struct ImportPlan {
  std::vector<SourcePlan> sources;
  std::vector<CanonicalTable> tables;  // merged, in Table order
  // Problems with a file as a whole (a missing column, an ambiguous date column): the
  // import cannot run. "file:line: column: reason"
  std::vector<std::string> problems;
  std::vector<RejectedRow> rejected;  // rows the mapping could not read, in file order
  std::vector<std::string> warnings;  // e.g. a column name that appears twice in a header
  // Every problem as its message, file problems first: what a strict import fails with.
  std::vector<std::string> ProblemTexts() const;
};

}  // namespace flywheel
