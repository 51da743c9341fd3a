// The executive attention budget (customers.md): accounts with executive escalations in the
// last 12 months against the budget (settings attention.executive_budget, default 10).
#pragma once

#include <vector>

#include "customers/account_score.h"
#include "output/report.h"
#include "settings/settings.h"

namespace flywheel {

// How much executive attention the customers take: the accounts with executive escalations
// in the last 12 months against the budget. The report below and the playbook's executive
// sponsors (action_choice.h) read the same count.
struct ExecutiveAttention {
  int accounts = 0;  // with at least one executive escalation
  int budget = 0;    // settings attention.executive_budget
  bool over_budget() const { return accounts > budget; }
  // Accounts that may still be given executive attention (0 when the budget is taken).
  int room() const { return accounts < budget ? budget - accounts : 0; }
};
ExecutiveAttention CountExecutiveAttention(const std::vector<AccountScore>& scores, const Settings& settings);

// Rows: account_id, executive_escalations, arr — most escalations first (then ARR, id).
// over_budget when more accounts than the budget; then the note and stderr-worthy warning
// "N accounts need executive attention, budget B: the model does not scale" is in
// `*warning` (empty otherwise). JSON: {budget, over_budget, accounts:[...]}.
Report AttentionReport(const std::vector<AccountScore>& scores, const Settings& settings, Day as_of,
                       std::string* warning);

}  // namespace flywheel
