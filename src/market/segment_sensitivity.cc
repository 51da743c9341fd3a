#include "market/segment_sensitivity.h"

#include <cmath>

#include "market/dirichlet_sampler.h"
#include "market/segment_ranking.h"

namespace flywheel {
namespace {

constexpr double kSlopeEpsilon = 1e-12;

// The segments that compete for first place: those not vetoed, or all when all are.
std::vector<size_t> Competitors(const ScoringModel& model) {
  std::vector<size_t> out, all;
  for (size_t s = 0; s < model.segments.size(); ++s) {
    all.push_back(s);
    if (VetoCriteria(model, s).empty()) out.push_back(s);
  }
  return out.empty() ? all : out;
}

CriterionSensitivity AnalyzeCriterion(const ScoringModel& model, size_t k, size_t winner,
                                      const std::vector<size_t>& competitors) {
  CriterionSensitivity result;
  result.criterion = k;
  const double wk = model.criteria[k].weight;
  if (wk >= 1.0 - kSlopeEpsilon) return result;  // no other weight to rescale
  // T_s(x) = R_s + x (e_sk − R_s), with R_s the rest of the total rescaled to sum 1.
  auto line = [&](size_t s, double* intercept, double* slope) {
    double rest = 0;
    for (size_t j = 0; j < model.criteria.size(); ++j) {
      if (j != k)
        rest += model.criteria[j].weight * EffectiveScore(model.criteria[j], model.segments[s].scores[j]);
    }
    rest /= 1.0 - wk;
    *intercept = rest;
    *slope = EffectiveScore(model.criteria[k], model.segments[s].scores[k]) - rest;
  };
  double rw, sw;
  line(winner, &rw, &sw);
  struct Best {
    double x = 0, slope = 0;
    size_t segment = 0;
    bool found = false;
  } up, down;
  for (size_t s : competitors) {
    if (s == winner) continue;
    double rs, ss;
    line(s, &rs, &ss);
    double a = rs - rw, b = ss - sw;  // D_s(x) = a + b x
    if (b > kSlopeEpsilon) {
      double x = std::max(-a / b, wk);
      if (x < 1.0 - kSlopeEpsilon &&
          (!up.found || x < up.x - 1e-12 || (std::fabs(x - up.x) <= 1e-12 && b > up.slope))) {
        up = {x, b, s, true};
      }
    } else if (b < -kSlopeEpsilon) {
      double x = std::min(-a / b, wk);
      if (x > kSlopeEpsilon &&
          (!down.found || x > down.x + 1e-12 || (std::fabs(x - down.x) <= 1e-12 && b < down.slope))) {
        down = {x, b, s, true};
      }
    }
  }
  auto pp = [&](double x) {
    double change = (x - wk) * 100.0;
    return std::fabs(change) < 1e-9 ? 0.0 : change;
  };
  if (up.found) result.up = WeightFlip{pp(up.x), up.segment};
  if (down.found) result.down = WeightFlip{pp(down.x), down.segment};
  return result;
}

}  // namespace

std::optional<WeightFlip> CriterionSensitivity::smallest() const {
  if (up && down) return std::fabs(down->change_pp) < std::fabs(up->change_pp) ? down : up;
  return up ? up : down;
}

Sensitivity AnalyzeSensitivity(const ScoringModel& model, const StabilityOptions& options) {
  Sensitivity out;
  out.winner = RankSegments(model).front().segment;
  const std::vector<size_t> competitors = Competitors(model);
  for (size_t k = 0; k < model.criteria.size(); ++k) {
    out.criteria.push_back(AnalyzeCriterion(model, k, out.winner, competitors));
    auto flip = out.criteria.back().smallest();
    if (flip && std::fabs(flip->change_pp) <= kFragilePp + 1e-9) out.fragile = true;
  }

  out.first_share.assign(model.segments.size(), 0.0);
  std::vector<double> alpha;
  for (const auto& c : model.criteria) alpha.push_back(options.concentration * c.weight);
  DirichletSampler sampler(options.seed);
  std::vector<size_t> leaders;
  for (int draw = 0; draw < options.draws; ++draw) {
    std::vector<double> w = sampler.Dirichlet(alpha);
    double best = -1;
    leaders.clear();
    for (size_t s : competitors) {
      double total = TotalScore(model, s, w);
      if (total > best + kScoreTieTolerance) {
        best = total;
        leaders.assign(1, s);
      } else if (std::fabs(total - best) <= kScoreTieTolerance) {
        leaders.push_back(s);
      }
    }
    for (size_t s : leaders) out.first_share[s] += 1.0 / static_cast<double>(leaders.size());
  }
  if (options.draws > 0) {
    for (double& share : out.first_share) share /= options.draws;
  }
  return out;
}

}  // namespace flywheel
