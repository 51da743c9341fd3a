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
#include "reports/report_input.h"
#include "settings/settings.h"

namespace CLI {
class App;
}

namespace flywheel {

// Adds --data, --workspace, --settings, --as-of and, unless the command gives --snapshot a
// meaning of its own (customers), --snapshot N.
void AddInputOptions(CLI::App* app, InputOptions* options, bool snapshot_option = true);

void PrintWarnings(const std::vector<std::string>& warnings);

struct ReportOptions {
  std::string period = "month";
  std::string segment_by;  // default: the settings' segment attribute, when --segment-by given without
                           // value... see AddReportOptions
  std::string segment;     // filter: only this segment value
  std::string format = "table";
  std::string cell;  // a drill-down cell (reports/drilldown.h): the rows behind that number
};

// Adds --period, --segment-by, --segment, --cell, --format.
void AddReportOptions(CLI::App* app, ReportOptions* options);
// Adds only --format.
void AddFormatOption(CLI::App* app, std::string* format);

// Renders `report` in `format` to stdout.
Status PrintReport(const Report& report, const std::string& format);

}  // namespace flywheel
