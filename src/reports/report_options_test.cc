// The options parsing of every registered report: defaults, good values, and each error
// message exactly as the CLI and the API give it.
#include "reports/report_options.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "reports/report_registry.h"

namespace flywheel {
namespace {

ReportParams Params(const std::map<std::string, std::string>& values) {
  ReportParams p;
  for (const auto& [k, v] : values) p.Set(k, v);
  return p;
}

// "ok", or the parse's message.
template <typename Options>
std::string Error(Result<Options> (*parse)(const ReportParams&),
                  const std::map<std::string, std::string>& v) {
  auto options = parse(Params(v));
  return options.ok() ? "ok" : options.status().message();
}

constexpr const char* kBadPeriod = "--period: unknown period 'week' (expected month, quarter or year)";
constexpr const char* kBadFormat = "--format: unknown format 'xml' (expected table, json or csv)";
constexpr const char* kBadAsOf = "--as-of: 2024-13-01 is not a date (expected YYYY-MM-DD)";

TEST(ReportOptionsTest, RevenueReadsPeriodSegmentFormatAndAsOf) {
  auto o = ParseRevenueOptions(Params(
      {{"period", "quarter"}, {"segment_by", "region"}, {"segment", "EMEA"}, {"as_of", "2024-06-30"}}));
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o.value().period, Granularity::kQuarter);
  EXPECT_EQ(o.value().segment_by, "region");
  EXPECT_EQ(o.value().segment, "EMEA");
  EXPECT_EQ(o.value().format, ReportFormat::kTable);
  EXPECT_EQ(o.value().as_of, ParseDate("2024-06-30"));
  Input input;
  input.as_of = *ParseDate("2025-01-01");
  EXPECT_EQ(o.value().AsOf(input), *ParseDate("2024-06-30"));
  EXPECT_EQ(ParseRevenueOptions({}).value().AsOf(input), input.as_of);
}

TEST(ReportOptionsTest, RevenueChecksPeriodBeforeFormatThenAsOf) {
  EXPECT_EQ(Error(ParseRevenueOptions, {{"period", "week"}, {"format", "xml"}}), kBadPeriod);
  EXPECT_EQ(Error(ParseRevenueOptions, {{"format", "xml"}}), kBadFormat);
  EXPECT_EQ(Error(ParseRevenueOptions, {{"format", "json"}, {"as_of", "2024-13-01"}}), kBadAsOf);
}

TEST(ReportOptionsTest, CohortsReadsTheMetricFirst) {
  auto o = ParseCohortsOptions(Params({{"metric", "logo"}, {"period", "year"}, {"format", "csv"}}));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o.value().metric, CohortMetric::kLogo);
  EXPECT_EQ(o.value().metric_name, "logo");
  EXPECT_EQ(o.value().period, Granularity::kYear);
  EXPECT_EQ(o.value().format, ReportFormat::kCsv);
  EXPECT_EQ(ParseCohortsOptions({}).value().metric, CohortMetric::kNrr);
  EXPECT_EQ(Error(ParseCohortsOptions, {{"metric", "arr"}, {"period", "week"}}),
            "--metric: unknown metric 'arr' (expected nrr, grr or logo)");
  EXPECT_EQ(Error(ParseCohortsOptions, {{"period", "week"}, {"format", "xml"}}), kBadPeriod);
  EXPECT_EQ(Error(ParseCohortsOptions, {{"format", "xml"}}), kBadFormat);
  EXPECT_EQ(Error(ParseCohortsOptions, {{"as_of", "2024-13-01"}}), kBadAsOf);
}

TEST(ReportOptionsTest, PipelineChecksFormatPeriodVelocityAndCycle) {
  auto o = ParsePipelineOptions(
      Params({{"velocity_opportunities", "open"}, {"cycle_over", "closed"}, {"owner", "ana"}}));
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o.value().velocity_open);
  EXPECT_TRUE(o.value().cycle_closed);
  EXPECT_EQ(o.value().owner, "ana");
  EXPECT_FALSE(ParsePipelineOptions({}).value().velocity_open);
  EXPECT_FALSE(ParsePipelineOptions({}).value().cycle_closed);
  EXPECT_EQ(Error(ParsePipelineOptions, {{"format", "xml"}, {"period", "week"}}), kBadFormat);
  EXPECT_EQ(Error(ParsePipelineOptions, {{"period", "week"}}), kBadPeriod);
  EXPECT_EQ(Error(ParsePipelineOptions, {{"velocity_opportunities", "all"}, {"cycle_over", "x"}}),
            "--velocity-opportunities: unknown value 'all' (expected created or open)");
  EXPECT_EQ(Error(ParsePipelineOptions, {{"cycle_over", "lost"}}),
            "--cycle-over: unknown value 'lost' (expected won or closed)");
  EXPECT_EQ(Error(ParsePipelineOptions, {{"as_of", "2024-13-01"}}), kBadAsOf);
}

