// Distribution: the order statistics reports give for durations (sales cycle, open-deal
// age, stage-to-stage time, time to value): mean, median and interpolated percentiles.
#pragma once

#include <cstdint>
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

// A distribution of whole, non-negative day counts held as a count per value instead of a
// list: for durations added millions of times (the bowtie's stage-to-stage days), where
// sorting a list for the median costs more than the counting. Median() and Mean() return
// exactly what Median() and Mean() of the list of the same values return (the sum of whole
// numbers below 2^53 is exact in any order).
class DayCounts {
 public:
  void Add(int days);  // REQUIRES: days >= 0
  int64_t count() const { return count_; }
  double Median() const;  // NaN when empty
  double Mean() const;    // NaN when empty

 private:
  std::vector<int64_t> counts_;  // counts_[d]: how many values equal d
  int64_t count_ = 0;
  int64_t sum_ = 0;
  int ValueAt(int64_t rank) const;  // the rank-th value in ascending order (0-based)
};

}  // namespace flywheel
