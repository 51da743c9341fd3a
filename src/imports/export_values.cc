#include "imports/export_values.h"

#include <cctype>

#include "base/strings.h"
#include "ingest/field_parsers.h"

namespace flywheel {

namespace {

struct Symbol {
  std::string_view text;
  std::string_view code;
};
constexpr Symbol kSymbols[] = {{"US$", "USD"}, {"€", "EUR"}, {"$", "USD"},
                               {"£", "GBP"},   {"¥", "JPY"}, {"CHF", "CHF"}};

bool IsUpperCode(std::string_view s) {
  if (s.size() != 3) return false;
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// Removes a currency symbol or code at the start or end of `s` and records it.
bool StripCurrency(std::string_view* s, std::string* currency) {
  for (const Symbol& sym : kSymbols) {
    if (s->starts_with(sym.text)) {
      s->remove_prefix(sym.text.size());
      *currency = std::string(sym.code);
      return true;
    }
    if (s->ends_with(sym.text)) {
      s->remove_suffix(sym.text.size());
      *currency = std::string(sym.code);
      return true;
    }
  }
  if (s->size() > 3 && IsUpperCode(s->substr(0, 3))) {
    *currency = std::string(s->substr(0, 3));
    s->remove_prefix(3);
    return true;
  }
  if (s->size() > 3 && IsUpperCode(s->substr(s->size() - 3))) {
    *currency = std::string(s->substr(s->size() - 3));
    s->remove_suffix(3);
    return true;
  }
  return false;
}

// "1,234,567" -> "1234567" when the separators stand between groups of three digits.
std::optional<std::string> RemoveThousands(std::string_view digits, char thousands) {
  if (thousands == 0 || digits.find(thousands) == std::string_view::npos) return std::string(digits);
  std::string out;
  size_t group = 0;
  bool first_group = true;
  for (char c : digits) {
    if (c == thousands) {
      if (group == 0 || group > 3 || (!first_group && group != 3)) return std::nullopt;
      first_group = false;
      group = 0;
      continue;
    }
    out += c;
    ++group;
  }
  if (!first_group && group != 3) return std::nullopt;
  return out;
}

bool ReadDigits(std::string_view s, size_t* p, int min, int max, int* value) {
  int n = 0;
  int v = 0;
  while (*p < s.size() && n < max && std::isdigit(static_cast<unsigned char>(s[*p]))) {
    v = v * 10 + (s[*p] - '0');
    ++*p;
    ++n;
  }
  if (n < min) return false;
  *value = v;
  return true;
}

constexpr std::string_view kMonthNames[] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

int DaysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// "%s": seconds since 1970-01-01 UTC (a Unix timestamp, as some APIs export dates), the
// whole value; optionally with a fraction of a second.
std::optional<Day> ParseUnixSeconds(std::string_view s) {
  size_t p = 0;
  bool negative = false;
  if (p < s.size() && s[p] == '-') {
    negative = true;
    ++p;
  }
  int64_t seconds = 0;
  size_t digits = 0;
  while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p])) && digits < 12) {
    seconds = seconds * 10 + (s[p] - '0');
    ++p;
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (p < s.size() && s[p] == '.') {
    ++p;
    while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) ++p;
  }
  if (p != s.size()) return std::nullopt;
  if (negative) seconds = -seconds;
  const int64_t day = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  return static_cast<Day>(day);
}

