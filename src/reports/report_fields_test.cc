// The JSON "fields" of every report, and the drill-down of every field a report declares, on
// a demo data set: every column has a label and a unit, and every declared number opens its
// rows without an error, and those rows give back the number (amounts add up to it, ratios
// are Σ numerator / Σ denominator).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "demo/demo_generator.h"
#include "output/report_writer.h"
#include "reports/drilldown.h"
#include "reports/drilldown_fields.h"
#include "reports/report_registry.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> kUnits = {"money", "percent", "ratio", "days", "count", "number", "text", "date"};

class ReportFieldsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path dir = fs::temp_directory_path() / ("flywheel-fields-demo-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    DemoOptions options;
    options.accounts = 400;
    ASSERT_TRUE(WriteDemoDataSet(dir.string(), options).ok());
    InputOptions io;
    io.data_dir = dir.string();
    auto in = LoadInput(io);
    fs::remove_all(dir);
    ASSERT_TRUE(in.ok()) << in.status().message();
    input_ = new Input(std::move(*in));
  }
  static void TearDownTestSuite() {
    delete input_;
    input_ = nullptr;
  }

  static nlohmann::json Run(const std::string& report, ReportParams p) {
    p.Set("format", "json");
    auto r = RunReport(**FindReport(report), *input_, p);
    EXPECT_TRUE(r.ok()) << report << ": " << r.status().message();
    return r.ok() ? nlohmann::json::parse(RenderJson(*r)) : nlohmann::json();
  }

  static nlohmann::json Drill(const std::string& report, ReportParams p, const std::string& cell) {
    p.Set("format", "json");
    p.Set("cell", cell);
    auto r = Drilldown(report, *input_, p);
    EXPECT_TRUE(r.ok()) << report << " " << cell << ": " << r.status().message();
    return r.ok() ? nlohmann::json::parse(RenderJson(*r)) : nlohmann::json();
  }

  static Input* input_;
};

Input* ReportFieldsTest::input_ = nullptr;

void ExpectFieldEntry(const nlohmann::json& fields, const std::string& name, const std::string& where) {
  ASSERT_TRUE(fields.contains(name)) << where << ": no fields entry for " << name;
  const auto& f = fields[name];
  EXPECT_TRUE(f["label"].is_string() && !f["label"].get<std::string>().empty()) << where << " " << name;
  EXPECT_TRUE(kUnits.count(f["unit"].get<std::string>())) << where << " " << name << ": " << f["unit"];
  EXPECT_TRUE(f["drilldown"].is_boolean()) << where << " " << name;
}

TEST_F(ReportFieldsTest, EveryColumnOfEveryReportHasALabelAndAUnit) {
  int checked = 0;
  for (const ReportSpec& spec : Reports()) {
    ReportParams p;
    if (std::string(spec.name) == "market/forecast") p.Set("m", "1000");
    p.Set("format", "json");
    auto r = RunReport(spec, *input_, p);
    if (!r.ok()) continue;  // the market reports read files the demo has not
    const auto json = nlohmann::json::parse(RenderJson(*r));
    ASSERT_TRUE(json.contains("fields")) << spec.name;
    for (const Column& col : r->columns) ExpectFieldEntry(json["fields"], col.name, spec.name);
    if (json.contains("rows") && !json["rows"].empty()) {
      for (const auto& [key, value] : json["rows"][0].items()) {
        if (value.is_number()) ExpectFieldEntry(json["fields"], key, spec.name);
      }
    }
    ++checked;
  }
  EXPECT_GE(checked, 12);
}

TEST_F(ReportFieldsTest, KnownFieldsHaveTheirUnits) {
  const auto revenue = Run("revenue", {});
  EXPECT_EQ(revenue["fields"]["mrr"]["unit"], "money");
  EXPECT_EQ(revenue["fields"]["nrr"]["unit"], "percent");
  EXPECT_EQ(revenue["fields"]["quick_ratio"]["unit"], "ratio");
  EXPECT_EQ(revenue["fields"]["customers"]["unit"], "count");
  EXPECT_EQ(revenue["fields"]["mrr_growth_yoy"]["label"], "MRR growth YoY");
  EXPECT_EQ(revenue["fields"]["period"]["drilldown"], false);
  EXPECT_EQ(revenue["fields"]["nrr"]["drilldown"], true);
  ReportParams indicators;
  indicators.Set("indicators", "true");
  const auto flywheel = Run("flywheel", {});
  // The indicators' values take the unit of the indicator each row names.
  EXPECT_EQ(flywheel["fields"]["mrr_growth"]["unit"], "percent");
  EXPECT_EQ(flywheel["fields"]["gtm_spend_ratio"]["unit"], "ratio");
  EXPECT_EQ(flywheel["fields"]["sales_cycle_median_days"]["unit"], "days");
  for (const auto& row : flywheel["indicators"])
    ExpectFieldEntry(flywheel["fields"], row["indicator"], "flywheel indicators");
  const auto table = Run("flywheel", indicators);
  EXPECT_EQ(table["fields"]["value"]["unit_from"], "indicator");
  EXPECT_EQ(Run("pipeline", {})["fields"]["sales_cycle_median_days"]["unit"], "days");
}

