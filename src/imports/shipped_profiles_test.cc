// Each shipped profile on a fixture written like the tool's own export; the expected
// canonical rows are worked out by hand from the fixture (comments give the arithmetic).
#include "imports/shipped_profiles.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "imports/import_test_util.h"

namespace flywheel {
namespace {

using ::testing::ElementsAre;
using testing::ImportFixture;
using testing::PlanWithProfile;
using testing::TableText;

const std::vector<std::string> kSubColumns = {"subscription_id", "account_id",     "start_date", "end_date",
                                              "amount",          "billing_period", "currency",   "product"};
const std::vector<std::string> kOppColumns = {
    "opportunity_id", "account_id", "type",  "created_at",     "closed_at",        "status",
    "amount",         "currency",   "stage", "expected_close", "forecast_category"};

TEST(ShippedProfiles, AllParse) {
  ASSERT_THAT(ShippedProfileNames(),
              ElementsAre("chargebee", "hubspot-companies", "hubspot-deals", "pipedrive-deals",
                          "salesforce-api-accounts", "salesforce-api", "salesforce-opportunity-history",
                          "salesforce-report", "stripe", "zoho-crm-accounts", "zoho-crm-deals"));
  for (const auto& name : ShippedProfileNames()) {
    auto m = FindShippedProfile(name);
    EXPECT_TRUE(m.ok()) << m.status().message();
  }
}

TEST(ShippedProfiles, UnknownProfileSuggests) {
  auto m = FindShippedProfile("strip");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().message(),
            "unknown profile 'strip', did you mean 'stripe'? (flywheel profiles lists them)");
  EXPECT_EQ(m.status().code(), StatusCode::kUsage);
}

TEST(ShippedProfiles, Stripe) {
  ImportPlan plan = PlanWithProfile("stripe", ImportFixture("stripe_subscriptions.csv"));
  EXPECT_TRUE(plan.problems.empty()) << plan.problems.front();
  // sub_1A: 49.00 x quantity 2 = 98 per month. sub_1B: yearly 1,200, ended 2024-03-01.
  // sub_1C: 36,000 EUR for 3 years -> 36000 * 12 / 36 = 12000 per year (1000 a month).
  // sub_1D: trialing, skipped. sub_1E: 135 every 3 months -> quarter, paying from Trial End.
  EXPECT_THAT(TableText(plan, Table::kSubscriptions, kSubColumns),
              ElementsAre("sub_1A|cus_A|2024-01-05||98|month|USD|Pro",
                          "sub_1B|cus_B|2023-06-01|2024-03-01|1200|year|USD|Team",
                          "sub_1C|cus_C|2024-02-01||12000|year|EUR|Enterprise",
                          "sub_1E|cus_E|2024-01-24||135|quarter|USD|Pro"));
  EXPECT_THAT(TableText(plan, Table::kAccounts, {"account_id", "name", "created_at", "attr_plan_tier"}),
              ElementsAre("cus_A|Acme Ltd|2024-01-05|pro", "cus_B|Beta, Inc.|2023-06-01|team",
                          "cus_C|Gamma GmbH|2024-02-01|enterprise", "cus_E|Epsilon SA|2024-01-10|pro"));
  ASSERT_EQ(plan.sources.size(), 1u);
  ASSERT_EQ(plan.sources[0].skipped.size(), 1u);
  EXPECT_EQ(plan.sources[0].skipped[0].line, 5);
  EXPECT_EQ(plan.sources[0].skipped[0].reason, "Status: trial or unpaid: not MRR");
}

TEST(ShippedProfiles, Chargebee) {
  ImportPlan plan = PlanWithProfile("chargebee", ImportFixture("chargebee_subscriptions.csv"));
  EXPECT_TRUE(plan.problems.empty()) << plan.problems.front();
  // Hx1: 20.00 x 3 = 60 a month. Hx2: 2,400 GBP a year, cancelled 2024-02-01. Hx3: in trial.
  // Hx4: 600 per 6 months -> 600 * 12 / 6 = 1200 per year.
  EXPECT_THAT(TableText(plan, Table::kSubscriptions, kSubColumns),
              ElementsAre("sub_Hx1|cust_1|2024-01-15||60|month|USD|basic-monthly",
                          "sub_Hx2|cust_2|2023-05-01|2024-02-01|2400|year|GBP|pro-annual",
                          "sub_Hx4|cust_1|2024-01-01||1200|year|USD|pro-semiannual"));
  EXPECT_THAT(TableText(plan, Table::kAccounts, {"account_id", "name"}),
              ElementsAre("cust_1|Acme Ltd", "cust_2|Beta Inc."));
  ASSERT_EQ(plan.sources[0].skipped.size(), 1u);
  EXPECT_EQ(plan.sources[0].skipped[0].line, 4);
  EXPECT_EQ(plan.sources[0].skipped[0].reason, "subscriptions.status: trial, future or paused: not MRR");
}

TEST(ShippedProfiles, HubSpotDealsAndCompaniesMerge) {
  auto deals = FindShippedProfile("hubspot-deals");
  auto companies = FindShippedProfile("hubspot-companies");
  ASSERT_TRUE(deals.ok() && companies.ok());
  auto plan = PlanMappedImport({MappedSource{*deals, ImportFixture("hubspot_deals.csv")},
                                MappedSource{*companies, ImportFixture("hubspot_companies.csv")}});
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_TRUE(plan->problems.empty()) << plan->problems.front();
  EXPECT_THAT(TableText(*plan, Table::kOpportunities, kOppColumns),
              ElementsAre("9001|5001|new|2023-11-20|2024-01-05|won|1176||Closed Won||",
                          "9002|5002|new|2023-12-20|2024-02-10|lost|1200||Closed Lost||",
                          "9003|5001|expansion|2024-03-01||open|600||Contract Sent|2024-04-30|"));
  // Accounts: ids from the deals first, then the companies file fills the empty columns.
  EXPECT_THAT(TableText(*plan, Table::kAccounts,
                        {"account_id", "name", "created_at", "employees", "annual_revenue", "attr_domain"}),
              ElementsAre("5001|Acme Ltd|2023-11-02|120|12000000|acme.example",
                          "5002|Beta Inc.|2023-12-15|45||beta.example"));
  ASSERT_EQ(plan->sources[0].skipped.size(), 1u);
  EXPECT_EQ(plan->sources[0].skipped[0].line, 5);
  EXPECT_EQ(plan->sources[0].skipped[0].reason, "account_id: no associated company");
  auto loaded = ValidateMappedImport(*plan);
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
}

TEST(ShippedProfiles, SalesforceReportDerivesIds) {
  ImportPlan plan = PlanWithProfile("salesforce-report", ImportFixture("salesforce_report.csv"));
  EXPECT_TRUE(plan.problems.empty()) << plan.problems.front();
  auto opps = TableText(plan, Table::kOpportunities,
                        {"account_id", "type", "created_at", "closed_at", "status", "amount", "currency",
                         "owner", "expected_close", "forecast_category"});
  // Account ids are derived (checked below); the other columns as the report wrote them.
  for (auto& row : opps) row = row.substr(row.find('|'));
  EXPECT_THAT(opps, ElementsAre("|new|2024-01-10|2024-03-15|won|25000|USD|Sam Lee||closed",
                                "|renewal|2024-02-01||open|12000|EUR|Sam Lee|2024-06-30|commit",
                                "|expansion|2024-01-20|2024-02-28|lost|4500|USD|Ana Ruiz||omitted"));
  const CanonicalTable* t = testing::FindTable(plan, Table::kOpportunities);
  ASSERT_NE(t, nullptr);
  // Same account name -> same derived account id; ids are stable and prefixed.
  EXPECT_EQ(t->rows[0].values.at("account_id"), t->rows[2].values.at("account_id"));
  EXPECT_NE(t->rows[0].values.at("account_id"), t->rows[1].values.at("account_id"));
  EXPECT_TRUE(t->rows[0].values.at("account_id").starts_with("sfa-"));
  EXPECT_TRUE(t->rows[0].values.at("opportunity_id").starts_with("sfo-"));
  EXPECT_EQ(t->rows[0].values.at("opportunity_id").size(), 16u);
  ImportPlan again = PlanWithProfile("salesforce-report", ImportFixture("salesforce_report.csv"));
  EXPECT_EQ(testing::FindTable(again, Table::kOpportunities)->rows[1].values.at("opportunity_id"),
            t->rows[1].values.at("opportunity_id"));
  EXPECT_THAT(testing::TableText(plan, Table::kAccounts, {"name"}), ElementsAre("Northwind", "Contoso"));
  EXPECT_THAT(
      plan.sources[0].notes,
      ElementsAre("accounts.account_id derived from Account Name (the file has no 'Account ID' or "
                  "'Account ID (18)' column)",
                  "opportunities.account_id derived from Account Name (the file has no 'Account ID' or "
                  "'Account ID (18)' column)",
                  "opportunities.opportunity_id derived from Account Name + Opportunity Name + Created "
                  "Date (the file has no 'Opportunity ID' or 'Opportunity ID (18)' column)"));
}

TEST(ShippedProfiles, SalesforceApi) {
  ImportPlan plan = PlanWithProfile("salesforce-api", ImportFixture("salesforce_opportunities.csv"));
  EXPECT_TRUE(plan.problems.empty()) << plan.problems.front();
  // The second deal was created 2024-01-31 23:30 at UTC-2, which is 2024-02-01 01:30 UTC.
  EXPECT_THAT(
      TableText(plan, Table::kOpportunities, kOppColumns),
      ElementsAre("0065g00000AbCdEAAV|0015g00000XyZaBAAV|new|2024-01-10|2024-03-15|won|25000|USD|Closed "
                  "Won||closed",
                  "0065g00000AbCdFAAV|0015g00000XyZaCAAV|renewal|2024-02-01||open|12000|EUR|Negotiation/"
                  "Review|2024-06-30|commit",
                  "0065g00000AbCdGAAV|0015g00000XyZaBAAV|expansion|2024-01-20|2024-02-28|lost|4500|USD|"
                  "Closed Lost||omitted"));
  EXPECT_THAT(TableText(plan, Table::kAccounts, {"account_id"}),
              ElementsAre("0015g00000XyZaBAAV", "0015g00000XyZaCAAV"));
}

}  // namespace
}  // namespace flywheel
