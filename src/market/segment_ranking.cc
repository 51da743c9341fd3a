#include "market/segment_ranking.h"

#include <algorithm>
#include <cmath>

namespace flywheel {

double EffectiveScore(const Criterion& c, double raw) { return c.inverse ? 6.0 - raw : raw; }

double TotalScore(const ScoringModel& model, size_t segment, const std::vector<double>& weights) {
  double total = 0;
  for (size_t i = 0; i < model.criteria.size(); ++i) {
    total += weights[i] * EffectiveScore(model.criteria[i], model.segments[segment].scores[i]);
  }
  return total;
}

std::vector<size_t> VetoCriteria(const ScoringModel& model, size_t segment) {
  std::vector<size_t> out;
  for (size_t i = 0; i < model.criteria.size(); ++i) {
    const Criterion& c = model.criteria[i];
    if (c.veto_below && EffectiveScore(c, model.segments[segment].scores[i]) < *c.veto_below)
      out.push_back(i);
  }
  return out;
}

std::vector<SegmentRank> RankSegments(const ScoringModel& model) {
  std::vector<double> weights;
  for (const auto& c : model.criteria) weights.push_back(c.weight);
  std::vector<SegmentRank> ranks;
  for (size_t s = 0; s < model.segments.size(); ++s) {
    ranks.push_back({s, TotalScore(model, s, weights), 0, VetoCriteria(model, s)});
  }
  // Stable: equal keys keep input order.
  std::stable_sort(ranks.begin(), ranks.end(), [](const SegmentRank& a, const SegmentRank& b) {
    if (a.vetoed() != b.vetoed()) return !a.vetoed();
    if (std::fabs(a.total - b.total) <= kScoreTieTolerance) return false;
    return a.total > b.total;
  });
  for (size_t i = 0; i < ranks.size(); ++i) {
    bool tie = i > 0 && ranks[i].vetoed() == ranks[i - 1].vetoed() &&
               std::fabs(ranks[i].total - ranks[i - 1].total) <= kScoreTieTolerance;
    ranks[i].rank = tie ? ranks[i - 1].rank : static_cast<int>(i) + 1;
  }
  return ranks;
}

}  // namespace flywheel
