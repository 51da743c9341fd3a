// The options every report shares, and loading its input: --data DIR or --workspace WS,
// --settings FILE, --as-of DATE, --period, --segment-by, --segment, --format.
#pragma once

#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "model/dataset.h"
#include "output/report.h"
#include "output/report_writer.h"
#include "settings/settings.h"

namespace CLI {
class App;
}

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
};

// Adds --data, --workspace, --settings, --as-of.
void AddInputOptions(CLI::App* app, InputOptions* options);

// Loads the data set and settings. Settings: --settings FILE, else DATA_DIR/flywheel.toml
// when present, else the flywheel.toml stored in the workspace, else the defaults.
// Warnings are printed to stderr by the caller (PrintWarnings).
Result<Input> LoadInput(const InputOptions& options);
void PrintWarnings(const std::vector<std::string>& warnings);

struct ReportOptions {
  std::string period = "month";
  std::string segment_by;  // default: the settings' segment attribute, when --segment-by given without value... see AddReportOptions
  std::string segment;     // filter: only this segment value
  std::string format = "table";
};

// Adds --period, --segment-by, --segment, --format.
void AddReportOptions(CLI::App* app, ReportOptions* options);
// Adds only --format.
void AddFormatOption(CLI::App* app, std::string* format);

Result<ReportFormat> ParseFormat(const std::string& format);
Result<Granularity> ParsePeriod(const std::string& period);

// Renders `report` in `format` to stdout.
Status PrintReport(const Report& report, const std::string& format);

}  // namespace flywheel
