#include "customers/rule_names.h"

namespace flywheel {

const std::vector<std::pair<std::string, std::string>>& MeasureDimensions() {
  static const std::vector<std::pair<std::string, std::string>> kMeasures = {
      {"arr", "revenue"},
      {"revenue_quality", "revenue"},
      {"contribution", "profitability"},
      {"contribution_margin", "profitability"},
      {"effort_hours_per_10k_arr", "service_effort"},
      {"tickets_per_10k_arr", "service_effort"},
      {"escalation_points", "service_effort"},
      {"strategic_share", "product_fit"},
      {"focus_segment", "product_fit"},
      {"tenure_months", "longevity"},
      {"months_to_contract_end", "longevity"},
      {"advocacy_points", "advocacy"},
      {"affinity", "affinity"},
      {"usage_trend", "health"},
      {"nps", "health"},
      {"champion", "health"},
      {"contact_seniority", "health"},
      {"icp_fit", "icp_fit"},
  };
  return kMeasures;
}

const std::vector<std::string>& AccountRuleNames() {
  static const std::vector<std::string> kNames = {
      "industry",     "country",        "region", "segment",      "source",
      "employees",    "annual_revenue", "arr",    "has_champion", "has_decision_maker",
      "top_seniority"};
  return kNames;
}

}  // namespace flywheel
