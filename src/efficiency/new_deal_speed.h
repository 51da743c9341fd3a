// Win rate, sales cycle and ACV of new deals per period × segment, as the flywheel's speed
// needs them (metrics.md §2): over `new` opportunities closed in the period (on or before
// the as-of date), win rate = won / (won + lost), cycle = closed_at − created_at in days of
// the won ones (median), ACV = mean amount of the won ones; and the expansion deals' win
// rate and expansion cycle for the indicator table. The definitions are the pipeline
// module's (pipeline/deal_metrics.h), so these figures equal the pipeline report's.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "model/dataset.h"
#include "pipeline/deal_metrics.h"
#include "segments/segmenter.h"
#include "settings/settings.h"

namespace flywheel {

struct NewDealSpeed {
  // `new` deals: counts, cycles and won amounts (lost amounts are not converted, so only
  // the count win rate is meaningful here).
  ClosedDeals deals;
  // `expansion` deals: counts and expansion cycles only (no amounts).
  ClosedDeals expansion;

  double WinRate() const { return deals.WinRate(); }                  // NaN without closed deals
  double MedianCycleDays() const { return deals.MedianCycleDays(); }  // NaN without won deals
  double Acv() const { return deals.MeanWonAmount(); }                // NaN without won amounts
  // Turns per year: win rate × 365 / median cycle days; NaN when either is unknown or the
  // median cycle is 0 days.
  double Speed() const;
};

using NewDealSpeedTable = std::map<std::pair<Month, std::string>, NewDealSpeed>;

// Fails (kBadData) when a won new-deal amount needs an exchange rate that is missing.
Result<NewDealSpeedTable> ComputeNewDealSpeed(const Dataset& data, const Settings& settings,
                                              const Segmenter& segmenter, const PeriodCalendar& calendar,
                                              Day as_of);

}  // namespace flywheel
