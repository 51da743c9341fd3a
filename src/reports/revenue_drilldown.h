// The drill-downs of the reports built on MRR movements (GET /api/drilldown/revenue and
// /api/drilldown/flywheel): the accounts behind one number.
//
// cell = "PERIOD:SEGMENT:FIELD" ("2024-Q1:all:new_mrr"), with the period label the report
// prints, "all" or a value of segment_by, and any field of reports/drilldown_fields.h (the
// movements may also be named new | reactivation | expansion | contraction | churn | fx_impact).
//
// An amount (mrr, arr, customers, the movements and their counts, net_new_mrr, fx_impact_mrr)
// lists each account's part in "amount"; they add up to the number ("total"). A ratio (nrr,
// grr, quick_ratio, arpa, the growth and churn rates) lists each account's part of the
// numerator and of the denominator; Σ numerator / Σ denominator (less 1 for growth) is the
// number ("numerator", "denominator", "value").
//
// flywheel: the same cell, with FIELD force (12 × new + reactivation + expansion MRR) or
// friction (12 × contraction + churned MRR): amounts.
#pragma once

#include <string_view>

#include "base/status.h"
#include "output/report.h"
#include "reports/drill_report.h"
#include "reports/report_input.h"
#include "reports/report_options.h"

namespace flywheel {

// `report` is "revenue" or "flywheel". Fails with kUsage for a missing or malformed cell, or
// with the errors of the report.
// `options`: the revenue report's, or the flywheel's (force and friction).
Result<Report> MrrDrilldown(std::string_view report, const Input& input, const PeriodReportOptions& options,
                            const DrillCellText& cell);

}  // namespace flywheel
