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

void DayCounts::Add(int days) {
  if (static_cast<size_t>(days) >= counts_.size()) counts_.resize(static_cast<size_t>(days) + 1, 0);
  ++counts_[static_cast<size_t>(days)];
  ++count_;
  sum_ += days;
}

int DayCounts::ValueAt(int64_t rank) const {
  int64_t seen = 0;
  for (size_t d = 0; d < counts_.size(); ++d) {
    seen += counts_[d];
    if (rank < seen) return static_cast<int>(d);
  }
  return static_cast<int>(counts_.size()) - 1;
}

double DayCounts::Median() const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  // As Quantile(values, 0.5): h = (n − 1)·0.5, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
  const double h = (static_cast<double>(count_) - 1.0) * 0.5;
  const auto lo = static_cast<int64_t>(std::floor(h));
  const double low = ValueAt(lo);
  if (lo + 1 >= count_) return low;
  const double high = ValueAt(lo + 1);
  return low + (h - static_cast<double>(lo)) * (high - low);
}

double DayCounts::Mean() const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(sum_) / static_cast<double>(count_);
}

DistributionSummary Summarize(const std::vector<double>& values) {
  return {Mean(values), Quantile(values, 0.5), Quantile(values, 0.75), Quantile(values, 0.9)};
}

}  // namespace flywheel
