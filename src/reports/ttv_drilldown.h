// The drill-down of the time-to-value report (GET /api/drilldown/ttv): the accounts behind
// one number of an onboarding cohort.
//
// cell = "COHORT:SEGMENT:FIELD" ("2024-01:all:within_30d_rate"), with the cohort label the
// report prints, "all" or a value of segment_by, and FIELD one of accounts, reached_value,
// ttv_median_days, ttv_mean_days, within_<T>d_rate and open_<T>d for each target T of the
// settings' ttv_targets_days.
//
// Every row is an account of the cohort (and segment) with its onboarding day, the day it
// reached value (if it did), its days to value and its status. accounts lists them all,
// reached_value those that reached value ("total" = the count). ttv_median_days and
// ttv_mean_days list the accounts that reached value; "value" = the median / mean of their
// days. within_<T>d_rate lists every account with "numerator" 1 when it reached value within T
// days and "denominator" 1 unless it is open for T; Σ numerator / Σ denominator = the rate.
// open_<T>d lists the accounts open for T (not reached, onboarded fewer than T days before the
// as-of date).
#pragma once

#include "base/status.h"
#include "output/report.h"
#include "reports/drill_report.h"
#include "reports/report_input.h"
#include "reports/report_options.h"

namespace flywheel {

// Fails with kUsage for a missing or malformed cell, an unknown field, cohort or segment, or
// with the errors of the report.
// `options`: the ttv report's, or the flywheel's (its TTV cells).
Result<Report> TtvDrilldown(const Input& input, const PeriodReportOptions& options,
                            const DrillCellText& cell);

}  // namespace flywheel
