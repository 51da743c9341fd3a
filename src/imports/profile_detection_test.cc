// --from auto: which shipped profile an export is; --write-mapping: a mapping skeleton.
#include "imports/profile_detection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "imports/import_test_util.h"
#include "imports/mapped_import.h"

namespace flywheel {
namespace {

using ::testing::ElementsAre;
using testing::ImportFixture;

std::vector<std::string> HeaderOf(const std::string& path) {
  auto text = ReadDelimitedFile(path, 0, "x.csv");
  EXPECT_TRUE(text.ok()) << text.status().message();
  return text.ok() ? text->header : std::vector<std::string>{};
}

TEST(ProfileDetection, EachFixtureIsItsProfile) {
  const std::pair<const char*, const char*> cases[] = {
      {"stripe_subscriptions.csv", "stripe"},
      {"chargebee_subscriptions.csv", "chargebee"},
      {"hubspot_deals.csv", "hubspot-deals"},
      {"hubspot_deals_flags.csv", "hubspot-deals"},
      {"hubspot_companies.csv", "hubspot-companies"},
      {"salesforce_opportunities.csv", "salesforce-api"},
      {"salesforce_report.csv", "salesforce-report"},
      {"pipedrive_deals.csv", "pipedrive-deals"},
      {"zoho_crm_deals.csv", "zoho-crm-deals"},
      {"zoho_crm_accounts.csv", "zoho-crm-accounts"},
      {"salesforce_opportunity_history.csv", "salesforce-opportunity-history"},
  };
  for (const auto& [file, profile] : cases) {
    auto match = DetectProfile(HeaderOf(ImportFixture(file)), file);
    ASSERT_TRUE(match.ok()) << file << ": " << match.status().message();
    EXPECT_EQ(match->name, profile) << file;
  }
  auto hubspot = DetectProfile(HeaderOf(ImportFixture("hubspot_deals_flags.csv")), "d.csv");
  EXPECT_EQ(hubspot->present, 12);
  EXPECT_EQ(hubspot->total, 17);
}

TEST(ProfileDetection, NoneFitsNamesTheClosest) {
  auto match =
      DetectProfile({"Deal - ID", "Deal - Title", "Deal - Value", "Deal - Organization"}, "deals.csv");
  ASSERT_FALSE(match.ok());
  EXPECT_EQ(match.status().message(),
            "deals.csv: no shipped profile fits its columns; the closest are:\n"
            "  pipedrive-deals (3 of 18 columns): missing 'Deal - Deal closed on' or 'Deal - Won time' or "
            "'Deal - Lost time', 'Deal - Deal created', 'Deal - Status'\n"
            "write a mapping file for it: flywheel import --from auto deals.csv --write-mapping deals.toml");
  EXPECT_EQ(DetectProfile({"foo", "bar"}, "x.csv").status().message(),
            "x.csv: no shipped profile fits its columns (none reads any of them)\n"
            "write a mapping file for it: flywheel import --from auto x.csv --write-mapping x.toml");
}

TEST(ProfileDetection, SkeletonParsesAndGuesses) {
  auto text = ParseDelimitedText(
      "Deal Id;Company ID;Company;Created;Status;Value;Owner;Notes\r\n"
      "D-1;C-1;Acme;15.01.2024;Won;\"1.250,00\";Ann;first\r\n"
      "D-2;C-2;Beta;20.02.2024;Open;900;Bob;\r\n"
      "D-3;C-1;Acme;01.03.2024;Lost;\"12.000,50\";Ann;\r\n",
      0, "crm.csv");
  ASSERT_TRUE(text.ok());
  const std::string skeleton = MappingSkeleton(*text, "crm.csv");
  auto mapping = ParseMapping(skeleton, "crm.toml");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message() << "\n" << skeleton;
  EXPECT_EQ(mapping->delimiter, ';');
  EXPECT_EQ(mapping->number.decimal, ',');
  EXPECT_THAT(mapping->date_formats, ElementsAre("%d.%m.%Y"));
  ASSERT_EQ(mapping->tables.size(), 2u);
  EXPECT_EQ(mapping->tables[0].target, Table::kAccounts);
  EXPECT_EQ(mapping->tables[1].target, Table::kOpportunities);
  std::map<std::string, std::string> read;
  for (const auto& r : mapping->tables[1].columns)
    read[r.target] = r.sources.empty() ? "" : r.sources.front();
  EXPECT_EQ(read["opportunity_id"], "Deal Id");
  EXPECT_EQ(read["account_id"], "Company ID");
  EXPECT_EQ(read["created_at"], "Created");
  EXPECT_EQ(read["status"], "Status");
  EXPECT_EQ(read["amount"], "Value");
  EXPECT_EQ(read["owner"], "Owner");
  EXPECT_NE(skeleton.find(
                "status = { column = \"Status\", map = { \"Lost\" = \"lost\", \"Open\" = \"open\", \"Won\" = "
                "\"won\" } }  # guess: check the map"),
            std::string::npos)
      << skeleton;
  EXPECT_NE(skeleton.find("#   8: Notes: first"), std::string::npos);
  // The skeleton imports the file as it is.
  auto plan = PlanMappedImport({MappedSource{*mapping, ImportFixture("hubspot_deals.csv")}});
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->problems.empty());  // another export: its columns are missing
}

}  // namespace
}  // namespace flywheel
