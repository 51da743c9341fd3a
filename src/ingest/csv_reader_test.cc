#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

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
  EXPECT_EQ(CheckFieldCount("t.csv", rows[0].line, 3, rows[0].fields.size()),
            "t.csv:2: expected 3 fields, found 2");
  EXPECT_EQ(CheckFieldCount("t.csv", rows[1].line, 3, rows[1].fields.size()),
            "t.csv:3: expected 3 fields, found 4");
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

TEST(CsvReaderTest, RowCountHintCountsTheRowsLeft) {
  auto s = CsvRowSource::FromText("x,y\n1,2\n3,4", "f.csv");
  EXPECT_EQ(s->RowCountHint(), 2u);
  auto t = CsvRowSource::FromText("x,y\n1,2\n3,4\n", "f.csv");
  EXPECT_EQ(t->RowCountHint(), 2u);
  auto header_only = CsvRowSource::FromText("x,y\n", "f.csv");
  EXPECT_EQ(header_only->RowCountHint(), 0u);
}

// A file past the size after which read pages are handed back (64 MB): every row must still
// read back as written, with its line number, and the hint must count every row.
TEST(CsvReaderTest, LargeMappedFileReadsBackWhole) {
  auto path = std::filesystem::temp_directory_path() /
              ("flywheel_csv_reader_large_" + std::to_string(::getpid()) + ".csv");
  const int kRows = 1'500'000;
  {
    std::ofstream out(path, std::ios::binary);
    out << "id,text\n";
    for (int i = 0; i < kRows; ++i) out << i << ",row " << i << " of the large file padded......\n";
  }
  ASSERT_GT(std::filesystem::file_size(path), size_t{64} << 20);
  auto s = CsvRowSource::Open(path.string(), "large.csv");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->RowCountHint(), static_cast<size_t>(kRows));
  std::vector<std::string_view> fields;
  int64_t line = 0;
  int rows = 0, wrong = 0;
  while ((*s)->Next(&fields, &line)) {
    const std::string id = std::to_string(rows);
    if (fields.size() != 2 || fields[0] != id ||
        fields[1] != "row " + id + " of the large file padded......" || line != rows + 2) {
      ++wrong;
    }
    ++rows;
  }
  EXPECT_TRUE((*s)->status().ok());
  EXPECT_EQ(rows, kRows);
  EXPECT_EQ(wrong, 0);
  std::filesystem::remove(path);
}

// What cannot be mapped (a pipe) is read whole instead.
TEST(CsvReaderTest, OpenReadsAPipe) {
  auto path =
      std::filesystem::temp_directory_path() / ("flywheel_csv_reader_fifo_" + std::to_string(::getpid()));
  std::filesystem::remove(path);
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  std::thread writer([&] {
    std::ofstream out(path, std::ios::binary);
    out << "x,y\n1,2\n\"a,b\",3\n";
  });
  auto s = CsvRowSource::Open(path.string(), "pipe.csv");
  writer.join();
  ASSERT_TRUE(s.ok());
  auto rows = ReadAll(s->get());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields[0], "a,b");
  EXPECT_EQ(rows[1].line, 3);
  std::filesystem::remove(path);
}

// Exports from European Excel (`;`), tab- and pipe-separated files: the delimiter comes from
// the header line; quoted fields may hold it.
TEST(CsvReaderTest, DelimiterIsDetected) {
  for (char d : {';', '\t', '|'}) {
    std::string text = "id,name,amount\n1,\"a,b\",3\n2,\"x\ny\",4\n";
    for (char& c : text) {
      if (c == ',') c = d;
    }
    auto s = CsvRowSource::FromText(text, "d.csv");
    EXPECT_EQ(s->Header(), (std::vector<std::string>{"id", "name", "amount"})) << d;
    ASSERT_NE(s->Dialect(), nullptr);
    EXPECT_EQ(s->Dialect()->delimiter, d);
    auto rows = ReadAll(s.get());
    ASSERT_EQ(rows.size(), 2u) << d;
    EXPECT_EQ(rows[0].fields[1], std::string("a") + d + "b");
    EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"2", "x\ny", "4"}));
    EXPECT_EQ(rows[1].line, 3);
  }
  // A comma inside a semicolon file is data.
  auto s = CsvRowSource::FromText("id;amount\n1;12,50\n", "s.csv");
  auto rows = ReadAll(s.get());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields[1], "12,50");
}

// Old Mac files end lines with CR alone: read as one row per line, not one header row.
TEST(CsvReaderTest, CrLineEnds) {
  auto s = CsvRowSource::FromText("id,name\r1,a\r\r2,\"b\rc\"\r", "cr.csv");
  EXPECT_EQ(s->Header(), (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(s->Dialect()->line_ends, LineEnds::kCr);
  auto rows = ReadAll(s.get());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_EQ(rows[1].fields[1], "b\nc");
}

TEST(CsvReaderTest, EncodingsAreDecoded) {
  auto cp = CsvRowSource::FromText("id;name\r\n1;M\xFCller\r\n", "w.csv");
  EXPECT_EQ(cp->Dialect()->encoding, "windows-1252");
  EXPECT_EQ(cp->Dialect()->delimiter, ';');
  EXPECT_EQ(cp->Dialect()->line_ends, LineEnds::kCrLf);
  EXPECT_FALSE(cp->MayHoldInvalidUtf8());
  auto rows = ReadAll(cp.get());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields[1], "M\xC3\xBCller");

  auto utf16 =
      CsvRowSource::FromText(std::string("\xFF\xFEi\0d\0\t\0n\0\n\0001\0\t\0\xFC\0\n\0", 20), "u.csv");
  EXPECT_EQ(utf16->Dialect()->encoding, "UTF-16LE");
  EXPECT_EQ(utf16->Header(), (std::vector<std::string>{"id", "n"}));
  rows = ReadAll(utf16.get());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"1", "\xC3\xBC"}));

  auto broken = CsvRowSource::FromText("id,name\n1,M\xC3\xBCller\n2,Caf\xE9\n", "b.csv");
  EXPECT_EQ(broken->Dialect()->encoding, "UTF-8");
  EXPECT_TRUE(broken->MayHoldInvalidUtf8());

  auto nul = CsvRowSource::FromText(std::string("i\0d\0", 4), "n.csv");
  EXPECT_TRUE(nul->Header().empty());
  EXPECT_EQ(nul->status().message(),
            "n.csv: the file holds NUL bytes (UTF-16 without a byte-order mark, or not a text file)");
}

}  // namespace
}  // namespace flywheel
