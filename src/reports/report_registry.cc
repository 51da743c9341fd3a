#include "reports/report_registry.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>

#include "base/strings.h"
#include "bowtie/bowtie_report.h"
#include "bowtie/stage_dates.h"
#include "bowtie/ttv_report.h"
#include "customers/account_measures.h"
#include "customers/action_choice.h"
#include "customers/attention_report.h"
#include "customers/customers_report.h"
#include "customers/health_trend.h"
#include "customers/migration_plan.h"
#include "customers/prospect_priority.h"
#include "customers/score_snapshots.h"
#include "efficiency/efficiency_report.h"
#include "efficiency/flywheel_report.h"
#include "efficiency/gtm_ledger.h"
#include "efficiency/new_deal_speed.h"
#include "market/beachhead_model.h"
#include "market/scoring_model.h"
#include "pipeline/pipeline_waterfall.h"
#include "reports/account_report.h"
#include "reports/drilldown_fields.h"
#include "reports/market_reports.h"
#include "revenue/cohort_report.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "revenue/revenue_report.h"
#include "segments/segmenter.h"

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
  auto format = ParseFormat(p.Get("format", "table"));
  if (!format.ok()) return format.status();
  return Status::Ok();
}

Status ValidatePipeline(const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormatPeriod(p));
  std::string velocity = p.Get("velocity_opportunities", "created");
  if (velocity != "open" && velocity != "created") {
    return Status::Usage(
        fmt::format("--velocity-opportunities: unknown value '{}' (expected created or open)", velocity));
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
  // The data set's shared indexes (the revenue report adds nothing else to them).
  std::shared_ptr<const AccountSegments> segments;
  const std::string segment_by = RevenueSegmentAttribute(options, in.settings);
  if (!segment_by.empty()) {
    auto found = in.derived->Segments(in.dataset, segment_by);
    if (found.ok()) segments = std::move(*found);  // an unknown attribute: ComputeRevenue says so
  }
  options.segments = segments.get();
  const auto won_new = in.derived->WonNewOpportunities(in.dataset);
  options.won_new_opportunities = won_new.get();
  auto table = ComputeRevenue(in.dataset, in.settings, (*series)->series, (*series)->movements,
                              (*series)->movements_by_account, options);
  if (!table.ok()) return table.status();
  return RevenueReport(*table, in.settings, *as_of);
}

Result<Report> RunCohorts(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateCohorts(p));
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  auto series = LoadMrr(in, *as_of);
  if (!series.ok()) return series.status();
  CohortOptions options = CohortOptionsFor(in, p);
  auto triangle = ComputeCohorts(in.dataset, in.settings, (*series)->series, options);
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
  std::shared_ptr<const MrrBasis> mrr;  // shared with other reports of the Input (DerivedData)
  const MrrSeries& series() const { return mrr ? mrr->series : kNoSeries; }
  const std::vector<AccountMovement>& movements() const { return mrr ? mrr->movements : kNoMovements; }

 private:
  static inline const MrrSeries kNoSeries{};
  static inline const std::vector<AccountMovement> kNoMovements{};
};

Result<std::unique_ptr<Prepared>> Prepare(const Input& in, const ReportParams& p) {
  auto owned = std::make_unique<Prepared>();
  Prepared& prep = *owned;
  prep.input = &in;
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  prep.as_of = *as_of;
  auto seg =
      Segmenter::Make(in.dataset, p.Get("segment_by"), p.Get("segment"), in.settings.segment_attribute);
  if (!seg.ok()) return seg.status();
  prep.segmenter = std::move(*seg);
  if (in.dataset.Has(Table::kSubscriptions)) {
    auto mrr = in.derived->Mrr(in.dataset, in.settings, prep.as_of);
    if (!mrr.ok()) return mrr.status();
    prep.mrr = std::move(*mrr);
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
  auto accounts = in.derived->AccountStages(data, in.settings, prep.as_of);
  if (!accounts.ok()) return accounts.status();
  options.calendar = prep.calendar;
  options.as_of = prep.as_of;
  options.lead_units_from_leads = true;  // the leads' own units are the bowtie's alone
  return BuildBowtieReport(data, in.settings, **accounts, prep.segmenter, options);
}

Result<Report> RunTtv(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormatPeriod(p));
  auto prepared = Prepare(in, p);
  if (!prepared.ok()) return prepared.status();
  const Prepared& prep = **prepared;
  auto stages = in.derived->AccountStages(in.dataset, in.settings, prep.as_of);
  if (!stages.ok()) return stages.status();
  return BuildTtvReport(in.dataset, in.settings, **stages, prep.segmenter, prep.calendar, prep.as_of);
}

