// The lower-case words of each enum of the model (dataset.h), in the order of its values:
// what a CSV file, a report and the canonical schema (schema.h) call them.
#pragma once

#include <string_view>

namespace flywheel {

inline constexpr std::string_view kSeniorityWords[] = {"c_level", "vp", "director", "manager", "individual"};
inline constexpr std::string_view kOpportunityTypeWords[] = {"new", "expansion", "renewal"};
inline constexpr std::string_view kOpportunityStatusWords[] = {"open", "won", "lost"};
inline constexpr std::string_view kForecastCategoryWords[] = {"pipeline", "best_case", "commit", "omitted",
                                                              "closed"};
// BillingPeriod, whose values are 1, 3 and 12 (months).
inline constexpr std::string_view kBillingPeriodWords[] = {"month", "quarter", "year"};
inline constexpr std::string_view kRevenueTypeWords[] = {"recurring", "usage", "one_off", "services"};
inline constexpr std::string_view kEscalationWords[] = {"support", "sales", "management", "executive"};
inline constexpr std::string_view kAdvocacyTypeWords[] = {"reference", "case_study", "testimonial",
                                                          "talk",      "review",     "referral"};
inline constexpr std::string_view kSpendCategoryWords[] = {"marketing", "sales", "customer_success",
                                                           "product", "g_and_a"};
inline constexpr std::string_view kBowtieStageWords[] = {"awareness",  "education", "selection", "commit",
                                                         "onboarding", "impact",    "expansion", "advocacy"};

}  // namespace flywheel
