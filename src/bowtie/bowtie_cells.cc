#include "bowtie/bowtie_cells.h"

#include <algorithm>
#include <array>

namespace flywheel {
namespace {

using StageDays = std::array<Day, kBowtieStageCount>;
using StageValues = std::array<double, kBowtieStageCount>;

constexpr int kSelection = static_cast<int>(BowtieStage::kSelection);
constexpr int kCommit = static_cast<int>(BowtieStage::kCommit);
constexpr int kOnboarding = static_cast<int>(BowtieStage::kOnboarding);

// A lead of the leads table that is a unit of its own: no account, created by `as_of` (the
// units AddLeadUnits would add).
bool LeadIsUnit(const Leads& leads, size_t row, Day as_of) {
  return leads.account[row] == kNoAccount && leads.created_at[row] <= as_of;
}

// Such a lead's stage days: awareness when created, education when qualified.
StageDays LeadDays(const Leads& leads, size_t row, Day as_of) {
  StageDays e;
  e.fill(kNullDay);
  const Day created = leads.created_at[row], qualified = leads.qualified_at[row];
  if (created != kNullDay && created <= as_of) e[0] = created;
  if (qualified != kNullDay && qualified <= as_of) e[1] = qualified;
  return e;
}

// An account unit's values by stage: its amounts at selection, commit and onboarding, NaN
// at the other stages.
StageValues AccountValues(const StageDates& stages, size_t unit) {
  StageValues v;
  v.fill(kNullNumber);
  for (int i : {kSelection, kCommit, kOnboarding}) v[i] = stages.Value(unit, i);
  return v;
}

// The earliest and latest stage day of any unit (kNullDay when none).
struct DayRange {
  Day first = kNullDay, last = kNullDay;

  void See(const StageDays& e) {
    for (Day d : e) {
      if (d == kNullDay) continue;
      if (first == kNullDay || d < first) first = d;
      if (last == kNullDay || d > last) last = d;
    }
  }
};

// The day range of the units of `stages` and of the lead units of `more_leads` (if any).
DayRange FindDayRange(const StageDates& stages, const Leads* more_leads) {
  DayRange range;
  for (size_t u = 0; u < stages.size(); ++u) range.See(stages.Days(u));
  if (more_leads) {
    for (size_t row = 0; row < more_leads->size(); ++row) {
      if (LeadIsUnit(*more_leads, row, stages.as_of)) range.See(LeadDays(*more_leads, row, stages.as_of));
    }
  }
  return range;
}

// Counts units into the cells: each day's period is read from `period_of_day`, each unit
// counts in every segment number it is given.
class CellCounter {
 public:
  CellCounter(std::vector<StageCell>* cells, size_t n_segments, const PeriodOfDay& period_of_day,
              const BowtieCountOptions& options)
      : cells_(*cells), n_segments_(n_segments), period_of_day_(period_of_day), options_(options) {}

  // A unit with stage days `e` and values `v` (NaN where it has none).
  void AddUnit(const StageDays& e, const StageValues& v, const std::vector<uint32_t>& segments) {
    for (int i = 0; i < kBowtieStageCount; ++i) {
      if (e[i] == kNullDay) continue;
      const uint32_t p = period_of_day_(e[i]);
      for (const uint32_t sn : segments) {
        ++Slot(p, sn, i).entered;
        if (options_.cohort) {
          AddCohortEntry(e, v, i, p, sn);
        } else {
          AddPeriodEntry(e, v, i, p, sn);
        }
      }
    }
  }

  // A lead's own unit: what AddUnit counts for a unit that enters awareness and education at
  // most and carries no amount, written out for those two stages (most units of large data
  // sets are such leads). Only whole counts change, so the order of the units is free.
  void AddLeadUnit(const StageDays& e, const std::vector<uint32_t>& segments) {
    const Day created = e[0], qualified = e[1];
    if (created != kNullDay) {
      const uint32_t p = period_of_day_(created);
      const bool converted = qualified != kNullDay && qualified - created <= options_.window_days;
      const bool open = !converted && created + options_.window_days > options_.as_of;
      for (const uint32_t sn : segments) {
        StageCell& c = Slot(p, sn, 0);
        ++c.entered;
        if (!options_.cohort) continue;
        if (converted) {
          ++c.converted;
          c.days.Add(std::max(0, qualified - created));
        }
        c.still_open += open;
        ++c.reached_from_awareness;
        if (qualified != kNullDay) ++Slot(p, sn, 1).reached_from_awareness;
      }
    }
    if (qualified == kNullDay) return;
    const uint32_t p = period_of_day_(qualified);
    const bool open = qualified + options_.window_days > options_.as_of;  // no next stage: never converted
    for (const uint32_t sn : segments) {
      StageCell& c = Slot(p, sn, 1);
      ++c.entered;
      if (options_.cohort) {
        c.still_open += open;
      } else if (created != kNullDay) {
        Slot(p, sn, 0).days.Add(std::max(0, qualified - created));
      }
    }
  }

 private:
  StageCell& Slot(uint32_t period, uint32_t segment, int stage) {
    return cells_[(static_cast<size_t>(period) * n_segments_ + segment) * kBowtieStageCount +
                  static_cast<size_t>(stage)];
  }

