// The canonical files an import writes have the schema's columns (model/schema.h), in
// canonical order, then the custom attributes of accounts in order of appearance.
#include "imports/import_plan.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "imports/mapped_import.h"
#include "model/schema.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SchemaNames(Table t) {
  std::vector<std::string> out;
  for (const CanonicalColumn& c : CanonicalColumns(t)) out.emplace_back(c.name);
  return out;
}

TEST(ImportPlanTest, CanonicalColumnsAreTheSchemasThenAttributes) {
  for (int i = 0; i < kTableCount; ++i) {
    const Table t = static_cast<Table>(i);
    CanonicalTable table{t, {CanonicalRow{{{"x", "1"}}, "a.csv", 2}}};
    EXPECT_EQ(table.Columns(), SchemaNames(t)) << TableName(t);
  }
  CanonicalTable accounts{
      Table::kAccounts,
      {CanonicalRow{{{"account_id", "A-1"}, {"attr_tier", "gold"}}, "a.csv", 2},
       CanonicalRow{{{"account_id", "A-2"}, {"attr_crm", "x"}, {"attr_tier", "b"}}, "a.csv", 3}}};
  std::vector<std::string> expected = SchemaNames(Table::kAccounts);
  expected.push_back("attr_tier");
  expected.push_back("attr_crm");
  EXPECT_EQ(accounts.Columns(), expected);
}

TEST(ImportPlanTest, WrittenHeadersAreTheSchemas) {
  ImportPlan plan;
  for (int i = 0; i < kTableCount; ++i) plan.tables.push_back(CanonicalTable{static_cast<Table>(i), {}});
  const fs::path dir =
      fs::temp_directory_path() / ("flywheel_import_plan_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  ASSERT_TRUE(WriteCanonicalTables(plan, dir.string()).ok());
  for (int i = 0; i < kTableCount; ++i) {
    const Table t = static_cast<Table>(i);
    std::ifstream in(dir / (std::string(TableName(t)) + ".csv"));
    std::string header;
    std::getline(in, header);
    EXPECT_EQ(header, CanonicalHeader(t));
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace flywheel
