#include "reports/ttv_drilldown.h"

#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/distribution.h"
#include "base/strings.h"
#include "output/json_number.h"
#include "reports/drill_cell.h"
#include "reports/drill_report.h"
#include "reports/report_runs.h"
#include "segments/segmenter.h"

namespace flywheel {
namespace {

constexpr const char* kFormat = "COHORT:SEGMENT:FIELD, e.g. 2024-01:all:within_30d_rate";

enum class TtvFigure { kAccounts, kReached, kMedian, kMean, kWithin, kOpen };

struct TtvField {
  TtvFigure figure;
  int target = 0;  // days, for kWithin and kOpen
};

// The field a cell names, with its target; kUsage with the report's fields when unknown.
Result<TtvField> ParseTtvField(std::string_view name, const std::vector<int>& targets) {
  std::vector<std::string> names = {"accounts", "reached_value", "ttv_median_days", "ttv_mean_days"};
  const TtvFigure fixed[] = {TtvFigure::kAccounts, TtvFigure::kReached, TtvFigure::kMedian, TtvFigure::kMean};
  for (size_t i = 0; i < 4; ++i) {
    if (name == names[i]) return TtvField{fixed[i]};
  }
  for (int t : targets) {
    names.push_back(fmt::format("within_{}d_rate", t));
    if (name == names.back()) return TtvField{TtvFigure::kWithin, t};
    names.push_back(fmt::format("open_{}d", t));
    if (name == names.back()) return TtvField{TtvFigure::kOpen, t};
  }
  return Status::Usage(
      fmt::format("--cell: unknown field '{}' for ttv{}", name, DidYouMeanSuffix(name, names)));
}

// The report's row of the cohort and segment must exist: its errors come first, then
// "no cohort" / "no segment" for the cell.
Status CheckCohortRow(const Report& ttv, const std::string& cohort, const std::string& segment) {
  std::vector<std::string> cohorts;
  for (const auto& row : ttv.rows) {
    const std::string& c = std::get<std::string>(row[0]);
    if (c == cohort && std::get<std::string>(row[1]) == segment) return Status::Ok();
    if (cohorts.empty() || cohorts.back() != c) cohorts.push_back(c);
  }
  if (std::find(cohorts.begin(), cohorts.end(), cohort) != cohorts.end()) {
    return Status::Usage(fmt::format("--cell: cohort {} has no segment '{}'", cohort, segment));
  }
  return Status::Usage(
      fmt::format("--cell: no cohort '{}' in the ttv report{}", cohort, DidYouMeanSuffix(cohort, cohorts)));
}

// One account of the cohort as the report counts it.
struct TtvMember {
  AccountIndex account;
  Day start, value;   // value kNullDay: not reached
  bool within, open;  // for the field's target
};

std::vector<TtvMember> CohortMembers(const StageDates& stages, const Segmenter& segmenter,
                                     const PeriodCalendar& cal, const std::string& cohort,
                                     const std::string& segment, int target, Day as_of) {
  std::vector<TtvMember> out;
  for (size_t u = 0; u < stages.size(); ++u) {
    const Day start = stages.Entered(u, static_cast<int>(BowtieStage::kOnboarding));
    const AccountIndex a = stages.Account(u);
    if (start == kNullDay || a == kNoAccount) continue;
    if (cal.Label(cal.PeriodStart(MonthOfDay(start))) != cohort) continue;
    const std::vector<std::string> segs = segmenter.ForAccount(a);
    if (std::find(segs.begin(), segs.end(), segment) == segs.end()) continue;
    const Day value = stages.Entered(u, static_cast<int>(BowtieStage::kImpact));
    const bool within = value != kNullDay && std::max(0, value - start) <= target;
    out.push_back({a, start, value, within, !within && start + target > as_of});
  }
  return out;
}

bool Listed(const TtvField& f, const TtvMember& m) {
  switch (f.figure) {
    case TtvFigure::kReached:
    case TtvFigure::kMedian:
    case TtvFigure::kMean:
      return m.value != kNullDay;
    case TtvFigure::kOpen:
      return m.open;
    default:
      return true;
  }
}

std::string StatusOf(const TtvField& f, const TtvMember& m) {
  if (f.figure == TtvFigure::kWithin || f.figure == TtvFigure::kOpen) {
    if (m.within) return fmt::format("reached within {}d", f.target);
    return m.open ? fmt::format("open for {}d", f.target) : fmt::format("not reached within {}d", f.target);
  }
  return m.value == kNullDay ? "not reached" : "reached";
}

// The rows and the figures of the field into `report`.
void FillTtvRows(const TtvField& f, const std::vector<TtvMember>& members, const Dataset& data,
                 const std::string& name, Report* report) {
  const bool rate = f.figure == TtvFigure::kWithin;
  report->columns = {{"account_id", ColumnKind::kText},    {"account_name", ColumnKind::kText},
                     {"onboarded_on", ColumnKind::kText},  {"value_on", ColumnKind::kText},
                     {"days_to_value", ColumnKind::kDays}, {"status", ColumnKind::kText}};
  if (rate) {
    report->columns.push_back({"numerator", ColumnKind::kInteger});
    report->columns.push_back({"denominator", ColumnKind::kInteger});
  }
  std::vector<double> days;
  int64_t numerator = 0, denominator = 0;
  for (const TtvMember& m : members) {
    if (!Listed(f, m)) continue;
    const bool reached = m.value != kNullDay;
    const double d = reached ? static_cast<double>(std::max(0, m.value - m.start)) : kNullNumber;
    if (reached) days.push_back(d);
    std::vector<Cell> row = {std::string(data.accounts.id[m.account]),
                             std::string(data.accounts.name[m.account]),
                             FormatDate(m.start),
                             reached ? Cell{FormatDate(m.value)} : Cell{},
                             NumberOrNull(d),
                             StatusOf(f, m)};
    if (rate) {
      row.push_back(int64_t{m.within});
      row.push_back(int64_t{!m.open});
      numerator += m.within;
      denominator += !m.open;
    }
    report->rows.push_back(std::move(row));
  }
  report->json_extra.push_back({"field", nlohmann::json(name).dump()});
  if (rate) {
    report->json_extra.push_back({"numerator", std::to_string(numerator)});
    report->json_extra.push_back({"denominator", std::to_string(denominator)});
    report->json_extra.push_back(
        {"value", JsonNumber(denominator ? static_cast<double>(numerator) / denominator : kNullNumber)});
    report->extra_fields.push_back({"value", ColumnKind::kRate});
  } else if (f.figure == TtvFigure::kMedian || f.figure == TtvFigure::kMean) {
    report->json_extra.push_back(
        {"value", JsonNumber(f.figure == TtvFigure::kMedian ? Median(days) : Mean(days))});
    report->extra_fields.push_back({"value", ColumnKind::kDays});
  } else {
    report->json_extra.push_back({"total", std::to_string(report->rows.size())});
    report->extra_fields.push_back({"total", ColumnKind::kInteger});
  }
}

std::string TtvNote(const TtvField& f, size_t rows, const std::string& cohort, const std::string& segment) {
  const std::string who = fmt::format("{} accounts onboarded in {} ({})", rows, cohort, segment);
  switch (f.figure) {
    case TtvFigure::kAccounts:
      return who + ".";
    case TtvFigure::kReached:
      return who + " that reached value.";
    case TtvFigure::kMedian:
      return who + " that reached value; the TTV median is the median of their days to value.";
    case TtvFigure::kMean:
      return who + " that reached value; the TTV mean is the mean of their days to value.";
    case TtvFigure::kWithin:
      return fmt::format(
          "{}; ≤{}d = reached within {} days (numerator) / accounts not open for {} days (denominator).", who,
          f.target, f.target, f.target);
    case TtvFigure::kOpen:
      return fmt::format(
          "{} that have not reached value and were onboarded fewer than {} days before the as-of date.", who,
          f.target);
  }
  return who;
}

}  // namespace

Result<Report> TtvDrilldown(const Input& in, const PeriodReportOptions& o, const DrillCellText& text) {
  auto required = RequiredCell(text, kFormat);
  if (!required.ok()) return required.status();
  const std::string& cell = required.value();
  const auto parts = SplitCell(cell);
  if (parts.size() != 3) return Status::Usage(fmt::format("--cell: '{}' is not {}", cell, kFormat));
  auto parsed_field = ParseTtvField(parts[2], in.settings.ttv_targets_days);
  if (!parsed_field.ok()) return parsed_field.status();
  const auto& field = parsed_field.value();
  TtvReportOptions ttv_options;
  static_cast<PeriodReportOptions&>(ttv_options) = o;
  auto ttv = RunTtv(in, ttv_options);  // its own errors (data, segment_by) first
  if (!ttv.ok()) return ttv.status();
  const std::string cohort(parts[0]), segment(parts[1]);
  FLYWHEEL_RETURN_IF_ERROR(CheckCohortRow(ttv.value(), cohort, segment));
  const Day as_of = o.AsOf(in);
  auto segmenter = Segmenter::Make(in.dataset, o.segment_by, o.segment, in.settings.segment_attribute);
  if (!segmenter.ok()) return segmenter.status();
  auto stages = in.derived->AccountStages(in.dataset, in.settings, as_of);
  if (!stages.ok()) return stages.status();
  const PeriodCalendar cal{o.period, in.settings.fiscal_year_start_month};
  const auto members =
      CohortMembers(*stages.value(), segmenter.value(), cal, cohort, segment, field.target, as_of);
  Report report = DrillReport("ttv", in, as_of, cell);
  report.period = std::string(GranularityName(cal.granularity));
  report.segment_by = segmenter.value().attribute();
  FillTtvRows(field, members, in.dataset, std::string(parts[2]), &report);
  report.notes.push_back(TtvNote(field, report.rows.size(), cohort, segment));
  return report;
}

}  // namespace flywheel
