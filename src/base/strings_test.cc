#include "base/strings.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

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

// printf's "%.*f" is the reference: random values of every magnitude, exact halves (ties go
// to the even digit), values a hair either side of a half, negative values rounding to zero.
TEST(StringsTest, AppendFixedAsPrintfFormatsIt) {
  std::mt19937_64 rng(3);
  std::vector<double> values = {0.0,  -0.0,   0.25,       0.35,   -0.25,        2.5,
                                3.5,  -0.04,  0.05,       1e-300, 2147483647.5, 214748364.75,
                                1e15, -1e300, 123456.789, 0.95,   9.95,         99.95};
  for (int i = -50000; i <= 50000; ++i) values.push_back(i * 0.05);
  for (int i = -4000; i <= 4000; ++i) values.push_back(std::ldexp(i, -3));
  std::uniform_real_distribution<double> unit(-1, 1);
  for (int i = 0; i < 60000; ++i) {
    const double v = unit(rng) * std::pow(10.0, static_cast<int>(rng() % 24) - 8);
    values.push_back(v);
    values.push_back(std::nextafter(v, 1e308));
    values.push_back(std::nextafter(v, -1e308));
  }
  for (int i = 0; i < 30000; ++i) {  // halves at every position and magnitude, a hair either side
    const double half = (static_cast<double>(rng() % (uint64_t{1} << (rng() % 32))) + 0.5) /
                        std::pow(10.0, static_cast<int>(rng() % 8));
    values.insert(values.end(), {half, std::nextafter(half, 0.0), std::nextafter(half, 1e9), -half});
  }
  for (int decimals = 0; decimals <= 7; ++decimals) {
    for (double v : values) {
      char expected[512];
      std::snprintf(expected, sizeof expected, "%.*f", decimals, v);
      std::string got = "x";
      AppendFixed(&got, v, decimals);
      ASSERT_EQ(got, std::string("x") + expected) << decimals << " " << v;
    }
  }
}

}  // namespace
}  // namespace flywheel