// Every declared revenue field of the last periods, whole company and by segment: the rows
// give back the report's number.
TEST_F(ReportFieldsTest, EveryDeclaredRevenueFieldDrillsDownToItsNumber) {
  for (const char* period : {"month", "quarter"}) {
    for (const char* segment_by : {"", "segment"}) {
      ReportParams p;
      p.Set("period", period);
      if (*segment_by) p.Set("segment_by", segment_by);
      const auto report = Run("revenue", p);
      const auto& rows = report["rows"];
      ASSERT_GT(rows.size(), 8u);
      for (size_t i = rows.size() > 30 ? rows.size() - 30 : 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        for (std::string_view f :
             DrilldownFields("revenue", FindReport("revenue").value()->parse(p).value())) {
          const std::string field(f);
          ASSERT_TRUE(report["fields"][field]["drilldown"].get<bool>()) << field;
          const std::string cell =
              row["period"].get<std::string>() + ":" + row["segment"].get<std::string>() + ":" + field;
          const auto drill = Drill("revenue", p, cell);
          const auto& expected = row[field];
          const auto& got = drill.contains("value") ? drill["value"] : drill["total"];
          if (expected.is_null()) {
            EXPECT_TRUE(got.is_null() || got == 0) << cell << ": " << got;
            continue;
          }
          ASSERT_TRUE(got.is_number()) << cell;
          EXPECT_NEAR(got.get<double>(), expected.get<double>(),
                      1e-6 * std::max(1.0, std::fabs(expected.get<double>())))
              << period << " " << cell;
        }
      }
    }
  }
}

TEST_F(ReportFieldsTest, ForceAndFrictionDrillDownToTheirNumbers) {
  const auto report = Run("flywheel", {});
  const auto& rows = report["rows"];
  ASSERT_GT(rows.size(), 3u);
  for (size_t i = rows.size() - 3; i < rows.size(); ++i) {
    for (const char* field : {"force", "friction"}) {
      const std::string cell =
          rows[i]["period"].get<std::string>() + ":" + rows[i]["segment"].get<std::string>() + ":" + field;
      const auto drill = Drill("flywheel", {}, cell);
      EXPECT_NEAR(drill["total"].get<double>(), rows[i][field].get<double>(),
                  1e-6 * std::max(1.0, rows[i][field].get<double>()))
          << cell;
    }
  }
}

