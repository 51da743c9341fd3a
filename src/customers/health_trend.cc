#include "customers/health_trend.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "customers/account_score.h"
#include "customers/score_snapshots.h"

namespace flywheel {

HealthTrend HealthTrendFromChange(double health_now, double health_then, double trend_points) {
  if (std::isnan(health_now) || std::isnan(health_then)) return HealthTrend::kUnknown;
  const double change = health_now - health_then;
  if (change >= trend_points) return HealthTrend::kUp;
  if (-change >= trend_points) return HealthTrend::kDown;
  return HealthTrend::kFlat;
}

HealthTrend HealthTrendFromSignals(double usage_trend, double nps_now, double nps_before,
                                   const Scorecard& card) {
  bool down = false, up = false, known = false;
  if (!std::isnan(usage_trend)) {
    known = true;
    down = usage_trend <= 1 - card.usage_trend_band;
    up = usage_trend >= 1 + card.usage_trend_band;
  }
  if (!std::isnan(nps_now) && !std::isnan(nps_before)) {
    known = true;
    const double change = nps_now - nps_before;
    down = down || -change >= card.nps_trend_points;
    up = up || change >= card.nps_trend_points;
  }
  if (!known) return HealthTrend::kUnknown;
  if (down) return HealthTrend::kDown;
  return up ? HealthTrend::kUp : HealthTrend::kFlat;
}

std::unordered_map<std::string, double> SnapshotHealth(const ScoreSnapshot& snapshot, const Scorecard& card) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  // The health measures with a weight, and each one's raw value per account.
  std::vector<const MeasureSpec*> specs;
  for (const MeasureSpec& m : card.measures) {
    if (m.dimension == "health" && m.weight > 0) specs.push_back(&m);
  }
  const size_t n = snapshot.accounts.size();
  std::vector<std::vector<double>> raw(specs.size(), std::vector<double>(n, kNaN));
  for (size_t k = 0; k < specs.size(); ++k) {
    for (size_t i = 0; i < n; ++i) {
      auto it = snapshot.accounts[i].raw.find(specs[k]->name);
      if (it != snapshot.accounts[i].raw.end()) raw[k][i] = it->second;
    }
  }
  std::vector<double> sum(n, 0), weight(n, 0);
  for (size_t k = 0; k < specs.size(); ++k) {
    std::vector<double> group;  // percentile: the values of the snapshot's accounts
    if (specs[k]->method == Normalisation::kPercentile) {
      for (double v : raw[k]) {
        if (!std::isnan(v)) group.push_back(v);
      }
      std::sort(group.begin(), group.end());
    }
    for (size_t i = 0; i < n; ++i) {
      const double normalised = specs[k]->method == Normalisation::kPercentile
                                    ? PercentileScore(group, raw[k][i], specs[k]->lower_is_better)
                                    : NormaliseValue(*specs[k], raw[k][i]);
      if (std::isnan(normalised)) continue;
      sum[i] += normalised * specs[k]->weight;
      weight[i] += specs[k]->weight;
    }
  }
  std::unordered_map<std::string, double> health;
  health.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (weight[i] > 0) health.emplace(snapshot.accounts[i].account_id, sum[i] / weight[i]);
  }
  return health;
}

}  // namespace flywheel
