// Every report of the registry gives byte for byte the JSON from a workspace that it gives
// from the data folder that was imported, for the latest snapshot and for an older one
// (rebuilt through the stored deltas), on the demo data and on a data set of the benchmark's
// scale shape (docs/PERFORMANCE.md: ten leads an account, a subscription row per billing
// term, outbound deals).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "demo/demo_generator.h"
#include "output/report_writer.h"
#include "reports/report_input.h"
#include "reports/report_registry.h"
#include "workspace/workspace.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

class WorkspaceReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flywheel-ws-reports-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Generate(const std::string& name, DemoOptions options) {
    const std::string out = (dir_ / name).string();
    Status st = WriteDemoDataSet(out, options);
    EXPECT_TRUE(st.ok()) << st.message();
    return out;
  }

  // The JSON of every report that reads a data set (or its error), from `input`.
  static std::vector<std::pair<std::string, std::string>> Suite(const InputOptions& options) {
    auto input = LoadInput(options);
    EXPECT_TRUE(input.ok()) << input.status().message();
    std::vector<std::pair<std::string, std::string>> out;
    if (!input.ok()) return out;
    for (const ReportSpec& spec : Reports()) {
      if (std::string_view(spec.needs).find(".csv") == std::string_view::npos) continue;
      ReportParams params;
      params.Set("format", "json");
      auto report = RunReport(spec, *input, params);
      out.emplace_back(spec.name, report.ok() ? RenderJson(*report) : "error: " + report.status().message());
    }
    return out;
  }

  // Imports `older` then `newer`, and compares every report from each snapshot with the
  // same report from its folder.
  void ExpectSameReports(const std::string& older, const std::string& newer) {
    const std::string ws = (dir_ / "ws").string();
    ASSERT_TRUE(ImportDataDirectory(older, ws).ok());
    auto second = ImportDataDirectory(newer, ws);
    ASSERT_TRUE(second.ok()) << second.status().message();
    ASSERT_EQ(second->derived_history_rows, -1);  // both have their history export
    const std::pair<std::string, int64_t> cases[] = {{newer, 0}, {newer, 2}, {older, 1}};
    for (const auto& [folder, snapshot] : cases) {
      SCOPED_TRACE(folder + " as snapshot " + std::to_string(snapshot));
      InputOptions from_data, from_workspace;
      from_data.data_dir = folder;
      from_workspace.workspace_dir = ws;
      from_workspace.snapshot = snapshot;
      const auto expected = Suite(from_data);
      const auto got = Suite(from_workspace);
      ASSERT_EQ(got.size(), expected.size());
      ASSERT_GE(expected.size(), 13u);  // every report of the registry that reads a data set
      for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(got[i].first, expected[i].first);
        EXPECT_TRUE(got[i].second == expected[i].second) << expected[i].first << " differs";
      }
    }
  }

  fs::path dir_;
};

TEST_F(WorkspaceReportsTest, DemoDataReportsAreIdentical) {
  DemoOptions newer;  // the demo data set: 2000 accounts
  DemoOptions older = newer;
  older.end = DayFromCivil(2025, 9, 30);  // the same company a quarter earlier
  ExpectSameReports(Generate("older", older), Generate("newer", newer));
}

TEST_F(WorkspaceReportsTest, ScaleShapedReportsAreIdentical) {
  DemoOptions newer;  // bench/run.sh's scale shape, at 2000 accounts (about 20000 leads)
  newer.accounts = 2000;
  newer.anonymous_leads = 9;
  newer.billing_terms = true;
  newer.outbound_deals = 1.5;
  DemoOptions older = newer;
  older.seed = 8;  // another company of the same shape: every row differs
  ExpectSameReports(Generate("older", older), Generate("newer", newer));
}

}  // namespace
}  // namespace flywheel
