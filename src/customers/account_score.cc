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

namespace {

// Percentile measures: each account's PercentileScore within the accounts with a value, from
// one sort of (value, account) per measure instead of two binary searches per account
// (below = the values before its run of equal values, equal = the run's length). By measure,
// then by position in `measures`; empty for the measures not ranked by percentile.
std::vector<std::vector<double>> PercentileScores(const Scorecard& card,
                                                  const std::vector<AccountMeasures>& measures) {
  std::vector<std::vector<double>> percentile(kMeasureCount);
  for (size_t k = 0; k < kMeasureCount; ++k) {
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
  return percentile;
}

// The dimensions in first-seen order of the measures (the same for every account), each
// measure's, and where the fit and health axes are (-1: none).
struct DimensionLayout {
  std::vector<std::string_view> dimensions;  // views of MeasureDimensions()
  std::vector<size_t> dimension_of;          // by measure
  int fit = -1, health = -1;
};

DimensionLayout LayOutDimensions() {
  const auto& names = MeasureDimensions();
  DimensionLayout layout;
  layout.dimension_of.resize(names.size());
  for (size_t k = 0; k < names.size(); ++k) {
    const std::string_view dimension = names[k].second;
    auto it = std::find(layout.dimensions.begin(), layout.dimensions.end(), dimension);
    layout.dimension_of[k] = static_cast<size_t>(it - layout.dimensions.begin());
    if (it == layout.dimensions.end()) layout.dimensions.push_back(dimension);
    if (dimension == "icp_fit") layout.fit = static_cast<int>(layout.dimension_of[k]);
    if (dimension == "health") layout.health = static_cast<int>(layout.dimension_of[k]);
  }
  return layout;
}

// "arr +6.7", "tickets_per_10k_arr -2.1".
std::string ReasonText(const MeasureScore& ms, const char* sign) {
  std::string text(ms.name);
  text += sign;
  AppendFixed(&text, ms.impact, 1);
  return text;
}

// Excluded, anti-profile, unscored, else by score against the card's class bounds.
const char* ClassName(const Scorecard& card, double score, bool excluded, bool matched_anti_profile) {
  if (excluded) return "excluded";
  if (matched_anti_profile) return "anti-profile";
  if (std::isnan(score)) return "unscored";
  if (score >= card.ideal) return "ideal";
  if (score >= card.good) return "good";
  if (score >= card.neutral) return "neutral";
  return "poor";
}

// Scores one account after another. Holds what every account shares (percentiles, the
// dimension layout, the total weight) and the buffers reused from one account to the next,
// so that an account costs no allocation beyond what its AccountScore keeps.
class AccountScorer {
 public:
  AccountScorer(const Dataset& data, const Scorecard& card, const std::vector<AccountMeasures>& measures,
                bool keep_measures)
      : data_(data),
        card_(card),
        measures_(measures),
        keep_measures_(keep_measures),
        percentile_(PercentileScores(card, measures)),
        layout_(LayOutDimensions()) {
    for (const auto& spec : card.measures) total_weight_ += spec.weight;
  }

  // The score of measures[i].
  AccountScore Score(size_t i) {
    const AccountMeasures& m = measures_[i];
    AccountScore s;
    std::vector<MeasureScore>& measure_scores = keep_measures_ ? s.measures : scratch_;
    s.account = m.account;
    s.account_id = data_.accounts.id[m.account];
    s.arr = m.arr;
    s.contribution = m.contribution;
    s.sunset_arr = m.sunset_arr;
    s.executive_escalations = m.executive_escalations;
    WeighMeasures(i, &measure_scores, &s);
    SetDimensions(measure_scores, &s);
    SetReasons(measure_scores, &s);
    bool excluded = false;
    s.matched_rule = MatchedRule(card_, AccountSubject(data_, m.account, &m), &excluded);
    s.klass = ClassName(card_, s.score, excluded, !s.matched_rule.empty());
    return s;
  }

 private:
  // Normalises and weighs the measures of measures[i] into *measure_scores; sets the score
  // and the coverage.
  void WeighMeasures(size_t i, std::vector<MeasureScore>* measure_scores, AccountScore* s) const {
    const auto& names = MeasureDimensions();
    const AccountMeasures& m = measures_[i];
    measure_scores->clear();
    double with_data = 0;
    for (size_t k = 0; k < names.size(); ++k) {
      const MeasureSpec& spec = card_.measures[k];
      const double raw = m.raw[k];
      const double normalised =
          spec.method == Normalisation::kPercentile ? percentile_[k][i] : NormaliseValue(spec, raw);
      if (!std::isnan(normalised) && spec.weight > 0) with_data += spec.weight;
      // card.measures lists the measures in MeasureDimensions() order; the names are taken from
      // that static list so that they outlive the card. Made in place, field by field.
      measure_scores->emplace_back(names[k].first, names[k].second, MethodName(spec.method), raw, normalised,
                                   spec.weight);
    }
    s->coverage = total_weight_ > 0 ? with_data / total_weight_ : 0;
    s->score = with_data > 0 ? 0 : kNaN;
    for (auto& ms : *measure_scores) {
      if (std::isnan(ms.normalised) || ms.weight <= 0) continue;
      ms.effective_weight = ms.weight / with_data;
      ms.points = ms.normalised * ms.effective_weight;
      ms.impact = ms.points - 50 * ms.effective_weight;
      s->score += ms.points;
    }
  }

  // Dimensions in first-seen order, each the weighted mean of its measures with data, summed
  // in measure order; the fit and health axes.
  void SetDimensions(const std::vector<MeasureScore>& measure_scores, AccountScore* s) {
    const size_t count = layout_.dimensions.size();
    dimension_sum_.assign(count, 0.0);
    dimension_weight_.assign(count, 0.0);
    for (size_t k = 0; k < measure_scores.size(); ++k) {
      const MeasureScore& ms = measure_scores[k];
      if (std::isnan(ms.normalised) || ms.weight <= 0) continue;
      dimension_sum_[layout_.dimension_of[k]] += ms.normalised * ms.weight;
      dimension_weight_[layout_.dimension_of[k]] += ms.weight;
    }
    s->dimensions.reserve(count);
    for (size_t d = 0; d < count; ++d) {
      const double weight = dimension_weight_[d];
      const double score = weight > 0 ? dimension_sum_[d] / weight : kNaN;
      s->dimensions.emplace_back(layout_.dimensions[d], score);
      if (static_cast<int>(d) == layout_.fit) s->fit = score;
      if (static_cast<int>(d) == layout_.health) s->health = score;
    }
  }

  // Reasons: the measures with weight by impact, largest first, ties in measure order (an
  // insertion sort: eighteen measures at most, and no buffer to allocate per account); up to
  // three each way.
  void SetReasons(const std::vector<MeasureScore>& measure_scores, AccountScore* s) {
    order_.clear();
    for (uint32_t k = 0; k < measure_scores.size(); ++k) {
      const double impact = measure_scores[k].impact;
      if (measure_scores[k].effective_weight <= 0) continue;
      size_t at = order_.size();
      order_.push_back(k);
      for (; at > 0 && measure_scores[order_[at - 1]].impact < impact; --at) order_[at] = order_[at - 1];
      order_[at] = k;
    }
    size_t up = 0, down = 0;  // how many reasons each way
    while (up < order_.size() && up < 3 && measure_scores[order_[up]].impact > 0) ++up;
    while (down < order_.size() - up && down < 3 &&
           measure_scores[order_[order_.size() - 1 - down]].impact < 0)
      ++down;
    s->reasons_up.reserve(up);
    for (size_t j = 0; j < up; ++j) s->reasons_up.push_back(ReasonText(measure_scores[order_[j]], " +"));
    s->reasons_down.reserve(down);
    for (size_t j = 0; j < down; ++j) {
      s->reasons_down.push_back(ReasonText(measure_scores[order_[order_.size() - 1 - j]], " "));
    }
  }

  const Dataset& data_;
  const Scorecard& card_;
  const std::vector<AccountMeasures>& measures_;
  const bool keep_measures_;
  const std::vector<std::vector<double>> percentile_;
  const DimensionLayout layout_;
  double total_weight_ = 0;
  std::vector<MeasureScore> scratch_;  // the measures of one account when they are not kept
  std::vector<uint32_t> order_;        // its measures with weight, by impact
  std::vector<double> dimension_sum_, dimension_weight_;
};

}  // namespace

std::vector<AccountScore> ScoreAccounts(const Dataset& data, const Scorecard& card,
                                        const std::vector<AccountMeasures>& measures, bool keep_measures) {
  AccountScorer scorer(data, card, measures, keep_measures);
  std::vector<AccountScore> out;
  out.reserve(measures.size());
  for (size_t i = 0; i < measures.size(); ++i) out.push_back(scorer.Score(i));
  return out;
}

}  // namespace flywheel
