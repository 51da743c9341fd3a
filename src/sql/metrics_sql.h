// The metric definitions of metrics.md as portable SQL views over the canonical tables
// (docs/SQL.md): MRR per account-month, movements, the monthly revenue table, cohorts,
// LVR, win rates, median sales cycle, bowtie stage dates and cohort conversion, CAC payback
// and burn multiple.
//
// The emitted text depends only on the dialect and the parameters, so it is
// golden-tested; the views compute the same numbers as the C++ engine (tested on SQLite,
// DuckDB and PostgreSQL).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sql/sql_dialect.h"

namespace flywheel {

struct SqlParams {
  std::string as_of;  // "YYYY-MM-DD"; "" = CURRENT_DATE
  std::string base_currency = "USD";
  std::optional<int> reactivation_window_months;  // nullopt: any gap is a reactivation
  double default_gross_margin = 0.8;
  int bowtie_window_days = 365;      // [bowtie] window_days
  std::string value_event_metric;    // [value_event] metric; "" = nobody enters impact
  double value_event_threshold = 1;  // [value_event] threshold
};

// The whole script: header comment with the expected schema, the parameter view, then
// every view (dropped first, so the script can be run again).
std::string EmitMetricsSql(SqlDialect dialect, const SqlParams& params);

// The names of the views the script creates, in creation order.
const char* const* MetricsSqlViews(int* count);

// The engine report (reports/report_registry.h) whose numbers a report view reproduces — the
// report computes those numbers and more: revenue_month → revenue, cohort_nrr → cohorts, lvr,
// win_rate and sales_cycle_median → pipeline, bowtie_conversion → bowtie, cac_payback and
// burn_multiple → efficiency. Null for the helper views the report views are built on
// (flywheel_params, mrr_movements, …) and for names that are no view. The benchmark times
// these reports as the engine's side of a like-for-like comparison with the SQL engines.
const char* MetricsSqlViewReport(std::string_view view);

}  // namespace flywheel
