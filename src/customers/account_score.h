// AccountScore: an account's measures normalised, weighted and summed into a score and a
// class, with the exact arithmetic kept for explanations (customers.md); its action, reason
// and health trend are chosen afterwards by the playbook (action_choice.h).
//
// For an account, let W be the sum of the weights of the measures that have data. Each such
// measure gets effective weight w / W and points = normalised × w / W; the score is the sum
// of the points (0–100), so missing data is neither good nor bad. Coverage is W over the sum
// of all weights. A dimension's score is the weight-averaged normalised score of its
// measures with data. Class: excluded when an exclusion rule matches, else anti-profile when
// an anti-profile rule matches, else by score (ideal ≥ 80, good ≥ 60, neutral ≥ 40, poor);
// "unscored" when no measure has data. A measure's impact is points − 50 × w / W: what it
// added or took away compared with a neutral 50; the three largest each way are the reasons.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "customers/account_measures.h"
#include "customers/health_trend_value.h"
#include "customers/scorecard.h"
#include "model/dataset.h"

namespace flywheel {

// One measure of one account. The names are views of static text (MeasureDimensions() and the
// method names), so a score list over a million accounts holds no copies of them.
struct MeasureScore {
  std::string_view name, dimension, method;  // method: "bands", "linear", "percentile"
  double raw = 0;                            // NaN: no data
  double normalised = 0;                     // 0–100; NaN when no data
  double weight = 0;                         // the scorecard weight
  double effective_weight = 0;               // weight / W; 0 when no data
  double points = 0;                         // normalised × effective_weight
  double impact = 0;                         // points − 50 × effective_weight
};

struct AccountScore {
  AccountIndex account = kNoAccount;
  std::string account_id;
  double score = 0;   // NaN when unscored
  std::string klass;  // ideal, good, neutral, poor, anti-profile, excluded, unscored
  // Set by ChooseActions (action_choice.h); empty until then, and when no play matched.
  std::string action;
  std::string action_reason;  // the matched play in words, with the values its rule read
  HealthTrend health_trend = HealthTrend::kUnknown;
  std::string matched_rule;  // for anti-profile and excluded
  double coverage = 0;
  std::vector<std::pair<std::string_view, double>>
      dimensions;                      // in scorecard order, names as in MeasureScore; NaN = no data
  std::vector<MeasureScore> measures;  // empty unless ScoreAccounts was asked to keep them
  std::vector<std::string> reasons_up, reasons_down;  // "arr +4.2"
  double fit = 0, health = 0;                         // the icp_fit and health dimensions (NaN = no data)
  double arr = 0, contribution = 0, sunset_arr = 0;
  int executive_escalations = 0;
};

// Normalises one raw value by a measure's bands or linear map (not percentile). NaN stays NaN.
double NormaliseValue(const MeasureSpec& spec, double raw);

// Percentile score of `value` within `group` (values with data): (below + equal / 2) / n ×
// 100, flipped when lower is better.
double PercentileScore(const std::vector<double>& sorted_group, double value, bool lower_is_better);

// Scores every account of `measures`; percentiles compare with all of them. With
// keep_measures false, AccountScore::measures is left empty (everything else is the same):
// the per-measure arithmetic is 18 rows per account, most of a score's memory over a
// million accounts, and only the explanation, snapshots and the backtest read it.
std::vector<AccountScore> ScoreAccounts(const Dataset& data, const Scorecard& card,
                                        const std::vector<AccountMeasures>& measures,
                                        bool keep_measures = true);

// The first exclusion, else the first anti-profile rule that matches; "" when none.
// Sets *excluded accordingly.
std::string MatchedRule(const Scorecard& card, const RuleSubject& subject, bool* excluded);

}  // namespace flywheel
