// The drill-down of the efficiency report (GET /api/drilldown/efficiency): the spend lines,
// accounts and finance months behind one number of a period × segment.
//
// cell = "PERIOD:SEGMENT:FIELD" ("2024-Q1:all:cac"), with the period label the report prints,
// "all" or a value of segment_by, and FIELD one of the report's numbers.
//
// Each row is a part: a spend.csv line of the period (its category, and for a segment the
// share of a shared line allocated to it), an account with MRR movements in the period, or a
// finance.csv month. Amounts list their parts in "amount", adding up to "total":
// new_customers, new_mrr, net_new_arr (12 × net new MRR of the contract movements) — accounts;
// sales_marketing_spend, gtm_spend (+ customer success) — spend lines; net_burn — finance
// months ("all" only). Ratios list each part of the numerator and of the denominator;
// Σ numerator / Σ denominator = "value", the report's number:
//   cac                = S&M spend lines / new customers (accounts, 1 each)
//   gross_margin       = new MRR × the month's gross margin / new MRR (accounts); in a period
//                        without new MRR, the months' margins / 1 each (their mean)
//   cac_payback_months = S&M spend lines / new MRR × gross margin (accounts)
//   burn_multiple      = net burn (finance months) / 12 × net new MRR (accounts)
//   gtm_spend_ratio    = S&M + customer success spend lines / 12 × net new MRR (accounts)
//   magic_number       = 12 × net new MRR (accounts) / the previous period's S&M spend lines
// "value" is null where the report's number is (no spend, net new ARR ≤ 0, ...).
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"
#include "output/report.h"
#include "reports/drill_report.h"
#include "reports/report_input.h"
#include "reports/report_options.h"

namespace flywheel {

// Fails with kUsage for a missing or malformed cell, an unknown field, period or segment, or
// with the errors of the report.
Result<Report> EfficiencyDrilldown(const Input& input, const EfficiencyReportOptions& options,
                                   const DrillCellText& cell);

// The same rows for a flywheel cell (reports/flywheel_drilldown.h), parts = PERIOD, SEGMENT,
// FIELD: cac_payback_months, burn_multiple and gtm_spend_ratio as above, and the flywheel's own
//   lvr                      = qualified leads of P (leads, 1 each) / of P − 1, − 1
//   cost_per_sql             = marketing spend lines / qualified leads of P
//   cost_per_pipeline_dollar = S&M spend lines / opportunities created in P with an amount
//   mrr_growth, mrr_growth_yoy = MRR at the end of P (accounts) / at the end of P − 1 (a year
//                              before), − 1: contract movements at constant currency
//   acv                      = won new deals closed in P (amount / 1 each): their mean amount
//   cohort_grr, cohort_nrr   = the accounts of the monthly cohorts turning 12 months old in P:
//                              MRR at age 12 (GRR: at most the start MRR) / start MRR
// It reads the ledger alone, so data without spend.csv opens these rows too. The id column is
// "id" (an account, lead or opportunity id, by "source").
Result<Report> FlywheelLedgerDrilldown(const Input& input, const PeriodReportOptions& options,
                                       std::string_view cell, const std::vector<std::string_view>& parts);

}  // namespace flywheel
