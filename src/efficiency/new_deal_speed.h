// New-deal win rate, sales cycle and ACV per period × segment, in the simple definitions of
// metrics.md §2 that the flywheel's speed needs: over `new` opportunities closed in the
// period (on or before the as-of date), win rate = won / (won + lost), cycle = closed_at −
// created_at in days of the won ones (median), ACV = mean amount of the won ones.
// (The pipeline report has the full set: by value, percentiles, expansion deals.)
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "bowtie/segmenter.h"
#include "model/dataset.h"
#include "settings/settings.h"

namespace flywheel {

struct NewDealSpeed {
  int64_t won = 0, lost = 0;
  double won_amount = 0;
  int64_t won_with_amount = 0;
  std::vector<double> won_cycle_days;

  double WinRate() const;          // NaN without closed deals
  double MedianCycleDays() const;  // NaN without won deals
  double Acv() const;              // NaN without won amounts
  // Turns per year: win rate × 365 / median cycle days; NaN when either is unknown or the
  // median cycle is 0 days.
  double Speed() const;
};

using NewDealSpeedTable = std::map<std::pair<Month, std::string>, NewDealSpeed>;

// Fails (kBadData) when a won amount needs an exchange rate that is missing.
Result<NewDealSpeedTable> ComputeNewDealSpeed(const Dataset& data, const Settings& settings,
                                              const Segmenter& segmenter, const PeriodCalendar& calendar,
                                              Day as_of);

}  // namespace flywheel
