// Mapping options for real exports: yes/no columns, null values, a fallback rule, date
// formats per column (Unix seconds included), date formats found from the values or asked
// for when ambiguous, a column name given twice, and the order of sources.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "imports/date_format_guess.h"
#include "imports/import_test_util.h"
#include "imports/mapped_import.h"
#include "imports/mapping.h"
#include "testing/temp_dir.h"

namespace flywheel {
namespace {

using ::testing::ElementsAre;
using testing::TableText;

ImportPlan PlanOf(const testing::TempDir& tmp, const std::string& toml, const std::string& csv) {
  auto mapping = ParseMapping(toml, "m.toml");
  EXPECT_TRUE(mapping.ok()) << mapping.status().message();
  auto plan = PlanMappedImport({MappedSource{*mapping, tmp.Write("e.csv", csv)}});
  EXPECT_TRUE(plan.ok()) << plan.status().message();
  return plan.ok() ? *plan : ImportPlan{};
}

constexpr char kDeals[] = R"(
[format]
nulls = ["000000000000000AAA"]
[[tables]]
target = "opportunities"
[tables.columns]
opportunity_id = "Id"
account_id = "AccountId"
type = { value = "new" }
created_at = { column = "Created", date_format = "%s" }
status = { column = ["IsClosed", "IsWon"], join = "/", booleans = true, map = { "true/true" = "won", "true/false" = "lost", "false/false" = "open" }, fallback = { column = "Stage", map = { "closed won" = "won" }, map_default = "open" } }
closed_at = { column = "CloseDate", when = { status = ["won", "lost"] }, date_format = "%d %b, %Y" }
)";

TEST(MappingOptions, BooleansNullsAndPerColumnDateFormats) {
  testing::TempDir tmp;
  ImportPlan plan = PlanOf(tmp, kDeals,
                           "Id,AccountId,Created,IsClosed,IsWon,CloseDate\n"
                           "O1,A1,1704412800,1,1,\"12 Mar, 2024\"\n"
                           "O2,A1,1704412800,1,,\"13 Mar, 2024\"\n"
                           "O3,A1,1704412800,,,\n"
                           "O4,A1,1704412800,TRUE,0,\"14 Mar, 2024\"\n"
                           "O5,A1,1704412800,false,1,\n"
                           "O6,000000000000000AAA,1704412800,,,\n");
  EXPECT_THAT(TableText(plan, Table::kOpportunities, {"opportunity_id", "created_at", "status", "closed_at"}),
              ElementsAre("O1|2024-01-05|won|2024-03-12", "O2|2024-01-05|lost|2024-03-13",
                          "O3|2024-01-05|open|", "O4|2024-01-05|lost|2024-03-14"));
  // Not a won/lost/open combination, and an account id that is Salesforce's null.
  EXPECT_THAT(
      plan.ProblemTexts(),
      ElementsAre("e.csv:6: IsClosed/IsWon: 'false/true' is not a status (expected open, won or lost; add it "
                  "to the map)",
                  "e.csv:7: AccountId: empty, but opportunities.account_id is required"));
}

TEST(MappingOptions, FallbackWhenTheColumnsAreMissing) {
  testing::TempDir tmp;
  ImportPlan plan =
      PlanOf(tmp, kDeals,
             "Id,AccountId,Created,Stage,CloseDate\nO1,A1,1704412800,Closed Won,\"1 Apr, 2024\"\n"
             "O2,A1,1704412800,Qualify,\n");
  EXPECT_THAT(TableText(plan, Table::kOpportunities, {"opportunity_id", "status", "closed_at"}),
              ElementsAre("O1|won|2024-04-01", "O2|open|"));
  EXPECT_EQ(plan.sources[0].tables[0].columns[4],
            (std::pair<std::string, std::string>("status", "Stage (mapped)")));
}

constexpr char kAccounts[] = R"(
[[tables]]
target = "accounts"
key = "account_id"
[tables.columns]
account_id = "Id"
name = { column = "Name", optional = true }
created_at = { column = "Since", optional = true }
)";

