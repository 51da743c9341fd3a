#include "imports/mapped_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "imports/import_test_util.h"

namespace flywheel {
namespace {

using testing::ImportFixture;
using testing::PlanWithProfile;

TEST(FormatImportPlan, ShowsMappingCountsAndSkippedRows) {
  ImportPlan plan = PlanWithProfile("stripe", ImportFixture("stripe_subscriptions.csv"));
  plan.problems.push_back("x.csv:3: Amount: 'abc' is not a number (expected numbers like 1,234.56)");
  EXPECT_EQ(FormatImportPlan(plan),
            "stripe_subscriptions.csv (stripe): 5 rows\n"
            "  accounts: 4 rows\n"
            "    account_id     <- Customer ID\n"
            "    created_at     <- Created (UTC)\n"
            "    name           <- Customer Name\n"
            "    attr_plan_tier <- plan_tier (metadata)\n"
            "  subscriptions: 4 rows\n"
            "    account_id      <- Customer ID\n"
            "    amount          <- Amount × Quantity per Interval × Interval Count\n"
            "    billing_period  <- from Interval × Interval Count\n"
            "    currency        <- Currency\n"
            "    end_date        <- Ended At (UTC)\n"
            "    product         <- Product | Plan\n"
            "    start_date      <- Trial End (UTC) | Start (UTC)\n"
            "    subscription_id <- id\n"
            "  skipped 1 row:\n"
            "    line 5: Status: trial or unpaid: not MRR\n"
            "canonical rows: accounts 4 subscriptions 4\n"
            "problems (1):\n"
            "  x.csv:3: Amount: 'abc' is not a number (expected numbers like 1,234.56)\n");
}

class WorkspaceImport : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = (std::filesystem::temp_directory_path() / ("flywheel-mapped-ws-" + std::to_string(::getpid())))
              .string();
    std::filesystem::remove_all(ws_);
  }
  void TearDown() override { std::filesystem::remove_all(ws_); }
  std::string ws_;
};

TEST_F(WorkspaceImport, ImportsAllOrNothing) {
  ImportPlan plan = PlanWithProfile("stripe", ImportFixture("stripe_subscriptions.csv"));
  ImportOptions options;
  options.validation.settings = Settings();
  options.validation.settings->pinned_rates["EUR"] = 1.1;
  auto summary = RunMappedImport(plan, ws_, options);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  auto loaded = LoadWorkspace(ws_);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->data.dataset.subscriptions.size(), 4u);
  EXPECT_EQ(loaded->data.dataset.accounts.size(), 4u);

  // A plan with a problem changes nothing.
  ImportPlan bad = PlanWithProfile("chargebee", ImportFixture("chargebee_subscriptions.csv"));
  bad.problems.push_back("c.csv:2: x: broken");
  auto failed = RunMappedImport(bad, ws_, options);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), "c.csv:2: x: broken");
  auto again = LoadWorkspace(ws_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->data.dataset.subscriptions.size(), 4u);
  EXPECT_NE(again->data.dataset.accounts.Find("cus_A"), kNoAccount);
}

TEST(PlanMappedImport, MissingFile) {
  auto m = FindShippedProfile("stripe");
  ASSERT_TRUE(m.ok());
  auto plan = PlanMappedImport({MappedSource{*m, "/nonexistent/subs.csv"}});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().message(), "cannot read /nonexistent/subs.csv");
}

TEST(PlanMappedImport, WrongExportForProfile) {
  // A HubSpot deals file has an Amount column, but none of the others Stripe needs.
  ImportPlan plan = PlanWithProfile("stripe", ImportFixture("hubspot_deals.csv"));
  EXPECT_THAT(
      plan.problems,
      ::testing::ElementsAre(
          "hubspot_deals.csv:1: missing column 'account_id (metadata)' or 'Customer ID' (the stripe mapping "
          "reads it for accounts.account_id)",
          "hubspot_deals.csv:1: missing column 'account_id (metadata)' or 'Customer ID' (the stripe mapping "
          "reads it for subscriptions.account_id)",
          "hubspot_deals.csv:1: missing column 'Trial End (UTC)' or 'Start (UTC)' or 'Start Date (UTC)' (the "
          "stripe mapping reads it for subscriptions.start_date)",
          "hubspot_deals.csv:1: missing column 'id' (the stripe mapping reads it for "
          "subscriptions.subscription_id)"));
}

}  // namespace
}  // namespace flywheel
