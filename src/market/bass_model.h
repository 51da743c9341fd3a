// The Bass diffusion model (Bass 1969): how a market of m potential customers adopts a
// product over time, driven by innovation (p) and imitation (q). Pure functions; safe to
// call from any thread.
#pragma once

#include <vector>

#include "base/status.h"

namespace flywheel {

struct BassParameters {
  double m = 0;     // market size: potential customers
  double p = 0.03;  // coefficient of innovation per period; default: the commonly cited average
  double q = 0.38;  // coefficient of imitation per period; default: the commonly cited average
};

// Checks m > 0, p > 0, q >= 0 (all finite); the message names the bad parameter.
Status ValidateBass(const BassParameters& b);

// Cumulative share adopted by time t >= 0:
// F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p) e^{−(p+q)t}).  REQUIRES: p > 0, q >= 0.
double BassCumulativeShare(double p, double q, double t);

// The adoption density f(t) = dF/dt = ((p+q)²/p) e^{−(p+q)t} / (1 + (q/p) e^{−(p+q)t})²: the
// share adopting per unit of time at t. REQUIRES: p > 0, q >= 0.
double BassDensity(double p, double q, double t);

// The time at which the cumulative share reaches `share` (0 <= share < 1), the inverse of
// BassCumulativeShare: t = ln((1 + share·q/p) / (1 − share)) / (p + q).
double BassTimeToShare(double p, double q, double share);

// The time of the adoption peak, t* = ln(q/p) / (p + q); 0 when q <= p (adoption falls
// from launch on).
double BassPeakTime(double p, double q);

// The first whole period t (1, 2, ...) with F(t) >= share: ceil of BassTimeToShare, at
// least 1. Compares with a relative tolerance of 1e-12 so that a share reached exactly at
// a whole period counts for that period.
int BassPeriodReaching(double p, double q, double share);

struct BassPeriod {
  int period = 0;         // 1 = the first period after launch
  double adopters = 0;    // m (F(t) − F(t−1))
  double cumulative = 0;  // m F(t)
};

// Adopters per period for periods 1..periods. REQUIRES: ValidateBass(b).ok().
std::vector<BassPeriod> BassForecast(const BassParameters& b, int periods);

}  // namespace flywheel
