#include "reports/drill_report.h"

#include <fmt/core.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "reports/report_registry.h"

namespace flywheel {

Result<std::string> RequiredCell(const ReportParams& p, std::string_view report, std::string_view format) {
  auto spec = FindReport(report);
  if (!spec.ok()) return spec.status();
  FLYWHEEL_RETURN_IF_ERROR((*spec)->validate(p));
  if (!p.Has("cell") || p.Get("cell").empty())
    return Status::Usage(fmt::format("--cell is required ({})", format));
  return p.Get("cell");
}

Report DrillReport(const std::string& report, const Input& in, Day as_of, const ReportParams& p) {
  Report r;
  r.name = "drilldown/" + report;
  r.as_of = FormatDate(as_of);
  r.currency = in.settings.base_currency;
  r.json_extra.push_back({"cell", nlohmann::json(p.Get("cell")).dump()});
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
