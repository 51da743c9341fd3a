// Storage of weekly imports: twelve imports of a generated data set, each with 1 % of the
// rows of every table changed, take at most 1.3 times the space of the first (the newest
// snapshot is stored whole, each older one as what differs from the next), and every
// snapshot still loads as it was imported.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "demo/demo_generator.h"
#include "workspace/stored_columns.h"
#include "workspace/workspace.h"
#include "workspace/workspace_test_util.h"

namespace flywheel {
namespace {

using namespace testing_ws;  // NOLINT: the tests' own helpers

// Changes one value in 1 % of the rows of every table (every 100th row, starting at row
// `week`): a date a day later, else a number one more, else an integer one more.
void ChangeOnePercent(Dataset& d, int week) {
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    if (!d.Has(table)) continue;
    std::vector<StoredColumn> columns = StoredColumns(d, table);
    for (StoredColumn& c : columns) {
      auto* days = std::get_if<std::vector<int32_t>*>(&c.data);
      auto* numbers = std::get_if<std::vector<double>*>(&c.data);
      if (c.kind == ValueKind::kDate && days != nullptr) {
        for (size_t r = static_cast<size_t>(week); r < (*days)->size(); r += 100) {
          if ((**days)[r] != kNullDay) ++(**days)[r];
        }
        break;
      }
      if (c.kind == ValueKind::kNumber && numbers != nullptr) {
        for (size_t r = static_cast<size_t>(week); r < (*numbers)->size(); r += 100) (**numbers)[r] += 1;
        break;
      }
    }
  }
}

uint64_t WorkspaceBytes(const std::string& ws) {
  uint64_t bytes = 0;
  for (const auto& entry : fs::directory_iterator(ws)) bytes += entry.file_size();
  return bytes;
}

TEST(StorageGrowthTest, TwelveWeeklyImportsWithOnePercentChangedTakeAtMostOnePointThreeTimesOne) {
  ScopedTempDir tmp;
  const std::string data = tmp.Sub("data"), ws = tmp.Sub("ws");
  DemoOptions demo;
  demo.accounts = 3000;
  ASSERT_TRUE(WriteDemoDataSet(data, demo).ok());
  auto loaded = LoadDataDirectory(data);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const int64_t rows = [&] {
    int64_t n = 0;
    for (int t = 0; t < kTableCount; ++t)
      n += static_cast<int64_t>(loaded->dataset.RowCount(static_cast<Table>(t)));
    return n;
  }();
  ASSERT_GT(rows, 50000);  // enough rows for 1 % to be spread over every table

  std::vector<uint64_t> sizes;
  for (int week = 0; week < 12; ++week) {
    if (week > 0) ChangeOnePercent(loaded->dataset, week);
    ImportOptions options;
    options.source = "week " + std::to_string(week + 1);
    options.imported_at = "2025-01-" + std::string(week + 1 < 10 ? "0" : "") + std::to_string(week + 1);
    ValidatedImport week_import;
    week_import.data.dataset = std::move(loaded->dataset);
    auto summary = StoreImport(std::move(week_import), ws, options);
    ASSERT_TRUE(summary.ok()) << summary.status().message();
    sizes.push_back(WorkspaceBytes(ws));
    // The import took the data set; get it back from the workspace for the next week.
    auto back = LoadWorkspace(ws);
    ASSERT_TRUE(back.ok()) << back.status().message();
    loaded->dataset = std::move(back->data.dataset);
  }
  const double growth = static_cast<double>(sizes.back()) / static_cast<double>(sizes.front());
  RecordProperty("first_bytes", std::to_string(sizes.front()));
  RecordProperty("twelfth_bytes", std::to_string(sizes.back()));
  EXPECT_LE(growth, 1.3) << "one import: " << sizes.front() << " bytes; twelve: " << sizes.back();
  EXPECT_EQ(Query(ws, "SELECT count(*) FROM data_snapshots"), (std::vector<std::string>{"12"}));

  // Every snapshot is still the data set of its week: rebuild week 1 and compare its
  // changed rows' values with the first import's (week 0 had no change).
  auto first = LoadWorkspace(ws, 1);
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto original = LoadDataDirectory(data);
  ASSERT_TRUE(original.ok());
  ExpectSameDataset(original->dataset, first->data.dataset);
}

}  // namespace
}  // namespace flywheel
