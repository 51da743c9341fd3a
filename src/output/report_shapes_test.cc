// The typed shapes of a report beyond flat rows, in every format, against texts written by
// hand: lists of texts, groups of JSON columns, JSON-only columns and their order, JSON text
// columns, and extra tables (a value, an object, lists of rows).
#include <gtest/gtest.h>

#include <cmath>

#include "output/report.h"
#include "output/report_writer.h"

namespace flywheel {
namespace {

// The header every JSON document below starts with, for a report named "shapes" whose
// "fields" are `fields` (laid out at level 2).
std::string Head(const std::string& fields) {
  return "{\n"
         "  \"report\": \"shapes\",\n"
         "  \"as_of\": null,\n"
         "  \"period\": null,\n"
         "  \"segment_by\": null,\n"
         "  \"currency\": null,\n"
         "  \"fields\": {" +
         fields + "},\n";
}

const char kIdField[] =
    "\n"
    "    \"id\": {\n"
    "      \"label\": \"ID\",\n"
    "      \"unit\": \"text\",\n"
    "      \"drilldown\": false\n"
    "    }\n"
    "  ";

const char kIdAndReasonsFields[] =
    "\n"
    "    \"id\": {\n"
    "      \"label\": \"ID\",\n"
    "      \"unit\": \"text\",\n"
    "      \"drilldown\": false\n"
    "    },\n"
    "    \"reasons\": {\n"
    "      \"label\": \"Reasons\",\n"
    "      \"unit\": \"text\",\n"
    "      \"drilldown\": false\n"
    "    }\n"
    "  ";

// An account with its reasons (a list) and, in JSON only, its dimensions (a group) and a
// previous score; JSON members in their own order.
Report Accounts() {
  Report r;
  r.name = "shapes";
  r.columns = {{"id", ColumnKind::kText}, {"reasons", ColumnKind::kText}};
  r.json_columns = {{"b", ColumnKind::kNumber, "", false, "", "dims"},
                    {"a", ColumnKind::kNumber, "", false, "", "dims"},
                    {"previous", ColumnKind::kNumber}};
  r.json_order = {4, 2, 3, 0, 1};  // previous, the group (b, a), id, reasons
  r.rows = {{std::string("A1"), TextList{"arr +4.2", "nps -1"}, 0.5, std::monostate{}, 70.0},
            {std::string("A2"), TextList{}, 1.0, 2.0, std::monostate{}}};
  return r;
}

TEST(ReportShapesTest, ListsGroupsAndJsonOnlyColumnsInJson) {
  EXPECT_EQ(RenderJson(Accounts()), Head(kIdAndReasonsFields) +
                                        "  \"rows\": [\n"
                                        "    {\n"
                                        "      \"previous\": 70,\n"
                                        "      \"dims\": {\n"
                                        "        \"b\": 0.5,\n"
                                        "        \"a\": null\n"
                                        "      },\n"
                                        "      \"id\": \"A1\",\n"
                                        "      \"reasons\": [\n"
                                        "        \"arr +4.2\",\n"
                                        "        \"nps -1\"\n"
                                        "      ]\n"
                                        "    },\n"
                                        "    {\n"
                                        "      \"previous\": null,\n"
                                        "      \"dims\": {\n"
                                        "        \"b\": 1,\n"
                                        "        \"a\": 2\n"
                                        "      },\n"
                                        "      \"id\": \"A2\",\n"
                                        "      \"reasons\": []\n"
                                        "    }\n"
                                        "  ],\n"
                                        "  \"notes\": []\n"
                                        "}\n");
}

// Tables and CSV show the columns alone, a list as its texts joined by ", ".
TEST(ReportShapesTest, ListsJoinedAndJsonOnlyColumnsLeftOutInCsvAndTable) {
  EXPECT_EQ(RenderCsv(Accounts()),
            "id,reasons\n"
            "A1,\"arr +4.2, nps -1\"\n"
            "A2,\n");
  EXPECT_EQ(RenderTable(Accounts()),
            "shapes\n"
            "\n"
            "id  reasons\n"
            "--  ----------------\n"
            "A1  arr +4.2, nps -1\n"
            "A2\n");
}

// Rows given on demand write the same text as the same rows held.
TEST(ReportShapesTest, RowsOnDemandWriteTheSameShapes) {
  const Report held = Accounts();
  Report on_demand = held;
  on_demand.rows.clear();
  on_demand.row_at_count = held.rows.size();
  on_demand.row_at = [&held](size_t i, std::vector<Cell>* row) { *row = held.rows[i]; };
  EXPECT_EQ(RenderJson(on_demand), RenderJson(held));
  EXPECT_EQ(RenderCsv(on_demand), RenderCsv(held));
  EXPECT_EQ(RenderTable(on_demand), RenderTable(held));
}

// A group declared by a member without a name, with no other member, is an empty object; a
// JSON text column is laid out again at its place; a column left out of json_order is not in
// JSON.
TEST(ReportShapesTest, EmptyGroupsJsonTextAndColumnsLeftOut) {
  Report r;
  r.name = "shapes";
  r.columns = {{"id", ColumnKind::kText}, {"total", ColumnKind::kInteger}};
  r.json_columns = {{"", ColumnKind::kNumber, "", false, "", "dims"},
                    {"total", ColumnKind::kInteger, "", false, "", "", true}};
  r.json_order = {0, 2, 3};
  r.rows = {{std::string("A1"), int64_t{3}, std::monostate{}, std::string("{\"x\":1,\"y\":[2]}")}};
  const char kTotalField[] =
      "\n"
      "    \"id\": {\n"
      "      \"label\": \"ID\",\n"
      "      \"unit\": \"text\",\n"
      "      \"drilldown\": false\n"
      "    },\n"
      "    \"total\": {\n"
      "      \"label\": \"Total\",\n"
      "      \"unit\": \"count\",\n"
      "      \"drilldown\": false\n"
      "    }\n"
      "  ";
  EXPECT_EQ(RenderJson(r), Head(kTotalField) +
                               "  \"rows\": [\n"
                               "    {\n"
                               "      \"id\": \"A1\",\n"
                               "      \"dims\": {},\n"
                               "      \"total\": {\n"
                               "        \"x\": 1,\n"
                               "        \"y\": [\n"
                               "          2\n"
                               "        ]\n"
                               "      }\n"
                               "    }\n"
                               "  ],\n"
                               "  \"notes\": []\n"
                               "}\n");
  EXPECT_EQ(RenderCsv(r), "id,total\nA1,3\n");
}

// Extra tables follow json_extra in JSON, in order: a value, an object, lists of rows (empty
// lists included); tables and CSV leave them out.
TEST(ReportShapesTest, ExtraTablesInJsonOnly) {
  Report r;
  r.name = "shapes";
  r.columns = {{"id", ColumnKind::kText}};
  r.rows = {{std::string("A1")}};
  r.json_extra = {{"text", "\"as given\""}};
  r.extra_tables.push_back(ExtraValue("from", std::string("2025-01-01")));
  r.extra_tables.push_back(ExtraValue("tags", TextList{"x"}));
  r.extra_tables.push_back(ExtraObject(
      "matrix", {{"high", ColumnKind::kInteger}, {"low", ColumnKind::kInteger}}, {int64_t{2}, int64_t{0}}));
  ExtraTable deals;
  deals.key = "deals";
  deals.shape = ExtraTable::Shape::kLists;
  deals.columns = {{"id", ColumnKind::kText}, {"amount", ColumnKind::kMoney}};
  deals.lists = {{"won", 2}, {"lost", 2}, {"open", 3}};
  deals.rows.count = 3;
  deals.rows.at = [](size_t i, std::vector<Cell>* row) {
    *row = {std::string("D") + std::to_string(i + 1), 0.1 * static_cast<double>(i + 1) + 0.2};
  };
  r.extra_tables.push_back(std::move(deals));
  EXPECT_EQ(RenderJson(r), Head(kIdField) +
                               "  \"rows\": [\n"
                               "    {\n"
                               "      \"id\": \"A1\"\n"
                               "    }\n"
                               "  ],\n"
                               "  \"text\": \"as given\",\n"
                               "  \"from\": \"2025-01-01\",\n"
                               "  \"tags\": [\n"
                               "    \"x\"\n"
                               "  ],\n"
                               "  \"matrix\": {\n"
                               "    \"high\": 2,\n"
                               "    \"low\": 0\n"
                               "  },\n"
                               "  \"deals\": {\n"
                               "    \"won\": [\n"
                               "      {\n"
                               "        \"id\": \"D1\",\n"
                               "        \"amount\": 0.3\n"
                               "      },\n"
                               "      {\n"
                               "        \"id\": \"D2\",\n"
                               "        \"amount\": 0.4\n"
                               "      }\n"
                               "    ],\n"
                               "    \"lost\": [],\n"
                               "    \"open\": [\n"
                               "      {\n"
                               "        \"id\": \"D3\",\n"
                               "        \"amount\": 0.5\n"
                               "      }\n"
                               "    ]\n"
                               "  },\n"
                               "  \"notes\": []\n"
                               "}\n");
  EXPECT_EQ(RenderCsv(r), "id\nA1\n");
  EXPECT_EQ(RenderTable(r),
            "shapes\n"
            "\n"
            "id\n"
            "--\n"
            "A1\n");
}

// Cells set in place keep what the writers show.
TEST(ReportShapesTest, CellsSetInPlace) {
  Cell c = std::string("long enough to be held outside the cell");
  SetText(&c, "short");
  EXPECT_EQ(std::get<std::string>(c), "short");
  SetTextOrNull(&c, "");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(c));
  SetNumberOrNull(&c, std::nan(""));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(c));
  SetNumberOrNull(&c, 2.5);
  EXPECT_EQ(std::get<double>(c), 2.5);
  const std::vector<std::string> up = {"a", "b"}, down = {"c"};
  SetList(&c, {&up, &down});
  EXPECT_EQ(std::get<TextList>(c), (TextList{"a", "b", "c"}));
  SetList(&c, {&down});
  EXPECT_EQ(std::get<TextList>(c), (TextList{"c"}));
  EXPECT_EQ(ListText({"a", "b", "c"}), "a, b, c");
  EXPECT_EQ(ListText({}), "");
}

}  // namespace
}  // namespace flywheel
