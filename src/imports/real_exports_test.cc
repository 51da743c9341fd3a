// The profiles on real exports and on fixtures written in the tools' own formats. Expected
// rows are worked out by hand from the fixtures; the Salesforce sample org's won and lost
// deals are counted from the raw file's IsClosed/IsWon flags by a reader written here,
// independently of the import.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "imports/import_test_util.h"
#include "imports/mapped_import.h"
#include "imports/shipped_profiles.h"

namespace flywheel {
namespace {

using ::testing::ElementsAre;
using testing::ImportFixture;
using testing::TableText;

std::string SampleOrg(const std::string& file) {
  return std::string(FLYWHEEL_TEST_SOURCE_DIR) + "/tests/fixtures/real-exports/salesforce-sample-org/" + file;
}

ValidationOptions Base(const std::string& currency) {
  ValidationOptions o;
  o.settings = Settings();
  o.settings->base_currency = currency;
  return o;
}

ImportPlan Plan(const std::vector<std::pair<std::string, std::string>>& sources) {
  std::vector<MappedSource> mapped;
  for (const auto& [profile, path] : sources) {
    auto m = FindShippedProfile(profile);
    EXPECT_TRUE(m.ok()) << m.status().message();
    mapped.push_back(MappedSource{*m, path});
  }
  auto plan = PlanMappedImport(mapped);
  EXPECT_TRUE(plan.ok()) << plan.status().message();
  return plan.ok() ? *plan : ImportPlan{};
}

// The fields of one CSV line (quotes and doubled quotes; no line breaks in fields).
std::vector<std::string> SplitLine(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

// Per year of CloseDate: won and lost deals by the raw IsClosed/IsWon flags.
std::map<std::string, std::pair<int, int>> RawWonLostByYear(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header = SplitLine(line);
  if (header[0].starts_with("\xEF\xBB\xBF")) header[0] = header[0].substr(3);
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < header.size(); ++i) at[header[i]] = i;
  std::map<std::string, std::pair<int, int>> out;
  while (std::getline(in, line)) {
    const auto f = SplitLine(line);
    if (f[at["IsClosed"]] != "1") continue;
    auto& year = out[f[at["CloseDate"]].substr(0, 4)];
    (f[at["IsWon"]] == "1" ? year.first : year.second) += 1;
  }
  return out;
}

TEST(RealExports, SalesforceSampleOrgImportsWithRepairs) {
  ImportPlan plan = Plan({{"salesforce-api-accounts", SampleOrg("Account.csv")},
                          {"salesforce-api", SampleOrg("Opportunity.csv")}});
  EXPECT_TRUE(plan.problems.empty());
  EXPECT_TRUE(plan.rejected.empty()) << plan.ProblemTexts().front();
  auto validated = ValidateMappedImport(plan);
  ASSERT_TRUE(validated.ok()) << validated.status().message();
  const Dataset& d = validated->data.dataset;
  EXPECT_EQ(d.accounts.size(), 22u);
  ASSERT_EQ(d.opportunities.size(), 50u);
  // Won and lost per year, as the raw flags say.
  std::map<std::string, std::pair<int, int>> imported;
  for (size_t i = 0; i < d.opportunities.size(); ++i) {
    const auto status = d.opportunities.status[i];
    if (status == OpportunityStatus::kOpen) continue;
    auto& year = imported[FormatDate(d.opportunities.closed_at[i]).substr(0, 4)];
    (status == OpportunityStatus::kWon ? year.first : year.second) += 1;
  }
  const auto raw = RawWonLostByYear(SampleOrg("Opportunity.csv"));
  ASSERT_FALSE(raw.empty());
  EXPECT_EQ(imported, raw);
  // The 15 closed deals closed before the day they were loaded (2024-01-22): created := closed.
  for (const TableQuality& q : validated->data.quality) {
    if (q.table != Table::kOpportunities) continue;
    EXPECT_EQ(q.repaired, 15);
    EXPECT_EQ(q.quarantined, 0);
    ASSERT_EQ(q.warnings.size(), 1u);
    EXPECT_EQ(q.warnings[0].rule, "closed_before_created");
    EXPECT_EQ(q.warnings[0].count, 15);
  }
  EXPECT_EQ(validated->data.warnings.front(),
            "Opportunity.csv:3: closed_at: 2023-06-17 is before created_at 2024-01-22 (created_at set to "
            "2023-06-17)");
  const AccountIndex walker = d.accounts.Find("001Ec00000GGw3hIAD");
  ASSERT_NE(walker, kNoAccount);
  EXPECT_EQ(d.accounts.name[walker], "Walker Henson and Compton");
  EXPECT_EQ(d.dict.Get(d.accounts.industry[walker]), "Finance");
  EXPECT_EQ(d.accounts.employees[walker], 577);
}

// HubSpot decides won and lost with its own flags; stage names only when they are missing.
TEST(RealExports, HubSpotFlagsDecideWonAndLost) {
  ImportPlan plan = Plan({{"hubspot-deals", ImportFixture("hubspot_deals_flags.csv")}});
  EXPECT_THAT(plan.warnings,
              ElementsAre("hubspot_deals_flags.csv:1: column 'Associated Company IDs' appears at "
                          "positions 10 and 14; the first (position 10) is read"));
  auto rows =
      TableText(plan, Table::kOpportunities, {"opportunity_id", "stage", "status", "closed_at", "amount"});
  ASSERT_EQ(rows.size(), 20u);
  EXPECT_EQ(rows[0], "31001|Contract Signed|won|2024-03-10|1000");
  EXPECT_EQ(rows[1], "31002|Lost - No Budget|lost|2024-04-11|2000");
  EXPECT_EQ(rows[2], "31003|Closed Lost (old pipeline)|open||3000");   // open by the flags
  EXPECT_EQ(rows[5], "31006|Lost - No Budget|lost||6000");             // no Close Date
  EXPECT_EQ(rows[9], "31010|Lost - No Budget|lost|2024-06-10|12500");  // 12.5K
  ValidationOptions options;
  auto validated = ValidateMappedImport(plan, options);
  ASSERT_TRUE(validated.ok()) << validated.status().message();
  EXPECT_EQ(validated->data.dataset.opportunities.size(), 19u);  // 1 of 20 set aside: 5 %, not more
  ASSERT_EQ(validated->quarantine.size(), 1u);
  EXPECT_EQ(validated->quarantine[0].rows[0].source, "hubspot_deals_flags.csv:7");
  EXPECT_EQ(validated->quarantine[0].rows[0].reason, "closed_at: required when status is lost");
}

TEST(RealExports, HubSpotWithoutFlagsFallsBackToStageNames) {
  ImportPlan plan = Plan({{"hubspot-deals", ImportFixture("hubspot_deals.csv")}});
  EXPECT_THAT(TableText(plan, Table::kOpportunities, {"opportunity_id", "status"}),
              ElementsAre("9001|won", "9002|lost", "9003|open"));
  const auto& columns = plan.sources[0].tables[1].columns;
  EXPECT_NE(std::find(columns.begin(), columns.end(),
                      std::pair<std::string, std::string>("status", "Deal Stage (mapped)")),
            columns.end());
}

TEST(RealExports, Pipedrive) {
  ImportPlan plan = Plan({{"pipedrive-deals", ImportFixture("pipedrive_deals.csv")}});
  // Deal 4 is deleted, deal 5 has no organization; deals 1 and 3 share Northwind's derived id.
  auto rows = TableText(plan, Table::kOpportunities,
                        {"opportunity_id", "type", "created_at", "closed_at", "status", "amount", "currency",
                         "lost_reason", "expected_close"});
  EXPECT_THAT(rows, ElementsAre("1|new|2024-01-08|2024-02-20|won|24000|EUR||",
                                "2|new|2024-01-15|2024-03-01|lost|6000.5|EUR|Price|",
                                "3|new|2024-03-04||open|8000|EUR||2024-05-31"));
  EXPECT_THAT(TableText(plan, Table::kAccounts, {"name"}), ElementsAre("Northwind GmbH", "Contoso, Ltd."));
  const CanonicalTable* opps = testing::FindTable(plan, Table::kOpportunities);
  EXPECT_EQ(opps->rows[0].values.at("account_id"), opps->rows[2].values.at("account_id"));
  EXPECT_TRUE(opps->rows[0].values.at("account_id").starts_with("pdo-"));
  ASSERT_EQ(plan.sources[0].skipped.size(), 2u);
  EXPECT_EQ(plan.sources[0].skipped[0].reason, "Deal - Status: deleted deal");
  EXPECT_EQ(plan.sources[0].skipped[1].reason, "account_id: no organization");
  EXPECT_TRUE(ValidateMappedImport(plan, Base("EUR")).ok());
}

TEST(RealExports, ZohoCrmDealsAndAccounts) {
  ImportPlan plan = Plan({{"zoho-crm-accounts", ImportFixture("zoho_crm_accounts.csv")},
                          {"zoho-crm-deals", ImportFixture("zoho_crm_deals.csv")}});
  EXPECT_THAT(
      TableText(plan, Table::kOpportunities,
                {"opportunity_id", "account_id", "type", "created_at", "closed_at", "status", "amount",
                 "expected_close"}),
      ElementsAre(
          "zcrm_4876876000000336013|zcrm_4876876000000330101|new|2024-01-15|2024-03-28|won|25000|",
          "zcrm_4876876000000336014|zcrm_4876876000000330102|expansion|2024-02-01|2024-04-12|lost|9000|",
          "zcrm_4876876000000336015|zcrm_4876876000000330101|expansion|2024-03-10||open|14000|2024-06-30"));
  EXPECT_THAT(
      TableText(plan, Table::kAccounts,
                {"account_id", "name", "industry", "employees", "parent_account_id", "attr_type"}),
      ElementsAre("zcrm_4876876000000330101|Globex S.p.A.|Manufacturing|420||Customer",
                  "zcrm_4876876000000330102|Initech Srl|Software|35|zcrm_4876876000000330101|Prospect"));
  EXPECT_TRUE(ValidateMappedImport(plan, Base("EUR")).ok());
}

TEST(RealExports, SalesforceOpportunityHistoryJoinsTheSampleOrg) {
  ImportPlan plan =
      Plan({{"salesforce-api", SampleOrg("Opportunity.csv")},
            {"salesforce-opportunity-history", ImportFixture("salesforce_opportunity_history.csv")}});
  EXPECT_THAT(TableText(plan, Table::kOpportunityHistory,
                        {"opportunity_id", "changed_at", "stage", "status", "amount", "expected_close"}),
              ElementsAre("006Ec00000AieKGIAZ|2023-04-03|Qualification||1500000|2023-06-30",
                          "006Ec00000AieKGIAZ|2023-05-15|Negotiation||1651993.36|2023-06-17",
                          "006Ec00000AieKGIAZ|2023-06-17|Closed Won|won|1651993.36|2023-06-17",
                          "006Ec00000AieKaIAJ|2023-07-01|Discovery||467584.31|2023-09-30",
                          "006Ec00000AieKaIAJ|2023-09-23|Closed Lost|lost|467584.31|2023-09-23"));
  EXPECT_EQ(plan.sources[1].skipped.size(), 1u);  // the deleted row
  auto validated = ValidateMappedImport(plan);
  ASSERT_TRUE(validated.ok()) << validated.status().message();
  EXPECT_EQ(validated->data.dataset.opportunity_history.size(), 5u);
}

}  // namespace
}  // namespace flywheel
