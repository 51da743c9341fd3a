// The CLI side of the report registry (reports/report_registry.h): running a registered
// report from command-line options and printing it.
#pragma once

#include <string>

#include "base/status.h"
#include "cli/input.h"
#include "reports/report_params.h"

namespace flywheel {

// The shared report options as registry parameters (period, segment_by, segment, format).
ReportParams ParamsFromOptions(const ReportOptions& options);

// Validates `params` for report `name`, loads the input, prints its warnings, runs the
// report (its drill-down, reports/drilldown.h, when params has "cell") and prints it in
// params "format". Errors are returned, not printed.
Status RunAndPrintReport(const char* name, const InputOptions& input, const ReportParams& params);

}  // namespace flywheel
