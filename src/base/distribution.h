// Distribution: the order statistics reports give for durations (sales cycle, open-deal
// age, stage-to-stage time, time to value): mean, median and interpolated percentiles.
#pragma once

#include <utility>
#include <vector>

namespace flywheel {

// The p-quantile (0 ≤ p ≤ 1) of `values` by linear interpolation between closest ranks
// (Hyndman & Fan type 7, the rule of Excel PERCENTILE.INC and numpy's default): sort the n
// values x[0..n-1], h = (n − 1)·p, result = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
// The median (p = 0.5) of an even count is the mean of the middle two. NaN when empty.
// `values` is taken by value because it is sorted.
double Quantile(std::vector<double> values, double p);

// The arithmetic mean; NaN when empty.
double Mean(const std::vector<double>& values);

struct DistributionSummary {
  double mean, median, p75, p90;  // NaN when there are no values
};
DistributionSummary Summarize(const std::vector<double>& values);

// The median: the middle value, or the mean of the two middle values of an even count.
inline double Median(std::vector<double> values) { return Quantile(std::move(values), 0.5); }

}  // namespace flywheel
