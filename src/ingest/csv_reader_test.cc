#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace flywheel {
namespace {

struct Row {
  std::vector<std::string> fields;
  int64_t line;
};

std::vector<Row> ReadAll(CsvRowSource* source) {
  std::vector<Row> rows;
  std::vector<std::string_view> fields;
  int64_t line = 0;
  while (source->Next(&fields, &line)) rows.push_back({{fields.begin(), fields.end()}, line});
  return rows;
}

TEST(CsvReaderTest, HeaderAndPlainRows) {
  auto s = CsvRowSource::FromText("a,b,c\n1,2,3\n4,,6\n", "t.csv");
  EXPECT_EQ(s->Header(), (std::vector<std::string>{"a", "b", "c"}));
  auto rows = ReadAll(s.get());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"4", "", "6"}));
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_TRUE(s->status().ok());
}

TEST(CsvReaderTest, QuotedFieldsWithCommasQuotesAndNewlines) {
  // Row 2 spans lines 2-4 (two embedded newlines); the next row starts on line 5.
  auto s = CsvRowSource::FromText("id,text\n1,\"a, \"\"b\"\"\nc\nd\"\n2,\"x\"\n", "t.csv");
  auto rows = ReadAll(s.get());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields[1], "a, \"b\"\nc\nd");
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"2", "x"}));
  EXPECT_EQ(rows[1].line, 5);
}

TEST(CsvReaderTest, EmptyQuotedFieldAndQuoteOnlyEscapes) {
  auto s = CsvRowSource::FromText("a,b,c\n\"\",\"\"\"\",\"x\"\"\"\"y\"\n", "t.csv");
  auto rows = ReadAll(s.get());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"", "\"", "x\"\"y"}));
}

TEST(CsvReaderTest, BomCrlfAndMissingTrailingNewline) {
  auto s = CsvRowSource::FromText("\xEF\xBB\xBFid,name\r\n1,\"a\r\nb\"\r\n2,c", "t.csv");
  EXPECT_EQ(s->Header(), (std::vector<std::string>{"id", "name"}));
  auto rows = ReadAll(s.get());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields[1], "a\r\nb");
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"2", "c"}));
  EXPECT_EQ(rows[1].line, 4);
}

TEST(CsvReaderTest, BlankLinesAreSkippedButCounted) {
  auto s = CsvRowSource::FromText("id\n\n1\r\n\r\n\n2\n\n", "t.csv");
  auto rows = ReadAll(s.get());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 3);
  EXPECT_EQ(rows[1].line, 6);
}

TEST(CsvReaderTest, UnterminatedQuoteReportsTheRowsFirstLine) {
  auto s = CsvRowSource::FromText("id,t\n1,ok\n2,\"never\nclosed\n", "notes.csv");
  auto rows = ReadAll(s.get());
  EXPECT_EQ(rows.size(), 1u);
  EXPECT_EQ(s->status().message(), "notes.csv:3: unterminated quoted field");
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnError) {
  auto s = CsvRowSource::FromText("id,t\n1,\"a\"b\n", "x.csv");
  EXPECT_TRUE(ReadAll(s.get()).empty());
  EXPECT_EQ(s->status().message(), "x.csv:2: unexpected text after the closing quote of a field");
}

TEST(CsvReaderTest, RowsKeepTheirFieldCountAndCheckFieldCountWordsIt) {
  auto s = CsvRowSource::FromText("a,b,c\n1,2\n1,2,3,4\n", "t.csv");
  auto rows = ReadAll(s.get());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(CheckFieldCount("t.csv", rows[0].line, 3, rows[0].fields.size()), "t.csv:2: expected 3 fields, found 2");
  EXPECT_EQ(CheckFieldCount("t.csv", rows[1].line, 3, rows[1].fields.size()), "t.csv:3: expected 3 fields, found 4");
  EXPECT_EQ(CheckFieldCount("t.csv", 2, 3, 3), "");
}

TEST(CsvReaderTest, EmptyTextHasNoHeader) {
  auto s = CsvRowSource::FromText("", "t.csv");
  EXPECT_TRUE(s->Header().empty());
  EXPECT_TRUE(ReadAll(s.get()).empty());
}

TEST(CsvReaderTest, ManyFieldsBeyondTheInlineBuffer) {
  std::string header, row;
  for (int i = 0; i < 100; ++i) {
    header += (i ? ",h" : "h") + std::to_string(i);
    row += (i ? ",\"v\"\"" : "\"v\"\"") + std::to_string(i) + "\"";
  }
  auto s = CsvRowSource::FromText(header + "\n" + row + "\n", "t.csv");
  auto rows = ReadAll(s.get());
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows[0].fields.size(), 100u);
  EXPECT_EQ(rows[0].fields[0], "v\"0");
  EXPECT_EQ(rows[0].fields[99], "v\"99");
}

TEST(CsvReaderTest, OpenReadsAFileAndReportsAMissingOne) {
  auto path = std::filesystem::temp_directory_path() / "flywheel_csv_reader_test.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "x,y\n1,2\n";
  }
  auto s = CsvRowSource::Open(path.string(), "f.csv");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(ReadAll(s->get()).size(), 1u);
  std::filesystem::remove(path);
  auto missing = CsvRowSource::Open(path.string(), "f.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "f.csv: cannot open file: No such file or directory");
}

}  // namespace
}  // namespace flywheel
