// Ranking segments by weighted score (market.md "Segment scoring"): total = Σ weight ×
// effective score, where the effective score is the raw score, or 6 − score for an inverse
// criterion. Segments vetoed by a showstopper criterion rank after all others. Pure
// functions; safe to call from any thread.
#pragma once

#include <vector>

#include "market/scoring_model.h"

namespace flywheel {

// Totals closer than this count as a tie.
inline constexpr double kScoreTieTolerance = 1e-9;

struct SegmentRank {
  size_t segment = 0;                 // index into ScoringModel::segments
  double total = 0;                   // 1.0 .. 5.0
  int rank = 0;                       // 1-based; ties share a rank (1, 1, 3)
  std::vector<size_t> veto_criteria;  // criteria whose veto_below the segment fails
  bool vetoed() const { return !veto_criteria.empty(); }
};

// Raw score s of criterion c as it counts: 6 − s for an inverse criterion, else s.
double EffectiveScore(const Criterion& c, double raw);

// Σ weights[i] × effective score of segment s on criterion i.
double TotalScore(const ScoringModel& model, size_t segment, const std::vector<double>& weights);

// The vetoing criteria of a segment (effective score below veto_below), in criteria order.
std::vector<size_t> VetoCriteria(const ScoringModel& model, size_t segment);

// All segments in rank order with the model's own weights: segments that are not vetoed
// first by total (descending), then vetoed ones by total; ties keep input order and share
// a rank. Ranks continue across the vetoed block.
std::vector<SegmentRank> RankSegments(const ScoringModel& model);

}  // namespace flywheel
