// BowtieCells: the bowtie report's counts (metrics.md §3) of every period × segment × stage,
// before any rate is taken: the units entering the stage, those converting to the next one,
// those still open, the values by stage and the days to the next stage.
//
// The cells are one array indexed by (period number, segment number, stage): period 0 is the
// period of the earliest stage day of any unit, segment numbers are SegmentNumbers'. Immutable
// once counted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/date.h"
#include "base/distribution.h"
#include "bowtie/stage_dates.h"
#include "segments/segmenter.h"

namespace flywheel {

struct StageCell {
  int64_t entered = 0;
  int64_t converted = 0;
  int64_t still_open = 0;
  int64_t reached_from_awareness = 0;  // cohort mode: stage-0 cohort units that reached this stage
  // By value (stages with an amount: selection, commit, onboarding; docs/BOWTIE.md):
  // the value of the units entering the stage, the next stage's value of those that
  // converted (cohort) or of the next stage's entries (period), and (cohort mode) the value
  // at this stage of the units that entered selection in the period and reached it.
  double value_entered = 0, value_converted = 0, value_from_selection = 0;
  bool has_value = false;
  DayCounts days;  // Δt to the next stage of the converted units
};

// Next-step conversion by value exists where both stages carry an amount; cumulative
// conversion by value runs from selection, the first stage with an amount.
bool HasNextStepValue(int stage);
bool HasCumulativeValue(int stage);

struct BowtieCountOptions {
  // Cohort mode (BowtieMode::kCohort): a unit converts when it enters the next stage within
  // `window_days`; otherwise (period mode) entries are counted where they fall.
  bool cohort = true;
  int window_days = 0;   // settings.bowtie_window_days
  Day as_of = kNullDay;  // the report's as-of date: windows still running then are "still open"
  // Also count the leads without account of data.leads as units (BowtieOptions).
  bool lead_units_from_leads = false;
};

class BowtieCells {
 public:
  // Counts every unit of `stages` (and, with options.lead_units_from_leads, the leads without
  // account created by stages.as_of) into the cells of its segments. REQUIRES: `numbers` is
  // segmenter.Numbers(). Reads `data` and `stages` only while counting.
  static BowtieCells Count(const Dataset& data, const StageDates& stages, const Segmenter& segmenter,
                           const SegmentNumbers& numbers, const PeriodCalendar& calendar,
                           const BowtieCountOptions& options);

  // The start of period 0; kNullMonth when no unit entered any stage (then there are no cells).
  Month first_period() const { return first_period_; }
  size_t period_count() const { return n_periods_; }
  // An empty cell for a period at or past period_count().
  const StageCell& At(size_t period, uint32_t segment, int stage) const;

 private:
  Month first_period_ = kNullMonth;
  size_t n_periods_ = 0;
  size_t n_segments_ = 0;
  std::vector<StageCell> cells_;
};

}  // namespace flywheel
