// The playbook applied: every customer's recommended action, the reason for it and its
// health trend (customers.md "Actions"; playbook.h defines the plays, health_trend.h the
// trend; docs/CUSTOMERS.md "Recommended actions").
//
// Each account gets the action of the first play whose rule matches it. A play with
// executive_sponsor gives an executive sponsor, which takes executive attention:
//   - an account that already has executive escalations holds a seat: the play matches
//     without taking another;
//   - any other account takes one of the seats left in the budget (the budget less the
//     accounts with executive escalations, ExecutiveAttention::room), given in order of ARR
//     (highest first, then account id); when none is left the play does not match, the next
//     plays are tried, and the reason says that the budget is full.
// The reason is the play's `why` (its rule's text when it has none), then the values its
// rule read, in the order written (": class good, health 42.5, health_trend down"; a missing
// value reads "no data"; numbers with up to two decimals), then the executive seat where
// there is one. An account that
// no play matches keeps an empty action (JSON null) and the reason says so.
// Not thread-safe on the same scores; reads `data`, `card` and `measures` only.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "customers/account_measures.h"
#include "customers/account_score.h"
#include "customers/attention_report.h"
#include "customers/scorecard.h"
#include "model/dataset.h"

namespace flywheel {

// What the health trend is measured against: the health of each account (by id) in a score
// snapshot taken as of an earlier date (health_trend.h SnapshotHealth); null for none.
using HealthThen = std::unordered_map<std::string, double>;

// Sets action, action_reason and health_trend of every score.
// REQUIRES: (*scores)[i] is ScoreAccounts' score of measures[i] with `card`.
void ChooseActions(const Dataset& data, const Scorecard& card, const ExecutiveAttention& attention,
                   const std::vector<AccountMeasures>& measures, const HealthThen* health_then,
                   std::vector<AccountScore>* scores);

// The ARR decile of a customer among all of them: 10 − floor(10 × the number of customers
// with a higher ARR / the number of customers); 10 is the top tenth, ties share a decile.
// The ARRs are sorted on the first question (plays that never ask cost nothing), so a
// const object is still not safe to share between threads.
class ArrDeciles {
 public:
  explicit ArrDeciles(const std::vector<AccountScore>& scores) : scores_(scores) {}
  int Of(double arr) const;

 private:
  const std::vector<AccountScore>& scores_;
  mutable std::vector<double> sorted_;  // ascending; filled by the first Of()
};

}  // namespace flywheel
