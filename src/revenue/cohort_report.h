// The `cohorts` report (metrics.md §1 "Retention, by cohort"): a retention triangle of
// NRR, GRR or logo retention by monthly, quarterly or yearly cohort, optionally per segment, with
// a size-weighted (pooled) average row.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "model/dataset.h"
#include "output/report.h"
#include "revenue/mrr_series.h"
#include "settings/settings.h"

namespace flywheel {

enum class CohortMetric { kNrr, kGrr, kLogo };

struct CohortOptions {
  CohortMetric metric = CohortMetric::kNrr;
  Granularity granularity = Granularity::kMonth;  // month, quarter or (fiscal) year cohorts
  int fiscal_year_start_month = 1;
  std::string segment_by;  // "": one triangle for all accounts
  std::string segment;     // "": every segment; else only this value
};

struct CohortRow {
  Month cohort = kNullMonth;  // first month of the cohort period
  std::string segment;
  int64_t accounts = 0;
  double start_mrr = 0;
  // Per age: numerator and denominator; value = num / den; nullopt in the future.
  std::vector<std::optional<double>> numerator;
  double denominator = 0;
};

struct CohortTriangle {
  std::vector<CohortRow> rows;
  int max_age = -1;
  // Pooled over every cohort that has the age: Σ numerators / Σ denominators.
  std::vector<std::optional<double>> weighted_average;
};

// Fails with kUsage for an unknown segment
// attribute or value.
Result<CohortTriangle> ComputeCohorts(const Dataset& data, const Settings& settings, const MrrSeries& series,
                                      const CohortOptions& options);

// The Report: one row per cohort (table/CSV), ages as columns; `max_table_ages` > 0 keeps
// only that many age columns (the table format) and says so in a note. JSON carries
// "cohorts" and "weighted_average" with every age.
Report CohortReport(const CohortTriangle& triangle, const CohortOptions& options, const Settings& settings,
                    Day as_of, int max_table_ages);

}  // namespace flywheel