TEST(ReportOptionsTest, WaterfallNeedsFromAndTo) {
  auto o = ParseWaterfallOptions(Params({{"from", "2024-01-01"}, {"to", "2024-03-31"}}));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o.value().from, *ParseDate("2024-01-01"));
  EXPECT_EQ(o.value().to, *ParseDate("2024-03-31"));
  EXPECT_EQ(Error(ParseWaterfallOptions, {{"format", "xml"}}), kBadFormat);
  EXPECT_EQ(Error(ParseWaterfallOptions, {{"to", "2024-03-31"}}), "--from is required");
  EXPECT_EQ(Error(ParseWaterfallOptions, {{"from", "2024-01-01"}}), "--to is required");
  EXPECT_EQ(Error(ParseWaterfallOptions, {{"from", "2024-00-10"}, {"to", "2024-03-31"}}),
            "--from: 2024-00-10 is not a date (expected YYYY-MM-DD)");
  EXPECT_EQ(Error(ParseWaterfallOptions, {{"from", "2024-01-01"}, {"to", "soon"}}),
            "--to: soon is not a date (expected YYYY-MM-DD)");
}

TEST(ReportOptionsTest, BowtieChecksTheModeFirst) {
  EXPECT_TRUE(ParseBowtieOptions(Params({{"mode", "period"}})).value().period_mode);
  EXPECT_FALSE(ParseBowtieOptions({}).value().period_mode);
  EXPECT_EQ(Error(ParseBowtieOptions, {{"mode", "funnel"}, {"format", "xml"}}),
            "--mode: unknown mode 'funnel' (expected cohort or period)");
  EXPECT_EQ(Error(ParseBowtieOptions, {{"format", "xml"}, {"period", "week"}}), kBadFormat);
  EXPECT_EQ(Error(ParseBowtieOptions, {{"period", "week"}}), kBadPeriod);
  EXPECT_EQ(Error(ParseBowtieOptions, {{"as_of", "2024-13-01"}}), kBadAsOf);
}

TEST(ReportOptionsTest, TtvChecksFormatThenPeriod) {
  auto o = ParseTtvOptions(Params({{"period", "quarter"}, {"segment_by", "industry"}}));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o.value().period, Granularity::kQuarter);
  EXPECT_EQ(o.value().segment_by, "industry");
  EXPECT_EQ(Error(ParseTtvOptions, {{"format", "xml"}, {"period", "week"}}), kBadFormat);
  EXPECT_EQ(Error(ParseTtvOptions, {{"period", "week"}}), kBadPeriod);
  EXPECT_EQ(Error(ParseTtvOptions, {{"as_of", "2024-13-01"}}), kBadAsOf);
}

TEST(ReportOptionsTest, EfficiencyAndFlywheelReadTheirFlags) {
  EXPECT_TRUE(ParseEfficiencyOptions(Params({{"by_cohort", ""}})).value().by_cohort);
  EXPECT_TRUE(ParseEfficiencyOptions(Params({{"by_cohort", "yes"}})).value().by_cohort);
  EXPECT_FALSE(ParseEfficiencyOptions(Params({{"by_cohort", "0"}})).value().by_cohort);
  EXPECT_FALSE(ParseEfficiencyOptions({}).value().by_cohort);
  EXPECT_TRUE(ParseFlywheelOptions(Params({{"indicators", "true"}})).value().indicators);
  EXPECT_FALSE(ParseFlywheelOptions(Params({{"indicators", "no"}})).value().indicators);
  EXPECT_EQ(Error(ParseEfficiencyOptions, {{"format", "xml"}, {"by_cohort", "maybe"}}), kBadFormat);
  EXPECT_EQ(Error(ParseEfficiencyOptions, {{"period", "week"}, {"by_cohort", "maybe"}}), kBadPeriod);
  EXPECT_EQ(Error(ParseEfficiencyOptions, {{"by_cohort", "maybe"}}),
            "--by-cohort: 'maybe' is not true or false");
  EXPECT_EQ(Error(ParseEfficiencyOptions, {{"as_of", "2024-13-01"}}), kBadAsOf);
  EXPECT_EQ(Error(ParseFlywheelOptions, {{"format", "xml"}}), kBadFormat);
  EXPECT_EQ(Error(ParseFlywheelOptions, {{"period", "week"}}), kBadPeriod);
  EXPECT_EQ(Error(ParseFlywheelOptions, {{"indicators", "2"}}), "--indicators: '2' is not true or false");
  EXPECT_EQ(Error(ParseFlywheelOptions, {{"as_of", "2024-13-01"}}), kBadAsOf);
}

