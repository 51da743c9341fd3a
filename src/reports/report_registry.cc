#include "reports/report_registry.h"

#include <fmt/core.h>

#include <memory>

#include "base/strings.h"
#include "bowtie/bowtie_report.h"
#include "bowtie/segmenter.h"
#include "bowtie/stage_dates.h"
#include "bowtie/ttv_report.h"
#include "efficiency/efficiency_report.h"
#include "efficiency/flywheel_report.h"
#include "efficiency/gtm_ledger.h"
#include "efficiency/new_deal_speed.h"
#include "pipeline/pipeline_waterfall.h"
#include "revenue/cohort_report.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "revenue/revenue_report.h"

namespace flywheel {
namespace {

// ---- validation, in the order each CLI command checked its options -------------------

Status CheckFormatPeriod(const ReportParams& p) {
  auto format = ParseFormat(p.Get("format", "table"));
  if (!format.ok()) return format.status();
  auto period = ParsePeriod(p.Get("period", "month"));
  if (!period.ok()) return period.status();
  return Status::Ok();
}

Status ValidateRevenue(const ReportParams& p) {
  auto period = ParsePeriod(p.Get("period", "month"));
  if (!period.ok()) return period.status();
  auto format = ParseFormat(p.Get("format", "table"));
  if (!format.ok()) return format.status();
  return Status::Ok();
}

Result<CohortMetric> ParseCohortMetric(const std::string& metric) {
  if (metric == "nrr") return CohortMetric::kNrr;
  if (metric == "grr") return CohortMetric::kGrr;
  if (metric == "logo") return CohortMetric::kLogo;
  return Status::Usage(fmt::format("--metric: unknown metric '{}' (expected nrr, grr or logo)", metric));
}

Status ValidateCohorts(const ReportParams& p) {
  auto metric = ParseCohortMetric(p.Get("metric", "nrr"));
  if (!metric.ok()) return metric.status();
  auto period = ParsePeriod(p.Get("period", "month"));
  if (!period.ok()) return period.status();
  if (*period == Granularity::kYear) return Status::Usage("--period: cohorts are by month or quarter, not year");
  auto format = ParseFormat(p.Get("format", "table"));
  if (!format.ok()) return format.status();
  return Status::Ok();
}

Status ValidatePipeline(const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormatPeriod(p));
  std::string velocity = p.Get("velocity_opportunities", "created");
  if (velocity != "open" && velocity != "created") {
    return Status::Usage(fmt::format("--velocity-opportunities: unknown value '{}' (expected created or open)", velocity));
  }
  std::string cycle = p.Get("cycle_over", "won");
  if (cycle != "closed" && cycle != "won") {
    return Status::Usage(fmt::format("--cycle-over: unknown value '{}' (expected won or closed)", cycle));
  }
  return Status::Ok();
}

Status ValidateWaterfall(const ReportParams& p) {
  auto format = ParseFormat(p.Get("format", "table"));
  if (!format.ok()) return format.status();
  for (const char* name : {"from", "to"}) {
    if (!p.Has(name)) return Status::Usage(fmt::format("{} is required", OptionName(name)));
    auto day = DateParam(p, name);
    if (!day.ok()) return day.status();
  }
  return Status::Ok();
}

Status ValidateBowtie(const ReportParams& p) {
  std::string mode = p.Get("mode", "cohort");
  if (mode != "period" && mode != "cohort") {
    return Status::Usage(fmt::format("--mode: unknown mode '{}' (expected cohort or period)", mode));
  }
  return CheckFormatPeriod(p);
}

Status ValidateEfficiency(const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormatPeriod(p));
  auto flag = FlagParam(p, "by_cohort");
  return flag.ok() ? Status::Ok() : flag.status();
}

Status ValidateFlywheel(const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormatPeriod(p));
  auto flag = FlagParam(p, "indicators");
  return flag.ok() ? Status::Ok() : flag.status();
}

// ---- runs ------------------------------------------------------------------------------

Result<MrrSeries> LoadMrr(const Input& in, Day as_of) {
  if (!in.dataset.Has(Table::kSubscriptions)) return Status::BadData("revenue needs subscriptions.csv");
  return ComputeMrr(in.dataset, in.settings, as_of);
}

Result<Report> RunRevenue(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateRevenue(p));
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  auto series = LoadMrr(in, *as_of);
  if (!series.ok()) return series.status();
  RevenueOptions options;
  options.granularity = *ParsePeriod(p.Get("period", "month"));
  options.fiscal_year_start_month = in.settings.fiscal_year_start_month;
  options.segment_by = p.Get("segment_by");
  options.segment = p.Get("segment");
  options.as_of = *as_of;
  auto table = ComputeRevenue(in.dataset, in.settings, *series, options);
  if (!table.ok()) return table.status();
  return RevenueReport(*table, in.settings, *as_of);
}

