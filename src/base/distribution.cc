#include "base/distribution.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace flywheel {

double Quantile(std::vector<double> values, double p) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  double h = (static_cast<double>(values.size()) - 1.0) * p;
  size_t lo = static_cast<size_t>(std::floor(h));
  if (lo + 1 >= values.size()) return values.back();
  return values[lo] + (h - static_cast<double>(lo)) * (values[lo + 1] - values[lo]);
}

double Mean(const std::vector<double>& values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

DistributionSummary Summarize(const std::vector<double>& values) {
  return {Mean(values), Quantile(values, 0.5), Quantile(values, 0.75), Quantile(values, 0.9)};
}

}  // namespace flywheel
