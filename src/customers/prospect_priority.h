// Prospect prioritisation (customers.md): open opportunities and open leads scored with the
// scorecard's ICP-fit and exclusion rules, so sales time goes to the sweet spot first.
#pragma once

#include <vector>

#include "base/status.h"
#include "customers/account_measures.h"
#include "customers/scorecard.h"
#include "model/dataset.h"
#include "output/report.h"
#include "settings/settings.h"

namespace flywheel {

// Priority of one prospect: "disqualify" when an exclusion or anti-profile rule matches;
// else "Prio 1" when fit ≥ card.prio1_fit, "Prio 2" when fit ≥ card.prio2_fit or when there
// are no ICP rules (fit NaN), else "disqualify".
std::string ProspectPriority(const Scorecard& card, double fit, bool rule_matched);

// Rows: kind (opportunity | lead), id, account_id, fit, priority, matched_rule, amount.
// An opportunity's amount is in the base currency: converted with the revenue engine's rule
// (revenue/currency.h: pinned rate, else the fx.csv rate) of the as-of month, as the
// pipeline report converts open deals; a missing rate is kBadData naming the currency, the
// month and the opportunity ("fx.csv: no rate for EUR in 2024-12 (needed by opportunity O-1)").
// Opportunities: status open and created on or before `as_of`. Leads: created on or before
// `as_of`, whose account (if any) has no ARR and no open opportunity. `measures` holds every
// account (ComputeAccountMeasures with all_accounts). The rows are given on demand
// (Report::row_at, read with ForEachRow) and read `data`, which must outlive the report.
// Sorted Prio 1, Prio 2, disqualify,
// then by fit (highest first), then id.
Result<Report> ProspectsReport(const Dataset& data, const Settings& settings, const Scorecard& card,
                               const std::vector<AccountMeasures>& measures, Day as_of);
// The same report from the facts of every account (ComputeAccountFacts, by account index),
// for a card whose rules test no measure (RulesReadMeasures false): the same rows as from the
// measures, without computing or holding them (about 210 bytes an account against 16).
Result<Report> ProspectsReport(const Dataset& data, const Settings& settings, const Scorecard& card,
                               const std::vector<AccountFacts>& facts, Day as_of);

}  // namespace flywheel