Result<Report> RunCohorts(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateCohorts(p));
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  auto series = LoadMrr(in, *as_of);
  if (!series.ok()) return series.status();
  CohortOptions options;
  options.metric = *ParseCohortMetric(p.Get("metric", "nrr"));
  options.granularity = *ParsePeriod(p.Get("period", "month"));
  options.fiscal_year_start_month = in.settings.fiscal_year_start_month;
  options.segment_by = p.Get("segment_by");
  options.segment = p.Get("segment");
  auto triangle = ComputeCohorts(in.dataset, in.settings, *series, options);
  if (!triangle.ok()) return triangle.status();
  int max_ages = *ParseFormat(p.Get("format", "table")) == ReportFormat::kTable ? 12 : 0;
  return CohortReport(*triangle, options, in.settings, *as_of, max_ages);
}

Result<Report> RunPipelineReport(const Input& in, const ReportParams& p) {
  auto result = RunPipeline(in, p);
  if (!result.ok()) return result.status();
  return std::move(result->report);
}

Result<Report> RunWaterfall(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateWaterfall(p));
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  Day from = **DateParam(p, "from");
  Day to = **DateParam(p, "to");
  return ComputeWaterfall(in.dataset, in.settings, from, to, *as_of);
}

// Everything the journey and efficiency reports share: calendar, segments, MRR movements.
// Borrows the Input: the segmenter points into its data set.
struct Prepared {
  const Input* input = nullptr;
  Day as_of = kNullDay;
  PeriodCalendar calendar;
  Segmenter segmenter;
  std::vector<AccountMovement> movements;
};

Result<std::unique_ptr<Prepared>> Prepare(const Input& in, const ReportParams& p) {
  auto owned = std::make_unique<Prepared>();
  Prepared& prep = *owned;
  prep.input = &in;
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  prep.as_of = *as_of;
  auto seg = Segmenter::Make(in.dataset, p.Get("segment_by"), p.Get("segment"), in.settings.segment_attribute);
  if (!seg.ok()) return seg.status();
  prep.segmenter = std::move(*seg);
  if (in.dataset.Has(Table::kSubscriptions)) {
    auto mrr = ComputeMrr(in.dataset, in.settings, prep.as_of);
    if (!mrr.ok()) return mrr.status();
    prep.movements = ComputeMovements(*mrr, in.settings);
  }
  prep.calendar = PeriodCalendar{*ParsePeriod(p.Get("period", "month")), in.settings.fiscal_year_start_month};
  return owned;
}

Result<Report> RunBowtie(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateBowtie(p));
  BowtieOptions options;
  if (p.Get("mode", "cohort") == "period") options.mode = BowtieMode::kPeriod;
  auto prepared = Prepare(in, p);
  if (!prepared.ok()) return prepared.status();
  const Prepared& prep = **prepared;
  const Dataset& data = in.dataset;
  if (!data.Has(Table::kLeads) && !data.Has(Table::kJourney)) {
    return Status::NotFound("bowtie needs leads.csv or journey.csv");
  }
  auto stages = ComputeStageDates(data, in.settings, prep.movements, prep.as_of);
  if (!stages.ok()) return stages.status();
  options.calendar = prep.calendar;
  options.as_of = prep.as_of;
  return BuildBowtieReport(data, in.settings, *stages, prep.segmenter, options);
}

Result<Report> RunTtv(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormatPeriod(p));
  auto prepared = Prepare(in, p);
  if (!prepared.ok()) return prepared.status();
  const Prepared& prep = **prepared;
  auto stages = ComputeStageDates(in.dataset, in.settings, prep.movements, prep.as_of);
  if (!stages.ok()) return stages.status();
  return BuildTtvReport(in.dataset, in.settings, *stages, prep.segmenter, prep.calendar, prep.as_of);
}

Result<Report> RunEfficiency(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateEfficiency(p));
  bool by_cohort = *FlagParam(p, "by_cohort");
  auto prepared = Prepare(in, p);
  if (!prepared.ok()) return prepared.status();
  const Prepared& prep = **prepared;
  const Dataset& data = in.dataset;
  if (!data.Has(Table::kSpend)) return Status::NotFound("efficiency needs spend.csv (sales and marketing spend)");
  if (!data.Has(Table::kSubscriptions)) {
    return Status::NotFound("efficiency needs subscriptions.csv (new customers and net new ARR)");
  }
  auto ledger = GtmLedger::Build(data, in.settings, prep.movements, prep.segmenter, prep.calendar, prep.as_of);
  if (!ledger.ok()) return ledger.status();
  auto cohorts = ComputeCohortPayback(*ledger, prep.segmenter, prep.movements, prep.calendar, prep.as_of);
  if (by_cohort) return BuildCohortPaybackReport(in.settings, cohorts, prep.segmenter, prep.calendar, prep.as_of);
  return BuildEfficiencyReport(data, in.settings, *ledger, prep.segmenter, cohorts, prep.calendar, prep.as_of);
}

