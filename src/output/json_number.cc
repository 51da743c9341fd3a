#include "output/json_number.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

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

// The shortest digits that read back as v, cut to 15 significant digits when longer.
Decimal Significant(double v) {
  char text[40];
  auto r = std::to_chars(text, text + sizeof text, v, std::chars_format::scientific);
  Decimal d = FromScientific(text, r.ptr);
  if (d.count > kSignificantDigits) {
    r = std::to_chars(text, text + sizeof text, v, std::chars_format::scientific, kSignificantDigits - 1);
    d = FromScientific(text, r.ptr);
  }
  return d;
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
