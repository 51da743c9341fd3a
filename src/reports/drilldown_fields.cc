#include "reports/drilldown_fields.h"

#include <algorithm>
#include <variant>

#include "reports/flywheel_drilldown.h"

namespace flywheel {

std::vector<std::string_view> DrilldownFields(std::string_view report, const ParsedReportOptions& options) {
  if (report == "revenue") {
    return {"mrr",
            "arr",
            "customers",
            "new_mrr",
            "reactivation_mrr",
            "expansion_mrr",
            "contraction_mrr",
            "churned_mrr",
            "net_new_mrr",
            "fx_impact_mrr",
            "new_count",
            "reactivation_count",
            "expansion_count",
            "contraction_count",
            "churned_count",
            "mrr_growth_mom",
            "mrr_growth_yoy",
            "logo_churn_rate",
            "gross_mrr_churn_rate",
            "net_mrr_churn_rate",
            "quick_ratio",
            "arpa",
            "nrr",
            "grr"};
  }
  if (report == "cohorts") return {"accounts", "values", "weighted_average", "age_"};
  if (report == "bowtie") {
    const auto* bowtie = std::get_if<BowtieReportOptions>(&options);
    if (bowtie && bowtie->period_mode) return {"entered", "conversion_rate"};
    return {"entered", "converted", "still_open", "conversion_rate"};
  }
  if (report == "pipeline") {
    return {"won_new",
            "lost_new",
            "win_rate_new",
            "win_rate_new_value",
            "won_expansion",
            "lost_expansion",
            "win_rate_expansion",
            "win_rate_expansion_value",
            "pipeline_generated",
            "opportunities_created_new",
            "opportunities_created_expansion",
            "qualified_leads",
            "lvr",
            "sales_cycle_median_days",
            "sales_cycle_mean_days",
            "sales_cycle_p75_days",
            "sales_cycle_p90_days",
            "expansion_cycle_median_days",
            "expansion_cycle_mean_days",
            "expansion_cycle_p75_days",
            "expansion_cycle_p90_days"};
  }
  if (report == "customers") return {"class", "matrix"};
  if (report == "flywheel") {
    const auto& fields = FlywheelDrilldownFields();
    return {fields.begin(), fields.end()};
  }
  if (report == "ttv")
    return {"accounts", "reached_value", "ttv_median_days", "ttv_mean_days", "within_", "open_"};
  if (report == "efficiency") {
    const auto* efficiency = std::get_if<EfficiencyReportOptions>(&options);
    if (efficiency && efficiency->by_cohort) return {};  // the cohort payback table has no drill-down
    return {"new_customers", "new_mrr",      "net_new_arr",        "sales_marketing_spend",
            "cac",           "gross_margin", "cac_payback_months", "net_burn",
            "burn_multiple", "gtm_spend",    "gtm_spend_ratio",    "magic_number"};
  }
  return {};
}

void MarkDrilldownFields(Report* report, const ParsedReportOptions& options) {
  const std::vector<std::string_view> fields = DrilldownFields(report->name, options);
  auto declared = [&](const std::string& name) {
    return std::any_of(fields.begin(), fields.end(), [&](std::string_view f) {
      return f == name || (f.ends_with('_') && name.starts_with(f));
    });
  };
  for (auto* list : {&report->columns, &report->extra_fields}) {
    for (Column& col : *list) col.drilldown = declared(col.name);
  }
}

}  // namespace flywheel
