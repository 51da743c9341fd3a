// One pass of the validating loader over every table (table_loader.cc): parses and checks
// each row, applies the repairs of the warning rules, and records every problem per table
// (TableProblems). LoadDataset (dataset_loader.h) runs passes until no row error is left,
// setting the rows with errors aside between passes, or fails.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "ingest/load_options.h"
#include "ingest/table_problems.h"
#include "ingest/text_dialect.h"
#include "model/dataset.h"

namespace flywheel {

// Primary keys of rows set aside by an earlier pass, per table (id -> line), so that a row
// referring to one is told so (rule quarantined_reference) instead of "unknown account".
using QuarantinedKeys = std::array<std::unordered_map<std::string, int64_t>, kTableCount>;

struct PassTable {
  Table table = Table::kAccounts;
  std::string file;  // its display name ("accounts.csv")
  std::unique_ptr<TableProblems> problems;
  int64_t rows_read = 0;  // data rows read, those with errors included
  std::optional<TextDialect> dialect;
};

struct LoadPass {
  Dataset dataset;                   // complete only when no table has an error
  std::vector<PassTable> tables;     // the present tables, in table order
  std::vector<std::string> notices;  // of every table, in table order
  bool HasErrors() const;
};

// Runs one pass. Fails only when a source cannot be opened or accounts is missing; problems
// in the data are in the pass. `quarantined` may be null.
Result<LoadPass> RunLoadPass(const RowSourceOpener& open, const LoadOptions& options,
                             const QuarantinedKeys* quarantined);

// The columns that the typed parse of table `t` reads, in the order it names them: the
// schema's columns (model/schema.h), each once, which the loader's tests check.
std::vector<std::string> ParsedColumns(Table t);

}  // namespace flywheel
