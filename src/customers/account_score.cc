#include "customers/account_score.h"

#include <algorithm>
#include <cmath>

#include "base/strings.h"

namespace flywheel {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* MethodName(Normalisation m) {
  switch (m) {
    case Normalisation::kBands:
      return "bands";
    case Normalisation::kLinear:
      return "linear";
    case Normalisation::kPercentile:
      return "percentile";
  }
  return "";
}

// The percentile score of a value with `below` smaller and `equal` equal values (itself
// included) among `n`: (below + equal / 2) / n × 100, flipped when lower is better.
double PercentileOfRank(size_t below, size_t equal, size_t n, bool lower_is_better) {
  const double p =
      (static_cast<double>(below) + static_cast<double>(equal) / 2) / static_cast<double>(n) * 100;
  return lower_is_better ? 100 - p : p;
}

}  // namespace

double NormaliseValue(const MeasureSpec& spec, double raw) {
  if (std::isnan(raw)) return kNaN;
  if (spec.method == Normalisation::kBands) {
    double score = spec.bands.front().second;
    for (const auto& [from, s] : spec.bands) {
      if (raw >= from) score = s;
    }
    return score;
  }
  double x = (raw - spec.low) / (spec.high - spec.low) * 100;
  return std::clamp(x, 0.0, 100.0);
}

double PercentileScore(const std::vector<double>& sorted_group, double value, bool lower_is_better) {
  if (sorted_group.empty() || std::isnan(value)) return kNaN;
  auto lo = std::lower_bound(sorted_group.begin(), sorted_group.end(), value);
  auto hi = std::upper_bound(sorted_group.begin(), sorted_group.end(), value);
  return PercentileOfRank(static_cast<size_t>(lo - sorted_group.begin()), static_cast<size_t>(hi - lo),
                          sorted_group.size(), lower_is_better);
}

std::string MatchedRule(const Scorecard& card, const RuleSubject& subject, bool* excluded) {
  *excluded = false;
  for (const auto& r : card.exclusions) {
    if (r.rule.Matches(subject)) {
      *excluded = true;
      return r.name;
    }
  }
  for (const auto& r : card.anti_profile) {
    if (r.rule.Matches(subject)) return r.name;
  }
  return "";
}

