#include "reports/report_options.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "base/strings.h"

namespace flywheel {
namespace {

// ---- one value each ----------------------------------------------------------------------

Status ParseAsOf(const ReportParams& p, AsOfOption* o) {
  auto day = DateParam(p, "as_of");
  if (!day.ok()) return day.status();
  o->as_of = day.value();
  return Status::Ok();
}

Status ParseFormatInto(const ReportParams& p, ReportFormat* format) {
  auto parsed = ParseFormat(p.Get("format", "table"));
  if (!parsed.ok()) return parsed.status();
  *format = parsed.value();
  return Status::Ok();
}

Status ParsePeriodInto(const ReportParams& p, Granularity* period) {
  auto parsed = ParsePeriod(p.Get("period", "month"));
  if (!parsed.ok()) return parsed.status();
  *period = parsed.value();
  return Status::Ok();
}

Status ParseFlagInto(const ReportParams& p, const char* name, bool* flag) {
  auto parsed = FlagParam(p, name);
  if (!parsed.ok()) return parsed.status();
  *flag = parsed.value();
  return Status::Ok();
}

// Format then period (most reports), else period then format; segment_by and segment as given.
Status ParsePeriodReport(const ReportParams& p, bool period_first, PeriodReportOptions* o) {
  if (period_first) FLYWHEEL_RETURN_IF_ERROR(ParsePeriodInto(p, &o->period));
  FLYWHEEL_RETURN_IF_ERROR(ParseFormatInto(p, &o->format));
  if (!period_first) FLYWHEEL_RETURN_IF_ERROR(ParsePeriodInto(p, &o->period));
  o->segment_by = p.Get("segment_by");
  o->segment = p.Get("segment");
  return Status::Ok();
}

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
  auto parsed = NumberParam(p, name, static_cast<double>(fallback));
  if (!parsed.ok()) return parsed.status();
  const double v = parsed.value();
  if (v != std::floor(v))
    return Status::Usage(fmt::format("{}: '{}' is not a whole number", OptionName(name), p.Get(name)));
  if (v < low || v > high) {
    return Status::Usage(
        fmt::format("{}: {} is out of range (expected {} to {})", OptionName(name), p.Get(name), low, high));
  }
  return static_cast<int64_t>(v);
}

Status ParseNumberInto(const ReportParams& p, const char* name, double* value) {
  auto parsed = NumberParam(p, name, *value);
  if (!parsed.ok()) return parsed.status();
  *value = parsed.value();
  return Status::Ok();
}

Result<CohortMetric> ParseCohortMetric(const std::string& metric) {
  if (metric == "nrr") return CohortMetric::kNrr;
  if (metric == "grr") return CohortMetric::kGrr;
  if (metric == "logo") return CohortMetric::kLogo;
  return Status::Usage(fmt::format("--metric: unknown metric '{}' (expected nrr, grr or logo)", metric));
}

// Format, the scorecard file and as_of: what prospects, attention and migration take.
template <typename Options>
Result<Options> ParseScorecardReport(const ReportParams& p) {
  Options o;
  FLYWHEEL_RETURN_IF_ERROR(ParseFormatInto(p, &o.format));
  o.scorecard = p.Get("scorecard");
  FLYWHEEL_RETURN_IF_ERROR(ParseAsOf(p, &o));
  return o;
}

// The period reports whose only option of their own is a flag (or none: flag = nullptr).
template <typename Options>
Result<Options> ParseFormatPeriodReport(const ReportParams& p, const char* flag, bool Options::*field) {
  Options o;
  FLYWHEEL_RETURN_IF_ERROR(ParsePeriodReport(p, /*period_first=*/false, &o));
  if (flag != nullptr) FLYWHEEL_RETURN_IF_ERROR(ParseFlagInto(p, flag, &(o.*field)));
  FLYWHEEL_RETURN_IF_ERROR(ParseAsOf(p, &o));
  return o;
}

}  // namespace

// ---- the data-set reports, in the order each CLI command checked its options -------------

Result<RevenueReportOptions> ParseRevenueOptions(const ReportParams& p) {
  RevenueReportOptions o;
  FLYWHEEL_RETURN_IF_ERROR(ParsePeriodReport(p, /*period_first=*/true, &o));
  FLYWHEEL_RETURN_IF_ERROR(ParseAsOf(p, &o));
  return o;
}

