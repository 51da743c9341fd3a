#include "reports/report_runs.h"

#include <memory>

#include "bowtie/bowtie_report.h"
#include "bowtie/stage_dates.h"
#include "bowtie/ttv_report.h"
#include "efficiency/efficiency_report.h"
#include "efficiency/flywheel_report.h"
#include "efficiency/gtm_ledger.h"
#include "efficiency/new_deal_speed.h"
#include "pipeline/pipeline_waterfall.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "revenue/revenue_report.h"
#include "segments/segmenter.h"

namespace flywheel {
namespace {

// Everything the journey and efficiency reports share: calendar, segments, MRR movements.
// Borrows the Input: the segmenter points into its data set.
struct Prepared {
  Day as_of = kNullDay;
  PeriodCalendar calendar;
  Segmenter segmenter;
  std::shared_ptr<const MrrBasis> mrr;  // shared with other reports of the Input (DerivedData)
  const MrrSeries& series() const { return mrr ? mrr->series : kNoSeries; }
  const std::vector<AccountMovement>& movements() const { return mrr ? mrr->movements : kNoMovements; }

 private:
  static inline const MrrSeries kNoSeries{};
  static inline const std::vector<AccountMovement> kNoMovements{};
};

Result<std::unique_ptr<Prepared>> Prepare(const Input& in, const PeriodReportOptions& o) {
  auto owned = std::make_unique<Prepared>();
  Prepared& prep = *owned;
  prep.as_of = o.AsOf(in);
  auto seg = Segmenter::Make(in.dataset, o.segment_by, o.segment, in.settings.segment_attribute);
  if (!seg.ok()) return seg.status();
  prep.segmenter = std::move(seg).value();
  if (in.dataset.Has(Table::kSubscriptions)) {
    auto mrr = in.derived->Mrr(in.dataset, in.settings, prep.as_of);
    if (!mrr.ok()) return mrr.status();
    prep.mrr = std::move(mrr).value();
  }
  prep.calendar = PeriodCalendar{o.period, in.settings.fiscal_year_start_month};
  return owned;
}

}  // namespace

Result<Report> RunRevenue(const Input& in, const RevenueReportOptions& o) {
  const Day as_of = o.AsOf(in);
  auto loaded = LoadMrr(in, as_of);
  if (!loaded.ok()) return loaded.status();
  const MrrBasis& basis = *loaded.value();
  RevenueOptions options;
  options.granularity = o.period;
  options.fiscal_year_start_month = in.settings.fiscal_year_start_month;
  options.segment_by = o.segment_by;
  options.segment = o.segment;
  options.as_of = as_of;
  // The data set's shared indexes (the revenue report adds nothing else to them).
  std::shared_ptr<const AccountSegments> segments;
  const std::string segment_by = RevenueSegmentAttribute(options, in.settings);
  if (!segment_by.empty()) {
    auto found = in.derived->Segments(in.dataset, segment_by);
    if (found.ok()) segments = std::move(found).value();  // an unknown attribute: ComputeRevenue says so
  }
  options.segments = segments.get();
  const auto won_new = in.derived->WonNewOpportunities(in.dataset);
  options.won_new_opportunities = won_new.get();
  auto table = ComputeRevenue(in.dataset, in.settings, basis.series, basis.movements,
                              basis.movements_by_account, options);
  if (!table.ok()) return table.status();
  return RevenueReport(table.value(), in.settings, as_of);
}

CohortOptions CohortOptionsFor(const Input& in, const CohortsReportOptions& o) {
  CohortOptions options;
  options.metric = o.metric;
  options.granularity = o.period;
  options.fiscal_year_start_month = in.settings.fiscal_year_start_month;
  options.segment_by = o.segment_by;
  options.segment = o.segment;
  return options;
}

Result<Report> RunCohorts(const Input& in, const CohortsReportOptions& o) {
  const Day as_of = o.AsOf(in);
  auto basis = LoadMrr(in, as_of);
  if (!basis.ok()) return basis.status();
  CohortOptions options = CohortOptionsFor(in, o);
  auto triangle = ComputeCohorts(in.dataset, in.settings, basis.value()->series, options);
  if (!triangle.ok()) return triangle.status();
  const int max_ages = o.format == ReportFormat::kTable ? 12 : 0;
  return CohortReport(triangle.value(), options, in.settings, as_of, max_ages);
}

Result<PipelineReport> RunPipeline(const Input& in, const PipelineReportOptions& o) {
  PipelineOptions options;
  if (o.velocity_open) options.velocity_opportunities = VelocityOpportunities::kOpen;
  if (o.cycle_closed) options.cycle_over = CycleOver::kClosed;
  options.as_of = o.AsOf(in);
  options.granularity = o.period;
  options.segment_by = o.segment_by;
  options.segment = o.segment;
  options.owner = o.owner;
  return ComputePipeline(in.dataset, in.settings, options);
}

Result<Report> RunPipelineReport(const Input& in, const PipelineReportOptions& o) {
  auto result = RunPipeline(in, o);
  if (!result.ok()) return result.status();
  return std::move(result.value().report);
}

Result<Report> RunWaterfall(const Input& in, const WaterfallReportOptions& o) {
  return ComputeWaterfall(in.dataset, in.settings, o.from, o.to, o.AsOf(in));
}

Result<Report> RunBowtie(const Input& in, const BowtieReportOptions& o) {
  BowtieOptions options;
  if (o.period_mode) options.mode = BowtieMode::kPeriod;
  auto prepared = Prepare(in, o);
  if (!prepared.ok()) return prepared.status();
  const Prepared& prep = *prepared.value();
  const Dataset& data = in.dataset;
  if (!data.Has(Table::kLeads) && !data.Has(Table::kJourney)) {
    return Status::NotFound("bowtie needs leads.csv or journey.csv");
  }
  auto accounts = in.derived->AccountStages(data, in.settings, prep.as_of);
  if (!accounts.ok()) return accounts.status();
  options.calendar = prep.calendar;
  options.as_of = prep.as_of;
  options.lead_units_from_leads = true;  // the leads' own units are the bowtie's alone
  return BuildBowtieReport(data, in.settings, *accounts.value(), prep.segmenter, options);
}

Result<Report> RunTtv(const Input& in, const TtvReportOptions& o) {
  auto prepared = Prepare(in, o);
  if (!prepared.ok()) return prepared.status();
  const Prepared& prep = *prepared.value();
  auto stages = in.derived->AccountStages(in.dataset, in.settings, prep.as_of);
  if (!stages.ok()) return stages.status();
  return BuildTtvReport(in.dataset, in.settings, *stages.value(), prep.segmenter, prep.calendar, prep.as_of);
}

Result<Report> RunEfficiency(const Input& in, const EfficiencyReportOptions& o) {
  auto prepared = Prepare(in, o);
  if (!prepared.ok()) return prepared.status();
  const Prepared& prep = *prepared.value();
  const Dataset& data = in.dataset;
  if (!data.Has(Table::kSpend))
    return Status::NotFound("efficiency needs spend.csv (sales and marketing spend)");
  if (!data.Has(Table::kSubscriptions)) {
    return Status::NotFound("efficiency needs subscriptions.csv (new customers and net new ARR)");
  }
  auto ledger =
      GtmLedger::Build(data, in.settings, prep.movements(), prep.segmenter, prep.calendar, prep.as_of);
  if (!ledger.ok()) return ledger.status();
  auto cohorts =
      ComputeCohortPayback(ledger.value(), prep.segmenter, prep.movements(), prep.calendar, prep.as_of);
  if (o.by_cohort)
    return BuildCohortPaybackReport(in.settings, cohorts, prep.segmenter, prep.calendar, prep.as_of);
  return BuildEfficiencyReport(data, in.settings, ledger.value(), prep.segmenter, cohorts, prep.calendar,
                               prep.as_of);
}

Result<Report> RunFlywheel(const Input& in, const FlywheelReportOptions& o) {
  auto prepared = Prepare(in, o);
  if (!prepared.ok()) return prepared.status();
  const Prepared& prep = *prepared.value();
  const Dataset& data = in.dataset;
  const Settings& settings = in.settings;
  if (!data.Has(Table::kSubscriptions)) {
    return Status::NotFound("flywheel needs subscriptions.csv (force and friction come from MRR movements)");
  }
  auto ledger = GtmLedger::Build(data, settings, prep.movements(), prep.segmenter, prep.calendar, prep.as_of);
  if (!ledger.ok()) return ledger.status();
  auto speed = ComputeNewDealSpeed(data, settings, prep.segmenter, prep.calendar, prep.as_of);
  if (!speed.ok()) return speed.status();
  auto stages = in.derived->AccountStages(data, settings, prep.as_of);
  if (!stages.ok()) return stages.status();
  FlywheelInputs fin{&data,           &settings,     &ledger.value(), &speed.value(), stages.value().get(),
                     &prep.segmenter, prep.calendar, prep.as_of,      &prep.series(), &prep.movements()};
  if (o.indicators) return BuildIndicatorReport(fin);
  return BuildFlywheelReport(fin);
}

}  // namespace flywheel
