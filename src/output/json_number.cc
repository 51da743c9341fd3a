#include "output/json_number.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace flywheel {
namespace {

constexpr int kSignificantDigits = 15;
// Plain decimals for a decimal point position n (value = 0.d1d2… × 10^n) with
// kMinPoint < n <= kMaxPoint, as nlohmann prints doubles; exponents otherwise.
constexpr int kMinPoint = -4;
constexpr int kMaxPoint = 15;

// A finite non-zero double as significant digits (no trailing zeros) and the position of
// the decimal point relative to them: value = ±0.digits × 10^point.
struct Decimal {
  bool negative = false;
  char digits[20] = {};
  int count = 0;
  int point = 0;
};

// Reads the text std::to_chars writes in scientific form: "-d.ddde+XX" or "de-XX".
Decimal FromScientific(const char* first, const char* last) {
  Decimal d;
  const char* p = first;
  if (*p == '-') {
    d.negative = true;
    ++p;
  }
  for (; p < last && *p != 'e'; ++p) {
    if (*p != '.') d.digits[d.count++] = *p;
  }
  int exponent = 0;
  std::from_chars(p + 1 + (p[1] == '+'), last, exponent);
  while (d.count > 1 && d.digits[d.count - 1] == '0') --d.count;
  d.point = exponent + 1;
  return d;
}

// v rounded to 15 significant digits, its trailing zeros dropped: the shortest digits that
// read back as the rounded value (two decimals of at most 15 digits never read back as the
// same double, so no shorter text does), and v's own shortest digits when those are 15 or fewer.
// (A subnormal double holds fewer digits: there, the shortest digits first, then the cut.)
Decimal Significant(double v) {
  char text[40];
  if (std::fabs(v) < std::numeric_limits<double>::min()) {
    const auto r = std::to_chars(text, text + sizeof text, v, std::chars_format::scientific);
    const Decimal d = FromScientific(text, r.ptr);
    if (d.count <= kSignificantDigits) return d;
  }
  const auto r =
      std::to_chars(text, text + sizeof text, v, std::chars_format::scientific, kSignificantDigits - 1);
  return FromScientific(text, r.ptr);
}

// Values with one to four decimals below 10^11 (money in cents, rates, scores: most numbers
// of the large reports) read back from N / 10^k with N = v × 10^k a whole number, which the
// correctly rounded division checks exactly. Appends them and returns true; false otherwise.
bool AppendFewDecimals(std::string* out, double v) {
  static constexpr double kScale[] = {10, 100, 1000, 10000};
  for (int k = 1; k <= 4; ++k) {
    const double scaled = v * kScale[k - 1];
    if (!(std::fabs(scaled) < 1e15) || scaled != std::trunc(scaled) || scaled / kScale[k - 1] != v) continue;
    char digits[24];
    const int64_t whole = static_cast<int64_t>(std::fabs(scaled));
    char* end = std::to_chars(digits, digits + sizeof digits, whole).ptr;
    int count = static_cast<int>(end - digits);
    int decimals = k;
    while (decimals > 0 && digits[count - 1] == '0') --count, --decimals;
    if (v < 0) out->push_back('-');
    if (count <= decimals) {  // 0.0…digits
      out->append("0.");
      out->append(static_cast<size_t>(decimals - count), '0');
      out->append(digits, static_cast<size_t>(count));
    } else {
      out->append(digits, static_cast<size_t>(count - decimals));
      if (decimals > 0) {
        out->push_back('.');
        out->append(digits + count - decimals, static_cast<size_t>(decimals));
      }
    }
    return true;
  }
  return false;
}

void AppendExponent(std::string* out, int e) {
  out->push_back('e');
  out->push_back(e < 0 ? '-' : '+');
  if (e < 0) e = -e;
  if (e < 10) out->push_back('0');
  char buf[8];
  out->append(buf, std::to_chars(buf, buf + sizeof buf, e).ptr);
}

void AppendDecimal(std::string* out, const Decimal& d) {
  if (d.negative) out->push_back('-');
  const int k = d.count, n = d.point;
  if (k <= n && n <= kMaxPoint) {  // a whole number: digits and zeros
    out->append(d.digits, static_cast<size_t>(k));
    out->append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= kMaxPoint) {  // dig.its
    out->append(d.digits, static_cast<size_t>(n));
    out->push_back('.');
    out->append(d.digits + n, static_cast<size_t>(k - n));
  } else if (kMinPoint < n && n <= 0) {  // 0.000digits
    out->append("0.");
    out->append(static_cast<size_t>(-n), '0');
    out->append(d.digits, static_cast<size_t>(k));
  } else {  // d.igitse±XX
    out->push_back(d.digits[0]);
    if (k > 1) {
      out->push_back('.');
      out->append(d.digits + 1, static_cast<size_t>(k - 1));
    }
    AppendExponent(out, n - 1);
  }
}

}  // namespace

void AppendJsonNumber(std::string* out, double v) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  if (v == std::trunc(v) && std::fabs(v) < 1e15) {
    // A whole number of at most 15 digits (counts, round amounts, scores: most numbers of
    // the large reports) is exactly its integer.
    char buf[24];
    out->append(buf, std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(v)).ptr);
    return;
  }
  if (AppendFewDecimals(out, v)) return;
  AppendDecimal(out, Significant(v));
}

std::string JsonNumber(double v) {
  std::string out;
  AppendJsonNumber(&out, v);
  return out;
}

double OutputNumber(double v) {
  if (!std::isfinite(v) || v == 0) return v == 0 ? 0.0 : v;
  if (v == std::trunc(v) && std::fabs(v) < 1e15) return v;
  const std::string text = JsonNumber(v);
  double rounded = v;
  std::from_chars(text.data(), text.data() + text.size(), rounded);
  return rounded;
}

}  // namespace flywheel
