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
#include <vector>

namespace flywheel {

using Day = int32_t;
using Month = int32_t;

inline constexpr Day kNullDay = INT32_MIN;  // an empty date field
inline constexpr Day kOpenEnd = INT32_MAX;  // a period without end (end_date null)
inline constexpr Month kNullMonth = INT32_MIN;

// Days since 1970-01-01 for a civil date. REQUIRES: a valid date.
// Both directions are Howard Hinnant's public-domain days_from_civil / civil_from_days
// algorithms, defined here so that the reports' per-row date arithmetic is inlined (every
// division is by a constant).
constexpr Day DayFromCivil(int year, int month, int day) {
  int64_t y = static_cast<int64_t>(year) - (month <= 2);
  const unsigned m = static_cast<unsigned>(month);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<Day>(era * 146097 + static_cast<int64_t>(doe) - 719468);
}
constexpr void CivilFromDay(Day d, int* year, int* month, int* day) {
  const int64_t z = static_cast<int64_t>(d) + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
  const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
  *year = static_cast<int>(y + (mm <= 2));
  *month = static_cast<int>(mm);
  *day = static_cast<int>(dd);
}

// Parses "YYYY-MM-DD", or a timestamp "YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]" (also with a
// space instead of T) which is converted to its UTC date. Returns nullopt when the text
// is not such a date or names a day that does not exist.
std::optional<Day> ParseDate(std::string_view text);
// Parses "YYYY-MM".
std::optional<Month> ParseMonth(std::string_view text);

std::string FormatDate(Day d);     // "YYYY-MM-DD"
std::string FormatMonth(Month m);  // "YYYY-MM"

constexpr Month MonthOfDay(Day d) {
  int y, m, dd;
  CivilFromDay(d, &y, &m, &dd);
  return y * 12 + (m - 1);
}
constexpr Month MakeMonth(int year, int month) { return year * 12 + (month - 1); }
constexpr int YearOf(Month m) { return m >= 0 ? m / 12 : (m - 11) / 12; }
constexpr int MonthNumberOf(Month m) { return m - YearOf(m) * 12 + 1; }  // 1..12
constexpr Day FirstDayOfMonth(Month m) { return DayFromCivil(YearOf(m), MonthNumberOf(m), 1); }
constexpr Day LastDayOfMonth(Month m) { return FirstDayOfMonth(m + 1) - 1; }

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

// The number of each day's period counted from the period starting at `first_period` (0 for
// its days), for the days first_day .. last_day: loops over millions of dated rows read a
// day's period from it instead of converting the day to a month and the month to a period.
// REQUIRES: first_period <= cal.PeriodStart(MonthOfDay(first_day)), first_day <= last_day.
class PeriodOfDay {
 public:
  PeriodOfDay(const PeriodCalendar& cal, Month first_period, Day first_day, Day last_day)
      : first_day_(first_day) {
    const int months_per_period = MonthsPerPeriod(cal.granularity);
    period_.resize(static_cast<size_t>(last_day - first_day) + 1);
    for (Day d = first_day; d <= last_day; ++d) {
      period_[static_cast<size_t>(d - first_day)] =
          static_cast<uint32_t>((cal.PeriodStart(MonthOfDay(d)) - first_period) / months_per_period);
    }
  }
  // REQUIRES: first_day <= d <= last_day.
  uint32_t operator()(Day d) const { return period_[static_cast<size_t>(d - first_day_)]; }
  // The number of the last day's period.
  uint32_t last() const { return period_.back(); }

 private:
  Day first_day_;
  std::vector<uint32_t> period_;
};

}  // namespace flywheel
