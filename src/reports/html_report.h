// `flywheel report --html FILE`: one self-contained HTML file with the dashboard's charts of
// the main reports, for mailing to a board. The dashboard's built JS and CSS (the embedded
// assets) and the JSON of each report are inlined; the file makes no network requests.
#pragma once

#include <string>

#include "base/status.h"
#include "reports/report_input.h"
#include "reports/report_params.h"

namespace flywheel {

// Runs the main reports (flywheel, revenue, cohorts nrr/grr/logo, pipeline, bowtie, ttv,
// efficiency, customers) on `input` with `params` (period, segment_by, segment, as_of) and
// writes the page to `path`. A report that cannot be computed from the data set is left
// out (its page says "not available"). Fails on an unwritable path.
Status WriteHtmlReport(const Input& input, const ReportParams& params, const std::string& path);

// The page's text, for tests and for callers that write it themselves.
Result<std::string> RenderHtmlReport(const Input& input, const ReportParams& params);

}  // namespace flywheel
