// The statistics of ICP discovery and of the scorecard backtest (customers.md "Finding the
// ICP in the data"): Wilson score intervals, lift against a base rate, and the AUC.
#pragma once

#include <vector>

namespace flywheel {

struct Interval {
  double low = 0, high = 0;
};

// 95 % Wilson score interval of `successes` out of `n` (z = 1.959964):
// (p + z²/2n ± z √(p(1−p)/n + z²/4n²)) / (1 + z²/n). REQUIRES: 0 ≤ successes ≤ n, n > 0.
Interval WilsonInterval(double successes, double n);

// The rate of a group divided by the base rate; NaN when the base rate is 0.
double Lift(double group_rate, double base_rate);

// Area under the ROC curve: the probability that a random positive scores higher than a
// random negative, ties counting one half (Mann–Whitney U / (n₊ n₋)). NaN without both
// positives and negatives. `scores` and `positive` have the same length.
double Auc(const std::vector<double>& scores, const std::vector<bool>& positive);

}  // namespace flywheel
