// The pipeline's drill-down (reports/drilldown.h): cell = "PERIOD:FIELD", the deals, leads or
// cycles behind one number of the pipeline report, with the report's own options.
#pragma once

#include "base/status.h"
#include "output/report.h"
#include "reports/drill_report.h"
#include "reports/report_input.h"
#include "reports/report_options.h"

namespace flywheel {

// Fails with kUsage for a missing or malformed cell, an unknown field or period, or with the
// errors of the pipeline report.
Result<Report> PipelineDrilldown(const Input& input, const PipelineReportOptions& options,
                                 const DrillCellText& cell);

}  // namespace flywheel
