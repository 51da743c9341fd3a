// Field directions: which way of a field's value is good for the business ("nrr" higher,
// "sales_cycle_median_days" lower), in the JSON "fields" object ("better") so that a reader
// colours a change as good or bad news instead of up as green and down as red.
#pragma once

#include <string_view>

namespace flywheel {

enum class GoodDirection {
  kNone,    // an amount or count with no good direction of its own (spend, cohort size, FX)
  kHigher,  // more is better (MRR, win rate, retention)
  kLower,   // less is better (churn, cycle days, CAC, payback, burn multiple)
};

// The direction of `field` (a JSON field name of any report); kNone for fields not in the
// table and for text.
GoodDirection GoodDirectionOf(std::string_view field);

// "higher", "lower", or "" for kNone.
std::string_view GoodDirectionName(GoodDirection direction);

}  // namespace flywheel
