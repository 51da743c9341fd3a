// Time to value (metrics.md §3): per onboarding cohort (the period in which the account
// entered stage 4) × segment, the accounts, how many reached value (stage 5), the median
// and mean days from onboarding to impact, and for each target T (settings
// ttv_targets_days) the share that reached value within T days.
//
// A member that has not reached value and whose T-day window has not elapsed at the as-of
// date is "open" for T: it is counted beside the share and left out of its denominator,
// so young cohorts are not reported as failing (docs/BOWTIE.md).
#pragma once

#include "bowtie/stage_dates.h"
#include "output/report.h"
#include "segments/segmenter.h"
#include "settings/settings.h"

namespace flywheel {

// Fails with kNotFound when the data set has neither subscriptions.csv nor journey.csv
// (no onboarding dates), or when no value event is configured and journey.csv is absent.
Result<Report> BuildTtvReport(const Dataset& data, const Settings& settings, const StageDates& stages,
                              const Segmenter& segmenter, const PeriodCalendar& calendar, Day as_of);

}  // namespace flywheel