Result<Report> RunEfficiency(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateEfficiency(p));
  bool by_cohort = *FlagParam(p, "by_cohort");
  auto prepared = Prepare(in, p);
  if (!prepared.ok()) return prepared.status();
  const Prepared& prep = **prepared;
  const Dataset& data = in.dataset;
  if (!data.Has(Table::kSpend))
    return Status::NotFound("efficiency needs spend.csv (sales and marketing spend)");
  if (!data.Has(Table::kSubscriptions)) {
    return Status::NotFound("efficiency needs subscriptions.csv (new customers and net new ARR)");
  }
  auto ledger =
      GtmLedger::Build(data, in.settings, prep.movements(), prep.segmenter, prep.calendar, prep.as_of);
  if (!ledger.ok()) return ledger.status();
  auto cohorts = ComputeCohortPayback(*ledger, prep.segmenter, prep.movements(), prep.calendar, prep.as_of);
  if (by_cohort)
    return BuildCohortPaybackReport(in.settings, cohorts, prep.segmenter, prep.calendar, prep.as_of);
  return BuildEfficiencyReport(data, in.settings, *ledger, prep.segmenter, cohorts, prep.calendar,
                               prep.as_of);
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
  auto ledger = GtmLedger::Build(data, settings, prep.movements(), prep.segmenter, prep.calendar, prep.as_of);
  if (!ledger.ok()) return ledger.status();
  auto speed = ComputeNewDealSpeed(data, settings, prep.segmenter, prep.calendar, prep.as_of);
  if (!speed.ok()) return speed.status();
  auto stages = in.derived->AccountStages(data, settings, prep.as_of);
  if (!stages.ok()) return stages.status();
  FlywheelInputs fin{&data,           &settings,     &*ledger,   &*speed,        stages->get(),
                     &prep.segmenter, prep.calendar, prep.as_of, &prep.series(), &prep.movements()};
  if (indicators) return BuildIndicatorReport(fin);
  return BuildFlywheelReport(fin);
}

// ---- customers: scorecard, classes, prospects, attention, migration (customers.md) -----

Status CheckFormat(const ReportParams& p) {
  auto format = ParseFormat(p.Get("format", "table"));
  return format.ok() ? Status::Ok() : format.status();
}

Status ValidateCustomers(const ReportParams& p) {
  std::string klass = p.Get("class");
  const auto& classes = CustomerClasses();
  if (!klass.empty() && std::find(classes.begin(), classes.end(), klass) == classes.end()) {
    return Status::Usage(
        fmt::format("--class: unknown class '{}'{}", klass, DidYouMeanSuffix(klass, classes)));
  }
  auto explain = FlagParam(p, "explain");
  if (!explain.ok()) return explain.status();
  if (*explain && p.Get("account").empty()) return Status::Usage("--explain needs --account ID");
  return CheckFormat(p);
}

Result<Report> RunCustomers(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateCustomers(p));
  auto scored = SharedScoredCustomers(in, p);
  if (!scored.ok()) return scored.status();
  return CustomersReportFor(in, p, *scored);
}

