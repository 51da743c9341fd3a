// AccountMeasures: the raw value of every scorecard measure for one account as of a date,
// plus the attributes rules can test (customers.md "Account scorecard").
//
// Measures (NaN = no data, left out of the score):
//   arr                       12 × MRR on the as-of date (revenue/mrr_series.h)
//   revenue_quality           Σ share × type score of the last 12 months' revenue by type
//                             ([revenue_quality]; recurring/usage/services pro rata of the
//                             days inside the window, one_off when it started inside it)
//   contribution              ARR × gross margin − service cost; gross margin is the
//                             ARR-weighted margin of the active rows (settings default when
//                             a row has none); service cost = effort hours × hourly +
//                             Σ escalation costs, tickets opened in the last 365 days
//   contribution_margin       contribution / ARR
//   effort_hours_per_10k_arr  effort hours in the last 365 days per 10,000 of ARR
//   tickets_per_10k_arr       tickets opened in the last 365 days per 10,000 of ARR
//   escalation_points         escalations in the last 365 days: sales 1, management 3,
//                             executive 10
//   strategic_share           MRR-weighted: strategic lines 100, maintenance 50, sunset 0,
//                             other lines 50 (no data when no product lines are configured)
//   focus_segment             100 when the segment is a focus segment, else 0
//   tenure_months             months from the first month with MRR to the as-of month
//   months_to_contract_end    months (days / 30.4375) to the latest end of the active
//                             recurring rows; no data when one of them has no end
//   advocacy_points           Σ type points × 0.5^(age / advocacy half-life)
//   affinity                  the affinity attribute, a number 0–5
//   usage_trend               usage value in the last 30 days ÷ (the 90 days before ÷ 3)
//   nps                       NPS answers weighted by 0.5^(age / health half-life)
//                             (AccountMeasures::nps_before: the same of the answers up to
//                             90 days before the as-of date, for the health trend)
//   champion                  1 when a contact is a champion, 0 when none is
//   contact_seniority         best contact seniority: c_level 100, vp 80, director 60,
//                             manager 40, individual 20
//   icp_fit                   Σ points of the matching ICP rules, capped to 0–100
// Events after the as-of date are ignored.
#pragma once

#include <array>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "customers/rule_expression.h"
#include "customers/rule_names.h"
#include "customers/scorecard.h"
#include "model/dataset.h"
#include "revenue/mrr_series.h"
#include "settings/settings.h"

namespace flywheel {

struct AccountMeasures {
  AccountIndex account = kNoAccount;
  std::array<double, kMeasureCount> raw{};  // one per MeasureDimensions(), NaN when no data
  double arr = 0;                           // base currency
  double contribution = 0;                  // NaN when arr is 0
  double sunset_arr = 0;                    // ARR on sunset product lines
  int executive_escalations = 0;            // tickets escalated to executives in the last 365 days
  // The nps measure of the answers given up to 90 days before the as-of date (weighted as the
  // measure weighs them); NaN when there were none. health_trend.h compares the two.
  double nps_before = std::numeric_limits<double>::quiet_NaN();
  // Persona facts for rules: -1 unknown (no contacts), else 0 / 1; "" when unknown (a view
  // of SeniorityName's static text).
  int has_champion = -1, has_decision_maker = -1;
  std::string_view top_seniority;
};

// Computes the measures of every account with ARR > 0 on `as_of` (the customers), or of
// every account when `all_accounts`. Needs subscriptions.csv (kBadData otherwise) and
// fails like ComputeMrr on a missing exchange rate. ARR and tenure come from `series` when
// given (ComputeMrr of the same data, settings and date, e.g. the one a suite shares), else
// from a series computed here and freed before the other sources are read.
Result<std::vector<AccountMeasures>> ComputeAccountMeasures(const Dataset& data, const Settings& settings,
                                                            const Scorecard& card, Day as_of,
                                                            bool all_accounts = false,
                                                            const MrrSeries* series = nullptr);

// What rules read of an account besides its attributes and its measures: ARR and the persona
// facts of AccountMeasures, in 16 bytes (prospects keep them for every account, where the
// measures take about 210 bytes an account).
struct AccountFacts {
  double arr = 0;
  int8_t has_champion = -1, has_decision_maker = -1;  // -1 unknown (no contacts), else 0 / 1
  int8_t top_seniority = -1;                          // a Seniority; -1 unknown
};
// The facts of every account on `as_of`, by account index, with exactly the values
// ComputeAccountMeasures gives them; ARR from `series` (ComputeMrr of `as_of`). Needs
// subscriptions.csv, as ComputeAccountMeasures does.
Result<std::vector<AccountFacts>> ComputeAccountFacts(const Dataset& data, const MrrSeries& series,
                                                      Day as_of);
// The measures of an account that has only its facts: ARR and persona set, every raw measure
// NaN. AccountSubject of it gives a rule what AccountSubject of the full measures would, for
// every name but the measures' own (RulesReadMeasures).
AccountMeasures MeasuresFromFacts(AccountIndex a, const AccountFacts& facts);
// True when a rule of the card (ICP, anti-profile, exclusion) tests a measure by its name,
// other than arr: then the facts are not enough and the measures must be computed.
bool RulesReadMeasures(const Scorecard& card);

// The values rules see for an account: industry, country, region, segment, source (texts),
// employees, annual_revenue, arr, has_champion, has_decision_maker (numbers), top_seniority,
// every attr_* column, and every measure except icp_fit by its name. `m` may be null for a
// prospect without measures. `segment`, when not null, replaces the account's segment (a
// lead's own). Borrows `data` and `m`; texts are views of them.
RuleSubject AccountSubject(const Dataset& data, AccountIndex a, const AccountMeasures* m,
                           Code segment = kNullCode);
// AccountRuleNames() (rule_names.h) lists the names it gives besides attr_* and the measures.

// Σ points of the ICP rules that match `subject`, capped to 0–100; NaN when there are no
// rules.
double IcpFit(const Scorecard& card, const RuleSubject& subject);

}  // namespace flywheel
