// The cohorts' drill-down (reports/drilldown.h): cell = "COHORT:AGE", "COHORT:SEGMENT:AGE" or
// "average:AGE"; the accounts of the cohort with their start MRR, MRR at the age and their part
// of the metric's numerator and denominator, with the report's own options.
#pragma once

#include "base/status.h"
#include "output/report.h"
#include "reports/drill_report.h"
#include "reports/report_input.h"
#include "reports/report_options.h"

namespace flywheel {

// Fails with kUsage for a missing or malformed cell, an unknown cohort or segment, an age the
// cohort has not reached, or with the errors of the cohorts report.
Result<Report> CohortsDrilldown(const Input& input, const CohortsReportOptions& options,
                                const DrillCellText& cell);

}  // namespace flywheel
