// The playbook on the demo data (`flywheel demo-data` with its defaults), through the
// customers report as `flywheel customers --format json` prints it: no customer whose health
// is below 60 (or unknown) is told to ask for advocacy, and the unhappy ideal and good
// customers it must not ask do occur there.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "demo/demo_generator.h"
#include "output/report_writer.h"
#include "reports/report_registry.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

TEST(CustomersPlaybookDemoTest, NoUnhappyCustomerIsAskedForAdvocacy) {
  const fs::path dir = fs::temp_directory_path() / ("flywheel-playbook-demo-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ASSERT_TRUE(WriteDemoDataSet(dir.string(), DemoOptions{}).ok());
  InputOptions io;
  io.data_dir = dir.string();
  auto in = LoadInput(io);
  ASSERT_TRUE(in.ok()) << in.status().message();
  ReportParams params;
  params.Set("format", "json");
  auto report = RunReport(**FindReport("customers"), *in, params);
  ASSERT_TRUE(report.ok()) << report.status().message();
  const nlohmann::json json = nlohmann::json::parse(RenderJson(*report));
  int asked = 0, unhappy_valued = 0, saved = 0;
  const std::set<std::string> trends = {"up", "flat", "down"};
  for (const auto& row : json["rows"]) {
    const std::string id = row["account_id"];
    const std::string action = row["action"].is_null() ? "" : row["action"].get<std::string>();
    const std::string klass = row["class"];
    const bool has_health = row["health"].is_number();
    const double health = has_health ? row["health"].get<double>() : 0;
    EXPECT_FALSE(row["action_reason"].get<std::string>().empty()) << id;
    EXPECT_TRUE(row["health_trend"].is_null() || trends.count(row["health_trend"].get<std::string>())) << id;
    if (action.find("advocacy") != std::string::npos) {
      ++asked;
      EXPECT_TRUE(has_health && health >= 60) << id << " health " << row["health"] << ": " << action;
      EXPECT_NE(row["health_trend"], "down") << id;
    }
    if ((klass == "ideal" || klass == "good") && has_health && health < 60) {
      ++unhappy_valued;
      // A save play, unless its ARR on sunset lines is migrated first.
      if (action.starts_with("save play"))
        ++saved;
      else
        EXPECT_TRUE(action.starts_with("migrate off sunset lines")) << id << ": " << action;
    }
  }
  EXPECT_GT(asked, 0);           // healthy promoters and advocates are still asked
  EXPECT_GT(unhappy_valued, 0);  // the case the playbook guards against is in the data
  EXPECT_GT(saved, 0);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace flywheel
