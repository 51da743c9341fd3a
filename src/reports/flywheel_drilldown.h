// The drill-down of the flywheel report (GET /api/drilldown/flywheel) and of its indicator
// table: cell = "PERIOD:SEGMENT:FIELD", as the revenue drill-down's.
//
// Each field opens the rows of the report that owns the same number, computed the same way:
//   force, friction                                   → reports/revenue_drilldown.h (accounts)
//   win_rate_new, win_rate_expansion,
//   sales_cycle_median_days,
//   expansion_cycle_median_days                       → the pipeline's PERIOD:FIELD (deals closed
//                                                       in the period, of the segment)
//   ttv_median_days, ttv_reached_share                → reports/ttv_drilldown.h, cohort = PERIOD,
//                                                       ttv_reached_share = within_<first target>d_rate
//   cac_payback_months, burn_multiple, gtm_spend_ratio → the efficiency rows, from the ledger
//                                                       alone (no spend.csv needed)
//   lvr, cost_per_sql, cost_per_pipeline_dollar, mrr_growth, mrr_growth_yoy, acv,
//   cohort_grr, cohort_nrr                            → the flywheel's own rows: leads, spend lines,
//                                                       deals, accounts (FlywheelLedgerDrilldown,
//                                                       reports/efficiency_drilldown.h), source
//                                                       "flywheel"
// The answer is named "drilldown/flywheel" and says in "source" and a note whose rows they are.
// speed, momentum and cac_payback_cohort_months do not drill down (docs/API.md says why).
#pragma once

#include "base/status.h"
#include "output/report.h"
#include "reports/drill_report.h"
#include "reports/report_input.h"
#include "reports/report_options.h"

namespace flywheel {

// The flywheel fields that drill down (reports/drilldown_fields.cc declares them).
const std::vector<std::string_view>& FlywheelDrilldownFields();

// Fails with kUsage for a missing or malformed cell or an unknown field, or with the errors of
// the report whose rows it opens.
Result<Report> FlywheelDrilldown(const Input& input, const FlywheelReportOptions& options,
                                 const DrillCellText& cell);

}  // namespace flywheel