Result<CohortsReportOptions> ParseCohortsOptions(const ReportParams& p) {
  CohortsReportOptions o;
  o.metric_name = p.Get("metric", "nrr");
  auto metric = ParseCohortMetric(o.metric_name);
  if (!metric.ok()) return metric.status();
  o.metric = metric.value();
  FLYWHEEL_RETURN_IF_ERROR(ParsePeriodReport(p, /*period_first=*/true, &o));
  FLYWHEEL_RETURN_IF_ERROR(ParseAsOf(p, &o));
  return o;
}

Result<PipelineReportOptions> ParsePipelineOptions(const ReportParams& p) {
  PipelineReportOptions o;
  FLYWHEEL_RETURN_IF_ERROR(ParsePeriodReport(p, /*period_first=*/false, &o));
  const std::string velocity = p.Get("velocity_opportunities", "created");
  if (velocity != "open" && velocity != "created") {
    return Status::Usage(
        fmt::format("--velocity-opportunities: unknown value '{}' (expected created or open)", velocity));
  }
  const std::string cycle = p.Get("cycle_over", "won");
  if (cycle != "closed" && cycle != "won") {
    return Status::Usage(fmt::format("--cycle-over: unknown value '{}' (expected won or closed)", cycle));
  }
  o.velocity_open = velocity == "open";
  o.cycle_closed = cycle == "closed";
  o.owner = p.Get("owner");
  FLYWHEEL_RETURN_IF_ERROR(ParseAsOf(p, &o));
  return o;
}

Result<WaterfallReportOptions> ParseWaterfallOptions(const ReportParams& p) {
  WaterfallReportOptions o;
  FLYWHEEL_RETURN_IF_ERROR(ParseFormatInto(p, &o.format));
  for (const char* name : {"from", "to"}) {
    if (!p.Has(name)) return Status::Usage(fmt::format("{} is required", OptionName(name)));
    auto day = DateParam(p, name);
    if (!day.ok()) return day.status();
    (std::string_view(name) == "from" ? o.from : o.to) = day.value().value_or(kNullDay);
  }
  FLYWHEEL_RETURN_IF_ERROR(ParseAsOf(p, &o));
  return o;
}

Result<BowtieReportOptions> ParseBowtieOptions(const ReportParams& p) {
  BowtieReportOptions o;
  const std::string mode = p.Get("mode", "cohort");
  if (mode != "period" && mode != "cohort") {
    return Status::Usage(fmt::format("--mode: unknown mode '{}' (expected cohort or period)", mode));
  }
  o.period_mode = mode == "period";
  FLYWHEEL_RETURN_IF_ERROR(ParsePeriodReport(p, /*period_first=*/false, &o));
  FLYWHEEL_RETURN_IF_ERROR(ParseAsOf(p, &o));
  return o;
}

Result<TtvReportOptions> ParseTtvOptions(const ReportParams& p) {
  return ParseFormatPeriodReport<TtvReportOptions>(p, nullptr, nullptr);
}

Result<EfficiencyReportOptions> ParseEfficiencyOptions(const ReportParams& p) {
  return ParseFormatPeriodReport<EfficiencyReportOptions>(p, "by_cohort",
                                                          &EfficiencyReportOptions::by_cohort);
}

Result<FlywheelReportOptions> ParseFlywheelOptions(const ReportParams& p) {
  return ParseFormatPeriodReport<FlywheelReportOptions>(p, "indicators", &FlywheelReportOptions::indicators);
}

// ---- customers ----------------------------------------------------------------------------

Result<ProspectsReportOptions> ParseProspectsOptions(const ReportParams& p) {
  return ParseScorecardReport<ProspectsReportOptions>(p);
}

Result<CustomersReportOptions> ParseCustomersOptions(const ReportParams& p) {
  CustomersReportOptions o;
  o.klass = p.Get("class");
  const auto& classes = CustomerClasses();
  if (!o.klass.empty() && std::find(classes.begin(), classes.end(), o.klass) == classes.end()) {
    return Status::Usage(
        fmt::format("--class: unknown class '{}'{}", o.klass, DidYouMeanSuffix(o.klass, classes)));
  }
  FLYWHEEL_RETURN_IF_ERROR(ParseFlagInto(p, "explain", &o.explain));
  o.account = p.Get("account");
  if (o.explain && o.account.empty()) return Status::Usage("--explain needs --account ID");
  FLYWHEEL_RETURN_IF_ERROR(ParseFormatInto(p, &o.format));
  o.scorecard = p.Get("scorecard");
  FLYWHEEL_RETURN_IF_ERROR(ParseAsOf(p, &o));
  return o;
}

Result<AccountsReportOptions> ParseAccountsOptions(const ReportParams& p) {
  AccountsReportOptions o;
  FLYWHEEL_RETURN_IF_ERROR(ParseFormatInto(p, &o.format));
  FLYWHEEL_RETURN_IF_ERROR(ParseAsOf(p, &o));
  return o;
}

