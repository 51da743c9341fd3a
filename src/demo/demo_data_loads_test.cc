// The generated data set passes the loader's validation: the end-to-end contract between
// the demo generator and the import.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "demo/demo_generator.h"
#include "ingest/dataset_loader.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

TEST(DemoDataLoadsTest, GeneratedDataSetLoadsWithoutErrors) {
  const fs::path dir = fs::temp_directory_path() / ("flywheel_demo_loads_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  DemoOptions options;
  options.accounts = 1500;
  ASSERT_TRUE(WriteDemoDataSet(dir.string(), options).ok());
  LoadOptions load;
  load.warn_after = options.end;
  Result<LoadedDataset> loaded = LoadDataDirectory(dir.string(), load);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  for (const std::string& warning : loaded->warnings) ADD_FAILURE() << "warning: " << warning;
  EXPECT_EQ(loaded->dataset.RowCount(Table::kAccounts), 1500u);
  for (int t = 0; t < kTableCount; ++t) {
    EXPECT_TRUE(loaded->dataset.present[t]) << TableName(static_cast<Table>(t));
    EXPECT_GT(loaded->dataset.RowCount(static_cast<Table>(t)), 0u) << TableName(static_cast<Table>(t));
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace flywheel