Result<Report> RunProspects(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormat(p));
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  auto card = LoadCustomersScorecard(in, p);
  if (!card.ok()) return card.status();
  if (!in.dataset.Has(Table::kSubscriptions)) return Status::BadData("customers needs subscriptions.csv");
  auto basis = LoadMrr(in, *as_of);
  if (!basis.ok()) return basis.status();
  if (!RulesReadMeasures(*card)) {
    // The card's rules read attributes, ARR and persona facts only: no measures to compute.
    auto facts = ComputeAccountFacts(in.dataset, (*basis)->series, *as_of);
    if (!facts.ok()) return facts.status();
    return ProspectsReport(in.dataset, in.settings, *card, *facts, *as_of);
  }
  auto measures = ComputeAccountMeasures(in.dataset, in.settings, *card, *as_of, /*all_accounts=*/true,
                                         &(*basis)->series);
  if (!measures.ok()) return measures.status();
  return ProspectsReport(in.dataset, in.settings, *card, *measures, *as_of);
}

// The attention report. The budget warning is not part of the report's JSON: the CLI prints
// it on stderr, the API leaves it out.
Result<Report> RunAttention(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormat(p));
  auto scored = SharedScoredCustomers(in, p);
  if (!scored.ok()) return scored.status();
  std::string warning;
  return AttentionReport((*scored)->scores, in.settings, (*scored)->as_of, &warning);
}

Result<Report> RunMigration(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormat(p));
  auto scored = SharedScoredCustomers(in, p);
  if (!scored.ok()) return scored.status();
  return MigrationReport((*scored)->scores, (*scored)->card, in.settings, (*scored)->as_of);
}

// ---- market: the TOML files the server was given, and the Bass model ----------------------

// A number parameter, or `fallback` when absent.
Result<double> NumberParam(const ReportParams& p, const char* name, double fallback) {
  if (!p.Has(name)) return fallback;
  const std::string text = p.Get(name);
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v)) {
    return Status::Usage(fmt::format("{}: '{}' is not a number", OptionName(name), text));
  }
  return v;
}

// A whole-number parameter within [low, high], or `fallback` when absent.
Result<int64_t> CountParam(const ReportParams& p, const char* name, int64_t fallback, int64_t low,
                           int64_t high) {
  auto v = NumberParam(p, name, static_cast<double>(fallback));
  if (!v.ok()) return v.status();
  if (*v != std::floor(*v))
    return Status::Usage(fmt::format("{}: '{}' is not a whole number", OptionName(name), p.Get(name)));
  if (*v < low || *v > high) {
    return Status::Usage(
        fmt::format("{}: {} is out of range (expected {} to {})", OptionName(name), p.Get(name), low, high));
  }
  return static_cast<int64_t>(*v);
}

Result<ScoringModel> ServedScoringModel(const Input& in) {
  if (in.segments_file.empty())
    return Status::NotFound("segments needs a scoring file: start the server with --segments FILE");
  return LoadScoringModel(in.segments_file);
}

Status ValidateSensitivity(const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormat(p));
  auto draws = CountParam(p, "draws", 10000, 1, 10000000);
  if (!draws.ok()) return draws.status();
  auto concentration = NumberParam(p, "concentration", 100);
  if (!concentration.ok()) return concentration.status();
  if (*concentration <= 0)
    return Status::Usage(fmt::format("--concentration: {} is not a positive number", p.Get("concentration")));
  auto seed = CountParam(p, "seed", 20240601, 0, int64_t{1} << 53);
  return seed.ok() ? Status::Ok() : seed.status();
}

Result<Report> RunSegments(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormat(p));
  auto model = ServedScoringModel(in);
  if (!model.ok()) return model.status();
  return SegmentRankingReport(*model);
}

Result<Report> RunSegmentSensitivity(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateSensitivity(p));
  auto model = ServedScoringModel(in);
  if (!model.ok()) return model.status();
  StabilityOptions options;
  options.draws = static_cast<int>(*CountParam(p, "draws", options.draws, 1, 10000000));
  options.concentration = *NumberParam(p, "concentration", options.concentration);
  options.seed =
      static_cast<uint64_t>(*CountParam(p, "seed", static_cast<int64_t>(options.seed), 0, int64_t{1} << 53));
  return SegmentSensitivityReport(*model, options);
}

