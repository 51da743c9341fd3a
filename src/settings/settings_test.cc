#include "settings/settings.h"

#include <gtest/gtest.h>

namespace flywheel {
namespace {

std::string Error(const std::string& text) {
  auto r = ParseSettings(text, "flywheel.toml");
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.status().message();
}

TEST(SettingsTest, EmptyFileGivesTheDocumentedDefaults) {
  auto r = ParseSettings("", "flywheel.toml");
  ASSERT_TRUE(r.ok());
  const Settings& s = *r;
  EXPECT_EQ(s.base_currency, "USD");
  EXPECT_FALSE(s.as_of.has_value());
  EXPECT_EQ(s.fiscal_year_start_month, 1);
  EXPECT_EQ(s.segment_attribute, "segment");
  EXPECT_DOUBLE_EQ(s.default_gross_margin, 0.8);
  EXPECT_EQ(s.min_cohort_size, 5);
  EXPECT_FALSE(s.reactivation_window_months.has_value());
  EXPECT_TRUE(s.pinned_rates.empty());
  EXPECT_EQ(s.value_event.metric, "");
  EXPECT_DOUBLE_EQ(s.value_event.threshold, 1.0);
  EXPECT_EQ(s.bowtie_window_days, 365);
  EXPECT_EQ(s.ttv_targets_days, (std::vector<int>{30, 60, 90}));
  EXPECT_EQ(s.executive_budget, 10);
  EXPECT_EQ(s.source_path, "flywheel.toml");
}

TEST(SettingsTest, EveryKey) {
  auto r = ParseSettings(R"(
base_currency = "eur"
as_of = 2024-06-30
fiscal_year_start_month = 2
segment_by = "attr_tier"
gross_margin = 0.75

[revenue]
reactivation_window_months = 6

[fx]
pinned = { USD = 0.92, GBP = 1 }

[value_event]
metric = "reports_built"
threshold = 5

[cohorts]
min_size = 8

[bowtie]
window_days = 180

[ttv]
targets_days = [14, 28]

[product_lines]
strategic = ["core"]
maintenance = ["legacy", "old"]
sunset = []

[exclusions]
countries = ["RU"]
industries = ["Gambling"]

[attention]
executive_budget = 3
)",
                         "flywheel.toml");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Settings& s = *r;
  EXPECT_EQ(s.base_currency, "EUR");
  EXPECT_EQ(s.as_of, DayFromCivil(2024, 6, 30));
  EXPECT_EQ(s.fiscal_year_start_month, 2);
  EXPECT_EQ(s.segment_attribute, "attr_tier");
  EXPECT_DOUBLE_EQ(s.default_gross_margin, 0.75);
  EXPECT_EQ(s.reactivation_window_months, 6);
  EXPECT_EQ(s.min_cohort_size, 8);
  EXPECT_EQ(s.pinned_rates, (std::map<std::string, double>{{"GBP", 1.0}, {"USD", 0.92}}));
  EXPECT_EQ(s.value_event.metric, "reports_built");
  EXPECT_DOUBLE_EQ(s.value_event.threshold, 5);
  EXPECT_EQ(s.bowtie_window_days, 180);
  EXPECT_EQ(s.ttv_targets_days, (std::vector<int>{14, 28}));
  EXPECT_EQ(s.strategic_lines, std::vector<std::string>{"core"});
  EXPECT_EQ(s.maintenance_lines, (std::vector<std::string>{"legacy", "old"}));
  EXPECT_TRUE(s.sunset_lines.empty());
  EXPECT_EQ(s.excluded_countries, std::vector<std::string>{"RU"});
  EXPECT_EQ(s.excluded_industries, std::vector<std::string>{"Gambling"});
  EXPECT_EQ(s.executive_budget, 3);
}

TEST(SettingsTest, AsOfAsString) {
  auto r = ParseSettings("as_of = \"2024-02-29\"\n", "flywheel.toml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->as_of, DayFromCivil(2024, 2, 29));
  EXPECT_EQ(Error("as_of = \"2023-02-29\"\n"),
            "flywheel.toml:1: as_of: expected a date (YYYY-MM-DD), got \"2023-02-29\"");
}

TEST(SettingsTest, UnknownKeysAndSectionsWithDidYouMean) {
  EXPECT_EQ(Error("gross_margin = 0.7\n\nbase_curency = \"EUR\"\n"),
            "flywheel.toml:3: unknown setting 'base_curency', did you mean 'base_currency'?");
  EXPECT_EQ(Error("[revenue]\nreactivation_window = 3\n"),
            "flywheel.toml:2: unknown setting 'revenue.reactivation_window', did you mean "
            "'revenue.reactivation_window_months'?");
  EXPECT_EQ(Error("[bowtei]\nwindow_days = 3\n"),
            "flywheel.toml:1: unknown section '[bowtei]', did you mean 'bowtie'?");
  EXPECT_EQ(Error("colour = \"blue\"\n"), "flywheel.toml:1: unknown setting 'colour'");
}

TEST(SettingsTest, WrongTypesAndRanges) {
  EXPECT_EQ(Error("base_currency = \"USD\"\nas_of = 2024-01-01\n\nfiscal_year_start_month = 13\n"),
            "flywheel.toml:4: fiscal_year_start_month: expected an integer from 1 to 12, got 13");
  EXPECT_EQ(Error("fiscal_year_start_month = \"march\"\n"),
            "flywheel.toml:1: fiscal_year_start_month: expected an integer from 1 to 12, got \"march\"");
  EXPECT_EQ(Error("gross_margin = 1.5\n"),
            "flywheel.toml:1: gross_margin: expected a number from 0 to 1, got 1.5");
  EXPECT_EQ(
      Error("base_currency = \"euro\"\n"),
      "flywheel.toml:1: base_currency: expected a three-letter currency code such as \"USD\", got \"euro\"");
  EXPECT_EQ(Error("segment_by = 3\n"), "flywheel.toml:1: segment_by: expected a non-empty string, got 3");
  EXPECT_EQ(Error("[ttv]\ntargets_days = [30, -1]\n"),
            "flywheel.toml:2: ttv.targets_days: expected a list of positive integers, got a list");
  EXPECT_EQ(Error("[product_lines]\nsunset = \"old\"\n"),
            "flywheel.toml:2: product_lines.sunset: expected a list of strings, got \"old\"");
  EXPECT_EQ(Error("[fx]\npinned = { EUR = -1 }\n"),
            "flywheel.toml:2: fx.pinned: expected a positive rate for EUR, got -1");
  EXPECT_EQ(Error("revenue = 3\n"), "flywheel.toml:1: revenue: expected a table [revenue], got 3");
}

TEST(SettingsTest, AllProblemsInLineOrder) {
  EXPECT_EQ(Error("gross_margin = 2\n[attention]\nexecutive_budget = -1\n"),
            "flywheel.toml:1: gross_margin: expected a number from 0 to 1, got 2\n"
            "flywheel.toml:3: attention.executive_budget: expected an integer from 0 to 1000000, got -1");
}

TEST(SettingsTest, TomlSyntaxErrorHasLine) {
  std::string e = Error("base_currency = \"USD\"\ngross_margin = \n");
  EXPECT_EQ(e.rfind("flywheel.toml:2: ", 0), 0u) << e;
}

TEST(SettingsTest, MissingFileIsNotFound) {
  auto r = LoadSettingsFile("/nonexistent/flywheel.toml");
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(), "settings file /nonexistent/flywheel.toml does not exist");
}

}  // namespace
}  // namespace flywheel
