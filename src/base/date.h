// Calendar arithmetic on plain integers, so that tables of dates are columns of int32.
//
// A Day is the number of days since 1970-01-01 (civil, proleptic Gregorian).
// A Month is year * 12 + (month - 1); consecutive months are consecutive integers.
// Quarters and years are computed from months; fiscal years shift the start month.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flywheel {

using Day = int32_t;
using Month = int32_t;

inline constexpr Day kNullDay = INT32_MIN;   // an empty date field
inline constexpr Day kOpenEnd = INT32_MAX;   // a period without end (end_date null)
inline constexpr Month kNullMonth = INT32_MIN;

// Days since 1970-01-01 for a civil date. REQUIRES: a valid date.
Day DayFromCivil(int year, int month, int day);
void CivilFromDay(Day d, int* year, int* month, int* day);

// Parses "YYYY-MM-DD", or a timestamp "YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]" (also with a
// space instead of T) which is converted to its UTC date. Returns nullopt when the text
// is not such a date or names a day that does not exist.
std::optional<Day> ParseDate(std::string_view text);
// Parses "YYYY-MM".
std::optional<Month> ParseMonth(std::string_view text);

std::string FormatDate(Day d);      // "YYYY-MM-DD"
std::string FormatMonth(Month m);   // "YYYY-MM"

inline Month MonthOfDay(Day d) {
  int y, m, dd;
  CivilFromDay(d, &y, &m, &dd);
  return y * 12 + (m - 1);
}
inline Month MakeMonth(int year, int month) { return year * 12 + (month - 1); }
inline int YearOf(Month m) { return m >= 0 ? m / 12 : (m - 11) / 12; }
inline int MonthNumberOf(Month m) { return m - YearOf(m) * 12 + 1; }  // 1..12
Day FirstDayOfMonth(Month m);
Day LastDayOfMonth(Month m);

// Reporting periods. A period is identified by its first month; its label depends on the
// granularity: "2024-03", "2024-Q1", "2024". Fiscal years starting in month F (1..12)
// shift quarters and years: with F = 2, 2024-Q1 is Feb–Apr 2024... labelled by the
// calendar year in which the fiscal year ends, as most finance teams do.
enum class Granularity { kMonth, kQuarter, kYear };
std::optional<Granularity> ParseGranularity(std::string_view text);
std::string_view GranularityName(Granularity g);
int MonthsPerPeriod(Granularity g);

struct PeriodCalendar {
  Granularity granularity = Granularity::kMonth;
  int fiscal_year_start = 1;  // 1..12

  // The first month of the period containing m.
  Month PeriodStart(Month m) const;
  Month PeriodEnd(Month m) const { return PeriodStart(m) + MonthsPerPeriod(granularity) - 1; }
  std::string Label(Month period_start) const;
};

}  // namespace flywheel
