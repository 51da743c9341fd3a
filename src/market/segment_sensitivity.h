// Sensitivity of a segment ranking to its weights (market.md "Sensitivity" and "Rank
// stability").
//
// One weight at a time: when criterion k's weight moves from w_k to x, the others are
// rescaled by (1 − x) / (1 − w_k), so every segment's total is linear in x:
//   T_s(x) = x·e_sk + (1 − x)/(1 − w_k) · Σ_{j≠k} w_j e_sj.
// The winner W is overtaken by s where T_s(x) = T_W(x); those crossings are solved exactly.
// Only segments that are not vetoed compete (vetoes do not depend on weights), unless all
// are vetoed. With a tie for first place, a change that breaks the tie against the listed
// winner is a flip of 0 pp.
//
// Random weightings: Dirichlet(concentration × w) draws with a fixed seed; the share of
// draws in which each segment ranks first, ties split evenly.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "market/scoring_model.h"

namespace flywheel {

struct WeightFlip {
  double change_pp = 0;   // signed change of the weight in percentage points
  size_t new_winner = 0;  // the segment ranked first just beyond the change
};

struct CriterionSensitivity {
  size_t criterion = 0;
  std::optional<WeightFlip> up;    // smallest increase that changes the winner; none within 0–100 %
  std::optional<WeightFlip> down;  // smallest decrease (change_pp < 0)
  // The smaller of the two in size (up when equal); none when neither exists.
  std::optional<WeightFlip> smallest() const;
};

struct StabilityOptions {
  int draws = 10000;           // number of random weightings
  double concentration = 100;  // Dirichlet alpha_i = concentration × w_i; larger = closer to w
  uint64_t seed = 20240601;    // fixed, so reports are reproducible
};

struct Sensitivity {
  size_t winner = 0;                           // the segment ranked first
  std::vector<CriterionSensitivity> criteria;  // in criteria order
  bool fragile = false;                        // some flip within ± kFragilePp
  std::vector<double> first_share;             // per segment, in input order
};

inline constexpr double kFragilePp = 5.0;

// REQUIRES: model has at least one segment and one criterion.
Sensitivity AnalyzeSensitivity(const ScoringModel& model, const StabilityOptions& options);

}  // namespace flywheel
