#include "customers/scorecard_backtest.h"

#include <fmt/core.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "customers/account_measures.h"
#include "customers/account_score.h"
#include "output/report_writer.h"
#include "revenue/mrr_series.h"

namespace flywheel {

namespace {

BacktestAuc MakeAuc(std::string name, const std::vector<double>& scores, const std::vector<bool>& lost) {
  // A lower score should mean lost revenue: AUC of −score for "lost".
  std::vector<double> negated;
  double positives = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    negated.push_back(-scores[i]);
    positives += lost[i];
  }
  BacktestAuc out;
  out.name = std::move(name);
  out.auc = Auc(negated, lost);
  out.ci = AucInterval(out.auc, positives, static_cast<double>(scores.size()) - positives);
  out.accounts = static_cast<int>(scores.size());
  out.lost = static_cast<int>(positives);
  return out;
}

std::string Text(double v, int decimals) {
  return std::isnan(v) ? std::string("—") : FormatNumber(v, decimals);
}

}  // namespace

std::string AucVerdict(const BacktestAuc& a) {
  if (a.lost < 10 || a.accounts - a.lost < 10) return "too few accounts to tell";
  if (std::isnan(a.auc) || std::isnan(a.ci.low) || (a.ci.low <= 0.5 && 0.5 <= a.ci.high))
    return "no better than chance";
  return a.ci.low > 0.5 ? "better than chance" : "worse than chance";
}

Result<Backtest> RunBacktest(const Dataset& data, const Settings& settings, const Scorecard& card, Day as_of,
                             int months) {
  Backtest b;
  b.as_of = as_of;
  {
    int y, m, d;
    CivilFromDay(as_of, &y, &m, &d);
    const Month past_month = MakeMonth(y, m) - months;
    b.past = std::min(DayFromCivil(YearOf(past_month), MonthNumberOf(past_month), 1) + d - 1,
                      LastDayOfMonth(past_month));
  }
  auto measures = ComputeAccountMeasures(data, settings, card, b.past);
  if (!measures.ok()) return measures.status();
  const std::vector<AccountScore> scores = ScoreAccounts(data, card, *measures);
  auto now = ComputeMrr(data, settings, as_of);
  if (!now.ok()) return now.status();
  const Month now_month = MonthOfDay(as_of);

  std::map<std::string, BacktestClassRow> by_class;
  std::vector<double> score_values;
  std::vector<bool> score_lost;
  const size_t measure_count = scores.empty() ? 0 : scores[0].measures.size();
  std::vector<std::vector<double>> measure_values(measure_count);
  std::vector<std::vector<bool>> measure_lost(measure_count);
  for (const AccountScore& s : scores) {
    const double then = s.arr / 12, later = now->Mrr(s.account, now_month);
    BacktestClassRow& row = by_class[s.klass];
    row.klass = s.klass;
    ++row.accounts;
    ++b.accounts;
    bool lost = false;
    if (later <= 0) {
      ++row.churned, ++b.churned, lost = true;
    } else if (later < then - 1e-9) {
      ++row.contracted, ++b.contracted, lost = true;
    } else if (later > then + 1e-9) {
      ++row.grew, ++b.grew;
    } else {
      ++row.flat, ++b.flat;
    }
    if (!std::isnan(s.score)) {
      score_values.push_back(s.score);
      score_lost.push_back(lost);
    }
    for (size_t i = 0; i < s.measures.size() && i < measure_count; ++i) {
      if (std::isnan(s.measures[i].normalised) || s.measures[i].weight == 0)
        continue;  // no data, or switched off
      measure_values[i].push_back(s.measures[i].normalised);
      measure_lost[i].push_back(lost);
    }
  }
  for (const char* k : {"ideal", "good", "neutral", "poor", "anti-profile", "excluded", "unscored"}) {
    auto it = by_class.find(k);
    if (it != by_class.end()) b.classes.push_back(it->second);
  }
  b.score = MakeAuc("score", score_values, score_lost);
  for (size_t i = 0; i < measure_count; ++i) {
    if (measure_values[i].empty()) continue;
    b.measures.push_back(
        MakeAuc(std::string(scores[0].measures[i].name), measure_values[i], measure_lost[i]));
  }
  return b;
}

Report BacktestReport(const Backtest& b, int months, const Settings& settings) {
  Report r;
  r.name = "customers-backtest";
  r.as_of = FormatDate(b.as_of);
  r.currency = settings.base_currency;
  r.columns = {{"class", ColumnKind::kText},      {"accounts", ColumnKind::kInteger},
               {"churned", ColumnKind::kInteger}, {"contracted", ColumnKind::kInteger},
               {"flat", ColumnKind::kInteger},    {"grew", ColumnKind::kInteger},
               {"churn_rate", ColumnKind::kRate}, {"contraction_rate", ColumnKind::kRate}};
  for (const auto& c : b.classes) {
    r.rows.push_back({c.klass, int64_t{c.accounts}, int64_t{c.churned}, int64_t{c.contracted},
                      int64_t{c.flat}, int64_t{c.grew}, static_cast<double>(c.churned) / c.accounts,
                      static_cast<double>(c.contracted) / c.accounts});
  }
  auto auc_json = [](const BacktestAuc& a) {
    return nlohmann::json{{"auc", nlohmann::json(a.auc)},
                          {"ci_low", nlohmann::json(a.ci.low)},
                          {"ci_high", nlohmann::json(a.ci.high)},
                          {"accounts", a.accounts},
                          {"lost", a.lost},
                          {"verdict", AucVerdict(a)}};
  };
  nlohmann::json measures = nlohmann::json::array();
  for (const auto& m : b.measures) {
    nlohmann::json j = auc_json(m);
    j["measure"] = m.name;
    measures.push_back(j);
  }
  nlohmann::json outcomes = {{"accounts", b.accounts},
                             {"churned", b.churned},
                             {"contracted", b.contracted},
                             {"flat", b.flat},
                             {"grew", b.grew}};
  r.json_extra.emplace_back("past", nlohmann::json(FormatDate(b.past)).dump());
  r.json_extra.emplace_back("months", nlohmann::json(months).dump());
  r.json_extra.emplace_back("outcomes", outcomes.dump());
  r.json_extra.emplace_back("auc", auc_json(b.score).dump());
  r.json_extra.emplace_back("measures", measures.dump());

  r.notes.push_back(fmt::format(
      "scorecard as of {} (data up to that date) against MRR on {}: {} customers then; churned {}, "
      "contracted {}, "
      "flat {}, grew {}",
      FormatDate(b.past), FormatDate(b.as_of), b.accounts, b.churned, b.contracted, b.flat, b.grew));
  r.notes.push_back(
      fmt::format("AUC of the score for churn or contraction (lower score = more likely): {} (95 % {}–{}, {} "
                  "accounts, {} lost "
                  "revenue): {}",
                  Text(b.score.auc, 3), Text(b.score.ci.low, 3), Text(b.score.ci.high, 3), b.score.accounts,
                  b.score.lost, AucVerdict(b.score)));
  for (const auto& m : b.measures) {
    r.notes.push_back(fmt::format("measure {}: AUC {} (95 % {}–{}, {} accounts): {}", m.name, Text(m.auc, 3),
                                  Text(m.ci.low, 3), Text(m.ci.high, 3), m.accounts, AucVerdict(m)));
  }
  if (b.score.lost < 10 || b.score.accounts - b.score.lost < 10) {
    r.notes.push_back("fewer than 10 accounts lost or kept revenue: the AUCs say nothing either way");
  }
  return r;
}

}  // namespace flywheel
