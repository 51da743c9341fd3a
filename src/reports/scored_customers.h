// The score of every customer as of a date with the scorecard that gave it: what the
// customers, attention and migration reports and the customers drill-down read, and what
// DerivedData (reports/report_input.h) keeps per date. Made by ScoreCustomers
// (reports/report_registry.h).
#pragma once

#include <string>
#include <vector>

#include "base/date.h"
#include "customers/account_score.h"
#include "customers/scorecard.h"

namespace flywheel {

struct ScoredCustomers {
  Scorecard card;
  std::vector<AccountScore> scores;
  Day as_of = kNullDay;
  std::string health_trend_basis;  // what the health trend compared, in words (a note)
};

}  // namespace flywheel
