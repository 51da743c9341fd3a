// The names scorecard rules read besides the attr_* columns: the measures, each with the
// dimension it belongs to, and an account's own names (customers.md "Account scorecard").
// The lists only: account_measures.h computes the values, scorecard.h weighs them and
// playbook.h checks the names a play's rule tests against them.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace flywheel {

// The measure names, in report order, and the dimension each belongs to (kMeasureCount of
// them).
inline constexpr size_t kMeasureCount = 18;
const std::vector<std::pair<std::string, std::string>>& MeasureDimensions();

// The names AccountSubject (account_measures.h) gives besides the attr_* columns and the
// measures: industry, country, region, segment, source, employees, annual_revenue, arr,
// has_champion, has_decision_maker, top_seniority.
const std::vector<std::string>& AccountRuleNames();

}  // namespace flywheel
