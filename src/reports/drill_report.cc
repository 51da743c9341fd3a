#include "reports/drill_report.h"

#include <fmt/core.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace flywheel {

Result<std::string> RequiredCell(const DrillCellText& cell, std::string_view format) {
  if (!cell || cell->empty()) return Status::Usage(fmt::format("--cell is required ({})", format));
  return *cell;
}

Report DrillReport(const std::string& report, const Input& in, Day as_of, std::string_view cell) {
  Report r;
  r.name = "drilldown/" + report;
  r.as_of = FormatDate(as_of);
  r.currency = in.settings.base_currency;
  r.json_extra.push_back({"cell", nlohmann::json(cell).dump()});
  return r;
}

Cell NumberOrNull(double v) { return std::isnan(v) ? Cell{} : Cell{v}; }

Result<Month> FindPeriodLabel(const std::vector<Month>& periods, const PeriodCalendar& calendar,
                              std::string_view label, std::string_view report) {
  for (Month p : periods) {
    if (calendar.Label(p) == label) return p;
  }
  return Status::Usage(fmt::format("--cell: no period '{}' in the {} report", label, report));
}

}  // namespace flywheel
