// The runs of the market reports from their typed options (reports/report_options.h):
// segment ranking and sensitivity, beachhead sizing (the TOML files `flywheel serve` was given
// with --segments and --beachhead), the Bass forecast and its fit to the data set.
#pragma once

#include "base/status.h"
#include "output/report.h"
#include "reports/report_input.h"
#include "reports/report_options.h"

namespace flywheel {

// kNotFound without a scoring file (Input::segments_file).
Result<Report> RunSegments(const Input& input, const SegmentsReportOptions& options);
Result<Report> RunSegmentSensitivity(const Input& input, const SensitivityReportOptions& options);
// kNotFound without a beachhead file (Input::beachhead_file).
Result<Report> RunBeachhead(const Input& input, const BeachheadReportOptions& options);
Result<Report> RunForecast(const Input& input, const ForecastReportOptions& options);
Result<Report> RunFit(const Input& input, const FitReportOptions& options);

}  // namespace flywheel
