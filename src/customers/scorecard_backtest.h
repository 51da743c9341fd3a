// The scorecard backtest (customers.md "Check the scorecard against reality"): the
// scorecard replayed as of a past date, using only data up to that date, against what each
// account's MRR did between then and the as-of date.
//
// Accounts: those with MRR > 0 on the past date (the customers then). Outcome from MRR on
// the past date (then) and on the as-of date (now): churned (now = 0), contracted
// (0 < now < then), flat (now = then) or grew (now > then). "Lost revenue" = churned or
// contracted. AUC = the probability that an account that lost revenue scored lower than
// one that did not (ties one half), with a 95 % Hanley–McNeil interval; per measure the
// same with its normalised score (measures with weight 0 are switched off and left out). Unscored accounts
// are left out of the AUCs.
#pragma once

#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "customers/icp_statistics.h"
#include "customers/scorecard.h"
#include "model/dataset.h"
#include "output/report.h"
#include "settings/settings.h"

namespace flywheel {

struct BacktestClassRow {
  std::string klass;
  int accounts = 0, churned = 0, contracted = 0, flat = 0, grew = 0;
};

struct BacktestAuc {
  std::string name;  // "score" or a measure
  double auc = 0;
  Interval ci;
  int accounts = 0, lost = 0;  // with data; of which lost revenue
};

struct Backtest {
  Day past = kNullDay, as_of = kNullDay;
  int accounts = 0, churned = 0, contracted = 0, flat = 0, grew = 0;
  std::vector<BacktestClassRow>
      classes;  // ideal, good, neutral, poor, anti-profile, excluded, unscored (present only)
  BacktestAuc score;
  std::vector<BacktestAuc> measures;  // in scorecard order; measures without data left out
};

// REQUIRES: months > 0. Fails like ComputeAccountMeasures / ComputeMrr.
Result<Backtest> RunBacktest(const Dataset& data, const Settings& settings, const Scorecard& card, Day as_of,
                             int months);

// "too few accounts to tell" with fewer than 10 accounts that lost revenue or fewer than 10
// that did not; else "no better than chance" when the interval includes 0.5 (or there is no
// AUC), else "better than chance" / "worse than chance".
std::string AucVerdict(const BacktestAuc& auc);

// Rows: one per class (accounts, churned, contracted, flat, grew, churn_rate,
// contraction_rate); JSON adds "past", "outcomes", "auc" {auc, ci_low, ci_high, accounts,
// lost, verdict} and "measures" [{measure, auc, ci_low, ci_high, accounts, lost, verdict}].
Report BacktestReport(const Backtest& backtest, int months, const Settings& settings);

}  // namespace flywheel