std::vector<AccountScore> ScoreAccounts(const Dataset& data, const Scorecard& card,
                                        const std::vector<AccountMeasures>& measures, bool keep_measures) {
  const auto& names = MeasureDimensions();
  // Percentile measures: each account's PercentileScore within the accounts with a value,
  // from one sort of (value, account) per measure instead of two binary searches per account
  // (below = the values before its run of equal values, equal = the run's length).
  std::vector<std::vector<double>> percentile(names.size());
  for (size_t k = 0; k < names.size(); ++k) {
    if (card.measures[k].method != Normalisation::kPercentile) continue;
    std::vector<std::pair<double, uint32_t>> group;
    for (size_t i = 0; i < measures.size(); ++i) {
      if (!std::isnan(measures[i].raw[k])) group.emplace_back(measures[i].raw[k], static_cast<uint32_t>(i));
    }
    std::sort(group.begin(), group.end());
    percentile[k].assign(measures.size(), kNaN);
    for (size_t lo = 0, hi = 0; lo < group.size(); lo = hi) {
      while (hi < group.size() && group[hi].first == group[lo].first) ++hi;
      const double p = PercentileOfRank(lo, hi - lo, group.size(), card.measures[k].lower_is_better);
      for (size_t j = lo; j < hi; ++j) percentile[k][group[j].second] = p;
    }
  }
  double total_weight = 0;
  for (const auto& spec : card.measures) total_weight += spec.weight;

  // The dimensions in first-seen order of the measures, and each measure's.
  std::vector<std::string_view> dimensions;
  std::vector<size_t> dimension_of(names.size());
  int fit_dimension = -1, health_dimension = -1;
  for (size_t k = 0; k < names.size(); ++k) {
    const std::string_view dimension = names[k].second;
    auto it = std::find(dimensions.begin(), dimensions.end(), dimension);
    dimension_of[k] = static_cast<size_t>(it - dimensions.begin());
    if (it == dimensions.end()) dimensions.push_back(dimension);
    if (dimension == "icp_fit") fit_dimension = static_cast<int>(dimension_of[k]);
    if (dimension == "health") health_dimension = static_cast<int>(dimension_of[k]);
  }
  std::vector<double> dimension_sum, dimension_weight;

  std::vector<AccountScore> out;
  out.reserve(measures.size());
  std::vector<MeasureScore> scratch;  // the measures of one account when they are not kept
  std::vector<uint32_t> order;        // its measures with weight, by impact
  for (size_t i = 0; i < measures.size(); ++i) {
    const AccountMeasures& m = measures[i];
    AccountScore s;
    std::vector<MeasureScore>& measure_scores = keep_measures ? s.measures : scratch;
    measure_scores.clear();
    s.account = m.account;
    s.account_id = data.accounts.id[m.account];
    s.arr = m.arr;
    s.contribution = m.contribution;
    s.sunset_arr = m.sunset_arr;
    s.executive_escalations = m.executive_escalations;
    double with_data = 0;
    for (size_t k = 0; k < names.size(); ++k) {
      const MeasureSpec& spec = card.measures[k];
      const double raw = m.raw[k];
      const double normalised =
          spec.method == Normalisation::kPercentile ? percentile[k][i] : NormaliseValue(spec, raw);
      if (!std::isnan(normalised) && spec.weight > 0) with_data += spec.weight;
      // card.measures lists the measures in MeasureDimensions() order; the names are taken from
      // that static list so that they outlive the card. Made in place, field by field.
      measure_scores.emplace_back(names[k].first, names[k].second, MethodName(spec.method), raw, normalised,
                                  spec.weight);
    }
    s.coverage = total_weight > 0 ? with_data / total_weight : 0;
    s.score = with_data > 0 ? 0 : kNaN;
    for (auto& ms : measure_scores) {
      if (std::isnan(ms.normalised) || ms.weight <= 0) continue;
      ms.effective_weight = ms.weight / with_data;
      ms.points = ms.normalised * ms.effective_weight;
      ms.impact = ms.points - 50 * ms.effective_weight;
      s.score += ms.points;
    }
    // Dimensions in first-seen order (the same for every account), each the weighted mean of
    // its measures with data, summed in measure order.
    dimension_sum.assign(dimensions.size(), 0.0);
    dimension_weight.assign(dimensions.size(), 0.0);
    for (size_t k = 0; k < measure_scores.size(); ++k) {
      const MeasureScore& ms = measure_scores[k];
      if (std::isnan(ms.normalised) || ms.weight <= 0) continue;
      dimension_sum[dimension_of[k]] += ms.normalised * ms.weight;
      dimension_weight[dimension_of[k]] += ms.weight;
    }
    s.dimensions.reserve(dimensions.size());
    for (size_t d = 0; d < dimensions.size(); ++d) {
      const double weight = dimension_weight[d];
      const double score = weight > 0 ? dimension_sum[d] / weight : kNaN;
      s.dimensions.emplace_back(dimensions[d], score);
      if (static_cast<int>(d) == fit_dimension) s.fit = score;
      if (static_cast<int>(d) == health_dimension) s.health = score;
    }
    // Reasons: the measures with weight by impact, largest first, ties in measure order (an
    // insertion sort: eighteen measures at most, and no buffer to allocate per account).
    order.clear();
    for (uint32_t k = 0; k < measure_scores.size(); ++k) {
      const double impact = measure_scores[k].impact;
      if (measure_scores[k].effective_weight <= 0) continue;
      size_t at = order.size();
      order.push_back(k);
      for (; at > 0 && measure_scores[order[at - 1]].impact < impact; --at) order[at] = order[at - 1];
      order[at] = k;
    }
    size_t up = 0, down = 0;  // how many reasons each way
    while (up < order.size() && up < 3 && measure_scores[order[up]].impact > 0) ++up;
    while (down < order.size() - up && down < 3 && measure_scores[order[order.size() - 1 - down]].impact < 0)
      ++down;
    auto reason = [&](uint32_t k, const char* sign) {
      const MeasureScore& ms = measure_scores[k];
      std::string text(ms.name);
      text += sign;
      AppendFixed(&text, ms.impact, 1);  // "arr +6.7", "tickets_per_10k_arr -2.1"
      return text;
    };
    s.reasons_up.reserve(up);
    for (size_t j = 0; j < up; ++j) s.reasons_up.push_back(reason(order[j], " +"));
    s.reasons_down.reserve(down);
    for (size_t j = 0; j < down; ++j) s.reasons_down.push_back(reason(order[order.size() - 1 - j], " "));
    // Class.
    bool excluded = false;
    s.matched_rule = MatchedRule(card, AccountSubject(data, m.account, &m), &excluded);
    if (excluded)
      s.klass = "excluded";
    else if (!s.matched_rule.empty())
      s.klass = "anti-profile";
    else if (std::isnan(s.score))
      s.klass = "unscored";
    else if (s.score >= card.ideal)
      s.klass = "ideal";
    else if (s.score >= card.good)
      s.klass = "good";
    else if (s.score >= card.neutral)
      s.klass = "neutral";
    else
      s.klass = "poor";
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace flywheel
