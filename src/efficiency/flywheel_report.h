// The flywheel report (metrics.md §5, README "The flywheel formula"): per period × segment,
// force (new + reactivation + expansion ARR), friction (churn + contraction ARR), speed
// (new-deal win rate × 365 / median new-deal cycle days) and momentum = (force − friction)
// × speed; plus the leading / lagging indicator table per segment with each indicator's
// last values and trend.
#pragma once

#include <string>
#include <string_view>

#include "efficiency/flywheel_inputs.h"
#include "output/field_direction.h"
#include "output/report.h"

namespace flywheel {

// A trend is "flat" when the latest value differs from the one before by at most this
// share of the earlier value's magnitude (docs/EFFICIENCY.md).
inline constexpr double kFlatTolerance = 0.05;
// "up", "down" or "flat"; "" when either value is unknown.
std::string Trend(double previous, double latest);

// "better", "worse" or "flat" for a trend ("up", "down", "flat") of an indicator whose good
// direction is `better` (output/field_direction.h: a shorter cycle is better, a higher win
// rate is better); "" for an unknown trend or a field with no good direction.
std::string Assessment(std::string_view trend, GoodDirection better);

// Fails (kNotFound) when subscriptions.csv or opportunities.csv is missing. The indicator
// table goes to JSON as "indicators".
Result<Report> BuildFlywheelReport(const FlywheelInputs& in);

// The leading / lagging indicators as a table of their own (flywheel flywheel --indicators):
// per segment and indicator, the values of the last three periods, the change between the
// last two and the trend.
Report BuildIndicatorReport(const FlywheelInputs& in);

}  // namespace flywheel
