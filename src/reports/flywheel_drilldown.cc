#include "reports/flywheel_drilldown.h"

#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "reports/drill_cell.h"
#include "reports/drill_report.h"
#include "reports/efficiency_drilldown.h"
#include "reports/pipeline_drilldown.h"
#include "reports/revenue_drilldown.h"
#include "reports/ttv_drilldown.h"
#include "segments/segmenter.h"

namespace flywheel {
namespace {

constexpr const char* kFormat = "PERIOD:SEGMENT:FIELD, e.g. 2024-03:all:win_rate_new";

enum class Owner { kRevenue, kPipeline, kTtv, kEfficiency, kFlywheel };

struct Route {
  std::string_view field;
  Owner owner;
};

const std::vector<Route>& Routes() {
  static const std::vector<Route> kRoutes = {
      {"force", Owner::kRevenue},
      {"friction", Owner::kRevenue},
      {"win_rate_new", Owner::kPipeline},
      {"win_rate_expansion", Owner::kPipeline},
      {"sales_cycle_median_days", Owner::kPipeline},
      {"expansion_cycle_median_days", Owner::kPipeline},
      {"ttv_median_days", Owner::kTtv},
      {"ttv_reached_share", Owner::kTtv},
      {"cac_payback_months", Owner::kEfficiency},
      {"burn_multiple", Owner::kEfficiency},
      {"gtm_spend_ratio", Owner::kEfficiency},
      {"lvr", Owner::kFlywheel},
      {"cost_per_sql", Owner::kFlywheel},
      {"cost_per_pipeline_dollar", Owner::kFlywheel},
      {"mrr_growth", Owner::kFlywheel},
      {"mrr_growth_yoy", Owner::kFlywheel},
      {"acv", Owner::kFlywheel},
      {"cohort_grr", Owner::kFlywheel},
      {"cohort_nrr", Owner::kFlywheel},
  };
  return kRoutes;
}

// The pipeline names a segment by its options: the segmenter's attribute and the cell's value;
// the velocity and cycle options are the pipeline's defaults.
Result<PipelineReportOptions> PipelineOptionsFor(const Input& in, const FlywheelReportOptions& o,
                                                 std::string_view segment) {
  PipelineReportOptions out;
  static_cast<PeriodReportOptions&>(out) = o;
  if (segment == kAllSegment) {
    out.segment = "";
    return out;
  }
  auto segmenter = Segmenter::Make(in.dataset, o.segment_by, o.segment, in.settings.segment_attribute);
  if (!segmenter.ok()) return segmenter.status();
  if (segmenter.value().attribute().empty())
    return Status::Usage(fmt::format("--cell: segment '{}' needs segment_by", segment));
  out.segment_by = segmenter.value().attribute();
  out.segment = std::string(segment);
  return out;
}

Result<Report> Routed(Owner owner, const Input& in, const FlywheelReportOptions& o, const std::string& cell,
                      const std::vector<std::string_view>& parts) {
  switch (owner) {
    case Owner::kRevenue:
      return MrrDrilldown("flywheel", in, o, cell);
    case Owner::kPipeline: {
      auto options = PipelineOptionsFor(in, o, parts[1]);
      if (!options.ok()) return options.status();
      return PipelineDrilldown(in, options.value(), fmt::format("{}:{}", parts[0], parts[2]));
    }
    case Owner::kTtv: {
      std::string field(parts[2]);
      if (field == "ttv_reached_share") {
        if (in.settings.ttv_targets_days.empty())
          return Status::Usage("--cell: ttv_reached_share needs ttv_targets_days");
        field = fmt::format("within_{}d_rate", in.settings.ttv_targets_days.front());
      }
      return TtvDrilldown(in, o, fmt::format("{}:{}:{}", parts[0], parts[1], field));
    }
    case Owner::kEfficiency:
    case Owner::kFlywheel:
      return FlywheelLedgerDrilldown(in, o, cell, parts);
  }
  return Status::Usage("--cell: no drill-down");
}

std::string_view OwnerName(Owner owner) {
  switch (owner) {
    case Owner::kRevenue:
      return "revenue";
    case Owner::kPipeline:
      return "pipeline";
    case Owner::kTtv:
      return "ttv";
    case Owner::kEfficiency:
      return "efficiency";
    case Owner::kFlywheel:
      return "flywheel";
  }
  return "";
}

}  // namespace

const std::vector<std::string_view>& FlywheelDrilldownFields() {
  static const std::vector<std::string_view> kFields = [] {
    std::vector<std::string_view> fields;
    for (const Route& r : Routes()) fields.push_back(r.field);
    return fields;
  }();
  return kFields;
}

Result<Report> FlywheelDrilldown(const Input& in, const FlywheelReportOptions& o, const DrillCellText& text) {
  auto required = RequiredCell(text, kFormat);
  if (!required.ok()) return required.status();
  const std::string& cell = required.value();
  const auto parts = SplitCell(cell);
  if (parts.size() != 3) return Status::Usage(fmt::format("--cell: '{}' is not {}", cell, kFormat));
  const auto& routes = Routes();
  auto route =
      std::find_if(routes.begin(), routes.end(), [&](const Route& r) { return r.field == parts[2]; });
  if (route == routes.end()) {
    std::vector<std::string> names(FlywheelDrilldownFields().begin(), FlywheelDrilldownFields().end());
    std::string suggestion = DidYouMeanSuffix(parts[2], names);
    if (suggestion.empty()) suggestion = " (docs/API.md lists the flywheel fields that drill down)";
    return Status::Usage(fmt::format("--cell: unknown field '{}' for flywheel{}", parts[2], suggestion));
  }
  auto routed = Routed(route->owner, in, o, cell, parts);
  if (!routed.ok() || route->owner == Owner::kRevenue) return routed;
  Report& report = routed.value();
  report.name = "drilldown/flywheel";
  report.json_extra.erase(std::remove_if(report.json_extra.begin(), report.json_extra.end(),
                                         [](const auto& kv) { return kv.first == "cell"; }),
                          report.json_extra.end());
  report.json_extra.insert(report.json_extra.begin(), {"cell", nlohmann::json(cell).dump()});
  report.json_extra.push_back({"source", nlohmann::json(OwnerName(route->owner)).dump()});
  if (route->owner != Owner::kFlywheel) {
    report.notes.push_back(
        fmt::format("{} is the {} report's number: these are its rows.", parts[2], OwnerName(route->owner)));
  }
  return routed;
}

}  // namespace flywheel
