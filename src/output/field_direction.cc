#include "output/field_direction.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace flywheel {
namespace {

// Fields of every report whose good direction is clear to a revenue team. Families of
// numbered fields (cohort ages, TTV targets) are matched by FamilyDirection below.
constexpr std::array<std::string_view, 58> kHigher = {
    "mrr",
    "arr",
    "customers",
    "new_mrr",
    "reactivation_mrr",
    "expansion_mrr",
    "net_new_mrr",
    "net_new_arr",
    "new_count",
    "reactivation_count",
    "expansion_count",
    "mrr_growth",
    "mrr_growth_mom",
    "mrr_growth_yoy",
    "quick_ratio",
    "arpa",
    "nrr",
    "grr",
    "acv",
    "cohort_nrr",
    "cohort_grr",
    "values",
    "weighted_average",
    "entered",
    "converted",
    "conversion_rate",
    "cumulative_conversion_rate",
    "conversion_rate_value",
    "cumulative_conversion_rate_value",
    "qualified_leads",
    "lvr",
    "opportunities_created_new",
    "opportunities_created_expansion",
    "pipeline_generated",
    "won_new",
    "won_expansion",
    "win_rate_new",
    "win_rate_new_value",
    "win_rate_expansion",
    "win_rate_expansion_value",
    "sales_velocity_new",
    "sales_velocity_new_per_month",
    "sales_velocity_expansion",
    "sales_velocity_expansion_per_month",
    "open_pipeline",
    "pipeline_coverage",
    "force",
    "speed",
    "momentum",
    "reached_value",
    "ttv_reached_share",
    "new_customers",
    "gross_margin",
    "magic_number",
    "score",
    "fit",
    "health",
    "coverage",
};

constexpr std::array<std::string_view, 30> kLower = {
    "contraction_mrr",
    "churned_mrr",
    "contraction_count",
    "churned_count",
    "logo_churn_rate",
    "gross_mrr_churn_rate",
    "net_mrr_churn_rate",
    "lost_new",
    "lost_expansion",
    "sales_cycle_median_days",
    "sales_cycle_mean_days",
    "sales_cycle_p75_days",
    "sales_cycle_p90_days",
    "expansion_cycle_median_days",
    "expansion_cycle_mean_days",
    "expansion_cycle_p75_days",
    "expansion_cycle_p90_days",
    "dt_median_days",
    "dt_mean_days",
    "ttv_median_days",
    "ttv_mean_days",
    "cost_per_sql",
    "cost_per_pipeline_dollar",
    "cac",
    "cac_payback_months",
    "cac_payback_cohort_months",
    "burn_multiple",
    "gtm_spend_ratio",
    "friction",
    "coverage_needed",
};

bool Digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// age_N (retention at age N: higher), within_Nd_rate (reached value within N days: higher),
// open_Nd (still waiting for value after N days: lower).
GoodDirection FamilyDirection(std::string_view f) {
  if (f.starts_with("age_") && Digits(f.substr(4))) return GoodDirection::kHigher;
  if (f.starts_with("within_") && f.ends_with("d_rate") && Digits(f.substr(7, f.size() - 7 - 6))) {
    return GoodDirection::kHigher;
  }
  if (f.starts_with("open_") && f.ends_with('d') && Digits(f.substr(5, f.size() - 6)))
    return GoodDirection::kLower;
  return GoodDirection::kNone;
}

}  // namespace

GoodDirection GoodDirectionOf(std::string_view field) {
  if (std::find(kHigher.begin(), kHigher.end(), field) != kHigher.end()) return GoodDirection::kHigher;
  if (std::find(kLower.begin(), kLower.end(), field) != kLower.end()) return GoodDirection::kLower;
  return FamilyDirection(field);
}

std::string_view GoodDirectionName(GoodDirection direction) {
  switch (direction) {
    case GoodDirection::kHigher:
      return "higher";
    case GoodDirection::kLower:
      return "lower";
    case GoodDirection::kNone:
      break;
  }
  return "";
}

}  // namespace flywheel
