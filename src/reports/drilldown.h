// Drill-downs: the rows behind one number of a report (GET /api/drilldown/<report>).
//
// revenue: cell = "PERIOD:SEGMENT:MOVEMENT" ("2024-Q1:all:new", with the period label the
// report prints, "all" or a value of segment_by, and new | reactivation | expansion |
// contraction | churn). The rows are the accounts with that movement in the period and
// their amounts, which add up to the report's <movement>_mrr for that row.
#pragma once

#include <string_view>

#include "base/status.h"
#include "output/report.h"
#include "reports/report_input.h"
#include "reports/report_params.h"

namespace flywheel {

// Fails with kNotFound for a report without a drill-down, kUsage for a missing or
// malformed cell, or the errors of the report itself.
Result<Report> Drilldown(std::string_view report, const Input& input, const ReportParams& params);

}  // namespace flywheel
