// The input every data report reads: the data set (a --data folder or a --workspace), the
// settings and the resolved "as of" date, and parsing the shared period and format values.
//
// An Input is immutable once loaded; the server shares one between its handler threads.
#pragma once

#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "model/dataset.h"
#include "output/report_writer.h"
#include "settings/settings.h"

namespace flywheel {

struct InputOptions {
  std::string data_dir;
  std::string workspace_dir;
  std::string settings_path;
  std::string as_of;  // YYYY-MM-DD; overrides the settings file
};

struct Input {
  Dataset dataset;
  Settings settings;
  Day as_of = kNullDay;  // resolved: --as-of, else settings as_of, else latest event date
  std::vector<std::string> warnings;
  std::string workspace_dir;  // the --workspace it came from; "" for --data (score snapshots live there)
  // The market files `flywheel serve` was given (--segments, --beachhead), read by
  // /api/segments… and /api/market/beachhead; "" = none, and those reports answer 404.
  std::string segments_file;
  std::string beachhead_file;
};

// Loads the data set and settings. Settings: --settings FILE, else DATA_DIR/flywheel.toml
// when present, else the flywheel.toml stored in the workspace, else the defaults.
// Warnings are returned in Input::warnings; the caller decides whether to print them.
Result<Input> LoadInput(const InputOptions& options);

// "--format: unknown format 'x' (expected table, json or csv)" on failure.
Result<ReportFormat> ParseFormat(const std::string& format);
// "--period: unknown period 'x' (expected month, quarter or year)" on failure.
Result<Granularity> ParsePeriod(const std::string& period);

}  // namespace flywheel
