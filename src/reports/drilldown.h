// Drill-downs: the rows behind one number of a report (GET /api/drilldown/<report>).
//
// revenue: cell = "PERIOD:SEGMENT:FIELD" (reports/revenue_drilldown.h): the accounts behind
// an amount (MRR, a movement) or a ratio (NRR, quick ratio, ARPA), each with its part of the
// amount, or of the numerator and the denominator.
//
// flywheel: cell = "PERIOD:SEGMENT:FIELD" (reports/flywheel_drilldown.h): the rows of the
// report that owns the same number (force and friction: the accounts; win rates and cycle:
// the deals; TTV: the accounts of the onboarding cohort; CAC payback, burn multiple, GTM
// spend ratio: the efficiency rows), or its own rows (LVR, cost per SQL and per pipeline
// dollar, MRR growth, ACV, cohort GRR and NRR: leads, spend lines, deals, accounts with their
// part of the numerator and the denominator). The indicator table's values drill down the
// same way.
//
// ttv: cell = "COHORT:SEGMENT:FIELD" (reports/ttv_drilldown.h): the accounts of the onboarding
// cohort with their days to value and their part of a rate.
//
// efficiency: cell = "PERIOD:SEGMENT:FIELD" (reports/efficiency_drilldown.h): spend lines,
// accounts and finance months, each with its part of the amount or of the numerator and the
// denominator.
//
// cohorts: cell = "COHORT:AGE" (the segment from segment, else "all"), "COHORT:SEGMENT:AGE"
// or "average:AGE". The rows are the accounts of the cohort with their start MRR, MRR at the
// age and their part of the numerator and denominator; Σ numerator / Σ denominator is the
// cell's value and the count is the cohort's accounts.
//
// bowtie: cell = "PERIOD:STAGE:FIELD". Mode cohort: FIELD entered | converted | still_open |
// conversion_rate; the rows are the units that entered STAGE in PERIOD (only the converted
// or still open ones for those fields) with the day they entered the next stage. Mode
// period: FIELD entered (the entries into STAGE in PERIOD) or conversion_rate (the entries
// into the next stage in PERIOD, over "denominator" entries into STAGE).
//
// customers: cell = a class (ideal, good, …, unscored) or a fit × health cell of the
// report's "matrix" (high_fit_high_health, …, unknown); the rows are those accounts.
//
// pipeline: cell = "PERIOD:FIELD" with FIELD won_new | lost_new | win_rate_new |
// win_rate_new_value and the same for expansion; the rows are the deals closed in PERIOD
// (won or lost only for won_* and lost_*) with their base-currency amounts. Also
// pipeline_generated and opportunities_created_{new,expansion} (the deals created in PERIOD),
// qualified_leads, lvr (the leads of PERIOD over those of the period before), and the cycle
// statistics sales_cycle_{median,mean,p75,p90}_days and expansion_cycle_* (the won deals
// closed in PERIOD with their cycle days).
//
// The segment of a bowtie, cohorts or pipeline cell is the segment parameter, else "all".
// Which fields of each report drill down: reports/drilldown_fields.h. Each report's drill-down
// has its own file (cohorts_drilldown.h, pipeline_drilldown.h, …); this one dispatches.
#pragma once

#include <string_view>

#include "base/status.h"
#include "output/report.h"
#include "reports/drill_report.h"
#include "reports/report_input.h"
#include "reports/report_options.h"
#include "reports/report_params.h"

namespace flywheel {

// The drill-down of `cell` in `report` run with `options` (from the report's own parse:
// reports/report_registry.h). Fails with kNotFound for a report without a drill-down, kUsage
// for a missing or malformed cell, or the errors of the report itself.
// REQUIRES: `options` are the options of `report`.
Result<Report> Drilldown(std::string_view report, const Input& input, const ParsedReportOptions& options,
                         const DrillCellText& cell);

// The same from parameters: kNotFound for a report without a drill-down, else the report's
// options parsed once (its messages), then the drill-down of params "cell".
Result<Report> Drilldown(std::string_view report, const Input& input, const ReportParams& params);

}  // namespace flywheel
