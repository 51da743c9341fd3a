#include "customers/icp_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace flywheel {

Interval WilsonInterval(double successes, double n) {
  const double z = 1.959963984540054;
  const double p = successes / n;
  const double z2 = z * z;
  const double centre = p + z2 / (2 * n);
  const double spread = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  const double denominator = 1 + z2 / n;
  return {(centre - spread) / denominator, (centre + spread) / denominator};
}

double Lift(double group_rate, double base_rate) {
  if (base_rate == 0) return std::numeric_limits<double>::quiet_NaN();
  return group_rate / base_rate;
}

double Auc(const std::vector<double>& scores, const std::vector<bool>& positive) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  // Mid-ranks (1-based) over tied groups; U = Σ ranks of positives − n₊(n₊+1)/2.
  double rank_sum = 0, positives = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double mid_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (size_t k = i; k < j; ++k) {
      if (positive[order[k]]) {
        rank_sum += mid_rank;
        positives += 1;
      }
    }
    i = j;
  }
  const double negatives = static_cast<double>(scores.size()) - positives;
  if (positives == 0 || negatives == 0) return std::numeric_limits<double>::quiet_NaN();
  return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

}  // namespace flywheel

namespace flywheel {

Interval AucInterval(double a, double positives, double negatives) {
  if (std::isnan(a) || positives <= 0 || negatives <= 0) {
    return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  }
  const double q1 = a / (2 - a), q2 = 2 * a * a / (1 + a);
  const double variance = (a * (1 - a) + (positives - 1) * (q1 - a * a) + (negatives - 1) * (q2 - a * a)) /
                          (positives * negatives);
  const double se = std::sqrt(std::max(variance, 0.0));
  const double z = 1.959963984540054;
  return {std::max(0.0, a - z * se), std::min(1.0, a + z * se)};
}

}  // namespace flywheel
