// FlywheelInputs: what the flywheel report and its indicator table are computed from — the
// data set and the figures derived from it once (ledger, new-deal speed, stage dates).
// Borrows every pointee; they must outlive the reports built from it.
#pragma once

#include <vector>

#include "base/date.h"
#include "bowtie/stage_dates.h"
#include "efficiency/gtm_ledger.h"
#include "efficiency/new_deal_speed.h"
#include "revenue/mrr_series.h"

namespace flywheel {

struct FlywheelInputs {
  const Dataset* data;
  const Settings* settings;
  const GtmLedger* ledger;
  const NewDealSpeedTable* speed;
  const StageDates* stages;
  const Segmenter* segmenter;
  PeriodCalendar calendar;
  Day as_of = kNullDay;
  // The MRR series and movements the ledger was built from: the cohort retention and cohort
  // CAC payback indicators need them (null: those indicators are null).
  const MrrSeries* series = nullptr;
  const std::vector<AccountMovement>* movements = nullptr;
};

}  // namespace flywheel
