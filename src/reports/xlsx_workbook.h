// `flywheel report --xlsx FILE`: the main reports as one Excel workbook, a sheet per report
// with typed cells (numbers as numbers, rates with a % format, dates as dates) and native
// charts: MRR (line) and movements (stacked column) on the revenue sheet, a colour scale on
// the cohort triangle, bars for the bowtie.
#pragma once

#include <string>

#include "base/status.h"
#include "reports/report_input.h"
#include "reports/report_params.h"

namespace flywheel {

// Runs revenue, cohorts, pipeline, bowtie, efficiency, flywheel and customers (every
// customer's score, class, action and the reason for it, as of the date) with `params`
// (period, segment_by, segment, as_of; customers reads the date only); a report the data
// cannot give becomes a sheet holding its error message. Writes to "PATH.tmp" and renames it to `path`, so a
// failed run leaves no half-written file. Fails (kIo) when the file cannot be written.
Status WriteXlsxReport(const Input& input, const ReportParams& params, const std::string& path);

}  // namespace flywheel