Status ValidateBeachhead(const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormat(p));
  for (const char* name : {"p", "q"}) {
    auto v = NumberParam(p, name, 0);
    if (!v.ok()) return v.status();
  }
  return Status::Ok();
}

Result<Report> RunBeachhead(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateBeachhead(p));
  if (in.beachhead_file.empty()) {
    return Status::NotFound(
        "market/beachhead needs a beachhead file: start the server with --beachhead FILE");
  }
  auto model = LoadBeachheadModel(in.beachhead_file);
  if (!model.ok()) return model.status();
  std::optional<double> bp = model->p, bq = model->q;
  if (p.Has("p")) bp = *NumberParam(p, "p", 0);
  if (p.Has("q")) bq = *NumberParam(p, "q", 0);
  return BeachheadReport(*model, bp, bq);
}

Status ValidateForecast(const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormat(p));
  if (!p.Has("m")) return Status::Usage("--m is required");
  for (const char* name : {"m", "p", "q"}) {
    auto v = NumberParam(p, name, 0);
    if (!v.ok()) return v.status();
  }
  auto periods = CountParam(p, "periods", 12, 1, 10000);
  if (!periods.ok()) return periods.status();
  auto arr = NumberParam(p, "average_arr", 0);
  if (!arr.ok()) return arr.status();
  if (*arr < 0) return Status::Usage(fmt::format("--average-arr: {} is negative", p.Get("average_arr")));
  return Status::Ok();
}

Result<Report> RunForecast(const Input&, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateForecast(p));
  BassParameters bass;
  bass.m = *NumberParam(p, "m", 0);
  bass.p = *NumberParam(p, "p", bass.p);
  bass.q = *NumberParam(p, "q", bass.q);
  return BassForecastReport(bass, static_cast<int>(*CountParam(p, "periods", 12, 1, 10000)),
                            *NumberParam(p, "average_arr", 0));
}

Status ValidateFit(const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(CheckFormat(p));
  auto objective = ParseBassObjective(p.Get("objective", "increments"));
  return objective.ok() ? Status::Ok() : objective.status();
}

Result<Report> RunFit(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateFit(p));
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  const std::string period = p.Get("period", "month");
  auto observed = AdoptersFromDataSet(in, *as_of, p.Get("segment"), period);
  if (!observed.ok()) return observed.status();
  BassFitOptions options;
  options.objective = *ParseBassObjective(p.Get("objective", "increments"));
  options.as_of = FormatDate(*as_of);
  options.period = period;
  return BassFitReport(*observed, options);
}

