// The demo data generator: a realistic, deterministic B2B SaaS company with every table of
// the data model, written as canonical CSV files plus a flywheel.toml.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"

namespace flywheel {

struct DemoOptions {
  int64_t accounts = 2000;  // number of companies (customers and prospects)
  uint64_t seed = 7;        // same seed, same files, byte for byte
  int months = 36;          // months of history ending with the month of `end`
  Day end = DayFromCivil(2025, 12, 31);  // the as-of date written to flywheel.toml
  // Volume knobs (the benchmark's scale data sets). Mean number of leads per account from
  // companies not (yet) known as accounts (Poisson); each account also has its own lead.
  double anonymous_leads = 1.3;
  // One subscription row per billing term (a month, a quarter or a year from the row's start,
  // as a billing system exports its invoice periods) instead of one per price period, and a
  // renewal opportunity for every quarterly term as for every annual one. The MRR of every
  // account and month is the same either way.
  bool billing_terms = false;
};

// Writes accounts.csv ... journey.csv and flywheel.toml into `out_dir` (created if
// missing). Files are written to temporary names and renamed at the end, so a failed run
// leaves no half-written data set. Returns kIo on file-system errors.
Status WriteDemoDataSet(const std::string& out_dir, const DemoOptions& options);

// One written CSV file and its number of data rows (the header not counted).
struct DemoFileSummary {
  std::string file_name;  // "accounts.csv", ...
  int64_t rows = 0;
};

// As above; on success also sets `*files` (when not null) to the 14 CSV files in the
// order of the data model, with their row counts.
Status WriteDemoDataSet(const std::string& out_dir, const DemoOptions& options,
                        std::vector<DemoFileSummary>* files);

}  // namespace flywheel
