#include "market/bass_model.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace flywheel {

Status ValidateBass(const BassParameters& b) {
  if (!std::isfinite(b.m) || b.m <= 0) return Status::Usage(fmt::format("m must be positive (got {})", b.m));
  if (!std::isfinite(b.p) || b.p <= 0) return Status::Usage(fmt::format("p must be positive (got {})", b.p));
  if (!std::isfinite(b.q) || b.q < 0)
    return Status::Usage(fmt::format("q must not be negative (got {})", b.q));
  return Status::Ok();
}

double BassCumulativeShare(double p, double q, double t) {
  double e = std::exp(-(p + q) * t);
  return (1.0 - e) / (1.0 + (q / p) * e);
}

double BassDensity(double p, double q, double t) {
  const double e = std::exp(-(p + q) * t);
  const double d = 1.0 + (q / p) * e;
  return (p + q) * (p + q) / p * e / (d * d);
}

double BassTimeToShare(double p, double q, double share) {
  return std::log((1.0 + share * q / p) / (1.0 - share)) / (p + q);
}

double BassPeakTime(double p, double q) {
  if (q <= p) return 0.0;
  return std::log(q / p) / (p + q);
}

int BassPeriodReaching(double p, double q, double share) {
  double t = BassTimeToShare(p, q, share);
  double whole = std::ceil(t - 1e-12 * std::max(1.0, t));
  return std::max(1, static_cast<int>(whole));
}

std::vector<BassPeriod> BassForecast(const BassParameters& b, int periods) {
  std::vector<BassPeriod> out;
  double previous = 0.0;
  for (int t = 1; t <= periods; ++t) {
    double f = BassCumulativeShare(b.p, b.q, t);
    out.push_back({t, b.m * (f - previous), b.m * f});
    previous = f;
  }
  return out;
}

}  // namespace flywheel
