#include "bowtie/bowtie_report.h"

#include <fmt/core.h>

#include <cstdint>

#include "bowtie/bowtie_cells.h"

namespace flywheel {
namespace {

constexpr int kSelection = static_cast<int>(BowtieStage::kSelection);

Cell Rate(double num, double den) {
  if (den == 0) return std::monostate{};
  return num / den;
}
Cell Num(double v) {
  if (IsNull(v)) return std::monostate{};
  return v;
}

// The cells of one period × segment, by stage.
struct PeriodSegmentCells {
  const BowtieCells& cells;
  size_t period;
  uint32_t segment;

  const StageCell& operator[](int stage) const { return cells.At(period, segment, stage); }
};

// The row of `stage` of one period × segment: volume, conversion by count and by value, Δt.
std::vector<Cell> StageRow(const std::string& period_label, const std::string& segment, int stage,
                           const PeriodSegmentCells& cells, bool cohort) {
  const StageCell& c = cells[stage];
  const StageCell& zero = cells[0];
  const bool last = stage + 1 == kBowtieStageCount;
  std::vector<Cell> row = {period_label, segment,
                           std::string(BowtieStageName(static_cast<BowtieStage>(stage))), c.entered};
  if (cohort) {
    row.push_back(last ? Cell{} : Cell{c.converted});
    row.push_back(last ? Cell{} : Cell{c.still_open});
    row.push_back(last ? Cell{} : Rate(c.converted, c.entered));
    row.push_back(Rate(c.reached_from_awareness, zero.entered));
  } else {
    const StageCell& next = cells[last ? stage : stage + 1];
    row.push_back(Cell{});
    row.push_back(Cell{});
    row.push_back(last ? Cell{} : Rate(next.entered, c.entered));
    row.push_back(Rate(c.entered, zero.entered));
  }
  row.push_back(HasNextStepValue(stage) && c.has_value ? Rate(c.value_converted, c.value_entered) : Cell{});
  row.push_back(Num(c.days.Median()));
  row.push_back(Num(c.days.Mean()));
  const StageCell& selection = cells[kSelection];
  if (HasCumulativeValue(stage) && selection.has_value) {
    row.push_back(Rate(cohort ? c.value_from_selection : c.value_entered, selection.value_entered));
  } else {
    row.push_back(Cell{});
  }
  return row;
}

// Rows from the first period with a stage entry to the as-of period: per period, segment and
// stage.
void AddStageRows(const BowtieCells& cells, const PeriodCalendar& cal, const SegmentNumbers& numbers,
                  const std::vector<std::string>& segments, Day as_of, bool cohort, Report* r) {
  if (cells.first_period() == kNullMonth) return;
  const int months_per_period = MonthsPerPeriod(cal.granularity);
  const Month last_period = cal.PeriodStart(MonthOfDay(as_of));
  for (Month p = cells.first_period(); p <= last_period; p += months_per_period) {
    const auto period = static_cast<size_t>((p - cells.first_period()) / months_per_period);
    const std::string label = cal.Label(p);
    for (const std::string& s : segments) {
      const PeriodSegmentCells at{cells, period, numbers.of_name.at(s)};
      for (int i = 0; i < kBowtieStageCount; ++i) r->rows.push_back(StageRow(label, s, i, at, cohort));
    }
  }
}

std::vector<Column> BowtieColumns() {
  return {
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
}

// The definitions the rows follow, for the mode they were counted in.
void AddBowtieNotes(const Settings& settings, bool cohort, Report* r) {
  if (cohort) {
    r->notes.push_back(fmt::format(
        "mode cohort: of the units entering a stage in the period, the share entering the next stage within "
        "{} days; still open = not converted and the window has not elapsed at {}",
        settings.bowtie_window_days, r->as_of));
    r->notes.push_back(
        "CR 0→i: of the units entering awareness in the period, the share that has entered stage i");
  } else {
    r->notes.push_back(
        "mode period: CR next = entries into the next stage in the period / entries into this stage in the "
        "period; CR 0→i = entries into stage i / entries into awareness; Δt over the next stage's entries");
  }
  r->notes.push_back(
      "by value (stages with an amount: selection = opportunity amount, commit = won new-deal amount, "
      "onboarding = first-month ARR): CR value selection → commit and commit → onboarding = next stage's "
      "value / this stage's value; CR value 2→i (commit, onboarding) = value at stage i / value entering "
      "selection");
  if (settings.value_event.metric.empty()) {
    r->notes.push_back("impact: no value event configured ([value_event] metric), so no unit enters it");
  }
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
  const bool cohort = options.mode == BowtieMode::kCohort;
  const SegmentNumbers numbers = segmenter.Numbers();
  BowtieCountOptions count;
  count.cohort = cohort;
  count.window_days = settings.bowtie_window_days;
  count.as_of = options.as_of;
  count.lead_units_from_leads = options.lead_units_from_leads;
  const BowtieCells cells = BowtieCells::Count(data, stages, segmenter, numbers, options.calendar, count);

  Report r;
  r.name = "bowtie";
  r.as_of = FormatDate(options.as_of);
  r.period = std::string(GranularityName(options.calendar.granularity));
  r.segment_by = segmenter.attribute();
  r.currency = settings.base_currency;
  r.columns = BowtieColumns();
  AddStageRows(cells, options.calendar, numbers, segmenter.AllSegments(), options.as_of, cohort, &r);
  AddBowtieNotes(settings, cohort, &r);
  return r;
}

}  // namespace flywheel
