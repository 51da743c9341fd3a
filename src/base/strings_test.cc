#include "base/strings.h"

#include <gtest/gtest.h>

namespace flywheel {
namespace {

TEST(StringsTest, TrimAndCase) {
  EXPECT_EQ(Trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(ToLower("Account_ID"), "account_id");
  EXPECT_TRUE(EqualsIgnoreCase("MONTH", "month"));
}

TEST(StringsTest, DidYouMean) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  std::vector<std::string> keys = {"base_currency", "as_of", "fiscal_year_start_month"};
  EXPECT_EQ(DidYouMeanSuffix("base_curency", keys), ", did you mean 'base_currency'?");
  EXPECT_EQ(DidYouMeanSuffix("zzzzzzzz", keys), "");
}

}  // namespace
}  // namespace flywheel
