// Adopters per period, the input of the Bass fit: read from a `period,adopters` CSV file,
// or counted from the months in which customers first paid.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"

namespace flywheel {

// Parses `period,adopters` CSV text: a header line `period,adopters`, then one line per
// period with periods 1, 2, 3, ... in order and adopters a number >= 0. Blank lines are
// skipped. Returns adopters[t − 1] for period t. Errors are kBadData "FILE:LINE: ...".
Result<std::vector<double>> ParseAdoptersCsv(std::string_view text, std::string_view file_name);
Result<std::vector<double>> LoadAdoptersCsv(const std::string& path);

// New customers per period from each customer's first month with revenue (kNullMonth
// entries are skipped): period 1 is the calendar period of the earliest first month, the
// last is the period containing `last_month`. Empty when there is no customer.
std::vector<double> CountAdoptersPerPeriod(const std::vector<Month>& first_months,
                                           const PeriodCalendar& calendar, Month last_month);

}  // namespace flywheel
