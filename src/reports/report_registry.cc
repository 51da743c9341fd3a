#include "reports/report_registry.h"

#include <fmt/core.h>

#include <variant>

#include "base/strings.h"
#include "reports/account_report.h"
#include "reports/customer_runs.h"
#include "reports/drilldown_fields.h"
#include "reports/market_runs.h"
#include "reports/report_runs.h"

namespace flywheel {
namespace {

// A report's Parse, as the registry's parse.
template <typename Options, Result<Options> (*Parse)(const ReportParams&)>
Result<ParsedReportOptions> ParseAs(const ReportParams& params) {
  auto options = Parse(params);
  if (!options.ok()) return options.status();
  return ParsedReportOptions(std::move(options).value());
}

// A report's Run, as the registry's run; with `drills`, its drill-down fields marked
// (reports/drilldown_fields.h). REQUIRES: `options` came from the same report's parse.
template <typename Options, Result<Report> (*Run)(const Input&, const Options&), bool drills>
Result<Report> RunAs(const Input& input, const ParsedReportOptions& options) {
  auto report = Run(input, std::get<Options>(options));
  if (drills && report.ok()) MarkDrilldownFields(&report.value(), options);
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
       "subscriptions.csv", With({}), ParseAs<RevenueReportOptions, ParseRevenueOptions>,
       RunAs<RevenueReportOptions, RunRevenue, true>},
      {"cohorts", "Cohort retention triangle: nrr, grr or logo", "subscriptions.csv", With({"metric"}),
       ParseAs<CohortsReportOptions, ParseCohortsOptions>, RunAs<CohortsReportOptions, RunCohorts, true>},
      {"pipeline",
       "Pipeline: qualified leads, LVR, win rates, sales cycle, velocity, CPP, coverage, open-deal ageing",
       "opportunities.csv", With({"velocity_opportunities", "cycle_over", "owner"}),
       ParseAs<PipelineReportOptions, ParsePipelineOptions>,
       RunAs<PipelineReportOptions, RunPipelineReport, true>, /*large=*/false, /*scans_events=*/true},
      {"waterfall", "Pipeline waterfall between from and to", "opportunity_history.csv", With({"from", "to"}),
       ParseAs<WaterfallReportOptions, ParseWaterfallOptions>,
       RunAs<WaterfallReportOptions, RunWaterfall, false>, /*large=*/false, /*scans_events=*/true},
      {"bowtie", "Bowtie: volume, conversion and Δt per stage (mode cohort or period)",
       "leads.csv or journey.csv", With({"mode"}), ParseAs<BowtieReportOptions, ParseBowtieOptions>,
       RunAs<BowtieReportOptions, RunBowtie, true>, /*large=*/false,
       /*scans_events=*/true},
      {"ttv", "Time to value by onboarding cohort: median days and share within the targets", "journey.csv",
       With({}), ParseAs<TtvReportOptions, ParseTtvOptions>, RunAs<TtvReportOptions, RunTtv, true>},
      {"efficiency", "CAC, CAC payback, burn multiple, GTM spend ratio, magic number",
       "spend.csv and subscriptions.csv", With({"by_cohort"}),
       ParseAs<EfficiencyReportOptions, ParseEfficiencyOptions>,
       RunAs<EfficiencyReportOptions, RunEfficiency, true>},
      {"flywheel", "Force, friction, speed, momentum, and the leading / lagging indicators",
       "subscriptions.csv and opportunities.csv", With({"indicators"}),
       ParseAs<FlywheelReportOptions, ParseFlywheelOptions>, RunAs<FlywheelReportOptions, RunFlywheel, true>,
       /*large=*/false, /*scans_events=*/true},
      {"prospects",
       "Open opportunities and leads by ICP fit: Prio 1, Prio 2, disqualify",
       "accounts.csv",
       {"format"},
       ParseAs<ProspectsReportOptions, ParseProspectsOptions>,
       RunAs<ProspectsReportOptions, RunProspects, false>,
       /*large=*/true},
      {"customers",
       "Account scorecard: score, class, reasons and action per account (explain for one)",
       "accounts.csv and subscriptions.csv",
       {"format", "class", "account", "explain"},
       ParseAs<CustomersReportOptions, ParseCustomersOptions>,
       RunAs<CustomersReportOptions, RunCustomers, true>,
       /*large=*/true},
      {"accounts",
       "Customers with name, segment, plan, MRR and ARR, highest MRR first",
       "accounts.csv and subscriptions.csv",
       {"format"},
       ParseAs<AccountsReportOptions, ParseAccountsOptions>,
       RunAs<AccountsReportOptions, AccountsReport, false>},
      {"account",
       "One account: MRR per month with its movements, scorecard and reasons, opportunities, tickets, NPS",
       "accounts.csv and subscriptions.csv",
       {"format", "account"},
       ParseAs<AccountReportOptions, ParseAccountOptions>,
       RunAs<AccountReportOptions, AccountReport, false>},
      {"attention",
       "Accounts with executive escalations against the executive attention budget",
       "accounts.csv and subscriptions.csv",
       {"format"},
       ParseAs<AttentionReportOptions, ParseAttentionOptions>,
       RunAs<AttentionReportOptions, RunAttention, false>},
      {"migration",
       "ARR on sunset product lines: notice periods, earliest end, by quarter",
       "accounts.csv and subscriptions.csv",
       {"format"},
       ParseAs<MigrationReportOptions, ParseMigrationOptions>,
       RunAs<MigrationReportOptions, RunMigration, false>},
      // The market reports read TOML files, not the data set: the files `flywheel serve` was
      // given with --segments and --beachhead (a request cannot name a file).
      {"segments",
       "Segment scoring: ranking, notes, vetoes",
       "the scoring file (flywheel serve --segments)",
       {"format"},
       ParseAs<SegmentsReportOptions, ParseSegmentsOptions>,
       RunAs<SegmentsReportOptions, RunSegments, false>},
      {"segments/sensitivity",
       "Weight changes that flip the winner; rank stability under random weights",
       "the scoring file (flywheel serve --segments)",
       {"format", "draws", "concentration", "seed"},
       ParseAs<SensitivityReportOptions, ParseSensitivityOptions>,
       RunAs<SensitivityReportOptions, RunSegmentSensitivity, false>},
      {"market/beachhead",
       "Beachhead sizing: adoption categories, ARR potential, scenarios, TAM/SAM/SOM",
       "the beachhead file (flywheel serve --beachhead)",
       {"format", "p", "q"},
       ParseAs<BeachheadReportOptions, ParseBeachheadOptions>,
       RunAs<BeachheadReportOptions, RunBeachhead, false>},
      {"market/forecast",
       "Bass diffusion forecast: adopters, cumulative customers and ARR per period",
       "nothing",
       {"format", "m", "p", "q", "periods", "average_arr"},
       ParseAs<ForecastReportOptions, ParseForecastOptions>,
       RunAs<ForecastReportOptions, RunForecast, false>},
      {"market/fit",
       "Fit the Bass model (OLS and NLS) to the new customers per period",
       "subscriptions.csv",
       {"format", "segment", "period", "objective"},
       ParseAs<FitReportOptions, ParseFitOptions>,
       RunAs<FitReportOptions, RunFit, false>},
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

Result<Report> RunReport(const ReportSpec& spec, const Input& input, const ReportParams& params) {
  auto options = spec.parse(params);
  if (!options.ok()) return options.status();
  return spec.run(input, options.value());
}

}  // namespace flywheel
