// How the validating loader (dataset_loader.h) reads a data set: where each table's rows
// come from (RowSourceOpener) and the options of a load (LoadOptions: the as-of check,
// threads, the quarantine and currency policies, which warnings are shown).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "ingest/row_source.h"
#include "model/dataset.h"

namespace flywheel {

// Opens the source of one table; returns a null pointer when the table is absent (only
// accounts is required), or an error when it exists but cannot be read.
using RowSourceOpener = std::function<Result<std::unique_ptr<RowSource>>(Table)>;

// Rows with errors: all or nothing (the default), or set aside.
struct QuarantinePolicy {
  bool enabled = false;
  // The largest share of a table's rows that may be set aside; more fails the load (that
  // is a mapping problem, not dirty data). Settings `max_quarantined_share`, default 0.05.
  double max_share = 0.05;
};

// The currencies a data set may use without a rate: the base currency and the pinned ones.
struct CurrencyPolicy {
  std::string base = "USD";
  std::vector<std::string> pinned;
};

struct LoadOptions {
  // Dates after this day are reported as warnings. kNullDay: no such check.
  Day warn_after = kNullDay;
  // Threads that read the tables (after accounts, which every other table refers to):
  // 0 = one per core. The result does not depend on it: problems, warnings and dictionary
  // codes are merged in table order. With more than one, the opener is still called on the
  // calling thread, but each source is read on a worker thread, so sources must not share
  // an unsynchronised handle (the workspace's SQLite tables load with 1).
  int threads = 0;
  QuarantinePolicy quarantine;
  // Whether the warnings of rows (repairs, flags) go into LoadedDataset::warnings; they are
  // counted in `quality` either way. A workspace's rows were shown when they were imported.
  bool show_row_warnings = true;
  // When set, a currency of subscriptions and opportunities other than these needs at least
  // one fx.csv row (rule currency_without_rate). Currency codes are always upper-cased and
  // checked against ISO 4217.
  std::optional<CurrencyPolicy> currencies;
};

}  // namespace flywheel