TEST(ReportOptionsTest, CustomersChecksClassExplainAccountThenFormat) {
  auto o = ParseCustomersOptions(
      Params({{"class", "good"}, {"account", "A-1"}, {"explain", "true"}, {"scorecard", "card.toml"}}));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o.value().klass, "good");
  EXPECT_EQ(o.value().account, "A-1");
  EXPECT_TRUE(o.value().explain);
  EXPECT_EQ(o.value().scorecard, "card.toml");
  EXPECT_EQ(Error(ParseCustomersOptions, {{"class", "goood"}, {"format", "xml"}}),
            "--class: unknown class 'goood', did you mean 'good'?");
  EXPECT_EQ(Error(ParseCustomersOptions, {{"explain", "perhaps"}}),
            "--explain: 'perhaps' is not true or false");
  EXPECT_EQ(Error(ParseCustomersOptions, {{"explain", "1"}, {"format", "xml"}}),
            "--explain needs --account ID");
  EXPECT_EQ(Error(ParseCustomersOptions, {{"format", "xml"}}), kBadFormat);
  EXPECT_EQ(Error(ParseCustomersOptions, {{"as_of", "2024-13-01"}}), kBadAsOf);
}

TEST(ReportOptionsTest, TheOtherScorecardReportsReadFormatScorecardAndAsOf) {
  auto prospects = ParseProspectsOptions(Params({{"scorecard", "card.toml"}, {"format", "json"}}));
  ASSERT_TRUE(prospects.ok());
  EXPECT_EQ(prospects.value().scorecard, "card.toml");
  EXPECT_EQ(prospects.value().format, ReportFormat::kJson);
  EXPECT_FALSE(prospects.value().explain);
  EXPECT_EQ(Error(ParseProspectsOptions, {{"format", "xml"}}), kBadFormat);
  EXPECT_EQ(Error(ParseAttentionOptions, {{"format", "xml"}}), kBadFormat);
  EXPECT_EQ(Error(ParseMigrationOptions, {{"format", "xml"}}), kBadFormat);
  EXPECT_EQ(Error(ParseAccountsOptions, {{"format", "xml"}}), kBadFormat);
  EXPECT_EQ(Error(ParseProspectsOptions, {{"as_of", "2024-13-01"}}), kBadAsOf);
  EXPECT_EQ(Error(ParseAttentionOptions, {{"as_of", "2024-13-01"}}), kBadAsOf);
  EXPECT_EQ(Error(ParseMigrationOptions, {{"as_of", "2024-13-01"}}), kBadAsOf);
  EXPECT_EQ(Error(ParseAccountsOptions, {{"as_of", "2024-13-01"}}), kBadAsOf);
}

TEST(ReportOptionsTest, AccountNeedsTheAccountFirst) {
  EXPECT_EQ(ParseAccountOptions(Params({{"account", "A-7"}})).value().account, "A-7");
  EXPECT_EQ(Error(ParseAccountOptions, {{"format", "xml"}}),
            "--account is required (the account id, e.g. --account A-1)");
  EXPECT_EQ(Error(ParseAccountOptions, {{"account", "A-7"}, {"format", "xml"}}), kBadFormat);
  EXPECT_EQ(Error(ParseAccountOptions, {{"account", "A-7"}, {"as_of", "2024-13-01"}}), kBadAsOf);
}

TEST(ReportOptionsTest, SegmentsAndSensitivity) {
  EXPECT_EQ(Error(ParseSegmentsOptions, {{"format", "xml"}}), kBadFormat);
  // The market reports are not as of a date: a bad as_of is not theirs to check.
  EXPECT_EQ(Error(ParseSegmentsOptions, {{"as_of", "2024-13-01"}}), "ok");
  auto o = ParseSensitivityOptions(Params({{"draws", "500"}, {"concentration", "2.5"}, {"seed", "7"}}));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o.value().stability.draws, 500);
  EXPECT_EQ(o.value().stability.concentration, 2.5);
  EXPECT_EQ(o.value().stability.seed, 7u);
  const StabilityOptions defaults;
  EXPECT_EQ(ParseSensitivityOptions({}).value().stability.draws, defaults.draws);
  EXPECT_EQ(ParseSensitivityOptions({}).value().stability.seed, defaults.seed);
  EXPECT_EQ(Error(ParseSensitivityOptions, {{"format", "xml"}}), kBadFormat);
  EXPECT_EQ(Error(ParseSensitivityOptions, {{"draws", "many"}}), "--draws: 'many' is not a number");
  EXPECT_EQ(Error(ParseSensitivityOptions, {{"draws", "1.5"}}), "--draws: '1.5' is not a whole number");
  EXPECT_EQ(Error(ParseSensitivityOptions, {{"draws", "0"}}),
            "--draws: 0 is out of range (expected 1 to 10000000)");
  EXPECT_EQ(Error(ParseSensitivityOptions, {{"concentration", "0"}}),
            "--concentration: 0 is not a positive number");
  EXPECT_EQ(Error(ParseSensitivityOptions, {{"concentration", "inf"}}),
            "--concentration: 'inf' is not a number");
  EXPECT_EQ(Error(ParseSensitivityOptions, {{"seed", "-1"}}),
            "--seed: -1 is out of range (expected 0 to 9007199254740992)");
}

