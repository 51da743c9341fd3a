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

namespace flywheel {

// 95 % interval of an AUC by Hanley & McNeil (1982): SE² = (A(1−A) + (n₊−1)(Q1−A²) +
// (n₋−1)(Q2−A²)) / (n₊ n₋), Q1 = A/(2−A), Q2 = 2A²/(1+A); A ± 1.96 SE clipped to [0, 1].
// NaN bounds when `auc` is NaN.
Interval AucInterval(double auc, double positives, double negatives);

}  // namespace flywheel
