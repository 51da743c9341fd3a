#include "output/report_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "output/json_number.h"

namespace flywheel {
namespace {

Report SmallReport() {
  Report r;
  r.name = "revenue";
  r.as_of = "2025-12-31";
  r.period = "month";
  r.currency = "USD";
  r.columns = {{"period", ColumnKind::kText, "Period"},
               {"mrr", ColumnKind::kMoney, "MRR"},
               {"customers", ColumnKind::kInteger, "Customers"},
               {"nrr", ColumnKind::kRate, "NRR"}};
  r.rows = {{std::string("2025-11"), 1234567.891, int64_t{12}, std::monostate{}},
            {std::string("2025-12"), 1272174.3599999999, int64_t{13}, 1.0525}};
  r.notes = {"NRR is trailing twelve months."};
  return r;
}

TEST(ReportWriterTest, NumberFormats) {
  EXPECT_EQ(FormatMoney(1234567.891), "1,234,567.89");
  EXPECT_EQ(FormatMoney(-1234.5), "-1,234.50");
  EXPECT_EQ(FormatMoney(-0.001), "0.00");  // no negative zero
  EXPECT_EQ(FormatRate(0.25), "25.0 %");
  EXPECT_EQ(FormatRate(-0.0125), "-1.3 %");  // half away from zero
  EXPECT_EQ(FormatRate(1.0525), "105.3 %");  // 1.0525 × 100 is 105.24999… in binary
  EXPECT_EQ(FormatMoney(0.125), "0.13");
  EXPECT_EQ(FormatNumber(999.999, 2), "1,000.00");
}

TEST(ReportWriterTest, TableShowsNullsAsDashAndAlignsNumbers) {
  std::string t = RenderTable(SmallReport());
  EXPECT_EQ(t,
            "revenue · as of 2025-12-31 · by month · USD\n"
            "\n"
            "Period            MRR  Customers      NRR\n"
            "-------  ------------  ---------  -------\n"
            "2025-11  1,234,567.89         12        —\n"
            "2025-12  1,272,174.36         13  105.3 %\n"
            "\n"
            "NRR is trailing twelve months.\n");
}

TEST(ReportWriterTest, WideTablesSplitIntoBlocksThatRepeatTheKeys) {
  Report r;
  r.name = "wide";
  r.columns.push_back({"period", ColumnKind::kText, "Period"});
  r.rows.push_back({std::string("2025-01")});
  for (int i = 0; i < 12; ++i) {
    r.columns.push_back({"metric_" + std::to_string(i), ColumnKind::kMoney, "Metric " + std::to_string(i)});
    r.rows[0].push_back(1000000.0 * (i + 1));
  }
  std::string t = RenderTable(r, 100);
  std::istringstream lines(t);
  std::string line;
  int blocks = 0;
  while (std::getline(lines, line)) {
    // Every line fits (the header line is plain ASCII apart from '·').
    EXPECT_LE(line.size(), 100u) << line;
    if (line.rfind("Period", 0) == 0) ++blocks;
  }
  EXPECT_GE(blocks, 2);
}

TEST(ReportWriterTest, JsonHasTheSpecifiedShapeAndNoFloatingPointNoise) {
  std::string j = RenderJson(SmallReport());
  EXPECT_EQ(j,
            "{\n"
            "  \"report\": \"revenue\",\n"
            "  \"as_of\": \"2025-12-31\",\n"
            "  \"period\": \"month\",\n"
            "  \"segment_by\": null,\n"
            "  \"currency\": \"USD\",\n"
            "  \"fields\": {\n"
            "    \"period\": {\n"
            "      \"label\": \"Period\",\n"
            "      \"unit\": \"text\",\n"
            "      \"drilldown\": false\n"
            "    },\n"
            "    \"mrr\": {\n"
            "      \"label\": \"MRR\",\n"
            "      \"unit\": \"money\",\n"
            "      \"drilldown\": false,\n"
            "      \"better\": \"higher\"\n"
            "    },\n"
            "    \"customers\": {\n"
            "      \"label\": \"Customers\",\n"
            "      \"unit\": \"count\",\n"
            "      \"drilldown\": false,\n"
            "      \"better\": \"higher\"\n"
            "    },\n"
            "    \"nrr\": {\n"
            "      \"label\": \"NRR\",\n"
            "      \"unit\": \"percent\",\n"
            "      \"drilldown\": false,\n"
            "      \"better\": \"higher\"\n"
            "    }\n"
            "  },\n"
            "  \"rows\": [\n"
            "    {\n"
            "      \"period\": \"2025-11\",\n"
            "      \"mrr\": 1234567.891,\n"
            "      \"customers\": 12,\n"
            "      \"nrr\": null\n"
            "    },\n"
            "    {\n"
            "      \"period\": \"2025-12\",\n"
            "      \"mrr\": 1272174.36,\n"
            "      \"customers\": 13,\n"
            "      \"nrr\": 1.0525\n"
            "    }\n"
            "  ],\n"
            "  \"notes\": [\n"
            "    \"NRR is trailing twelve months.\"\n"
            "  ]\n"
            "}\n");
}

TEST(ReportWriterTest, JsonExtraMembersAndRowsLeftOut) {
  Report r = SmallReport();
  r.json_rows = false;
  r.json_extra = {{"cohorts", "[1,2]"}};
  std::string j = RenderJson(r);
  EXPECT_EQ(j.find("\"rows\""), std::string::npos);
  EXPECT_NE(j.find("\"cohorts\": [\n    1,\n    2\n  ]"), std::string::npos);
}

TEST(ReportWriterTest, CsvHasNamesRawValuesAndEmptyNulls) {
  EXPECT_EQ(RenderCsv(SmallReport()),
            "period,mrr,customers,nrr\n"
            "2025-11,1234567.891,12,\n"
            "2025-12,1272174.36,13,1.0525\n");
}

// Rows given on demand (Report::row_at) are written exactly as the same rows held as cells,
// in every format, and are asked for in order, once per row.
TEST(ReportWriterTest, RowsOnDemandWriteAsHeldRows) {
  const Report held = SmallReport();
  Report on_demand = held;
  on_demand.rows.clear();
  on_demand.row_at_count = held.rows.size();
  std::vector<size_t> asked;
  on_demand.row_at = [&](size_t i, std::vector<Cell>* row) {
    asked.push_back(i);
    *row = held.rows[i];
  };
  EXPECT_EQ(RowCount(on_demand), 2u);
  EXPECT_EQ(RenderJson(on_demand), RenderJson(held));
  EXPECT_EQ(asked, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(RenderCsv(on_demand), RenderCsv(held));
  EXPECT_EQ(RenderTable(on_demand), RenderTable(held));
  on_demand.row_at_count = 0;
  EXPECT_NE(RenderTable(on_demand).find("(no rows)"), std::string::npos);
}

// The streamed texts are the rendered texts: a report larger than one piece (about 1 MB) is
// handed over in several pieces whose concatenation is RenderJson / RenderCsv, with typed
// extra tables streamed in place.
TEST(ReportWriterTest, StreamedTextInPiecesEqualsTheRenderedText) {
  Report r = SmallReport();
  r.rows.clear();
  r.row_at_count = 100000;
  r.row_at = [](size_t i, std::vector<Cell>* row) {
    *row = {std::string("L") + std::to_string(i), 0.5 * static_cast<double>(i), int64_t(i), std::monostate{}};
  };
  r.extra_tables.push_back(ExtraObject("matrix", {{"a", ColumnKind::kInteger}}, {int64_t{1}}));
  ExtraTable lists;  // two lists of 30,000 rows each, given on demand
  lists.key = "lists";
  lists.shape = ExtraTable::Shape::kLists;
  lists.columns = {{"id", ColumnKind::kText}};
  lists.lists = {{"first", 30000}, {"second", 60000}};
  lists.rows.count = 60000;
  lists.rows.at = [](size_t i, std::vector<Cell>* row) { *row = {std::string("D") + std::to_string(i)}; };
  r.extra_tables.push_back(std::move(lists));
  for (ReportFormat format : {ReportFormat::kJson, ReportFormat::kCsv}) {
    std::string streamed;
    int pieces = 0;
    WriteReport(r, format, [&](std::string_view piece) {
      streamed += piece;
      ++pieces;
    });
    EXPECT_EQ(streamed, Render(r, format));
    EXPECT_GT(pieces, 1);
  }
  const std::string json = RenderJson(r);
  EXPECT_NE(json.find("\"period\": \"L99999\""), std::string::npos);
  EXPECT_NE(json.find("],\n  \"matrix\": {\n    \"a\": 1\n  },\n  \"lists\": {\n    \"first\": [\n"),
            std::string::npos);
  EXPECT_NE(
      json.find(
          "\"id\": \"D29999\"\n      }\n    ],\n    \"second\": [\n      {\n        \"id\": \"D30000\""),
      std::string::npos);
}

// A number cell is written by the number rule (output/json_number.h) in JSON and CSV alike,
// and a number inside json_extra text too: the same text wherever the value goes.
TEST(ReportWriterTest, NumbersTakeTheNumberRuleInJsonCsvAndExtras) {
  Report r;
  r.columns = {{"x", ColumnKind::kNumber}, {"n", ColumnKind::kMoney}};
  r.rows = {{1272174.3599999999, 1200.0}, {0.1 + 0.2, 7.619999999999999}};
  r.json_extra = {{"extra", "{\"total\": 0.30000000000000004, \"whole\": 1200.0, \"count\": 3}"}};
  const std::string json = RenderJson(r);
  EXPECT_NE(json.find("\"x\": 1272174.36,\n      \"n\": 1200\n"), std::string::npos) << json;
  EXPECT_NE(json.find("\"x\": 0.3,\n      \"n\": 7.62\n"), std::string::npos) << json;
  EXPECT_NE(json.find("\"total\": 0.3,\n    \"whole\": 1200,\n    \"count\": 3\n"), std::string::npos)
      << json;
  EXPECT_EQ(RenderCsv(r), "x,n\n1272174.36,1200\n0.3,7.62\n");
  EXPECT_EQ(JsonNumber(1272174.3599999999), "1272174.36");
}

}  // namespace
}  // namespace flywheel
