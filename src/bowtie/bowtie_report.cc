#include "bowtie/bowtie_report.h"

#include <fmt/core.h>

#include <cstdint>
#include <optional>

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
  DayCounts days;  // Δt to the next stage of the converted units
};

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
  const int months_per_period = MonthsPerPeriod(cal.granularity);

  // The units: the accounts, the leads' own units `stages` holds, and with
  // `lead_units_from_leads` the leads without account read straight from the leads table
  // (the units AddLeadUnits would add: ten million on the benchmark's L).
  const Leads& leads = data.leads;
  const Day as_of = stages.as_of;
  const bool more_leads = options.lead_units_from_leads && leads.size() > 0;
  auto lead_is_unit = [&](size_t row) {
    return leads.account[row] == kNoAccount && leads.created_at[row] <= as_of;
  };
  auto lead_days = [&](size_t row) {
    std::array<Day, kBowtieStageCount> e;
    e.fill(kNullDay);
    const Day created = leads.created_at[row], qualified = leads.qualified_at[row];
    if (created != kNullDay && created <= as_of) e[0] = created;
    if (qualified != kNullDay && qualified <= as_of) e[1] = qualified;
    return e;
  };

  // Every cell (period, segment, stage) is a slot of one array: the periods run from the
  // period of the earliest stage day of any unit, found in a first pass, and each day's
  // period is read from a table of the days in range.
  Day min_day = kNullDay, max_day = kNullDay;
  auto see = [&](const std::array<Day, kBowtieStageCount>& e) {
    for (Day d : e) {
      if (d == kNullDay) continue;
      if (min_day == kNullDay || d < min_day) min_day = d;
      if (max_day == kNullDay || d > max_day) max_day = d;
    }
  };
  for (size_t u = 0; u < stages.size(); ++u) see(stages.Days(u));
  if (more_leads) {
    for (size_t row = 0; row < leads.size(); ++row) {
      if (lead_is_unit(row)) see(lead_days(row));
    }
  }
  const Month first_period = min_day == kNullDay ? kNullMonth : cal.PeriodStart(MonthOfDay(min_day));
  std::optional<PeriodOfDay> period_of_day;
  size_t n_periods = 0;
  if (min_day != kNullDay) {
    period_of_day.emplace(cal, first_period, min_day, std::max(max_day, options.as_of));
    n_periods = period_of_day->last() + 1;
  }

  // The report's segments by number; a lead's segment that no account has gives no row and
  // is not counted.
  const std::vector<std::string> segments = segmenter.AllSegments();
  const SegmentNumbers numbers = segmenter.Numbers();
  const size_t n_segments = numbers.names.size();
  LeadSegmentNumbers lead_numbers(segmenter, numbers, data.dict.size());

  std::vector<StageCell> cells(n_periods * n_segments * kBowtieStageCount);
  auto cell = [&](uint32_t period, uint32_t segment, int stage) -> StageCell& {
    return cells[(static_cast<size_t>(period) * n_segments + segment) * kBowtieStageCount +
                 static_cast<size_t>(stage)];
  };
  auto period_of = [&](Day d) { return (*period_of_day)(d); };

  // Counts one unit with stage days `e` into the cells of its segments; `value(i)` is its
  // amount at stage i (NaN when none).
  auto add_unit = [&](const std::array<Day, kBowtieStageCount>& e, const std::vector<uint32_t>& unit_segments,
                      auto&& value) {
    for (int i = 0; i < kBowtieStageCount; ++i) {
      const Day d = e[i];
      if (d == kNullDay) continue;
      const uint32_t p = period_of(d);
      for (const uint32_t sn : unit_segments) {
        StageCell& c = cell(p, sn, i);
        ++c.entered;
        if (cohort) {
          if (i + 1 < kBowtieStageCount) {
            const Day next = e[i + 1];
            const bool converted = next != kNullDay && next - d <= window;
            if (converted) {
              ++c.converted;
              c.days.Add(std::max(0, next - d));
            } else if (d + window > options.as_of) {
              ++c.still_open;
            }
            const double v = value(i);
            if (HasNextStepValue(i) && !IsNull(v)) {
              c.has_value = true;
              c.value_entered += v;
              const double next_value = value(i + 1);
              if (converted && !IsNull(next_value)) c.value_converted += next_value;
            }
          }
          if (i == kSelection && !IsNull(value(kSelection))) {
            for (int j : {kCommit, kOnboarding}) {
              const double reached = value(j);
              if (e[j] != kNullDay && !IsNull(reached)) cell(p, sn, j).value_from_selection += reached;
            }
          }
          if (i == 0) {
            for (int j = 0; j < kBowtieStageCount; ++j) {
              if (e[j] != kNullDay) ++cell(p, sn, j).reached_from_awareness;
            }
          }
        } else {
          // Period mode: an entry into stage i in P is a step out of stage i-1 (Δt from
          // i-1) and, for commit, brings the value of the won deal.
          if (i > 0 && e[i - 1] != kNullDay) cell(p, sn, i - 1).days.Add(std::max(0, d - e[i - 1]));
          // By value: an entry into a stage with an amount brings its value, which is also
          // the converted value of the stage before it.
          const double v = value(i);
          if (!IsNull(v)) {
            c.has_value = true;
            c.value_entered += v;
            if (i > kSelection) cell(p, sn, i - 1).value_converted += v;
          }
        }
      }
    }
  };
  // A lead's own unit: what add_unit counts for a unit that enters awareness and education
  // at most and carries no amount, written out for those two stages (ten million such units
  // on the benchmark's L). Only whole counts change, so the order of the units is free.
  auto add_lead_unit = [&](const std::array<Day, kBowtieStageCount>& e,
                           const std::vector<uint32_t>& unit_segments) {
    const Day created = e[0], qualified = e[1];
    if (created != kNullDay) {
      const uint32_t p = period_of(created);
      const bool converted = qualified != kNullDay && qualified - created <= window;
      const bool open = !converted && created + window > options.as_of;
      for (const uint32_t sn : unit_segments) {
        StageCell& c = cell(p, sn, 0);
        ++c.entered;
        if (!cohort) continue;
        if (converted) {
          ++c.converted;
          c.days.Add(std::max(0, qualified - created));
        }
        c.still_open += open;
        ++c.reached_from_awareness;
        if (qualified != kNullDay) ++cell(p, sn, 1).reached_from_awareness;
      }
    }
    if (qualified != kNullDay) {
      const uint32_t p = period_of(qualified);
      const bool open = qualified + window > options.as_of;  // no next stage: never converted
      for (const uint32_t sn : unit_segments) {
        StageCell& c = cell(p, sn, 1);
        ++c.entered;
        if (cohort) {
          c.still_open += open;
        } else if (created != kNullDay) {
          cell(p, sn, 0).days.Add(std::max(0, qualified - created));
        }
      }
    }
  };
  if (min_day != kNullDay) {
    for (size_t u = 0; u < stages.account_units(); ++u) {
      const auto a = static_cast<AccountIndex>(u);
      add_unit(stages.entered[u], numbers.of_value[segmenter.ValueNumber(a)],
               [&](int i) { return stages.Value(u, i); });
    }
    for (size_t u = stages.account_units(); u < stages.size(); ++u) {
      add_lead_unit(stages.Days(u), lead_numbers.Of(stages.LeadSegment(u)));
    }
    if (more_leads) {
      for (size_t row = 0; row < leads.size(); ++row) {
        if (lead_is_unit(row)) add_lead_unit(lead_days(row), lead_numbers.Of(leads.segment[row]));
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
    const StageCell empty;
    auto get = [&](Month p, const std::string& s, int i) -> const StageCell& {
      const auto period = static_cast<size_t>((p - first_period) / months_per_period);
      if (period >= n_periods) return empty;
      return cell(static_cast<uint32_t>(period), numbers.of_name.at(s), i);
    };
    for (Month p = first_period; p <= last_period; p += months_per_period) {
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
          row.push_back(HasNextStepValue(i) && c.has_value ? Rate(c.value_converted, c.value_entered)
                                                           : Cell{});
          row.push_back(Num(c.days.Median()));
          row.push_back(Num(c.days.Mean()));
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
    r.notes.push_back(
        "CR 0→i: of the units entering awareness in the period, the share that has entered stage i");
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
