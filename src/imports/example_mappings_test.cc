// The example mappings (examples/mappings/) on the public data sets they were written for
// (raw tables in tests/fixtures: Maven Analytics CRM pipeline in maven-crm/raw/, RavenStack
// by River @ Rivalytics in ravenstack/raw/; their READMEs give credit and terms).
// Expected counts and totals were computed independently with a short Python script over
// the raw CSV files (csv.DictReader, the same skip rules).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "imports/import_test_util.h"
#include "revenue/mrr_series.h"

namespace flywheel {
namespace {

std::string Example(const std::string& name) {
  return std::string(FLYWHEEL_TEST_SOURCE_DIR) + "/examples/mappings/" + name;
}
std::string Fixture(const std::string& name) {
  return std::string(FLYWHEEL_TEST_SOURCE_DIR) + "/tests/fixtures/" + name;
}

TEST(ExampleMappings, MavenCrmPipeline) {
  const std::string data = Fixture("maven-crm/raw/sales_pipeline.csv");
  ASSERT_TRUE(std::filesystem::exists(data)) << data;
  auto mapping = LoadMappingFile(Example("maven-crm-pipeline.toml"));
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  auto plan = PlanMappedImport({MappedSource{*mapping, data}});
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_TRUE(plan->problems.empty());
  // 8800 rows: 1425 without account, then 163 more without engage date; 7212 kept
  // (4238 won, 2473 lost, 501 engaging) on 85 accounts.
  ASSERT_EQ(plan->sources[0].rows, 8800);
  EXPECT_EQ(plan->sources[0].skipped.size(), 1425u + 163u);
  auto loaded = ValidateMappedImport(*plan);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const Dataset& d = loaded->data.dataset;
  EXPECT_EQ(d.opportunities.size(), 7212u);
  EXPECT_EQ(d.accounts.size(), 85u);
  int won = 0, lost = 0, open = 0;
  double won_value = 0;
  for (size_t i = 0; i < d.opportunities.size(); ++i) {
    switch (d.opportunities.status[i]) {
      case OpportunityStatus::kWon:
        ++won;
        won_value += d.opportunities.amount[i];
        break;
      case OpportunityStatus::kLost:
        ++lost;
        break;
      case OpportunityStatus::kOpen:
        ++open;
        break;
    }
  }
  EXPECT_EQ(won, 4238);
  EXPECT_EQ(lost, 2473);
  EXPECT_EQ(open, 501);
  EXPECT_DOUBLE_EQ(won_value, 10005534.0);
}

TEST(ExampleMappings, RavenStack) {
  const std::string data = Fixture("ravenstack/raw/ravenstack_subscriptions.csv");
  ASSERT_TRUE(std::filesystem::exists(data)) << data;
  auto mapping = LoadMappingFile(Example("ravenstack.toml"));
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  auto plan = PlanMappedImport({MappedSource{*mapping, data}});
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_TRUE(plan->problems.empty());
  // 5000 rows: 778 trials; 13 paid rows end on or before their start; 4209 kept, 500 accounts.
  EXPECT_EQ(plan->sources[0].skipped.size(), 778u + 13u);
  auto loaded = ValidateMappedImport(*plan);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->data.dataset.subscriptions.size(), 4209u);
  EXPECT_EQ(loaded->data.dataset.accounts.size(), 500u);
  // MRR on 2024-12-31: Σ mrr_amount of paid rows with start ≤ 2024-12-31 < end = 10,159,608.
  auto mrr = ComputeMrr(loaded->data.dataset, Settings{}, DayFromCivil(2024, 12, 31));
  ASSERT_TRUE(mrr.ok()) << mrr.status().message();
  double total = 0;
  for (size_t a = 0; a < loaded->data.dataset.accounts.size(); ++a) {
    total += mrr->Mrr(static_cast<AccountIndex>(a), MakeMonth(2024, 12));
  }
  EXPECT_DOUBLE_EQ(total, 10159608.0);
}

}  // namespace
}  // namespace flywheel