// Pipeline generated, qualified leads and the sales cycle: the rows sum to (count to, have as
// median) the report's number, for
// the whole company and one segment, monthly and quarterly, over the last periods.
TEST_F(ReportFieldsTest, PipelineGeneratedQualifiedLeadsAndCycleDrillDownToTheirNumbers) {
  int checked = 0;
  for (const char* period : {"month", "quarter"}) {
    for (bool one_segment : {false, true}) {
      ReportParams p;
      p.Set("period", period);
      if (one_segment) {
        const auto by = Run("pipeline", [] {
          ReportParams q;
          q.Set("segment_by", "segment");
          return q;
        }());
        p.Set("segment_by", "segment");
        p.Set("segment", by["rows"].back()["segment"].get<std::string>() == "all"
                             ? by["rows"][1]["segment"].get<std::string>()
                             : by["rows"].back()["segment"].get<std::string>());
      }
      const auto report = Run("pipeline", p);
      const auto& rows = report["rows"];
      ASSERT_GT(rows.size(), 4u);
      for (size_t i = rows.size() - 4; i < rows.size(); ++i) {
        const std::string period_label = rows[i]["period"];
        const auto generated = Drill("pipeline", p, period_label + ":pipeline_generated");
        EXPECT_NEAR(generated["total"].get<double>(), rows[i]["pipeline_generated"].get<double>(),
                    1e-6 * std::max(1.0, rows[i]["pipeline_generated"].get<double>()))
            << period << " " << period_label;
        double sum = 0;
        for (const auto& r : generated["rows"])
          sum += r["amount"].is_number() ? r["amount"].get<double>() : 0;
        EXPECT_NEAR(sum, generated["total"].get<double>(), 1e-6 * std::max(1.0, sum));
        for (const std::string type : {"new", "expansion"}) {
          const std::string field = "opportunities_created_" + type;
          const auto created = Drill("pipeline", p, period_label + ":" + field);
          EXPECT_EQ(created["rows"].size(), rows[i][field].get<size_t>())
              << period << " " << period_label << " " << field;
          EXPECT_EQ(created["total"].get<size_t>(), rows[i][field].get<size_t>());
          for (const auto& r : created["rows"]) EXPECT_EQ(r["type"], type) << field;
        }
        const auto lvr = Drill("pipeline", p, period_label + ":lvr");
        if (rows[i]["lvr"].is_null()) {
          EXPECT_TRUE(lvr["value"].is_null()) << period_label;
        } else {
          EXPECT_NEAR(lvr["value"].get<double>(), rows[i]["lvr"].get<double>(), 1e-12)
              << period << " " << period_label;
          EXPECT_EQ(lvr["numerator"].get<int64_t>(), rows[i]["qualified_leads"].get<int64_t>());
          EXPECT_EQ(lvr["denominator"].get<int64_t>(), rows[i - 1]["qualified_leads"].get<int64_t>());
          EXPECT_EQ(lvr["rows"].size(),
                    static_cast<size_t>(lvr["numerator"].get<int64_t>() + lvr["denominator"].get<int64_t>()));
        }
        const auto leads = Drill("pipeline", p, period_label + ":qualified_leads");
        EXPECT_EQ(leads["rows"].size(), rows[i]["qualified_leads"].get<size_t>())
            << period << " " << period_label;
        checked += rows[i]["qualified_leads"].get<int>() > 0;
        const auto cycle = Drill("pipeline", p, period_label + ":sales_cycle_median_days");
        if (rows[i]["sales_cycle_median_days"].is_null()) {
          EXPECT_TRUE(cycle["value"].is_null()) << period_label;
        } else {
          EXPECT_DOUBLE_EQ(cycle["value"].get<double>(), rows[i]["sales_cycle_median_days"].get<double>())
              << period << " " << period_label;
          EXPECT_EQ(cycle["rows"].size(), rows[i]["won_new"].get<size_t>())
              << period_label;  // cycles over the won deals
        }
      }
    }
  }
  EXPECT_GT(checked, 4);
  EXPECT_TRUE(Run("pipeline", {})["fields"]["pipeline_generated"]["drilldown"].get<bool>());
  EXPECT_TRUE(Run("pipeline", {})["fields"]["qualified_leads"]["drilldown"].get<bool>());
  EXPECT_TRUE(Run("pipeline", {})["fields"]["opportunities_created_expansion"]["drilldown"].get<bool>());
}

// The other reports: every declared field of their latest rows opens without an error.
TEST_F(ReportFieldsTest, EveryDeclaredFieldOfTheOtherReportsOpens) {
  const auto pipeline = Run("pipeline", {});
  for (std::string_view f : DrilldownFields("pipeline", PipelineReportOptions{})) {
    const auto& last = pipeline["rows"].back();
    Drill("pipeline", {}, last["period"].get<std::string>() + ":" + std::string(f));
  }
  for (const char* mode : {"cohort", "period"}) {
    ReportParams p;
    p.Set("mode", mode);
    const auto bowtie = Run("bowtie", p);
    const std::string period = bowtie["rows"].back()["period"];
    for (const auto& row : bowtie["rows"]) {
      if (row["period"] != period) continue;
      for (std::string_view f : DrilldownFields("bowtie", FindReport("bowtie").value()->parse(p).value())) {
        if (row["stage"] == "advocacy" && f != "entered") continue;  // the last stage converts to nothing
        Drill("bowtie", p, period + ":" + row["stage"].get<std::string>() + ":" + std::string(f));
      }
    }
  }
  const auto cohorts = Run("cohorts", {});
  const auto& first = cohorts["cohorts"][0];
  Drill("cohorts", {}, first["cohort"].get<std::string>() + ":0");
  Drill("cohorts", {}, "average:1");
  const auto customers = Run("customers", {});
  for (const auto& [cell, count] : customers["matrix"].items()) Drill("customers", {}, cell);
  for (const std::string& klass : CustomerClasses()) Drill("customers", {}, klass);
}

}  // namespace
}  // namespace flywheel
