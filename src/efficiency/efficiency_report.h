// The efficiency report (metrics.md §4): per period × segment, net new ARR, new customers,
// CAC, CAC payback by formula, burn multiple (null and flagged "not meaningful" when net
// new ARR ≤ 0), GTM spend ratio and magic number; plus CAC payback by acquisition cohort.
#pragma once

#include <vector>

#include "efficiency/gtm_ledger.h"
#include "output/report.h"

namespace flywheel {

struct CohortPayback {
  Month cohort;  // first month of the acquisition period
  std::string segment;
  int64_t new_customers;
  double spend;  // sales + marketing spend of the acquisition period
  // First age k (months since the cohort's first month) at which the cohort's cumulative
  // gross-margin-weighted MRR over months c..c+k reaches `spend`; nullopt when not (yet)
  // reached by the as-of month, or when there was no spend.
  std::optional<int> payback_months;
};

// The cohorts of every period × segment with new customers, in period, segment order.
std::vector<CohortPayback> ComputeCohortPayback(const GtmLedger& ledger, const Segmenter& segmenter,
                                                const std::vector<AccountMovement>& movements,
                                                const PeriodCalendar& calendar, Day as_of);

// Fails with kNotFound "efficiency needs spend.csv (sales and marketing spend)" when the
// data set has no spend table. The cohort paybacks go to JSON as "cac_payback_by_cohort".
Result<Report> BuildEfficiencyReport(const Dataset& data, const Settings& settings, const GtmLedger& ledger,
                                     const Segmenter& segmenter, const std::vector<CohortPayback>& cohorts,
                                     const PeriodCalendar& calendar, Day as_of);

// The cohort paybacks as a table of their own (flywheel efficiency --by-cohort).
Report BuildCohortPaybackReport(const Settings& settings, const std::vector<CohortPayback>& cohorts,
                                const Segmenter& segmenter, const PeriodCalendar& calendar, Day as_of);

}  // namespace flywheel