Result<AccountReportOptions> ParseAccountOptions(const ReportParams& p) {
  AccountReportOptions o;
  o.account = p.Get("account");
  if (o.account.empty()) return Status::Usage("--account is required (the account id, e.g. --account A-1)");
  FLYWHEEL_RETURN_IF_ERROR(ParseFormatInto(p, &o.format));
  FLYWHEEL_RETURN_IF_ERROR(ParseAsOf(p, &o));
  return o;
}

Result<AttentionReportOptions> ParseAttentionOptions(const ReportParams& p) {
  return ParseScorecardReport<AttentionReportOptions>(p);
}

Result<MigrationReportOptions> ParseMigrationOptions(const ReportParams& p) {
  return ParseScorecardReport<MigrationReportOptions>(p);
}

const std::vector<std::string>& CustomerClasses() {
  static const std::vector<std::string> kClasses = {"ideal",        "good",     "neutral", "poor",
                                                    "anti-profile", "excluded", "unscored"};
  return kClasses;
}

// ---- market: the TOML files the server was given, and the Bass model ----------------------

Result<SegmentsReportOptions> ParseSegmentsOptions(const ReportParams& p) {
  SegmentsReportOptions o;
  FLYWHEEL_RETURN_IF_ERROR(ParseFormatInto(p, &o.format));
  return o;
}

Result<SensitivityReportOptions> ParseSensitivityOptions(const ReportParams& p) {
  SensitivityReportOptions o;
  FLYWHEEL_RETURN_IF_ERROR(ParseFormatInto(p, &o.format));
  auto draws = CountParam(p, "draws", o.stability.draws, 1, 10000000);
  if (!draws.ok()) return draws.status();
  o.stability.draws = static_cast<int>(draws.value());
  FLYWHEEL_RETURN_IF_ERROR(ParseNumberInto(p, "concentration", &o.stability.concentration));
  if (o.stability.concentration <= 0)
    return Status::Usage(fmt::format("--concentration: {} is not a positive number", p.Get("concentration")));
  auto seed = CountParam(p, "seed", static_cast<int64_t>(o.stability.seed), 0, int64_t{1} << 53);
  if (!seed.ok()) return seed.status();
  o.stability.seed = static_cast<uint64_t>(seed.value());
  return o;
}

Result<BeachheadReportOptions> ParseBeachheadOptions(const ReportParams& p) {
  BeachheadReportOptions o;
  FLYWHEEL_RETURN_IF_ERROR(ParseFormatInto(p, &o.format));
  for (const char* name : {"p", "q"}) {
    auto v = NumberParam(p, name, 0);
    if (!v.ok()) return v.status();
    if (p.Has(name)) (std::string_view(name) == "p" ? o.p : o.q) = v.value();
  }
  return o;
}

Result<ForecastReportOptions> ParseForecastOptions(const ReportParams& p) {
  ForecastReportOptions o;
  FLYWHEEL_RETURN_IF_ERROR(ParseFormatInto(p, &o.format));
  if (!p.Has("m")) return Status::Usage("--m is required");
  FLYWHEEL_RETURN_IF_ERROR(ParseNumberInto(p, "m", &o.bass.m));
  FLYWHEEL_RETURN_IF_ERROR(ParseNumberInto(p, "p", &o.bass.p));
  FLYWHEEL_RETURN_IF_ERROR(ParseNumberInto(p, "q", &o.bass.q));
  auto periods = CountParam(p, "periods", o.periods, 1, 10000);
  if (!periods.ok()) return periods.status();
  o.periods = static_cast<int>(periods.value());
  FLYWHEEL_RETURN_IF_ERROR(ParseNumberInto(p, "average_arr", &o.average_arr));
  if (o.average_arr < 0)
    return Status::Usage(fmt::format("--average-arr: {} is negative", p.Get("average_arr")));
  return o;
}

Result<FitReportOptions> ParseFitOptions(const ReportParams& p) {
  FitReportOptions o;
  FLYWHEEL_RETURN_IF_ERROR(ParseFormatInto(p, &o.format));
  auto objective = ParseBassObjective(p.Get("objective", "increments"));
  if (!objective.ok()) return objective.status();
  o.objective = objective.value();
  o.segment = p.Get("segment");
  o.period = p.Get("period", "month");
  FLYWHEEL_RETURN_IF_ERROR(ParseAsOf(p, &o));
  return o;
}

}  // namespace flywheel
