// Loading and validating a data set: canonical CSV tables -> Dataset.
//
// Every problem found is collected as "file:line: column: message". Each row rule has a class
// (validation_rules.h): an *error* means the row cannot be used, a *warning* keeps the row,
// repaired or flagged. Problems with a file as a whole (it cannot be read, a required column
// is missing) always fail the load.
//
// With the default policy a data set with any error yields no Dataset at all (kBadData, the
// messages joined with newlines, at most 100 per file and a count of the rest). With a
// quarantine policy, rows with errors are set aside instead, as long as no table loses more
// than max_share of its rows: the load is repeated without them until no row error is left
// (a row that refers to a row set aside is an error in its turn), and the rows set aside are
// returned with their reasons. Warnings never stop a load.
//
// Accounts load first, then fx.csv (the currency checks need its currencies); the other
// tables then load on LoadOptions::threads threads, and what they produce (problems,
// warnings, dictionary codes) is merged in table order, so the result is the same for any
// number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/load_options.h"
#include "ingest/row_source.h"
#include "ingest/table_problems.h"
#include "ingest/text_dialect.h"
#include "model/dataset.h"

namespace flywheel {

// What was read of one table and what validation did to it.
struct TableQuality {
  Table table = Table::kAccounts;
  std::string file;                    // "accounts.csv" (the source's display name)
  int64_t rows_read = 0;               // data rows in the file
  int64_t rows_loaded = 0;             // rows in the data set
  int64_t repaired = 0;                // rows kept with a repaired value
  int64_t quarantined = 0;             // rows set aside
  std::optional<TextDialect> dialect;  // how the file is written; none for a workspace table
  std::vector<RuleTally> errors;       // the rules that set rows aside, in order of appearance
  std::vector<RuleTally> warnings;     // the rules that repaired or flagged rows
};

// A row set aside, with the fields as read and why.
struct QuarantinedRow {
  int64_t line = 0;
  std::string reason;               // every problem of the row: "column: message; column: message"
  std::vector<std::string> fields;  // as read (the file's columns)
};

struct QuarantinedTable {
  Table table = Table::kAccounts;
  std::string file;                  // display name of the source
  std::vector<std::string> header;   // the file's header, as read
  std::vector<QuarantinedRow> rows;  // in line order
};

struct LoadedDataset {
  Dataset dataset;
  // Lines to show the user: notices (ignored columns), warnings (repairs, flags) and the
  // rows set aside, per file in line order, at most 100 per file and a count of the rest.
  std::vector<std::string> warnings;
  std::vector<TableQuality> quality;          // every present table, in table order
  std::vector<QuarantinedTable> quarantined;  // the tables with rows set aside
};

// Loads every table through `open`, parsing and validating it (types, enums, required
// columns, primary keys, references to accounts and opportunities, dates in order,
// currencies, ranges); see the head of this file for errors and warnings.
Result<LoadedDataset> LoadDataset(const RowSourceOpener& open, const LoadOptions& options = {});

// "opportunities.csv: 38 of 50 rows (76.0 %) cannot be used, more than max_quarantined_share
// allows (5 %): fix the file or its mapping, or raise the setting".
std::string QuarantineShareProblem(const std::string& name, int64_t bad, int64_t rows, double max_share);

// Loads the CSV files of the folder `dir` ("DIR/accounts.csv", ...). A missing folder or a
// missing accounts.csv is kNotFound.
Result<LoadedDataset> LoadDataDirectory(const std::string& dir, const LoadOptions& options = {});

}  // namespace flywheel