// A report's run, then its drill-down fields marked (reports/drilldown_fields.h).
template <Result<Report> (*Run)(const Input&, const ReportParams&)>
Result<Report> Declared(const Input& in, const ReportParams& p) {
  auto report = Run(in, p);
  if (report.ok()) MarkDrilldownFields(&*report, p);
  return report;
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
      {"revenue",
       "MRR, ARR, the five MRR movements and the FX impact, growth, churn, quick ratio, ARPA, NRR/GRR, ACV",
       "subscriptions.csv", With({}), ValidateRevenue, Declared<RunRevenue>},
      {"cohorts", "Cohort retention triangle: nrr, grr or logo", "subscriptions.csv", With({"metric"}),
       ValidateCohorts, Declared<RunCohorts>},
      {"pipeline",
       "Pipeline: qualified leads, LVR, win rates, sales cycle, velocity, CPP, coverage, open-deal ageing",
       "opportunities.csv", With({"velocity_opportunities", "cycle_over", "owner"}), ValidatePipeline,
       Declared<RunPipelineReport>, /*large=*/false, /*scans_events=*/true},
      {"waterfall", "Pipeline waterfall between from and to", "opportunity_history.csv", With({"from", "to"}),
       ValidateWaterfall, RunWaterfall, /*large=*/false, /*scans_events=*/true},
      {"bowtie", "Bowtie: volume, conversion and Δt per stage (mode cohort or period)",
       "leads.csv or journey.csv", With({"mode"}), ValidateBowtie, Declared<RunBowtie>, /*large=*/false,
       /*scans_events=*/true},
      {"ttv", "Time to value by onboarding cohort: median days and share within the targets", "journey.csv",
       With({}), CheckFormatPeriod, Declared<RunTtv>},
      {"efficiency", "CAC, CAC payback, burn multiple, GTM spend ratio, magic number",
       "spend.csv and subscriptions.csv", With({"by_cohort"}), ValidateEfficiency, Declared<RunEfficiency>},
      {"flywheel", "Force, friction, speed, momentum, and the leading / lagging indicators",
       "subscriptions.csv and opportunities.csv", With({"indicators"}), ValidateFlywheel,
       Declared<RunFlywheel>, /*large=*/false, /*scans_events=*/true},
      {"prospects",
       "Open opportunities and leads by ICP fit: Prio 1, Prio 2, disqualify",
       "accounts.csv",
       {"format"},
       CheckFormat,
       RunProspects,
       /*large=*/true},
      {"customers",
       "Account scorecard: score, class, reasons and action per account (explain for one)",
       "accounts.csv and subscriptions.csv",
       {"format", "class", "account", "explain"},
       ValidateCustomers,
       Declared<RunCustomers>,
       /*large=*/true},
      {"accounts",
       "Customers with name, segment, plan, MRR and ARR, highest MRR first",
       "accounts.csv and subscriptions.csv",
       {"format"},
       ValidateAccounts,
       AccountsReport},
      {"account",
       "One account: MRR per month with its movements, scorecard and reasons, opportunities, tickets, NPS",
       "accounts.csv and subscriptions.csv",
       {"format", "account"},
       ValidateAccount,
       AccountReport},
      {"attention",
       "Accounts with executive escalations against the executive attention budget",
       "accounts.csv and subscriptions.csv",
       {"format"},
       CheckFormat,
       RunAttention},
      {"migration",
       "ARR on sunset product lines: notice periods, earliest end, by quarter",
       "accounts.csv and subscriptions.csv",
       {"format"},
       CheckFormat,
       RunMigration},
      // The market reports read TOML files, not the data set: the files `flywheel serve` was
      // given with --segments and --beachhead (a request cannot name a file).
      {"segments",
       "Segment scoring: ranking, notes, vetoes",
       "the scoring file (flywheel serve --segments)",
       {"format"},
       CheckFormat,
       RunSegments},
      {"segments/sensitivity",
       "Weight changes that flip the winner; rank stability under random weights",
       "the scoring file (flywheel serve --segments)",
       {"format", "draws", "concentration", "seed"},
       ValidateSensitivity,
       RunSegmentSensitivity},
      {"market/beachhead",
       "Beachhead sizing: adoption categories, ARR potential, scenarios, TAM/SAM/SOM",
       "the beachhead file (flywheel serve --beachhead)",
       {"format", "p", "q"},
       ValidateBeachhead,
       RunBeachhead},
      {"market/forecast",
       "Bass diffusion forecast: adopters, cumulative customers and ARR per period",
       "nothing",
       {"format", "m", "p", "q", "periods", "average_arr"},
       ValidateForecast,
       RunForecast},
      {"market/fit",
       "Fit the Bass model (OLS and NLS) to the new customers per period",
       "subscriptions.csv",
       {"format", "segment", "period", "objective"},
       ValidateFit,
       RunFit},
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

Status CheckParamNames(const ReportSpec& spec, const ReportParams& params,
                       const std::vector<std::string>& extra) {
  std::vector<std::string> known = spec.params;
  known.push_back("as_of");
  known.insert(known.end(), extra.begin(), extra.end());
  for (const auto& [name, value] : params.values()) {
    bool found = false;
    for (const auto& k : known) found = found || k == name;
    if (!found) {
      return Status::Usage(
          fmt::format("unknown parameter '{}' for {}{}", name, spec.name, DidYouMeanSuffix(name, known)));
    }
  }
  return Status::Ok();
}

CohortOptions CohortOptionsFor(const Input& in, const ReportParams& p) {
  CohortOptions options;
  options.metric = *ParseCohortMetric(p.Get("metric", "nrr"));
  options.granularity = *ParsePeriod(p.Get("period", "month"));
  options.fiscal_year_start_month = in.settings.fiscal_year_start_month;
  options.segment_by = p.Get("segment_by");
  options.segment = p.Get("segment");
  return options;
}

Result<Day> RunAsOf(const Input& input, const ReportParams& params) {
  auto day = DateParam(params, "as_of");
  if (!day.ok()) return day.status();
  return day->value_or(input.as_of);
}

const std::vector<std::string>& CustomerClasses() {
  static const std::vector<std::string> kClasses = {"ideal",        "good",     "neutral", "poor",
                                                    "anti-profile", "excluded", "unscored"};
  return kClasses;
}

Result<Scorecard> LoadCustomersScorecard(const Input& in, const ReportParams& p) {
  const Settings& s = in.settings;
  std::map<std::string, std::vector<std::string>> lists = {{"excluded_countries", s.excluded_countries},
                                                           {"excluded_industries", s.excluded_industries},
                                                           {"strategic_lines", s.strategic_lines},
                                                           {"maintenance_lines", s.maintenance_lines},
                                                           {"sunset_lines", s.sunset_lines}};
  const std::string path = p.Get("scorecard");
  return path.empty() ? ParseScorecard(DefaultScorecardToml(), "scorecard.toml", lists)
                      : LoadScorecardFile(path, lists);
}

namespace {

// The health of every account in the workspace's latest score snapshot of a date before
// `as_of` (into *then), and that snapshot; none outside a workspace or without one.
Result<std::optional<ScoreSnapshot>> HealthThenFromWorkspace(const Input& in, const Scorecard& card,
                                                             Day as_of, HealthThen* then) {
  std::optional<ScoreSnapshot> none;
  if (in.workspace_dir.empty()) return none;
  auto id = LatestScoreSnapshotBefore(in.workspace_dir, as_of);
  if (!id.ok()) return id.status();
  if (!id->has_value()) return none;
  auto snapshot = LoadScoreSnapshot(in.workspace_dir, **id);
  if (!snapshot.ok()) return snapshot.status();
  *then = SnapshotHealth(*snapshot, card);
  snapshot->accounts.clear();  // only the id and date are read from here on
  return std::optional<ScoreSnapshot>(std::move(*snapshot));
}

std::string HealthTrendBasis(const Scorecard& card, const std::optional<ScoreSnapshot>& snapshot) {
  const std::string signals = fmt::format(
      "usage (the last 30 days against the 90 before: down at or below {:g}, up at or above {:g}) and NPS "
      "(the nps "
      "measure against 90 days before: down or up when it moves by {:g} or more)",
      1 - card.usage_trend_band, 1 + card.usage_trend_band, card.nps_trend_points);
  if (!snapshot) return "health trend: " + signals;
  return fmt::format(
      "health trend: the health axis against score snapshot {} (as of {}): down or up when it moves "
      "by {:g} points or more; accounts without health then: {}",
      snapshot->id, snapshot->as_of, card.health_trend_points, signals);
}

}  // namespace

Result<ScoredCustomers> ScoreCustomers(const Input& in, const ReportParams& p, bool keep_measures) {
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  auto card = LoadCustomersScorecard(in, p);
  if (!card.ok()) return card.status();
  if (!in.dataset.Has(Table::kSubscriptions)) return Status::BadData("customers needs subscriptions.csv");
  auto basis = LoadMrr(in, *as_of);
  if (!basis.ok()) return basis.status();
  auto measures = ComputeAccountMeasures(in.dataset, in.settings, *card, *as_of, /*all_accounts=*/false,
                                         &(*basis)->series);
  if (!measures.ok()) return measures.status();
  ScoredCustomers out;
  out.card = std::move(*card);
  const auto explain = FlagParam(p, "explain");
  out.scores = ScoreAccounts(in.dataset, out.card, *measures, keep_measures || (explain.ok() && *explain));
  out.as_of = *as_of;
  HealthThen then;
  auto snapshot = HealthThenFromWorkspace(in, out.card, *as_of, &then);
  if (!snapshot.ok()) return snapshot.status();
  out.health_trend_basis = HealthTrendBasis(out.card, *snapshot);
  ChooseActions(in.dataset, out.card, CountExecutiveAttention(out.scores, in.settings), *measures,
                snapshot->has_value() ? &then : nullptr, &out.scores);
  return out;
}

Result<std::shared_ptr<const ScoredCustomers>> SharedScoredCustomers(const Input& in, const ReportParams& p) {
  const auto explain = FlagParam(p, "explain");
  auto fresh = [&]() { return ScoreCustomers(in, p); };
  if (p.Get("scorecard").empty() && explain.ok() && !*explain) {
    auto as_of = RunAsOf(in, p);
    if (!as_of.ok()) return as_of.status();
    return in.derived->Scored(*as_of, fresh);
  }
  auto scored = fresh();
  if (!scored.ok()) return scored.status();
  return std::shared_ptr<const ScoredCustomers>(std::make_shared<ScoredCustomers>(std::move(*scored)));
}

Result<Report> CustomersReportFor(const Input& in, const ReportParams& p,
                                  const std::shared_ptr<const ScoredCustomers>& shared) {
  const ScoredCustomers& scored = *shared;
  const std::string account = p.Get("account");
  const std::string klass = p.Get("class");
  if (!account.empty()) {
    const Dataset& data = in.dataset;
    if (data.accounts.Find(account) == kNoAccount) {
      return Status::NotFound(fmt::format(
          "unknown account '{}'{}", account,
          DidYouMeanSuffix(account, data.accounts.size(), [&](size_t i) { return data.accounts.id[i]; })));
    }
    const AccountScore* found = nullptr;
    for (const auto& s : scored.scores) {
      if (s.account_id == account) found = &s;
    }
    if (!found) {
      return Status::NotFound(fmt::format("account {} has no ARR on {}: the scorecard covers customers only",
                                          account, FormatDate(scored.as_of)));
    }
    if (*FlagParam(p, "explain")) return ExplainReport(*found, in.settings, scored.as_of);
    auto one = std::make_shared<const std::vector<AccountScore>>(1, *found);
    return CustomersReport(one, scored.card, in.settings, scored.as_of, klass);
  }
  // From a workspace: the trend against its latest score snapshot.
  std::map<std::string, double> previous;
  bool has_previous = false;
  if (!in.workspace_dir.empty()) {
    auto ids = ListScoreSnapshots(in.workspace_dir);
    if (!ids.ok()) return ids.status();
    if (!ids->empty()) {
      auto last = LoadScoreSnapshot(in.workspace_dir, ids->back());
      if (!last.ok()) return last.status();
      for (const auto& a : last->accounts) previous[a.account_id] = a.score;
      has_previous = true;
    }
  }
  // The report's rows read the scores as they are written: the report shares them.
  Report report =
      CustomersReport(std::shared_ptr<const std::vector<AccountScore>>(shared, &scored.scores), scored.card,
                      in.settings, scored.as_of, klass, has_previous ? &previous : nullptr);
  report.notes.push_back(scored.health_trend_basis);
  return report;
}

Result<PipelineReport> RunPipeline(const Input& in, const ReportParams& p) {
  FLYWHEEL_RETURN_IF_ERROR(ValidatePipeline(p));
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  PipelineOptions options;
  if (p.Get("velocity_opportunities", "created") == "open")
    options.velocity_opportunities = VelocityOpportunities::kOpen;
  if (p.Get("cycle_over", "won") == "closed") options.cycle_over = CycleOver::kClosed;
  options.as_of = *as_of;
  options.granularity = *ParsePeriod(p.Get("period", "month"));
  options.segment_by = p.Get("segment_by");
  options.segment = p.Get("segment");
  options.owner = p.Get("owner");
  return ComputePipeline(in.dataset, in.settings, options);
}

}  // namespace flywheel
