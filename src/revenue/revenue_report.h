// The `revenue` report (metrics.md §1): MRR, ARR, customers, the five MRR movements and
// their counts, the currency effect (fx impact) beside them, growth, churn rates, quick ratio, ARPA, trailing
// NRR/GRR and ACV, per period (month, quarter, year) and segment.
//
// ComputeRevenue gives plain numbers for reuse by other reports (efficiency, flywheel,
// dashboard); RevenueReport turns them into a Report. docs/METRICS.md documents every
// field and every choice where the spec is silent.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "model/dataset.h"
#include "output/report.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "segments/account_segments.h"
#include "settings/settings.h"

namespace flywheel {

struct RevenueOptions {
  Granularity granularity = Granularity::kMonth;
  int fiscal_year_start_month = 1;  // 1..12
  std::string segment_by;           // "": the whole company only ("all")
  std::string segment;              // "": every segment; else only this value (no "all" rows)
  Day as_of = kNullDay;             // opportunities closed after it are left out of ACV
  // Optional, what a caller that runs many reports keeps (reports/report_input.h DerivedData);
  // worked out here when null. The accounts grouped by segment_by (SegmentAccounts), and the
  // rows of the won `new` opportunities in ascending order (WonNewOpportunityRows).
  const AccountSegments* segments = nullptr;
  const std::vector<uint32_t>* won_new_opportunities = nullptr;
};

// The attribute the report cuts by: segment_by, else the settings' segment attribute when only
// a segment is named, else "" (the whole company).
std::string RevenueSegmentAttribute(const RevenueOptions& options, const Settings& settings);

// The rows of the won `new` opportunities, ascending: the only ones ACV reads.
std::vector<uint32_t> WonNewOpportunityRows(const Opportunities& opportunities);

enum class AcvSource { kOpportunities, kNewMrr };

struct RevenueRow {
  Month period_start = kNullMonth;
  Month period_end = kNullMonth;  // the month whose snapshot is reported: the period's last
                                  // month, or the as-of month for the current period
  std::string segment;            // "all" or a value of the segment attribute
  double mrr = 0;
  int64_t customers = 0;
  // Indexed by MovementType: sums over the period's months; counts of distinct accounts.
  std::array<double, kMovementTypeCount> movement_mrr{};
  std::array<int64_t, kMovementTypeCount> movement_count{};
  double net_new_mrr = 0;   // new + reactivation + expansion − contraction − churn (no fx)
  double previous_mrr = 0;  // MRR at the end of the previous period
  int64_t previous_customers = 0;
  std::optional<double> mrr_growth_mom, mrr_growth_yoy, logo_churn_rate, gross_mrr_churn_rate,
      net_mrr_churn_rate, quick_ratio, arpa, nrr, grr, acv;

  double Movement(MovementType t) const { return movement_mrr[static_cast<int>(t)]; }
  int64_t Count(MovementType t) const { return movement_count[static_cast<int>(t)]; }
};

struct RevenueTable {
  Granularity granularity = Granularity::kMonth;
  std::string segment_by;  // "" when not segmented
  AcvSource acv_source = AcvSource::kNewMrr;
  std::vector<RevenueRow> rows;  // by period, then "all" first, then segments in order
};

// Computes the table over every period from the one containing series.first_month()
// through the one containing series.last_month(). Fails with kUsage for an unknown
// segment attribute or segment value, kBadData for a missing fx rate of an opportunity.
Result<RevenueTable> ComputeRevenue(const Dataset& data, const Settings& settings, const MrrSeries& series,
                                    const RevenueOptions& options);
// The same, given the series' movements (ComputeMovements(series, settings)) and their
// index by account (IndexMovementsByAccount) when the caller has them already.
Result<RevenueTable> ComputeRevenue(const Dataset& data, const Settings& settings, const MrrSeries& series,
                                    const std::vector<AccountMovement>& movements,
                                    const MovementsByAccount& by_account, const RevenueOptions& options);

// The Report form of `table` (columns in docs/METRICS.md order).
Report RevenueReport(const RevenueTable& table, const Settings& settings, Day as_of);

}  // namespace flywheel
