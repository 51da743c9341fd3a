// The health trend of a customer: is its health rising, steady or falling (docs/CUSTOMERS.md
// "Health trend")? The playbook reads it as `health_trend`; a "falling" account is one whose
// trend is down.
//
// Where the workspace holds a score snapshot taken as of an earlier date, the trend compares
// the account's health axis now with its health then, both computed with the scorecard in use
// (so that a change of weights or bands is not read as a change of health): up when it rose
// by at least [health] trend_points (default 5), down when it fell by at least that much,
// else flat.
// Otherwise (no such snapshot, or the account or its health missing from it) two signals of
// the last months decide:
//   usage   the usage_trend measure (the last 30 days against the 90 before): down at or
//           below 1 − usage_trend_band (default 0.75), up at or above 1 + the band;
//   NPS     the nps measure now against the same as of 90 days before
//           (AccountMeasures::nps_before): down when it fell by at least nps_trend_points
//           (default 1), up when it rose by at least that much.
// Down when a signal is down (a falling signal is not averaged away), else up when one is
// up, else flat; unknown when neither has data.
#pragma once

#include <string>
#include <unordered_map>

#include "customers/health_trend_value.h"
#include "customers/scorecard.h"

namespace flywheel {

struct ScoreSnapshot;

// From the health axis now and as of the snapshot (NaN: no data, then kUnknown).
HealthTrend HealthTrendFromChange(double health_now, double health_then, double trend_points);

// From usage and NPS: `usage_trend` the measure's raw ratio, `nps_now` and `nps_before` the
// nps measure now and 90 days before (NaN: no data).
HealthTrend HealthTrendFromSignals(double usage_trend, double nps_now, double nps_before,
                                   const Scorecard& card);

// The health axis of every account of `snapshot`, computed from the raw values it stored
// with `card` (bands and linear maps as now; percentile measures ranked within the snapshot),
// by account id; accounts without health data then are left out.
std::unordered_map<std::string, double> SnapshotHealth(const ScoreSnapshot& snapshot, const Scorecard& card);

}  // namespace flywheel
