#include "ingest/field_parsers.h"

#include <gtest/gtest.h>

namespace flywheel {
namespace {

TEST(FieldParsersTest, Number) {
  EXPECT_EQ(ParseNumber("12.50"), 12.5);
  EXPECT_EQ(ParseNumber("-3"), -3.0);
  EXPECT_EQ(ParseNumber("+7"), 7.0);
  EXPECT_EQ(ParseNumber("1e3"), 1000.0);
  EXPECT_EQ(ParseNumber(".5"), 0.5);
  EXPECT_FALSE(ParseNumber("12,50"));
  EXPECT_FALSE(ParseNumber("1,000"));
  EXPECT_FALSE(ParseNumber("$5"));
  EXPECT_FALSE(ParseNumber("inf"));
  EXPECT_FALSE(ParseNumber("nan"));
  EXPECT_FALSE(ParseNumber("1.2.3"));
  EXPECT_FALSE(ParseNumber("+"));
  EXPECT_FALSE(ParseNumber(""));
  EXPECT_FALSE(ParseNumber("1e999"));
}

TEST(FieldParsersTest, Integer) {
  EXPECT_EQ(ParseInteger("120"), 120);
  EXPECT_EQ(ParseInteger("-4"), -4);
  EXPECT_EQ(ParseInteger("+4"), 4);
  EXPECT_FALSE(ParseInteger("12.5"));
  EXPECT_FALSE(ParseInteger("1,000"));
  EXPECT_FALSE(ParseInteger("ten"));
  EXPECT_FALSE(ParseInteger(""));
  EXPECT_FALSE(ParseInteger("99999999999999999999"));
}

TEST(FieldParsersTest, Bool) {
  EXPECT_EQ(ParseBool("true"), true);
  EXPECT_EQ(ParseBool("TRUE"), true);
  EXPECT_EQ(ParseBool("Yes"), true);
  EXPECT_EQ(ParseBool("1"), true);
  EXPECT_EQ(ParseBool("false"), false);
  EXPECT_EQ(ParseBool("no"), false);
  EXPECT_EQ(ParseBool("0"), false);
  EXPECT_FALSE(ParseBool("maybe"));
  EXPECT_FALSE(ParseBool("2"));
}

TEST(FieldParsersTest, Enum) {
  constexpr std::string_view names[] = {"month", "quarter", "year"};
  EXPECT_EQ(ParseEnum("month", names), 0);
  EXPECT_EQ(ParseEnum("Quarter", names), 1);
  EXPECT_EQ(ParseEnum("YEAR", names), 2);
  EXPECT_EQ(ParseEnum("weekly", names), -1);
}

}  // namespace
}  // namespace flywheel