  // Cohort mode: the unit entering stage i in period p converts when it enters stage i+1
  // within the window; it also counts towards the cumulative figures of the stages it reached.
  void AddCohortEntry(const StageDays& e, const StageValues& v, int i, uint32_t p, uint32_t sn) {
    StageCell& c = Slot(p, sn, i);
    const Day d = e[i];
    if (i + 1 < kBowtieStageCount) {
      const Day next = e[i + 1];
      const bool converted = next != kNullDay && next - d <= options_.window_days;
      if (converted) {
        ++c.converted;
        c.days.Add(std::max(0, next - d));
      } else if (d + options_.window_days > options_.as_of) {
        ++c.still_open;
      }
      if (HasNextStepValue(i) && !IsNull(v[i])) {
        c.has_value = true;
        c.value_entered += v[i];
        if (converted && !IsNull(v[i + 1])) c.value_converted += v[i + 1];
      }
    }
    if (i == kSelection && !IsNull(v[kSelection])) {
      for (int j : {kCommit, kOnboarding}) {
        if (e[j] != kNullDay && !IsNull(v[j])) Slot(p, sn, j).value_from_selection += v[j];
      }
    }
    if (i == 0) {
      for (int j = 0; j < kBowtieStageCount; ++j) {
        if (e[j] != kNullDay) ++Slot(p, sn, j).reached_from_awareness;
      }
    }
  }

  // Period mode: an entry into stage i in P is a step out of stage i-1 (Δt from i-1); an
  // entry into a stage with an amount brings its value, which is also the converted value of
  // the stage before it.
  void AddPeriodEntry(const StageDays& e, const StageValues& v, int i, uint32_t p, uint32_t sn) {
    const Day d = e[i];
    if (i > 0 && e[i - 1] != kNullDay) Slot(p, sn, i - 1).days.Add(std::max(0, d - e[i - 1]));
    if (IsNull(v[i])) return;
    StageCell& c = Slot(p, sn, i);
    c.has_value = true;
    c.value_entered += v[i];
    if (i > kSelection) Slot(p, sn, i - 1).value_converted += v[i];
  }

  std::vector<StageCell>& cells_;
  const size_t n_segments_;
  const PeriodOfDay& period_of_day_;
  const BowtieCountOptions& options_;
};

// The accounts, then the leads' own units of `stages`, then the lead units of `more_leads`.
void CountUnits(const StageDates& stages, const Segmenter& segmenter, const SegmentNumbers& numbers,
                LeadSegmentNumbers* lead_numbers, const Leads* more_leads, CellCounter* counter) {
  for (size_t u = 0; u < stages.account_units(); ++u) {
    const auto a = static_cast<AccountIndex>(u);
    counter->AddUnit(stages.entered[u], AccountValues(stages, u), numbers.of_value[segmenter.ValueNumber(a)]);
  }
  for (size_t u = stages.account_units(); u < stages.size(); ++u) {
    counter->AddLeadUnit(stages.Days(u), lead_numbers->Of(stages.LeadSegment(u)));
  }
  if (!more_leads) return;
  for (size_t row = 0; row < more_leads->size(); ++row) {
    if (!LeadIsUnit(*more_leads, row, stages.as_of)) continue;
    counter->AddLeadUnit(LeadDays(*more_leads, row, stages.as_of),
                         lead_numbers->Of(more_leads->segment[row]));
  }
}

}  // namespace

bool HasNextStepValue(int stage) { return stage == kSelection || stage == kCommit; }
bool HasCumulativeValue(int stage) { return stage == kCommit || stage == kOnboarding; }

BowtieCells BowtieCells::Count(const Dataset& data, const StageDates& stages, const Segmenter& segmenter,
                               const SegmentNumbers& numbers, const PeriodCalendar& calendar,
                               const BowtieCountOptions& options) {
  const Leads* more_leads = options.lead_units_from_leads && data.leads.size() > 0 ? &data.leads : nullptr;
  BowtieCells out;
  out.n_segments_ = numbers.names.size();
  const DayRange range = FindDayRange(stages, more_leads);
  if (range.first == kNullDay) return out;
  out.first_period_ = calendar.PeriodStart(MonthOfDay(range.first));
  const PeriodOfDay period_of_day(calendar, out.first_period_, range.first,
                                  std::max(range.last, options.as_of));
  out.n_periods_ = period_of_day.last() + 1;
  out.cells_.resize(out.n_periods_ * out.n_segments_ * kBowtieStageCount);
  // A lead's segment that no account has gives no number and is not counted.
  LeadSegmentNumbers lead_numbers(segmenter, numbers, data.dict.size());
  CellCounter counter(&out.cells_, out.n_segments_, period_of_day, options);
  CountUnits(stages, segmenter, numbers, &lead_numbers, more_leads, &counter);
  return out;
}

const StageCell& BowtieCells::At(size_t period, uint32_t segment, int stage) const {
  static const StageCell kEmpty;
  if (period >= n_periods_) return kEmpty;
  return cells_[(period * n_segments_ + segment) * kBowtieStageCount + static_cast<size_t>(stage)];
}

}  // namespace flywheel
