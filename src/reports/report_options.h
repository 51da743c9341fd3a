// The typed options of every registered report, parsed once from ReportParams (the CLI's
// flags or the API's query string) by the report's Parse function: the registry, the CLI,
// the API and the drill-downs all build options this way and hand them to the report's run.
//
// Each Parse checks the values in the order the CLI always did and fails (kUsage) with the
// CLI's message for the first bad one ("--period: unknown period 'week' (expected month,
// quarter or year)"); parameter names are checked by CheckParamNames (reports/report_registry.h).
// Options a report does not read are ignored here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "market/bass_fit.h"
#include "market/bass_model.h"
#include "market/segment_sensitivity.h"
#include "output/report_writer.h"
#include "reports/report_input.h"
#include "reports/report_params.h"
#include "revenue/cohort_report.h"

namespace flywheel {

// The report date: "as_of" when given, else the Input's as-of date.
struct AsOfOption {
  std::optional<Day> as_of;  // default: none (the Input's date)
  Day AsOf(const Input& input) const { return as_of.value_or(input.as_of); }
};

// What the data-set reports cut by period and segment share.
struct PeriodReportOptions : AsOfOption {
  ReportFormat format = ReportFormat::kTable;  // "format", default table
  Granularity period = Granularity::kMonth;    // "period", default month
  std::string segment_by;                      // "segment_by", default none
  std::string segment;                         // "segment", default all
};

struct RevenueReportOptions : PeriodReportOptions {};
struct CohortsReportOptions : PeriodReportOptions {
  CohortMetric metric = CohortMetric::kNrr;  // "metric", default nrr
  std::string metric_name = "nrr";           // as given: nrr, grr or logo
};
struct PipelineReportOptions : PeriodReportOptions {
  bool velocity_open = false;  // "velocity_opportunities": created (default) or open
  bool cycle_closed = false;   // "cycle_over": won (default) or closed
  std::string owner;           // "owner", default every owner
};
struct WaterfallReportOptions : PeriodReportOptions {
  Day from = kNullDay;  // "from", required
  Day to = kNullDay;    // "to", required
};
struct BowtieReportOptions : PeriodReportOptions {
  bool period_mode = false;  // "mode": cohort (default) or period
};
struct TtvReportOptions : PeriodReportOptions {};
struct EfficiencyReportOptions : PeriodReportOptions {
  bool by_cohort = false;  // "by_cohort", default false
};
struct FlywheelReportOptions : PeriodReportOptions {
  bool indicators = false;  // "indicators", default false
};

// What the reports of the account scorecard share.
struct ScorecardReportOptions : AsOfOption {
  ReportFormat format = ReportFormat::kTable;
  std::string scorecard;  // "scorecard": a TOML file (CLI only); default the built-in card
  bool explain = false;   // "explain" (customers only): keep each measure's arithmetic
};
struct ProspectsReportOptions : ScorecardReportOptions {};
struct CustomersReportOptions : ScorecardReportOptions {
  std::string klass;    // "class", default every class
  std::string account;  // "account", default every account
};
struct AttentionReportOptions : ScorecardReportOptions {};
struct MigrationReportOptions : ScorecardReportOptions {};

struct AccountsReportOptions : AsOfOption {
  ReportFormat format = ReportFormat::kTable;
};
struct AccountReportOptions : AccountsReportOptions {
  std::string account;  // "account", required
};

struct SegmentsReportOptions {
  ReportFormat format = ReportFormat::kTable;
};
struct SensitivityReportOptions : SegmentsReportOptions {
  StabilityOptions stability;  // "draws", "concentration", "seed": StabilityOptions' defaults
};
struct BeachheadReportOptions : SegmentsReportOptions {
  std::optional<double> p, q;  // "p", "q": default the beachhead file's
};
struct ForecastReportOptions : SegmentsReportOptions {
  BassParameters bass;     // "m" (required), "p", "q": default BassParameters'
  int periods = 12;        // "periods", 1 to 10000
  double average_arr = 0;  // "average_arr", default 0
};
struct FitReportOptions : AsOfOption {
  ReportFormat format = ReportFormat::kTable;
  BassObjective objective = BassObjective::kIncrements;  // "objective", default increments
  std::string segment;                                   // "segment", default all accounts
  std::string period = "month";  // "period": checked by AdoptersFromDataSet, as the CLI does
};

// The options of any one report: what the registry's parse returns and its run takes.
using ParsedReportOptions =
    std::variant<RevenueReportOptions, CohortsReportOptions, PipelineReportOptions, WaterfallReportOptions,
                 BowtieReportOptions, TtvReportOptions, EfficiencyReportOptions, FlywheelReportOptions,
                 ProspectsReportOptions, CustomersReportOptions, AccountsReportOptions, AccountReportOptions,
                 AttentionReportOptions, MigrationReportOptions, SegmentsReportOptions,
                 SensitivityReportOptions, BeachheadReportOptions, ForecastReportOptions, FitReportOptions>;

Result<RevenueReportOptions> ParseRevenueOptions(const ReportParams& params);
Result<CohortsReportOptions> ParseCohortsOptions(const ReportParams& params);
Result<PipelineReportOptions> ParsePipelineOptions(const ReportParams& params);
Result<WaterfallReportOptions> ParseWaterfallOptions(const ReportParams& params);
Result<BowtieReportOptions> ParseBowtieOptions(const ReportParams& params);
Result<TtvReportOptions> ParseTtvOptions(const ReportParams& params);
Result<EfficiencyReportOptions> ParseEfficiencyOptions(const ReportParams& params);
Result<FlywheelReportOptions> ParseFlywheelOptions(const ReportParams& params);
Result<ProspectsReportOptions> ParseProspectsOptions(const ReportParams& params);
Result<CustomersReportOptions> ParseCustomersOptions(const ReportParams& params);
Result<AccountsReportOptions> ParseAccountsOptions(const ReportParams& params);
Result<AccountReportOptions> ParseAccountOptions(const ReportParams& params);
Result<AttentionReportOptions> ParseAttentionOptions(const ReportParams& params);
Result<MigrationReportOptions> ParseMigrationOptions(const ReportParams& params);
Result<SegmentsReportOptions> ParseSegmentsOptions(const ReportParams& params);
Result<SensitivityReportOptions> ParseSensitivityOptions(const ReportParams& params);
Result<BeachheadReportOptions> ParseBeachheadOptions(const ReportParams& params);
Result<ForecastReportOptions> ParseForecastOptions(const ReportParams& params);
Result<FitReportOptions> ParseFitOptions(const ReportParams& params);

// The classes of the scorecard, in the order the reports list them.
const std::vector<std::string>& CustomerClasses();

}  // namespace flywheel
