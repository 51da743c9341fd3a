// `flywheel report --xlsx`: the workbook read back — cells equal the report's JSON, charts exist.
#include "reports/xlsx_workbook.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "output/report_writer.h"
#include "reports/report_registry.h"

namespace flywheel {
namespace {

std::string Unzip(const std::string& file, const std::string& member) {
  std::string out;
  FILE* p = popen(("unzip -p '" + file + "' " + member + " 2>/dev/null").c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

TEST(XlsxWorkbookTest, RevenueSheetHoldsTheReportNumbersAndCharts) {
  const char* src = std::getenv("FLYWHEEL_SOURCE_DIR");
  ASSERT_NE(src, nullptr);
  InputOptions io;
  io.data_dir = std::string(src) + "/tests/fixtures/mrr-playbook";
  auto in = LoadInput(io);
  ASSERT_TRUE(in.ok()) << in.status().message();
  auto dir = std::filesystem::temp_directory_path() / ("flywheel-xlsx-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "gtm.xlsx").string();
  ReportParams params;
  ASSERT_TRUE(WriteXlsxReport(*in, params, path).ok());
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));

  ReportParams json_params;
  json_params.Set("format", "json");
  auto report = RunReport(**FindReport("revenue"), *in, json_params);
  ASSERT_TRUE(report.ok());
  auto json = nlohmann::json::parse(RenderJson(*report));
  std::string sheet = Unzip(path, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  // The sheet's columns follow the report's: find a column, then read every row's cell back.
  // The workbook holds exactly the value the JSON text reads back as (the number rule).
  int checked = 0;
  for (const char* name : {"mrr", "arpa", "mrr_growth_mom"}) {
    int col = -1;
    for (size_t c = 0; c < report->columns.size(); ++c) {
      if (report->columns[c].name == name) col = static_cast<int>(c);
    }
    ASSERT_GE(col, 0) << name;
    ASSERT_LT(col, 26) << name;
    for (size_t r = 0; r < json["rows"].size(); ++r) {
      if (json["rows"][r][name].is_null()) continue;
      std::string ref = std::string(1, static_cast<char>('A' + col)) + std::to_string(r + 2);
      size_t at = sheet.find("<c r=\"" + ref + "\"");
      ASSERT_NE(at, std::string::npos) << ref;
      size_t v = sheet.find("<v>", at);
      ASSERT_NE(v, std::string::npos);
      double cell = std::stod(sheet.substr(v + 3, sheet.find("</v>", v) - v - 3));
      EXPECT_EQ(cell, json["rows"][r][name].get<double>()) << ref << " " << name;
      ++checked;
    }
  }
  EXPECT_GT(checked, 50);
  std::string chart = Unzip(path, "xl/charts/chart1.xml");
  EXPECT_NE(chart.find("<c:lineChart>"), std::string::npos);
  std::string movements = Unzip(path, "xl/charts/chart2.xml");
  EXPECT_NE(movements.find("<c:grouping val=\"stacked\"/>"), std::string::npos);
  EXPECT_NE(Unzip(path, "xl/worksheets/sheet2.xml").find("colorScale"), std::string::npos);
  std::filesystem::remove_all(dir);
}

// The customers sheet: every customer with its action and the reason for it, as the JSON
// of the customers report gives them.
TEST(XlsxWorkbookTest, CustomersSheetHoldsEachActionAndItsReason) {
  const char* src = std::getenv("FLYWHEEL_SOURCE_DIR");
  ASSERT_NE(src, nullptr);
  InputOptions io;
  io.data_dir = std::string(src) + "/tests/golden/customers-basic/data";
  auto in = LoadInput(io);
  ASSERT_TRUE(in.ok()) << in.status().message();
  auto dir =
      std::filesystem::temp_directory_path() / ("flywheel-xlsx-customers-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "gtm.xlsx").string();
  ASSERT_TRUE(WriteXlsxReport(*in, ReportParams(), path).ok());
  ReportParams json_params;
  json_params.Set("format", "json");
  auto report = RunReport(**FindReport("customers"), *in, json_params);
  ASSERT_TRUE(report.ok());
  auto json = nlohmann::json::parse(RenderJson(*report));
  ASSERT_EQ(json["rows"].size(), 3u);
  const std::string workbook = Unzip(path, "xl/workbook.xml");
  EXPECT_NE(workbook.find("<sheet name=\"customers\" sheetId=\"7\""), std::string::npos) << workbook;
  // Texts are shared strings: the sheet's cells hold their index, in order of first use.
  const std::string strings = Unzip(path, "xl/sharedStrings.xml");
  std::vector<std::string> shared;
  for (size_t at = strings.find("<t>"); at != std::string::npos; at = strings.find("<t>", at + 1)) {
    shared.push_back(strings.substr(at + 3, strings.find("</t>", at) - at - 3));
  }
  const std::string sheet = Unzip(path, "xl/worksheets/sheet7.xml");
  auto text_at = [&](const std::string& ref) -> std::string {
    size_t at = sheet.find("<c r=\"" + ref + "\"");
    if (at == std::string::npos) return "(no cell " + ref + ")";
    size_t v = sheet.find("<v>", at);
    return shared.at(std::stoul(sheet.substr(v + 3, sheet.find("</v>", v) - v - 3)));
  };
  int action_col = -1, reason_col = -1;
  for (size_t c = 0; c < report->columns.size(); ++c) {
    if (report->columns[c].name == "action") action_col = static_cast<int>(c);
    if (report->columns[c].name == "action_reason") reason_col = static_cast<int>(c);
  }
  ASSERT_GE(action_col, 0);
  ASSERT_GE(reason_col, 0);
  const std::string action_letter(1, static_cast<char>('A' + action_col));
  const std::string reason_letter(1, static_cast<char>('A' + reason_col));
  EXPECT_EQ(text_at(reason_letter + "1"), "action_reason");
  for (size_t r = 0; r < json["rows"].size(); ++r) {
    const std::string row = std::to_string(r + 2);
    EXPECT_EQ(text_at(action_letter + row), json["rows"][r]["action"].get<std::string>()) << row;
    EXPECT_EQ(text_at(reason_letter + row), json["rows"][r]["action_reason"].get<std::string>()) << row;
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace flywheel
