// Median and mean of a list of numbers, as metrics.md defines them: the median of an even
// count is the mean of the two middle values; both are NaN for an empty list.
#pragma once

#include <algorithm>
#include <numeric>
#include <vector>

#include "model/dataset.h"

namespace flywheel {

inline double Median(std::vector<double> v) {
  if (v.empty()) return kNullNumber;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

inline double Mean(const std::vector<double>& v) {
  if (v.empty()) return kNullNumber;
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

}  // namespace flywheel
