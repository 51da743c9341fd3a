// The deal metrics of metrics.md §2, defined once: win rate by count and by value, and the
// sales (or expansion) cycle Δt = closed_at − created_at in days. The pipeline report, the
// flywheel's speed and its indicators all accumulate closed deals through ClosedDeals.
#pragma once

#include <cstdint>
#include <vector>

#include "base/date.h"
#include "base/distribution.h"
#include "model/dataset.h"

namespace flywheel {

// True when opportunity i is won or lost with a closed_at on or before `as_of` (an open
// deal, or one closed after the as-of date, is not closed yet).
bool ClosedByAsOf(const Opportunities& opp, size_t i, Day as_of);

// closed_at − created_at in days; NaN when either date is missing.
double CycleDays(const Opportunities& opp, size_t i);

// The closed deals of one period (and segment, and deal type).
struct ClosedDeals {
  int64_t won = 0, lost = 0;
  double won_amount = 0, lost_amount = 0;  // base currency; deals without amount add nothing
  int64_t won_with_amount = 0;
  std::vector<double> cycle_days;  // Δt of the deals the cycle is measured over

  // Counts a closed deal. `amount` is NaN when unknown; `cycle` (NaN when unknown) goes
  // into the cycle statistics when the deal is won, or when `cycle_over_lost` is set.
  void Add(bool is_won, double amount, double cycle, bool cycle_over_lost = false);

  // won / (won + lost); NaN without closed deals.
  double WinRate() const;
  // Σ amount won / Σ amount (won + lost); NaN without closed deals or amounts.
  double WinRateByValue() const;
  // Median, mean, p75, p90 of the cycle days (NaN when there are none).
  DistributionSummary Cycle() const { return Summarize(cycle_days); }
  double MedianCycleDays() const { return Median(cycle_days); }
  // Mean amount of the won deals that have an amount (ACV for new deals); NaN without one.
  double MeanWonAmount() const;
};

}  // namespace flywheel
