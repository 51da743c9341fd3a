#include "base/csv_field.h"

#include <gtest/gtest.h>

#include <string>

namespace flywheel {
namespace {

TEST(CsvFieldTest, QuotesOnlyWhatAReaderWouldMisread) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
  // A reader trims unquoted spaces at either end: keep them by quoting.
  EXPECT_EQ(CsvField(" Acme"), "\" Acme\"");
  EXPECT_EQ(CsvField("Acme "), "\"Acme \"");
  EXPECT_EQ(CsvField("Acme Corp"), "Acme Corp");
}

TEST(CsvFieldTest, RowsEndWithANewline) {
  std::string out;
  AppendCsvRow(&out, {"id", "name"});
  AppendCsvRow(&out, {"a1", "Smith, Jones"});
  EXPECT_EQ(out, "id,name\na1,\"Smith, Jones\"\n");
}

}  // namespace
}  // namespace flywheel
