#include "ingest/text_dialect.h"

#include <gtest/gtest.h>

namespace flywheel {
namespace {

TEST(TextDialectTest, DelimiterFromTheHeaderLine) {
  EXPECT_EQ(DetectDelimiter("a,b,c\n1;2;3;4;5\n"), ',');
  EXPECT_EQ(DetectDelimiter("a;b;c\r\n1,5;2\r\n"), ';');
  EXPECT_EQ(DetectDelimiter("a\tb\tc\n"), '\t');
  EXPECT_EQ(DetectDelimiter("a|b|c\r"), '|');
  EXPECT_EQ(DetectDelimiter("\"x,y\";b\n"), ';');  // quoted delimiters do not count
  EXPECT_EQ(DetectDelimiter("account_id\n"), ',');
  EXPECT_EQ(DetectDelimiter("a;b,c\n"), ',');  // a tie goes to the comma
}

TEST(TextDialectTest, LineEnds) {
  EXPECT_EQ(DetectLineEnds("a\nb\n"), LineEnds::kLf);
  EXPECT_EQ(DetectLineEnds("a\r\nb\r\n"), LineEnds::kCrLf);
  EXPECT_EQ(DetectLineEnds("a\rb\r"), LineEnds::kCr);
  EXPECT_EQ(DetectLineEnds("a\r\nb\n"), LineEnds::kMixed);
  EXPECT_EQ(DetectLineEnds("a\n\"x\ry\"\n"), LineEnds::kLf);
  EXPECT_EQ(DetectLineEnds("single line"), LineEnds::kNone);
  EXPECT_EQ(LineEndsName(LineEnds::kCrLf), "CRLF");
  EXPECT_EQ(DelimiterName('\t'), "tab");
  EXPECT_EQ(DelimiterName(';'), ";");
}

TEST(TextDialectTest, CrToLfKeepsCrLf) { EXPECT_EQ(CrToLf("a\rb\r\nc\r"), "a\nb\r\nc\n"); }

}  // namespace
}  // namespace flywheel
