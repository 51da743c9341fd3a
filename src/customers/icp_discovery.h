// ICP discovery (customers.md "Finding the ICP in the data"): which account attributes go
// with good customers. Per attribute value: accounts, good rate, lift against the base rate
// and a 95 % Wilson interval; an L2-regularised logistic regression on the one-hot values
// with its AUC on a seeded holdout; and proposed ICP rules in the scorecard rule language.
//
// The outcome of an account (IcpOptions::outcome):
//   retained  MRR > 0 twelve months after its first month with MRR (logo retained)
//   nrr       MRR twelve months after ≥ MRR in its first month (NRR at 12 months ≥ 100 %)
//   good      (default) retained and nrr and contribution > 0 at the twelve-month mark
//             (contribution as account_measures.h computes it, as of that month's end)
//   attr_X    an outcome the data set already records: value true/yes/1 = good,
//             false/no/0 = not good, anything else = left out; attr_X itself is then
//             not used as an attribute.
// The three MRR outcomes cover the accounts whose first twelve months have elapsed by the
// as-of date (first month + 12 ≤ as-of month); attr_X covers every account with a value.
//
// Attributes: industry, country, size_band (employees: 1-49, 50-249, 250-999, 1000-4999,
// 5000+), source, segment and every attr_* column; empty values are left out.
#pragma once

#include <cstdint>
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

struct IcpOptions {
  std::string outcome = "good";  // retained | nrr | good | attr_NAME
  int min_group_size = 20;       // values with fewer accounts are not ranked, modelled or proposed
  double ridge = 1.0;            // λ of the L2 penalty
  double holdout_share = 0.3;    // share of accounts held out for the AUC
  uint64_t seed = 1;             // of the holdout split
  int min_accounts = 100;        // below: "too little data to conclude"
  int min_each_outcome = 20;     // below (good or not good): "too little data to conclude"
};

struct IcpOutcome {
  AccountIndex account = kNoAccount;
  bool good = false;
};

// The accounts with an observable outcome and whether each was good. Fails with kUsage for
// an unknown outcome name or attribute (with "did you mean"), kBadData without
// subscriptions.csv for the MRR outcomes, and like ComputeMrr on missing exchange rates.
Result<std::vector<IcpOutcome>> ComputeIcpOutcomes(const Dataset& data, const Settings& settings,
                                                   const Scorecard& card, Day as_of,
                                                   const IcpOptions& options);

struct IcpValueRow {
  std::string attribute, value;
  std::string rule;  // the value as a scorecard rule, e.g. industry in ["Cybersecurity"]
  int accounts = 0, good = 0;
  double good_rate = 0, lift = 0;
  Interval ci;
  double coefficient = 0;  // of the fitted model; NaN when no model was fitted
};

struct ProposedRule {
  std::string kind;  // "icp" (good rate significantly above the base) or "avoid" (below)
  std::string rule;
  std::string attribute, value;
  double lift = 0;
};

struct IcpDiscovery {
  int accounts = 0, good = 0;
  double base_rate = 0;
  std::vector<IcpValueRow> rows;  // values with ≥ min_group_size accounts, by lift (high first)
  int small_values = 0;           // values left out for having fewer accounts
  int significant = 0;            // rows whose interval excludes the base rate
  bool enough_data = false;
  // The model; fitted only when enough_data.
  bool model_fitted = false;
  double intercept = 0, auc = 0;
  Interval auc_ci;
  int training_accounts = 0, holdout_accounts = 0;
  bool converged = false;
  std::vector<ProposedRule> proposed_rules;
};

// Whether an account falls in the holdout: a hash of (seed, account id) mapped to [0, 1)
// below `share`. Deterministic across runs and platforms.
bool InHoldout(std::string_view account_id, uint64_t seed, double share);

// Runs the discovery over `outcomes` (one per account at most).
IcpDiscovery DiscoverIcp(const Dataset& data, const std::vector<IcpOutcome>& outcomes,
                         const IcpOptions& options);

// JSON: rows of {attribute, value, accounts, good, good_rate, lift, ci_low, ci_high,
// coefficient, rule}, then "model" {intercept, coefficients [{attribute, value,
// coefficient}], auc, auc_ci_low, auc_ci_high, training_accounts, holdout_accounts,
// converged} (null when not fitted) and "proposed_rules" [{kind, rule, attribute, value,
// lift}].
Report IcpReport(const IcpDiscovery& discovery, const IcpOptions& options, const Settings& settings,
                 Day as_of);

}  // namespace flywheel