std::optional<Day> ParseWithFormat(std::string_view s, std::string_view f) {
  if (f == "%s") return ParseUnixSeconds(s);
  int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0, offset = 0;
  int pm = -1;
  size_t p = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] == ' ') {
      if (p >= s.size() || s[p] != ' ') return std::nullopt;
      while (p < s.size() && s[p] == ' ') ++p;
      continue;
    }
    if (f[i] != '%' || i + 1 == f.size()) {
      if (p >= s.size() || s[p] != f[i]) return std::nullopt;
      ++p;
      continue;
    }
    const char d = f[++i];
    int v = 0;
    switch (d) {
      case 'Y':
        if (!ReadDigits(s, &p, 4, 4, &year)) return std::nullopt;
        break;
      case 'y':
        if (!ReadDigits(s, &p, 2, 2, &v)) return std::nullopt;
        year = 2000 + v;
        break;
      case 'm':
        if (!ReadDigits(s, &p, 1, 2, &month)) return std::nullopt;
        break;
      case 'd':
        if (!ReadDigits(s, &p, 1, 2, &day)) return std::nullopt;
        break;
      case 'H':
      case 'I':
        if (!ReadDigits(s, &p, 1, 2, &hour)) return std::nullopt;
        break;
      case 'M':
        if (!ReadDigits(s, &p, 2, 2, &minute)) return std::nullopt;
        break;
      case 'S':
        if (!ReadDigits(s, &p, 2, 2, &second)) return std::nullopt;
        break;
      case 'f':
        if (!ReadDigits(s, &p, 1, 9, &v)) return std::nullopt;
        break;
      case 'b': {
        size_t start = p;
        while (p < s.size() && std::isalpha(static_cast<unsigned char>(s[p]))) ++p;
        std::string word = ToLower(s.substr(start, p - start));
        month = -1;
        for (int m = 0; m < 12; ++m) {
          if (word.size() >= 3 && kMonthNames[m].starts_with(word)) month = m + 1;
        }
        if (month < 0) return std::nullopt;
        break;
      }
      case 'p': {
        std::string word = ToLower(s.substr(p, 2));
        if (word != "am" && word != "pm") return std::nullopt;
        pm = word == "pm";
        p += 2;
        break;
      }
      case 'z': {
        if (p < s.size() && s[p] == 'Z') {
          ++p;
          break;
        }
        if (p >= s.size() || (s[p] != '+' && s[p] != '-')) return std::nullopt;
        const int sign = s[p] == '-' ? -1 : 1;
        ++p;
        int oh = 0, om = 0;
        if (!ReadDigits(s, &p, 2, 2, &oh)) return std::nullopt;
        if (p < s.size() && s[p] == ':') ++p;
        if (!ReadDigits(s, &p, 2, 2, &om)) return std::nullopt;
        offset = sign * (oh * 60 + om);
        break;
      }
      default:
        if (p >= s.size() || s[p] != d) return std::nullopt;
        ++p;
    }
  }
  if (p != s.size() || year < 0 || month < 1 || month > 12 || day < 1 || day > DaysIn(year, month)) {
    return std::nullopt;
  }
  if (pm >= 0) {
    if (hour < 1 || hour > 12) return std::nullopt;
    hour = hour % 12 + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  const int64_t minutes = (hour * 60 + minute) - offset;
  Day result = DayFromCivil(year, month, day);
  if (minutes < 0) return result - 1;
  if (minutes >= 24 * 60) return result + 1;
  return result;
}

}  // namespace

std::string CurrencyOfSymbol(std::string_view symbol) {
  for (const Symbol& sym : kSymbols) {
    if (sym.text == symbol) return std::string(sym.code);
  }
  return "";
}

std::optional<ExportAmount> ParseExportAmount(std::string_view text, const NumberFormat& format) {
  std::string_view s = Trim(text);
  ExportAmount out;
  bool negative = false;
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    negative = true;
    s = Trim(s.substr(1, s.size() - 2));
  }
  if (StripCurrency(&s, &out.currency)) s = Trim(s);
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = negative != (s.front() == '-');
    s = Trim(s.substr(1));
    if (out.currency.empty() && StripCurrency(&s, &out.currency)) s = Trim(s);
  }
  // A K or M suffix ("12.5K", "1.2M", "3 M"): thousands, millions.
  double scale = 1;
  if (!s.empty() && (s.back() == 'K' || s.back() == 'k' || s.back() == 'M' || s.back() == 'm')) {
    scale = (s.back() == 'K' || s.back() == 'k') ? 1e3 : 1e6;
    s = Trim(s.substr(0, s.size() - 1));
    if (out.currency.empty() && StripCurrency(&s, &out.currency)) s = Trim(s);
  }
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s.front()))) return std::nullopt;
  std::string_view integer = s;
  std::string_view fraction;
  const size_t dot = s.find(format.decimal);
  if (dot != std::string_view::npos) {
    integer = s.substr(0, dot);
    fraction = s.substr(dot + 1);
  }
  auto digits = RemoveThousands(integer, format.thousands);
  if (!digits || digits->empty()) return std::nullopt;
  std::string number = *digits;
  if (dot != std::string_view::npos) number += "." + std::string(fraction);
  for (char c : number) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return std::nullopt;
  }
  auto value = ParseNumber(number);
  if (!value) return std::nullopt;
  out.value = (negative ? -*value : *value) * scale;
  if (out.value == 0) out.value = 0;  // no "-0"
  return out;
}

std::optional<Day> ParseExportDate(std::string_view text, const std::vector<std::string>& formats) {
  std::string_view s = Trim(text);
  if (s.ends_with(" UTC") || s.ends_with(" GMT")) s = Trim(s.substr(0, s.size() - 4));
  for (const std::string& f : formats) {
    if (auto day = ParseWithFormat(s, f)) return day;
  }
  if (auto day = ParseDate(s)) return day;
  return ParseWithFormat(s, "%Y-%m-%dT%H:%M:%S.%f%z");
}

}  // namespace flywheel