TEST(MappingOptions, DateFormatFoundFromTheValues) {
  testing::TempDir tmp;
  ImportPlan plan = PlanOf(tmp, kAccounts, "Id,Since\nA1,15/03/2024\nA2,01/04/2024\n");
  EXPECT_TRUE(plan.problems.empty());
  EXPECT_THAT(TableText(plan, Table::kAccounts, {"account_id", "created_at"}),
              ElementsAre("A1|2024-03-15", "A2|2024-04-01"));
  EXPECT_THAT(plan.sources[0].notes, ElementsAre("Since: dates read as %d/%m/%Y (found from the values)"));
}

TEST(MappingOptions, AmbiguousDatesAskForTheFormat) {
  testing::TempDir tmp;
  ImportPlan plan = PlanOf(tmp, kAccounts, "Id,Since\nA1,03/04/2024\nA2,05/06/2024\nA3,07/07/2024\n");
  EXPECT_THAT(
      plan.problems,
      ElementsAre("e.csv:1: Since: dates like 03/04/2024 and 05/06/2024 could be day/month or month/day; "
                  "state the format in a mapping file: date_format = \"%d/%m/%Y\" or \"%m/%d/%Y\""));
  auto validated = ValidateMappedImport(plan);
  ASSERT_FALSE(validated.ok());
  EXPECT_EQ(validated.status().message(), plan.problems.front());
}

TEST(MappingOptions, GuessDateFormat) {
  EXPECT_EQ(GuessDateFormat({"2024-01-05", "2024-02-01"}, {}).format, "");  // ISO needs no guess
  EXPECT_EQ(GuessDateFormat({"05.01.2024", "31.12.2023"}, {}).format, "%d.%m.%Y");
  EXPECT_EQ(GuessDateFormat({"1/31/2024 3:05 PM", "2/1/2024 9:00 AM"}, {}).format, "%m/%d/%Y %I:%M %p");
  EXPECT_EQ(GuessDateFormat({"Mar 12, 2024"}, {}).format, "%b %d, %Y");
  EXPECT_EQ(GuessDateFormat({"12/12/2024"}, {}).format, "%d/%m/%Y");  // both read it the same way
  EXPECT_EQ(GuessDateFormat({"not a date"}, {}).format, "");
  EXPECT_EQ(GuessDateFormat({"03/04/2024"}, {"%m/%d/%Y"}).format, "");  // the mapping's format reads it
}

TEST(MappingOptions, ColumnNamedTwiceIsAWarning) {
  testing::TempDir tmp;
  ImportPlan plan = PlanOf(tmp, kAccounts, "Id,Name,id\nA1,Acme,B9\n");
  EXPECT_THAT(
      plan.warnings,
      ElementsAre("e.csv:1: column 'Id' appears at positions 1 and 3; the first (position 1) is read"));
  EXPECT_THAT(TableText(plan, Table::kAccounts, {"account_id", "name"}), ElementsAre("A1|Acme"));
}

// Merged rows: the first source given on the command line wins, whatever its kind.
TEST(MappingOptions, TheFirstSourceWins) {
  testing::TempDir tmp;
  auto mapping = ParseMapping(kAccounts, "m.toml");
  auto companies = FindShippedProfile("hubspot-companies");
  ASSERT_TRUE(mapping.ok() && companies.ok());
  const std::string mine = tmp.Write("mine.csv", "Id,Name\n5001,Acme (ours)\n");
  const std::string hubspot = tmp.Write("hs.csv", "Record ID,Company name\n5001,Acme Ltd\n");
  auto a = PlanMappedImport({MappedSource{*mapping, mine}, MappedSource{*companies, hubspot}});
  auto b = PlanMappedImport({MappedSource{*companies, hubspot}, MappedSource{*mapping, mine}});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_THAT(TableText(*a, Table::kAccounts, {"name"}), ElementsAre("Acme (ours)"));
  EXPECT_THAT(TableText(*b, Table::kAccounts, {"name"}), ElementsAre("Acme Ltd"));
}

TEST(MappingOptions, ParseErrorsOfTheNewKeys) {
  auto bad = ParseMapping(R"(
[[tables]]
target = "accounts"
[tables.columns]
account_id = { column = "Id", booleans = "yes" }
name = { column = "N", date_format = "%d" }
)",
                          "m.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "m.toml:5: accounts.account_id.booleans must be true or false\n"
            "m.toml:6: accounts.name: `date_format` applies to dates only");
}

}  // namespace
}  // namespace flywheel
