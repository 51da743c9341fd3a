// The number rule (output/json_number.h), against examples worked by hand and against an
// independent implementation written here with printf and strtod (precision raised until
// the text reads back), over 200 000 doubles of every magnitude.
#include "output/json_number.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>

namespace flywheel {
namespace {

TEST(JsonNumberTest, ExamplesByHand) {
  EXPECT_EQ(JsonNumber(0.1 + 0.2), "0.3");                  // 0.30000000000000004
  EXPECT_EQ(JsonNumber(1272174.3599999999), "1272174.36");  // a sum of money
  EXPECT_EQ(JsonNumber(7.619999999999999), "7.62");         // adopters in a note
  EXPECT_EQ(JsonNumber(2.9999999999999996), "3");           // whole once rounded
  EXPECT_EQ(JsonNumber(1200.0), "1200");                    // no "1200.0"
  EXPECT_EQ(JsonNumber(-1200.0), "-1200");
  EXPECT_EQ(JsonNumber(0.0), "0");
  EXPECT_EQ(JsonNumber(-0.0), "0");
  EXPECT_EQ(JsonNumber(0.00074225), "0.00074225");        // Bass p: every digit kept
  EXPECT_EQ(JsonNumber(1.0 / 3.0), "0.333333333333333");  // 15 digits
  EXPECT_EQ(JsonNumber(2.0 / 3.0), "0.666666666666667");
  EXPECT_EQ(JsonNumber(1234567.891), "1234567.891");
  EXPECT_EQ(JsonNumber(0.0001), "0.0001");
  EXPECT_EQ(JsonNumber(0.00001), "1e-05");
  EXPECT_EQ(JsonNumber(-2.5e-7), "-2.5e-07");
  EXPECT_EQ(JsonNumber(999999999999999.0), "999999999999999");
  EXPECT_EQ(JsonNumber(1e15), "1e+15");
  EXPECT_EQ(JsonNumber(1234567890123456.0), "1.23456789012346e+15");
  EXPECT_EQ(JsonNumber(123456789.123456789), "123456789.123457");
  EXPECT_EQ(JsonNumber(1e21), "1e+21");
  EXPECT_EQ(JsonNumber(1.5e300), "1.5e+300");
  EXPECT_EQ(JsonNumber(std::numeric_limits<double>::denorm_min()), "5e-324");  // one digit reads back
  EXPECT_EQ(JsonNumber(std::nan("")), "null");
  EXPECT_EQ(JsonNumber(-std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(OutputNumber(0.1 + 0.2), 0.3);
  EXPECT_EQ(OutputNumber(1272174.3599999999), 1272174.36);
  EXPECT_EQ(OutputNumber(1200.0), 1200.0);
}

// Significant digits of a plain or exponent text: digits from the first non-zero one to the
// last non-zero one, before the exponent.
int SignificantDigits(const std::string& text) {
  std::string mantissa = text.substr(0, text.find('e'));
  std::string digits;
  for (char c : mantissa) {
    if (c >= '0' && c <= '9') digits += c;
  }
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return 0;
  return static_cast<int>(digits.find_last_not_of('0') - first + 1);
}

// The rule, independently: v rounded to 15 significant digits by printf, then the fewest
// digits (1, 2, …) that strtod reads back as that rounded value.
void Independent(double v, double* rounded, int* digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.14e", v);
  *rounded = std::strtod(text, nullptr);
  for (int p = 1; p <= 15; ++p) {
    std::snprintf(text, sizeof text, "%.*e", p - 1, *rounded);
    if (std::strtod(text, nullptr) == *rounded) {
      *digits = p;
      return;
    }
  }
  *digits = 15;
}

TEST(JsonNumberTest, AgreesWithAnIndependentImplementation) {
  std::mt19937_64 rng(20251231);
  std::uniform_int_distribution<int> exponent(-320, 300);
  std::uniform_real_distribution<double> unit(1, 10);
  for (int i = 0; i < 200000; ++i) {
    double v;
    switch (i % 4) {
      case 0:
        v = unit(rng) * std::pow(10.0, exponent(rng));
        break;  // any magnitude
      case 1:
        v = std::round(unit(rng) * 1e8) / std::pow(10.0, 1 + static_cast<int>(rng() % 4));
        break;  // 1-4 decimals
      case 2:
        v = static_cast<double>(rng() % 100000) / static_cast<double>(rng() % 997 + 1);
        break;  // ratios
      default:
        v = std::bit_cast<double>(rng());
        break;  // any bit pattern
    }
    if (i % 3 == 0) v = -v;
    if (!std::isfinite(v)) continue;
    const std::string text = JsonNumber(v);
    double want_value = 0;
    int want_digits = 0;
    Independent(v, &want_value, &want_digits);
    ASSERT_EQ(std::strtod(text.c_str(), nullptr), want_value) << text << " for " << v;
    ASSERT_EQ(OutputNumber(v), want_value) << v;
    if (want_value != 0) {
      ASSERT_EQ(SignificantDigits(text), want_digits) << text << " for " << v;
    }
    ASSERT_LE(SignificantDigits(text), 15) << text;
    // Whole values below 10^15 are integers: no point, no exponent.
    if (want_value == std::trunc(want_value) && std::fabs(want_value) < 1e15) {
      ASSERT_EQ(text.find_first_of(".e"), std::string::npos) << text;
    }
  }
}

}  // namespace
}  // namespace flywheel
