// The input every data report reads: the data set (a --data folder or a --workspace), the
// settings and the resolved "as of" date, and parsing the shared period and format values.
//
// An Input is immutable once loaded; the server shares one between its handler threads.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "bowtie/stage_dates.h"
#include "ingest/dataset_loader.h"
#include "model/dataset.h"
#include "output/report_writer.h"
#include "reports/per_date_memo.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "segments/account_segments.h"
#include "settings/settings.h"

namespace flywheel {

struct InputOptions {
  std::string data_dir;
  std::string workspace_dir;
  std::string settings_path;
  std::string as_of;     // YYYY-MM-DD; overrides the settings file
  int load_threads = 0;  // threads reading the CSV files of data_dir (LoadOptions::threads)
  int64_t snapshot = 0;  // with workspace_dir: the snapshot to read; 0 = the latest
  // Any row error fails the load of data_dir (default: rows with errors are set aside, up to
  // the settings' max_quarantined_share, as an import does).
  bool strict = false;
};

// The MRR series as of one date and its movements (also indexed by account): what the
// revenue, cohort, bowtie, ttv, efficiency and flywheel reports all start from.
struct MrrBasis {
  MrrSeries series;
  std::vector<AccountMovement> movements;
  MovementsByAccount movements_by_account;
};

struct ScoredCustomers;  // reports/scored_customers.h

// Data derived from an Input that several reports start from, computed once per "as of"
// date and shared: the reports of one suite run, and the requests of a server, do not each
// recompute it. It is a pure function of the data set, the settings and the date (all fixed
// for an Input), so sharing it changes no result. Thread-safe.
class DerivedData {
 public:
  using MrrResult = Result<std::shared_ptr<const MrrBasis>>;
  using ScoredResult = Result<std::shared_ptr<const ScoredCustomers>>;
  // The MRR basis (latest two dates kept). Fails as ComputeMrr does (a missing fx rate).
  MrrResult Mrr(const Dataset& data, const Settings& settings, Day as_of);
  // The customers scored with the built-in scorecard (reports/report_registry.h,
  // ScoreCustomers without --scorecard): what the customers, attention and migration reports
  // and the customers drill-down start from. The latest date is kept; `compute` scores it
  // when it is not.
  ScoredResult Scored(Day as_of, const std::function<Result<ScoredCustomers>()>& compute);
  using StagesResult = Result<std::shared_ptr<const StageDates>>;
  // The bowtie stage dates of the accounts (StageUnits::kAccounts) from the MRR basis's
  // movements (none without subscriptions.csv): what time to value and the flywheel read, and
  // what the bowtie adds the leads' own units to. The latest date is kept. Fails as
  // Mrr or ComputeStageDates does.
  StagesResult AccountStages(const Dataset& data, const Settings& settings, Day as_of);
  // Indexes of the data set alone, built on first use: the accounts grouped by an attribute
  // (SegmentAccounts; an unknown attribute fails each time, as SegmentAccounts does), and the
  // rows of the won `new` opportunities (revenue/revenue_report.h WonNewOpportunityRows). They
  // let a one-segment request of the server visit that segment's accounts alone.
  Result<std::shared_ptr<const AccountSegments>> Segments(const Dataset& data, const std::string& attribute);
  std::shared_ptr<const std::vector<uint32_t>> WonNewOpportunities(const Dataset& data);
  // Forgets everything (benchmarks time a phase from nothing).
  void Clear();

 private:
  PerDateMemo<MrrBasis> mrr_{2};
  PerDateMemo<ScoredCustomers> scored_{1};
  PerDateMemo<StageDates> stages_{1};
  std::mutex index_mu_;
  std::vector<std::shared_ptr<const AccountSegments>> segments_;  // one per attribute asked for
  std::shared_ptr<const std::vector<uint32_t>> won_new_;
};

struct Input {
  Dataset dataset;
  Settings settings;
  Day as_of = kNullDay;  // resolved: --as-of, else settings as_of, else latest event date
  std::vector<std::string> warnings;
  std::vector<TableQuality> quality;  // per table: how it was read, repaired, set aside
  std::string workspace_dir;  // the --workspace it came from; "" for --data (score snapshots live there)
  int64_t snapshot = 0;       // the workspace's snapshot it holds; 0 for --data
  // The market files `flywheel serve` was given (--segments, --beachhead), read by
  // /api/segments… and /api/market/beachhead; "" = none, and those reports answer 404.
  std::string segments_file;
  std::string beachhead_file;
  // Shared derived data (see DerivedData); reports reach it through a const Input.
  std::unique_ptr<DerivedData> derived = std::make_unique<DerivedData>();
};

// The shared MRR basis of `in` as of `as_of` (in.derived); fails with "revenue needs
// subscriptions.csv" when the data set has none.
Result<std::shared_ptr<const MrrBasis>> LoadMrr(const Input& in, Day as_of);

// Loads the data set and settings. Settings: --settings FILE, else DATA_DIR/flywheel.toml
// when present, else the flywheel.toml stored with the workspace's snapshot, else the
// defaults. A snapshot other than the latest needs a workspace (kUsage with --data).
// Warnings are returned in Input::warnings; the caller decides whether to print them.
Result<Input> LoadInput(const InputOptions& options);

// "--format: unknown format 'x' (expected table, json or csv)" on failure.
Result<ReportFormat> ParseFormat(const std::string& format);
// "--period: unknown period 'x' (expected month, quarter or year)" on failure.
Result<Granularity> ParsePeriod(const std::string& period);

}  // namespace flywheel
