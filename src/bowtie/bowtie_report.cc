#include "bowtie/bowtie_report.h"

#include <fmt/core.h>

#include <cstdint>
#include <map>
#include <tuple>
#include <unordered_map>

#include "base/distribution.h"

namespace flywheel {
namespace {

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
  std::vector<double> days;  // Δt to the next stage of the converted units
};

using Key = std::tuple<Month, std::string, int>;  // period start, segment, stage

constexpr int kSelection = static_cast<int>(BowtieStage::kSelection);
constexpr int kCommit = static_cast<int>(BowtieStage::kCommit);
constexpr int kOnboarding = static_cast<int>(BowtieStage::kOnboarding);
// Next-step conversion by value exists where both stages carry an amount; cumulative
// conversion by value runs from selection, the first stage with an amount.
bool HasNextStepValue(int stage) { return stage == kSelection || stage == kCommit; }
bool HasCumulativeValue(int stage) { return stage == kCommit || stage == kOnboarding; }

Cell Rate(double num, double den) {
  if (den == 0) return std::monostate{};
  return num / den;
}
Cell Num(double v) {
  if (IsNull(v)) return std::monostate{};
  return v;
}

}  // namespace

std::vector<std::string> UnitSegments(const StageDates& stages, size_t unit, const Segmenter& segmenter) {
  AccountIndex a = stages.Account(unit);
  if (a != kNoAccount) return segmenter.ForAccount(a);
  return segmenter.ForLead(stages.LeadSegment(unit));
}

