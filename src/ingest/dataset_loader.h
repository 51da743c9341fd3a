// Loading and validating a data set: canonical CSV tables -> Dataset.
//
// Every problem found is collected as "file:line: column: message" (all problems of a file,
// capped at 100 per file with a count of the rest); a data set with any error yields no
// Dataset at all (kBadData, the messages joined with newlines). Warnings (unknown columns,
// dates after the as-of date) do not stop the load.
//
// Accounts load first; the other tables then load on LoadOptions::threads threads, and what
// they produce (problems, warnings, dictionary codes) is merged in table order, so the result
// is the same for any number of threads.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/row_source.h"
#include "model/dataset.h"

namespace flywheel {

struct LoadedDataset {
  Dataset dataset;
  std::vector<std::string> warnings;
};

// Opens the source of one table; returns a null pointer when the table is absent (only
// accounts is required), or an error when it exists but cannot be read.
using RowSourceOpener = std::function<Result<std::unique_ptr<RowSource>>(Table)>;

struct LoadOptions {
  // Dates after this day are reported as warnings. kNullDay: no such check.
  Day warn_after = kNullDay;
  // Threads that read the tables (after accounts, which every other table refers to):
  // 0 = one per core. The result does not depend on it: problems, warnings and dictionary
  // codes are merged in table order. With more than one, the opener is still called on the
  // calling thread, but each source is read on a worker thread, so sources must not share
  // an unsynchronised handle (the workspace's SQLite tables load with 1).
  int threads = 0;
};

// Loads every table through `open`, parsing and validating it (types, enums, required
// columns, primary keys, references to accounts and opportunities, end ≥ start).
Result<LoadedDataset> LoadDataset(const RowSourceOpener& open, const LoadOptions& options = {});

// Loads the CSV files of the folder `dir` ("DIR/accounts.csv", ...). A missing folder or a
// missing accounts.csv is kNotFound.
Result<LoadedDataset> LoadDataDirectory(const std::string& dir, const LoadOptions& options = {});

}  // namespace flywheel
