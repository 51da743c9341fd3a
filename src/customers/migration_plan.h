// The migration planner (customers.md "Migration and letting customers go"): for accounts
// with ARR on sunset product lines, the ARR at stake, the notice period of its ARR tier, the
// earliest end date, and the sums by quarter of earliest end.
#pragma once

#include <string>
#include <vector>

#include "customers/account_score.h"
#include "customers/scorecard.h"
#include "output/report.h"
#include "settings/settings.h"

namespace flywheel {

// The notice months of the last tier whose from_arr is ≤ `arr_at_stake` (the scorecard's
// [[migration.notice_tiers]]; defaults from customers.md: below 20,000 → 1 month; 20,000 to
// below 100,000 → 12; 100,000 to below 1,000,000 → 36; 1,000,000 and above → 60). `tiers`
// is as the scorecard parser checked it: non-empty, the first from 0, ascending.
int NoticeMonths(const std::vector<NoticeTier>& tiers, double arr_at_stake);

// The tiers in words: "< 20,000 -> 1 month; < 100,000 -> 12; < 1,000,000 -> 36; else 60".
std::string NoticeTiersText(const std::vector<NoticeTier>& tiers);

// The as-of date plus `months` calendar months (the day clamped to the month's length).
Day AddMonths(Day day, int months);

// Rows: account_id, arr_at_stake, notice_months (by card.notice_tiers), earliest_end
// (as-of + notice), quarter;
// earliest end first. JSON adds by_quarter [{quarter, arr_at_stake, share_of_arr}] and
// total {arr_at_stake, share_of_arr}; shares are of the total ARR of all `scores`.
Report MigrationReport(const std::vector<AccountScore>& scores, const Scorecard& card,
                       const Settings& settings, Day as_of);

}  // namespace flywheel
