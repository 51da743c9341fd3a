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
  int64_t accounts = 2000;               // number of companies (customers and prospects)
  uint64_t seed = 7;                     // same seed, same files, byte for byte
  int months = 36;                       // months of history ending with the month of `end`
  Day end = DayFromCivil(2025, 12, 31);  // the as-of date written to flywheel.toml
  // Volume knobs (the benchmark's scale data sets). Mean number of leads per account from
  // companies not (yet) known as accounts (Poisson); each account also has its own lead.
  double anonymous_leads = 1.3;
  // One subscription row per billing term (a month, a quarter or a year from the row's start,
  // as a billing system exports its invoice periods) instead of one per price period, and a
  // renewal opportunity for every quarterly term as for every annual one. The MRR of every
  // account and month is the same either way.
  bool billing_terms = false;
  // Mean number (Poisson) of outbound opportunities per account: `new` deals that sales opened
  // on the company before it became a customer (or at any time when it never did), lost at
  // the first or second stage, or still open at the end when the company never bought. They
  // draw from a random stream of their own and are never won, so every other row's values
  // and every account's MRR are those of the data set without them (ids of later deals shift).
  double outbound_deals = 0;
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
