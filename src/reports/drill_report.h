// What every drill-down starts from (reports/drilldown.h): the required cell, and the empty
// drill-down report that the rows are added to. A drill-down takes the typed options of its
// report (reports/report_options.h), parsed once by its caller, and the cell as given.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "output/report.h"
#include "reports/report_input.h"

namespace flywheel {

// The cell of a drill-down: none when the caller gave no "cell" parameter.
using DrillCellText = std::optional<std::string>;

// The cell; kUsage "--cell is required (<format>)" when it is missing or empty.
Result<std::string> RequiredCell(const DrillCellText& cell, std::string_view format);

// An empty "drilldown/<report>" report as of `as_of`, in the base currency, with "cell".
Report DrillReport(const std::string& report, const Input& input, Day as_of, std::string_view cell);

// A number, or an empty cell for NaN.
Cell NumberOrNull(double v);

// The period label of the report's calendar that `label` names, among `periods` (period
// starts); kUsage "--cell: no period 'X' in the <report> report" when none does.
Result<Month> FindPeriodLabel(const std::vector<Month>& periods, const PeriodCalendar& calendar,
                              std::string_view label, std::string_view report);

}  // namespace flywheel