Result<Report> BuildBowtieReport(const Dataset& data, const Settings& settings, const StageDates& stages,
                                 const Segmenter& segmenter, const BowtieOptions& options) {
  if (!data.Has(Table::kLeads) && !data.Has(Table::kJourney)) {
    return Status::NotFound("bowtie needs leads.csv or journey.csv");
  }
  const PeriodCalendar& cal = options.calendar;
  const int window = settings.bowtie_window_days;
  const bool cohort = options.mode == BowtieMode::kCohort;
  std::map<Key, StageCell> cells;
  Month first_period = kNullMonth;

  // Units past the accounts are leads without one (millions on large data sets): their
  // segments depend on their segment code alone, so they are worked out once per code. Each
  // cell is looked up in `cells` once and then found by (period, segment number, stage).
  std::unordered_map<Code, std::vector<std::string>> lead_segments;
  std::unordered_map<std::string, uint32_t> segment_numbers;
  std::unordered_map<uint64_t, StageCell*> cell_of;
  auto cell = [&](Month p, const std::string& s, uint32_t segment, int stage) -> StageCell& {
    const uint64_t key = (static_cast<uint64_t>(static_cast<uint32_t>(p)) << 32) | (uint64_t{segment} << 4) |
                         static_cast<uint64_t>(stage);
    auto [it, added] = cell_of.try_emplace(key, nullptr);
    if (added) it->second = &cells[{p, s, stage}];
    return *it->second;
  };
  std::vector<uint32_t> numbers;
  std::vector<std::string> account_segs;
  for (size_t u = 0; u < stages.size(); ++u) {
    const std::array<Day, kBowtieStageCount> e = stages.Days(u);
    const std::vector<std::string>* unit_segs = &account_segs;
    if (u < stages.account_units()) {
      account_segs = UnitSegments(stages, u, segmenter);
    } else {
      auto [it, added] = lead_segments.try_emplace(stages.LeadSegment(u));
      if (added) it->second = UnitSegments(stages, u, segmenter);
      unit_segs = &it->second;
    }
    const std::vector<std::string>& segs = *unit_segs;
    numbers.clear();
    for (const std::string& s : segs) {
      numbers.push_back(segment_numbers.try_emplace(s, static_cast<uint32_t>(segment_numbers.size())).first->second);
    }
    for (int i = 0; i < kBowtieStageCount; ++i) {
      Day d = e[i];
      if (d == kNullDay) continue;
      Month p = cal.PeriodStart(MonthOfDay(d));
      if (first_period == kNullMonth || p < first_period) first_period = p;
      for (size_t k = 0; k < segs.size(); ++k) {
        const std::string& s = segs[k];
        const uint32_t sn = numbers[k];
        StageCell& c = cell(p, s, sn, i);
        ++c.entered;
        if (cohort) {
          if (i + 1 < kBowtieStageCount) {
            Day next = e[i + 1];
            bool converted = next != kNullDay && next - d <= window;
            if (converted) {
              ++c.converted;
              c.days.push_back(std::max(0, next - d));
            } else if (d + window > options.as_of) {
              ++c.still_open;
            }
            const double value = stages.Value(u, i);
            if (HasNextStepValue(i) && !IsNull(value)) {
              c.has_value = true;
              c.value_entered += value;
              const double next_value = stages.Value(u, i + 1);
              if (converted && !IsNull(next_value)) c.value_converted += next_value;
            }
          }
          if (i == kSelection && !IsNull(stages.Value(u, kSelection))) {
            for (int j : {kCommit, kOnboarding}) {
              const double reached = stages.Value(u, j);
              if (e[j] != kNullDay && !IsNull(reached)) cell(p, s, sn, j).value_from_selection += reached;
            }
          }
          if (i == 0) {
            for (int j = 0; j < kBowtieStageCount; ++j) {
              if (e[j] != kNullDay) ++cell(p, s, sn, j).reached_from_awareness;
            }
          }
        } else {
          // Period mode: an entry into stage i in P is a step out of stage i-1 (Δt from
          // i-1) and, for commit, brings the value of the won deal.
          if (i > 0 && e[i - 1] != kNullDay) {
            cell(p, s, sn, i - 1).days.push_back(std::max(0, d - e[i - 1]));
          }
          // By value: an entry into a stage with an amount brings its value, which is also
          // the converted value of the stage before it.
          const double value = stages.Value(u, i);
          if (!IsNull(value)) {
            c.has_value = true;
            c.value_entered += value;
            if (i > kSelection) cell(p, s, sn, i - 1).value_converted += value;
          }
        }
      }
    }
  }

  Report r;
  r.name = "bowtie";
  r.as_of = FormatDate(options.as_of);
  r.period = std::string(GranularityName(cal.granularity));
  r.segment_by = segmenter.attribute();
  r.currency = settings.base_currency;
  r.columns = {
      {"period", ColumnKind::kText, "period"},
      {"segment", ColumnKind::kText, "segment"},
      {"stage", ColumnKind::kText, "stage"},
      {"entered", ColumnKind::kInteger, "entered (VM)"},
      {"converted", ColumnKind::kInteger, "converted"},
      {"still_open", ColumnKind::kInteger, "still open"},
      {"conversion_rate", ColumnKind::kRate, "CR next"},
      {"cumulative_conversion_rate", ColumnKind::kRate, "CR 0→i"},
      {"conversion_rate_value", ColumnKind::kRate, "CR value"},
      {"dt_median_days", ColumnKind::kDays, "Δt median"},
      {"dt_mean_days", ColumnKind::kDays, "Δt mean"},
      {"cumulative_conversion_rate_value", ColumnKind::kRate, "CR value 2→i"},
  };
  if (first_period != kNullMonth) {
    Month last_period = cal.PeriodStart(MonthOfDay(options.as_of));
    std::vector<std::string> segments = segmenter.AllSegments();
    const StageCell empty;
    auto get = [&](Month p, const std::string& s, int i) -> const StageCell& {
      auto it = cells.find({p, s, i});
      return it == cells.end() ? empty : it->second;
    };
    for (Month p = first_period; p <= last_period; p += MonthsPerPeriod(cal.granularity)) {
      for (const std::string& s : segments) {
        const StageCell& zero = get(p, s, 0);
        const StageCell& selection = get(p, s, kSelection);
        for (int i = 0; i < kBowtieStageCount; ++i) {
          const StageCell& c = get(p, s, i);
          bool last = i + 1 == kBowtieStageCount;
          std::vector<Cell> row = {cal.Label(p), s, std::string(BowtieStageName(static_cast<BowtieStage>(i))),
                                   c.entered};
          if (cohort) {
            row.push_back(last ? Cell{} : Cell{c.converted});
            row.push_back(last ? Cell{} : Cell{c.still_open});
            row.push_back(last ? Cell{} : Rate(c.converted, c.entered));
            row.push_back(Rate(c.reached_from_awareness, zero.entered));
          } else {
            const StageCell& next = get(p, s, last ? i : i + 1);
            row.push_back(Cell{});
            row.push_back(Cell{});
            row.push_back(last ? Cell{} : Rate(next.entered, c.entered));
            row.push_back(Rate(c.entered, zero.entered));
          }
          row.push_back(HasNextStepValue(i) && c.has_value ? Rate(c.value_converted, c.value_entered) : Cell{});
          row.push_back(Num(Median(c.days)));
          row.push_back(Num(Mean(c.days)));
          if (HasCumulativeValue(i) && selection.has_value) {
            row.push_back(Rate(cohort ? c.value_from_selection : c.value_entered, selection.value_entered));
          } else {
            row.push_back(Cell{});
          }
          r.rows.push_back(std::move(row));
        }
      }
    }
  }
  if (cohort) {
    r.notes.push_back(fmt::format(
        "mode cohort: of the units entering a stage in the period, the share entering the next stage within "
        "{} days; still open = not converted and the window has not elapsed at {}",
        window, r.as_of));
    r.notes.push_back("CR 0→i: of the units entering awareness in the period, the share that has entered stage i");
  } else {
    r.notes.push_back(
        "mode period: CR next = entries into the next stage in the period / entries into this stage in the "
        "period; CR 0→i = entries into stage i / entries into awareness; Δt over the next stage's entries");
  }
  r.notes.push_back(
      "by value (stages with an amount: selection = opportunity amount, commit = won new-deal amount, "
      "onboarding = first-month ARR): CR value selection → commit and commit → onboarding = next stage's "
      "value / this stage's value; CR value 2→i (commit, onboarding) = value at stage i / value entering "
      "selection");
  if (settings.value_event.metric.empty()) {
    r.notes.push_back("impact: no value event configured ([value_event] metric), so no unit enters it");
  }
  return r;
}

}  // namespace flywheel
