// `flywheel revenue` and `flywheel cohorts`: the recurring-revenue reports.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <memory>
#include <string>

#include "cli/input.h"
#include "revenue/cohort_report.h"
#include "revenue/mrr_series.h"
#include "revenue/revenue_report.h"

namespace flywheel {

namespace {

struct RevenueCommandOptions {
  InputOptions input;
  ReportOptions report;
  std::string metric = "nrr";
};

// Loads the input and computes MRR; fails when there is no subscriptions table.
Result<MrrSeries> LoadMrr(const Input& in) {
  if (!in.dataset.Has(Table::kSubscriptions)) {
    return Status::BadData("revenue needs subscriptions.csv");
  }
  return ComputeMrr(in.dataset, in.settings, in.as_of);
}

}  // namespace

std::function<Status()> SetupRevenue(CLI::App* app) {
  auto o = std::make_shared<RevenueCommandOptions>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  return [o]() -> Status {
    auto period = ParsePeriod(o->report.period);
    if (!period.ok()) return period.status();
    auto format = ParseFormat(o->report.format);
    if (!format.ok()) return format.status();
    auto in = LoadInput(o->input);
    if (!in.ok()) return in.status();
    PrintWarnings(in->warnings);
    auto series = LoadMrr(*in);
    if (!series.ok()) return series.status();
    RevenueOptions options;
    options.granularity = *period;
    options.fiscal_year_start_month = in->settings.fiscal_year_start_month;
    options.segment_by = o->report.segment_by;
    options.segment = o->report.segment;
    options.as_of = in->as_of;
    auto table = ComputeRevenue(in->dataset, in->settings, *series, options);
    if (!table.ok()) return table.status();
    return PrintReport(RevenueReport(*table, in->settings, in->as_of), o->report.format);
  };
}

std::function<Status()> SetupCohorts(CLI::App* app) {
  auto o = std::make_shared<RevenueCommandOptions>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  app->add_option("--metric", o->metric, "Retention metric: nrr, grr or logo (default nrr)");
  return [o]() -> Status {
    CohortOptions options;
    if (o->metric == "nrr") options.metric = CohortMetric::kNrr;
    else if (o->metric == "grr") options.metric = CohortMetric::kGrr;
    else if (o->metric == "logo") options.metric = CohortMetric::kLogo;
    else return Status::Usage(fmt::format("--metric: unknown metric '{}' (expected nrr, grr or logo)", o->metric));
    auto period = ParsePeriod(o->report.period);
    if (!period.ok()) return period.status();
    if (*period == Granularity::kYear) {
      return Status::Usage("--period: cohorts are by month or quarter, not year");
    }
    auto format = ParseFormat(o->report.format);
    if (!format.ok()) return format.status();
    auto in = LoadInput(o->input);
    if (!in.ok()) return in.status();
    PrintWarnings(in->warnings);
    auto series = LoadMrr(*in);
    if (!series.ok()) return series.status();
    options.granularity = *period;
    options.fiscal_year_start_month = in->settings.fiscal_year_start_month;
    options.segment_by = o->report.segment_by;
    options.segment = o->report.segment;
    auto triangle = ComputeCohorts(in->dataset, in->settings, *series, options);
    if (!triangle.ok()) return triangle.status();
    int max_ages = *format == ReportFormat::kTable ? 12 : 0;
    return PrintReport(CohortReport(*triangle, options, in->settings, in->as_of, max_ages),
                       o->report.format);
  };
}

}  // namespace flywheel
