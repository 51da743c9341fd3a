#include "reports/cohorts_drilldown.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "output/json_number.h"
#include "reports/drill_cell.h"
#include "reports/report_runs.h"
#include "revenue/cohort_report.h"
#include "revenue/mrr_series.h"
#include "segments/account_segments.h"

namespace flywheel {
namespace {

constexpr const char* kFormat =
    "COHORT:AGE or COHORT:SEGMENT:AGE, e.g. 2019-03:2; average:AGE for the weighted average";

// A cohorts cell, checked for its form: the cohort label (or "average"), the segment when the
// cell names one, and the age.
struct CohortCell {
  std::string text;  // as given
  std::string cohort_label;
  bool average = false;
  bool names_segment = false;
  std::string segment;  // when names_segment
  int age = -1;
};

Result<CohortCell> ParseCohortCell(const std::string& cell) {
  auto parts = SplitCell(cell);
  if (parts.size() != 2 && parts.size() != 3) {
    return Status::Usage(fmt::format("--cell: '{}' is not {}", cell, kFormat));
  }
  CohortCell c;
  c.text = cell;
  c.cohort_label = std::string(parts[0]);
  c.average = c.cohort_label == "average";
  c.names_segment = parts.size() == 3;
  if (c.names_segment) c.segment = std::string(parts[1]);
  const std::string age_text(parts.back());
  if (!age_text.empty() && age_text.size() < 6 &&
      std::all_of(age_text.begin(), age_text.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    c.age = std::stoi(age_text);
  }
  if (c.age < 0)
    return Status::Usage(fmt::format("--cell: age '{}' is not a whole number of periods", age_text));
  return c;
}

// The accounts' segments of the cut (segment_by, else the settings' attribute when a segment
// is filtered); none without a cut.
struct CohortSegments {
  std::string segment_by;
  AccountSegments segments;
  std::string Of(AccountIndex a) const {
    return segment_by.empty() ? std::string("all") : segments.values[segments.of_account[a]];
  }
};

Result<CohortSegments> SegmentsOf(const Input& in, const CohortOptions& options) {
  CohortSegments out;
  out.segment_by = options.segment_by;
  if (out.segment_by.empty() && !options.segment.empty()) out.segment_by = in.settings.segment_attribute;
  if (out.segment_by.empty()) return out;
  auto segments = SegmentAccounts(in.dataset, out.segment_by);
  if (!segments.ok()) return segments.status();
  out.segments = std::move(segments).value();
  return out;
}

// The segment of the cell: named in it, else the segment filter, else "all"; the weighted
// average pools every segment shown (""). Then checks that the triangle has the cell's
// cohort, segment and age.
Result<std::string> CheckCohortCell(const CohortCell& c, const CohortTriangle& triangle,
                                    const CohortOptions& options, const CohortSegments& segs) {
  std::string segment = c.names_segment ? c.segment : options.segment;
  if (segment.empty() && !c.average) {
    if (!segs.segment_by.empty()) {
      return Status::Usage(fmt::format(
          "--cell: with segment_by, name the segment: COHORT:SEGMENT:AGE (e.g. {}:{}:{})", c.cohort_label,
          segs.segments.values.empty() ? "unassigned" : segs.segments.values[0], c.age));
    }
    segment = "all";
  }
  const PeriodCalendar cal{options.granularity, options.fiscal_year_start_month};
  const CohortRow* row = nullptr;
  std::vector<std::string> labels;
  for (const CohortRow& r : triangle.rows) {
    labels.push_back(cal.Label(r.cohort));
    if (!c.average && labels.back() == c.cohort_label && r.segment == segment) row = &r;
  }
  if (!c.average && !row) {
    bool cohort_known = std::find(labels.begin(), labels.end(), c.cohort_label) != labels.end();
    if (cohort_known)
      return Status::Usage(fmt::format("--cell: cohort {} has no segment '{}'", c.cohort_label, segment));
    return Status::Usage(fmt::format("--cell: no cohort '{}' in the cohorts report{}", c.cohort_label,
                                     DidYouMeanSuffix(c.cohort_label, labels)));
  }
  if (c.age > triangle.max_age || (row && !row->numerator[static_cast<size_t>(c.age)])) {
    return Status::Usage(
        fmt::format("--cell: {} has no age {} yet",
                    c.average ? std::string("the weighted average") : "cohort " + c.cohort_label, c.age));
  }
  return segment;
}

// The sums over the rows.
struct CohortTotals {
  double numerator = 0, denominator = 0, start = 0;
};

// One row per account of the cell (every cohort that has the age, for the average), with its
// part of the metric's numerator and denominator.
CohortTotals AddCohortRows(const Input& in, const MrrSeries& series, const CohortOptions& options,
                           const CohortSegments& segs, const CohortCell& c, const std::string& segment,
                           Report* report) {
  const PeriodCalendar cal{options.granularity, options.fiscal_year_start_month};
  const int step = MonthsPerPeriod(options.granularity);
  const Month last = series.last_month();
  CohortTotals totals;
  for (AccountIndex a = 0; a < static_cast<AccountIndex>(series.account_count()); ++a) {
    Month f = series.FirstActiveMonth(a);
    if (f == kNullMonth) continue;
    const std::string seg = segs.Of(a);
    if (!options.segment.empty() && seg != options.segment) continue;
    if (!c.average && seg != segment) continue;
    Month cohort = cal.PeriodStart(f);
    if (!c.average && cal.Label(cohort) != c.cohort_label) continue;
    if ((cal.PeriodStart(last) - cohort) / step < c.age) continue;  // the cohort has not reached the age
    const double start = series.Mrr(a, f);
    // At the rates of the account's first month, as the report counts it.
    const Month snap = std::min(cohort + c.age * step + step - 1, last);
    const double mrr = series.MrrAtRatesOf(a, snap, f);
    double num = 0, den = start;
    switch (options.metric) {
      case CohortMetric::kNrr:
        num = mrr;
        break;
      case CohortMetric::kGrr:
        num = std::min(mrr, start);
        break;
      case CohortMetric::kLogo:
        num = series.Mrr(a, snap) > 0 ? 1 : 0;
        den = 1;
        break;
    }
    report->rows.push_back({std::string(in.dataset.accounts.id[a]), std::string(in.dataset.accounts.name[a]),
                            cal.Label(cohort), seg, start, mrr, num, den});
    totals.numerator += num;
    totals.denominator += den;
    totals.start += start;
  }
  return totals;
}

// The cell's totals and the note that says what they are.
void AddCohortTotals(const CohortTotals& t, const std::string& metric, const CohortCell& c,
                     const std::string& segment, Report* report) {
  const double value =
      t.denominator > 0 ? t.numerator / t.denominator : std::numeric_limits<double>::quiet_NaN();
  report->json_extra.push_back({"metric", nlohmann::json(metric).dump()});
  report->json_extra.push_back({"age", nlohmann::json(c.age).dump()});
  report->json_extra.push_back({"accounts", nlohmann::json(report->rows.size()).dump()});
  report->json_extra.push_back({"start_mrr", JsonNumber(t.start)});
  report->json_extra.push_back({"numerator", JsonNumber(t.numerator)});
  report->json_extra.push_back({"denominator", JsonNumber(t.denominator)});
  report->json_extra.push_back({"value", JsonNumber(value)});
  report->notes.push_back(fmt::format(
      "{} accounts of {}; {} = Σ numerator / Σ denominator = {} at age {} ({}: numerator = {}, denominator = "
      "{}).",
      report->rows.size(),
      c.average ? std::string("every cohort that has the age") : "cohort " + c.cohort_label + " / " + segment,
      metric, std::isnan(value) ? std::string("—") : FormatNumber(value, 4), c.age, metric,
      metric == "nrr"   ? "MRR at the age"
      : metric == "grr" ? "min(MRR at the age, start MRR)"
                        : "1 when still paying",
      metric == "logo" ? "1" : "start MRR"));
}

}  // namespace

Result<Report> CohortsDrilldown(const Input& in, const CohortsReportOptions& o, const DrillCellText& text) {
  auto required = RequiredCell(text, kFormat);
  if (!required.ok()) return required.status();
  auto parsed = ParseCohortCell(required.value());
  if (!parsed.ok()) return parsed.status();
  const CohortCell& c = parsed.value();
  const Day as_of = o.AsOf(in);
  auto basis = LoadMrr(in, as_of);
  if (!basis.ok()) return basis.status();
  const MrrSeries& series = basis.value()->series;
  // The same options as the report, which also checks segment_by and segment.
  const CohortOptions options = CohortOptionsFor(in, o);
  auto triangle = ComputeCohorts(in.dataset, in.settings, series, options);
  if (!triangle.ok()) return triangle.status();
  auto segs = SegmentsOf(in, options);
  if (!segs.ok()) return segs.status();
  auto segment = CheckCohortCell(c, triangle.value(), options, segs.value());
  if (!segment.ok()) return segment.status();
  Report report = DrillReport("cohorts", in, as_of, c.text);
  report.period = std::string(GranularityName(options.granularity));
  report.segment_by = options.segment_by;
  report.columns = {{"account_id", ColumnKind::kText},  {"account_name", ColumnKind::kText},
                    {"cohort", ColumnKind::kText},      {"segment", ColumnKind::kText},
                    {"start_mrr", ColumnKind::kMoney},  {"mrr", ColumnKind::kMoney},
                    {"numerator", ColumnKind::kNumber}, {"denominator", ColumnKind::kNumber}};
  const CohortTotals totals = AddCohortRows(in, series, options, segs.value(), c, segment.value(), &report);
  AddCohortTotals(totals, o.metric_name, c, segment.value(), &report);
  return report;
}

}  // namespace flywheel
