#include "base/date.h"

#include <cstdio>

namespace flywheel {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::optional<Day> ParseDate(std::string_view s) {
  int y, m, d;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!Digits(s, 0, 4, &y) || !Digits(s, 5, 2, &m) || !Digits(s, 8, 2, &d)) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  Day day = DayFromCivil(y, m, d);
  if (s.size() == 10) return day;
  // Timestamp: [T ]hh:mm[:ss[.fff]][Z|±hh:mm|±hhmm]
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int hh, mi, ss = 0;
  size_t p = 11;
  if (!Digits(s, p, 2, &hh) || p + 2 >= s.size() || s[p + 2] != ':' || !Digits(s, p + 3, 2, &mi)) {
    return std::nullopt;
  }
  p += 5;
  if (p < s.size() && s[p] == ':') {
    if (!Digits(s, p + 1, 2, &ss)) return std::nullopt;
    p += 3;
    if (p < s.size() && s[p] == '.') {
      ++p;
      size_t start = p;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
      if (p == start) return std::nullopt;
    }
  }
  if (hh > 23 || mi > 59 || ss > 60) return std::nullopt;
  int offset_minutes = 0;
  if (p < s.size()) {
    if (s[p] == 'Z' && p + 1 == s.size()) {
      // UTC
    } else if (s[p] == '+' || s[p] == '-') {
      int oh, om;
      size_t q = p + 1;
      if (!Digits(s, q, 2, &oh)) return std::nullopt;
      q += 2;
      if (q < s.size() && s[q] == ':') ++q;
      if (!Digits(s, q, 2, &om) || q + 2 != s.size() || oh > 23 || om > 59) return std::nullopt;
      offset_minutes = (oh * 60 + om) * (s[p] == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  int minutes = hh * 60 + mi - offset_minutes;  // minutes since local midnight, in UTC
  if (minutes < 0) return day - 1;
  if (minutes >= 24 * 60) return day + 1;
  return day;
}

std::optional<Month> ParseMonth(std::string_view s) {
  int y, m;
  if (s.size() != 7 || s[4] != '-' || !Digits(s, 0, 4, &y) || !Digits(s, 5, 2, &m)) return std::nullopt;
  if (m < 1 || m > 12) return std::nullopt;
  return MakeMonth(y, m);
}

std::string FormatDate(Day d) {
  int y, m, dd;
  CivilFromDay(d, &y, &m, &dd);
  char buf[48];  // room for any int, so the compiler sees no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, dd);
  return buf;
}

std::string FormatMonth(Month m) {
  char buf[48];  // room for any int, so the compiler sees no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d", YearOf(m), MonthNumberOf(m));
  return buf;
}

std::optional<Granularity> ParseGranularity(std::string_view text) {
  if (text == "month") return Granularity::kMonth;
  if (text == "quarter") return Granularity::kQuarter;
  if (text == "year") return Granularity::kYear;
  return std::nullopt;
}

std::string_view GranularityName(Granularity g) {
  switch (g) {
    case Granularity::kMonth:
      return "month";
    case Granularity::kQuarter:
      return "quarter";
    case Granularity::kYear:
      return "year";
  }
  return "month";
}

int MonthsPerPeriod(Granularity g) {
  switch (g) {
    case Granularity::kMonth:
      return 1;
    case Granularity::kQuarter:
      return 3;
    case Granularity::kYear:
      return 12;
  }
  return 1;
}

Month PeriodCalendar::PeriodStart(Month m) const {
  const int n = MonthsPerPeriod(granularity);
  if (n == 1) return m;
  const Month shifted = m - (fiscal_year_start - 1);  // fiscal months since epoch
  const Month floor = (shifted >= 0 ? shifted / n : (shifted - n + 1) / n) * n;
  return floor + (fiscal_year_start - 1);
}

std::string PeriodCalendar::Label(Month start) const {
  if (granularity == Granularity::kMonth) return FormatMonth(start);
  // The fiscal year is named after the calendar year in which it ends.
  const Month fiscal_year_first = [&] {
    PeriodCalendar y{Granularity::kYear, fiscal_year_start};
    return y.PeriodStart(start);
  }();
  const int fiscal_year = YearOf(fiscal_year_first + 11);
  if (granularity == Granularity::kYear) return std::to_string(fiscal_year);
  const int quarter = (start - fiscal_year_first) / 3 + 1;
  return std::to_string(fiscal_year) + "-Q" + std::to_string(quarter);
}

}  // namespace flywheel
