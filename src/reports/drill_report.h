// What every drill-down starts from (reports/drilldown.h): the report's validation and the
// required cell, and the empty drill-down report that the rows are added to.
#pragma once

#include <string>
#include <string_view>

#include "base/date.h"
#include "base/status.h"
#include "output/report.h"
#include "reports/report_input.h"
#include "reports/report_params.h"

namespace flywheel {

// Runs the report spec's validation of `params`, then returns the cell; kUsage
// "--cell is required (<format>)" when it is missing or empty.
Result<std::string> RequiredCell(const ReportParams& params, std::string_view report,
                                 std::string_view format);

// An empty "drilldown/<report>" report as of `as_of`, in the base currency, with "cell".
Report DrillReport(const std::string& report, const Input& input, Day as_of, const ReportParams& params);

// A number, or an empty cell for NaN.
Cell NumberOrNull(double v);

// The period label of the report's calendar that `label` names, among `periods` (period
// starts); kUsage "--cell: no period 'X' in the <report> report" when none does.
Result<Month> FindPeriodLabel(const std::vector<Month>& periods, const PeriodCalendar& calendar,
                              std::string_view label, std::string_view report);

}  // namespace flywheel
