#include "bowtie/bowtie_report.h"

#include <fmt/core.h>

#include <map>
#include <tuple>

#include "base/distribution.h"

namespace flywheel {
namespace {

struct StageCell {
  int64_t entered = 0;
  int64_t converted = 0;
  int64_t still_open = 0;
  int64_t reached_from_awareness = 0;  // cohort mode: stage-0 cohort units that reached this stage
  double value_entered = 0, value_converted = 0;
  bool has_value = false;
  std::vector<double> days;  // Δt to the next stage of the converted units
};

using Key = std::tuple<Month, std::string, int>;  // period start, segment, stage

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
  AccountIndex a = stages.account[unit];
  if (a != kNoAccount) return segmenter.ForAccount(a);
  return segmenter.ForLead(stages.lead_segment[unit]);
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

  for (size_t u = 0; u < stages.size(); ++u) {
    const auto& e = stages.entered[u];
    std::vector<std::string> segs = UnitSegments(stages, u, segmenter);
    for (int i = 0; i < kBowtieStageCount; ++i) {
      Day d = e[i];
      if (d == kNullDay) continue;
      Month p = cal.PeriodStart(MonthOfDay(d));
      if (first_period == kNullMonth || p < first_period) first_period = p;
      for (const std::string& s : segs) {
        StageCell& c = cells[{p, s, i}];
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
            if (i == static_cast<int>(BowtieStage::kSelection) && !IsNull(stages.selection_value[u])) {
              c.has_value = true;
              c.value_entered += stages.selection_value[u];
              if (converted && !IsNull(stages.commit_value[u])) c.value_converted += stages.commit_value[u];
            }
          }
          if (i == 0) {
            for (int j = 0; j < kBowtieStageCount; ++j) {
              if (e[j] != kNullDay) ++cells[{p, s, j}].reached_from_awareness;
            }
          }
        } else {
          // Period mode: an entry into stage i in P is a step out of stage i-1 (Δt from
          // i-1) and, for commit, brings the value of the won deal.
          if (i > 0 && e[i - 1] != kNullDay) {
            cells[{p, s, i - 1}].days.push_back(std::max(0, d - e[i - 1]));
          }
          if (i == static_cast<int>(BowtieStage::kSelection) && !IsNull(stages.selection_value[u])) {
            c.has_value = true;
            c.value_entered += stages.selection_value[u];
          }
          if (i == static_cast<int>(BowtieStage::kCommit) && !IsNull(stages.commit_value[u])) {
            cells[{p, s, i - 1}].value_converted += stages.commit_value[u];
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
          row.push_back(i == static_cast<int>(BowtieStage::kSelection) && c.has_value
                            ? Rate(c.value_converted, c.value_entered)
                            : Cell{});
          row.push_back(Num(Median(c.days)));
          row.push_back(Num(Mean(c.days)));
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
  r.notes.push_back("CR value (selection → commit): won new-deal amounts / amounts of the opportunities that "
                    "opened selection");
  if (settings.value_event.metric.empty()) {
    r.notes.push_back("impact: no value event configured ([value_event] metric), so no unit enters it");
  }
  return r;
}

}  // namespace flywheel
