// Which fields of each report drill down: the numbers GET /api/drilldown/<report> explains
// (reports/drilldown.h gives the cell of each). The JSON "fields" object says it per field
// ("drilldown": true), so that a reader makes exactly those numbers clickable.
#pragma once

#include <string_view>
#include <vector>

#include "output/report.h"
#include "reports/report_options.h"

namespace flywheel {

// The drill-down fields of `report` run with `options` (the bowtie's period mode drills down
// from fewer fields than its cohort mode, the efficiency's cohort payback table from none);
// empty for a report without a drill-down. A name ending in '_' stands for every field it
// begins (cohorts "age_").
std::vector<std::string_view> DrilldownFields(std::string_view report, const ParsedReportOptions& options);

// Sets Column::drilldown on the columns and extra fields of `report` that DrilldownFields names.
void MarkDrilldownFields(Report* report, const ParsedReportOptions& options);

}  // namespace flywheel