Result<Report> RunFlywheel(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateFlywheel(p));
  bool indicators = *FlagParam(p, "indicators");
  auto prepared = Prepare(in, p);
  if (!prepared.ok()) return prepared.status();
  const Prepared& prep = **prepared;
  const Dataset& data = in.dataset;
  const Settings& settings = in.settings;
  if (!data.Has(Table::kSubscriptions)) {
    return Status::NotFound("flywheel needs subscriptions.csv (force and friction come from MRR movements)");
  }
  auto ledger = GtmLedger::Build(data, settings, prep.movements, prep.segmenter, prep.calendar, prep.as_of);
  if (!ledger.ok()) return ledger.status();
  auto speed = ComputeNewDealSpeed(data, settings, prep.segmenter, prep.calendar, prep.as_of);
  if (!speed.ok()) return speed.status();
  auto stages = ComputeStageDates(data, settings, prep.movements, prep.as_of);
  if (!stages.ok()) return stages.status();
  FlywheelInputs fin{&data, &settings, &*ledger, &*speed, &*stages, &prep.segmenter, prep.calendar, prep.as_of};
  if (indicators) return BuildIndicatorReport(fin);
  return BuildFlywheelReport(fin);
}

const std::vector<std::string> kCommon = {"period", "segment_by", "segment", "format"};

std::vector<std::string> With(std::vector<std::string> more) {
  std::vector<std::string> all = kCommon;
  all.insert(all.end(), more.begin(), more.end());
  return all;
}

}  // namespace

std::span<const ReportSpec> Reports() {
  static const std::vector<ReportSpec> kReports = {
      {"revenue", "MRR, ARR, the five MRR movements, growth, churn, quick ratio, ARPA, NRR/GRR, ACV",
       "subscriptions.csv", With({}), ValidateRevenue, RunRevenue},
      {"cohorts", "Cohort retention triangle: nrr, grr or logo", "subscriptions.csv", With({"metric"}),
       ValidateCohorts, RunCohorts},
      {"pipeline", "Pipeline: qualified leads, LVR, win rates, sales cycle, velocity, CPP, coverage, open-deal ageing",
       "opportunities.csv", With({"velocity_opportunities", "cycle_over", "owner"}), ValidatePipeline,
       RunPipelineReport},
      {"waterfall", "Pipeline waterfall between from and to", "opportunity_history.csv", With({"from", "to"}),
       ValidateWaterfall, RunWaterfall},
      {"bowtie", "Bowtie: volume, conversion and Δt per stage (mode cohort or period)", "leads.csv or journey.csv",
       With({"mode"}), ValidateBowtie, RunBowtie},
      {"ttv", "Time to value by onboarding cohort: median days and share within the targets", "journey.csv",
       With({}), CheckFormatPeriod, RunTtv},
      {"efficiency", "CAC, CAC payback, burn multiple, GTM spend ratio, magic number",
       "spend.csv and subscriptions.csv", With({"by_cohort"}), ValidateEfficiency, RunEfficiency},
      {"flywheel", "Force, friction, speed, momentum, and the leading / lagging indicators",
       "subscriptions.csv and opportunities.csv", With({"indicators"}), ValidateFlywheel, RunFlywheel},
  };
  return kReports;
}

Result<const ReportSpec*> FindReport(std::string_view name) {
  std::vector<std::string> names;
  for (const ReportSpec& spec : Reports()) {
    if (name == spec.name) return &spec;
    names.push_back(spec.name);
  }
  return Status::NotFound(fmt::format("unknown report '{}'{}", name, DidYouMeanSuffix(name, names)));
}

Status CheckParamNames(const ReportSpec& spec, const ReportParams& params, const std::vector<std::string>& extra) {
  std::vector<std::string> known = spec.params;
  known.push_back("as_of");
  known.insert(known.end(), extra.begin(), extra.end());
  for (const auto& [name, value] : params.values()) {
    bool found = false;
    for (const auto& k : known) found = found || k == name;
    if (!found) {
      return Status::Usage(fmt::format("unknown parameter '{}' for {}{}", name, spec.name, DidYouMeanSuffix(name, known)));
    }
  }
  return Status::Ok();
}

Result<Day> RunAsOf(const Input& input, const ReportParams& params) {
  auto day = DateParam(params, "as_of");
  if (!day.ok()) return day.status();
  return day->value_or(input.as_of);
}

Result<PipelineReport> RunPipeline(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidatePipeline(p));
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  PipelineOptions options;
  if (p.Get("velocity_opportunities", "created") == "open") options.velocity_opportunities = VelocityOpportunities::kOpen;
  if (p.Get("cycle_over", "won") == "closed") options.cycle_over = CycleOver::kClosed;
  options.as_of = *as_of;
  options.granularity = *ParsePeriod(p.Get("period", "month"));
  options.segment_by = p.Get("segment_by");
  options.segment = p.Get("segment");
  options.owner = p.Get("owner");
  return ComputePipeline(in.dataset, in.settings, options);
}

}  // namespace flywheel
