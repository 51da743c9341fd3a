#include "output/field_label.h"

#include <array>
#include <cctype>
#include <utility>

namespace flywheel {
namespace {

// Fields whose words are not their name's.
constexpr std::array<std::pair<std::string_view, std::string_view>, 62> kLabels = {{
    {"mrr", "MRR"},
    {"arr", "ARR"},
    {"new_mrr", "New MRR"},
    {"reactivation_mrr", "Reactivation MRR"},
    {"expansion_mrr", "Expansion MRR"},
    {"contraction_mrr", "Contraction MRR"},
    {"churned_mrr", "Churned MRR"},
    {"net_new_mrr", "Net new MRR"},
    {"net_new_arr", "Net new ARR"},
    {"fx_impact_mrr", "FX impact MRR"},
    {"new_count", "New accounts"},
    {"reactivation_count", "Reactivated accounts"},
    {"expansion_count", "Expanding accounts"},
    {"contraction_count", "Contracting accounts"},
    {"churned_count", "Churned accounts"},
    {"mrr_growth", "MRR growth"},
    {"mrr_growth_mom", "MRR growth (period on period)"},
    {"mrr_growth_yoy", "MRR growth YoY"},
    {"logo_churn_rate", "Logo churn rate"},
    {"gross_mrr_churn_rate", "Gross MRR churn rate"},
    {"net_mrr_churn_rate", "Net MRR churn rate"},
    {"quick_ratio", "Quick ratio"},
    {"arpa", "ARPA"},
    {"nrr", "NRR"},
    {"grr", "GRR"},
    {"acv", "ACV"},
    {"acv_source", "ACV source"},
    {"cohort_nrr", "Cohort NRR"},
    {"cohort_grr", "Cohort GRR"},
    {"start_mrr", "Start MRR"},
    {"lvr", "Lead velocity rate"},
    {"win_rate_new", "Win rate (new)"},
    {"win_rate_new_value", "Win rate by value (new)"},
    {"win_rate_expansion", "Win rate (expansion)"},
    {"win_rate_expansion_value", "Win rate by value (expansion)"},
    {"won_new", "Won deals (new)"},
    {"lost_new", "Lost deals (new)"},
    {"won_expansion", "Won deals (expansion)"},
    {"lost_expansion", "Lost deals (expansion)"},
    {"sales_cycle_median_days", "Sales cycle (median)"},
    {"sales_cycle_mean_days", "Sales cycle (mean)"},
    {"expansion_cycle_median_days", "Expansion cycle (median)"},
    {"sales_velocity_new_per_month", "Sales velocity per month (new)"},
    {"cost_per_pipeline_dollar", "Cost per pipeline dollar"},
    {"cac", "CAC"},
    {"cac_payback_months", "CAC payback (months)"},
    {"cac_payback_cohort_months", "CAC payback of the cohort (months)"},
    {"sales_marketing_spend", "Sales and marketing spend"},
    {"gtm_spend", "GTM spend"},
    {"gtm_spend_ratio", "GTM spend ratio"},
    {"ttv_median_days", "Time to value (median)"},
    {"ttv_mean_days", "Time to value (mean)"},
    {"ttv_reached_share", "Share that reached value"},
    {"conversion_rate", "Conversion to the next stage"},
    {"cumulative_conversion_rate", "Cumulative conversion"},
    {"dt_median_days", "Δt to the next stage (median)"},
    {"dt_mean_days", "Δt to the next stage (mean)"},
    {"force", "Force (ARR)"},
    {"friction", "Friction (ARR)"},
    {"speed", "Speed (turns per year)"},
    {"account_id", "Account"},
    {"account_name", "Account name"},
}};

constexpr std::array<std::string_view, 18> kAbbreviations = {"mrr", "arr",  "nrr", "grr", "cac", "lvr",
                                                             "acv", "arpa", "ttv", "fx",  "gtm", "sql",
                                                             "icp", "nps",  "id",  "csv", "yoy", "cr"};

std::string Word(std::string_view w) {
  for (std::string_view a : kAbbreviations) {
    if (w == a) {
      std::string up(w);
      for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return up == "YOY" ? "YoY" : up;
    }
  }
  return std::string(w);
}

}  // namespace

std::string FieldLabel(std::string_view field) {
  for (const auto& [name, label] : kLabels) {
    if (name == field) return std::string(label);
  }
  std::string out;
  size_t start = 0;
  while (start <= field.size()) {
    size_t end = field.find('_', start);
    if (end == std::string_view::npos) end = field.size();
    if (end > start) {
      if (!out.empty()) out += ' ';
      out += Word(field.substr(start, end - start));
    }
    start = end + 1;
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace flywheel