TEST(ReportOptionsTest, BeachheadTakesPAndQWhenGiven) {
  auto o = ParseBeachheadOptions(Params({{"p", "0.01"}}));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o.value().p, 0.01);
  EXPECT_FALSE(o.value().q.has_value());
  EXPECT_EQ(Error(ParseBeachheadOptions, {{"format", "xml"}, {"p", "x"}}), kBadFormat);
  EXPECT_EQ(Error(ParseBeachheadOptions, {{"p", "x"}}), "--p: 'x' is not a number");
  EXPECT_EQ(Error(ParseBeachheadOptions, {{"q", ""}}), "--q: '' is not a number");
}

TEST(ReportOptionsTest, ForecastNeedsMAndChecksEachNumber) {
  auto o = ParseForecastOptions(
      Params({{"m", "1200"}, {"p", "0.02"}, {"periods", "24"}, {"average_arr", "15000"}}));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o.value().bass.m, 1200);
  EXPECT_EQ(o.value().bass.p, 0.02);
  EXPECT_EQ(o.value().bass.q, BassParameters{}.q);
  EXPECT_EQ(o.value().periods, 24);
  EXPECT_EQ(o.value().average_arr, 15000);
  EXPECT_EQ(ParseForecastOptions(Params({{"m", "1"}})).value().periods, 12);
  EXPECT_EQ(Error(ParseForecastOptions, {{"format", "xml"}}), kBadFormat);
  EXPECT_EQ(Error(ParseForecastOptions, {{"p", "0.1"}}), "--m is required");
  EXPECT_EQ(Error(ParseForecastOptions, {{"m", "lots"}}), "--m: 'lots' is not a number");
  EXPECT_EQ(Error(ParseForecastOptions, {{"m", "1"}, {"q", "1e999"}}), "--q: '1e999' is not a number");
  EXPECT_EQ(Error(ParseForecastOptions, {{"m", "1"}, {"periods", "10001"}}),
            "--periods: 10001 is out of range (expected 1 to 10000)");
  EXPECT_EQ(Error(ParseForecastOptions, {{"m", "1"}, {"average_arr", "-5"}}),
            "--average-arr: -5 is negative");
}

TEST(ReportOptionsTest, FitReadsTheObjectiveAndLeavesThePeriodToTheData) {
  auto o = ParseFitOptions(Params({{"objective", "density"}, {"segment", "SMB"}, {"period", "quarter"}}));
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o.value().objective, BassObjective::kDensity);
  EXPECT_EQ(o.value().segment, "SMB");
  EXPECT_EQ(o.value().period, "quarter");
  EXPECT_EQ(ParseFitOptions({}).value().objective, BassObjective::kIncrements);
  EXPECT_EQ(Error(ParseFitOptions, {{"format", "xml"}, {"objective", "x"}}), kBadFormat);
  EXPECT_EQ(Error(ParseFitOptions, {{"objective", "ols"}}),
            "--objective: unknown objective 'ols' (expected increments or density)");
  EXPECT_EQ(Error(ParseFitOptions, {{"as_of", "2024-13-01"}}), kBadAsOf);
}

// The registry's parse is the report's own: the same options, the same messages.
TEST(ReportOptionsTest, EveryRegisteredReportParsesItsDefaultsAndRejectsABadFormat) {
  for (const ReportSpec& spec : Reports()) {
    ReportParams p;
    if (std::string(spec.name) == "waterfall") {
      p.Set("from", "2024-01-01");
      p.Set("to", "2024-03-31");
    }
    if (std::string(spec.name) == "account") p.Set("account", "A-1");
    if (std::string(spec.name) == "market/forecast") p.Set("m", "100");
    auto ok = spec.parse(p);
    EXPECT_TRUE(ok.ok()) << spec.name << ": " << ok.status().message();
    p.Set("format", "xml");
    auto bad = spec.parse(p);
    ASSERT_FALSE(bad.ok()) << spec.name;
    EXPECT_EQ(bad.status().message(), kBadFormat) << spec.name;
  }
}

}  // namespace
}  // namespace flywheel
