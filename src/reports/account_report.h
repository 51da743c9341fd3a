// The account directory and one account's page (docs/API.md "Accounts"):
//
// `accounts`: one row per customer (MRR > 0 on the as-of date) with its name, segment, plan,
// MRR, ARR and first paying month, highest MRR first — what the dashboard's customer list
// shows beside the scorecard.
//
// `account` (param `account`, required): one account: its MRR per month from its first paying
// month to the as-of month with the month's movement (rows), its attributes ("account"), its
// scorecard with the reasons in words ("scorecard", null when it is not a customer on the
// date), its opportunities, tickets and NPS answers (newest first).
#pragma once

#include "base/status.h"
#include "output/report.h"
#include "reports/report_input.h"
#include "reports/report_options.h"

namespace flywheel {

// The plan of account `a` on `day`: the product (else product line) of its recurring
// subscription with the largest monthly amount active that day; "" when none.
std::string PlanOn(const Dataset& data, AccountIndex a, Day day);

Result<Report> AccountsReport(const Input& input, const AccountsReportOptions& options);
// kNotFound "unknown account 'A-9', did you mean 'A-1'?".
Result<Report> AccountReport(const Input& input, const AccountReportOptions& options);

}  // namespace flywheel
