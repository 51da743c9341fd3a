// The migration planner (customers.md "Migration and letting customers go"): for accounts
// with ARR on sunset product lines, the ARR at stake, the notice period of its ARR tier, the
// earliest end date, and the sums by quarter of earliest end.
#pragma once

#include <vector>

#include "customers/account_score.h"
#include "output/report.h"
#include "settings/settings.h"

namespace flywheel {

// Notice tiers, by ARR at stake: below 20,000 → 1 month; 20,000 to below 100,000 → 12;
// 100,000 to below 1,000,000 → 36; 1,000,000 and above → 60 (customers.md defaults).
int NoticeMonths(double arr_at_stake);

// The as-of date plus `months` calendar months (the day clamped to the month's length).
Day AddMonths(Day day, int months);

// Rows: account_id, arr_at_stake, notice_months, earliest_end (as-of + notice), quarter;
// earliest end first. JSON adds by_quarter [{quarter, arr_at_stake, share_of_arr}] and
// total {arr_at_stake, share_of_arr}; shares are of the total ARR of all `scores`.
Report MigrationReport(const std::vector<AccountScore>& scores, const Settings& settings, Day as_of);

}  // namespace flywheel
