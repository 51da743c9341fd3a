#include "customers/icp_discovery.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "customers/account_measures.h"
#include "customers/logistic_regression.h"
#include "output/json_number.h"
#include "output/report_writer.h"
#include "revenue/mrr_series.h"

namespace flywheel {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct AttributeValue {
  std::string attribute, value, rule;
};

std::string Quoted(std::string_view v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The size band of a headcount and its rule.
AttributeValue SizeBand(int64_t employees) {
  static const struct {
    int64_t low, high;  // [low, high); high 0 = open
    const char* name;
  } kBands[] = {{1, 50, "1-49"},
                {50, 250, "50-249"},
                {250, 1000, "250-999"},
                {1000, 5000, "1000-4999"},
                {5000, 0, "5000+"}};
  for (const auto& b : kBands) {
    if (employees < b.low) continue;
    if (b.high != 0 && employees >= b.high) continue;
    std::string rule = b.high == 0 ? fmt::format("employees >= {}", b.low)
                                   : fmt::format("employees >= {} and employees < {}", b.low, b.high);
    return {"size_band", b.name, rule};
  }
  return {"size_band", "0", "employees < 1"};
}

std::vector<AttributeValue> AttributeValues(const Dataset& data, AccountIndex a, const std::string& skip) {
  const Accounts& acc = data.accounts;
  std::vector<AttributeValue> out;
  auto text = [&](const char* name, Code c) {
    if (c == kNullCode) return;
    std::string v(data.dict.Get(c));
    out.push_back({name, v, fmt::format("{} in [{}]", name, Quoted(v))});
  };
  text("industry", acc.industry[a]);
  text("country", acc.country[a]);
  if (acc.employees[a] != kNullInt) out.push_back(SizeBand(acc.employees[a]));
  text("source", acc.source[a]);
  text("segment", acc.segment[a]);
  for (size_t i = 0; i < acc.attribute_names.size(); ++i) {
    if (acc.attribute_names[i] == skip) continue;
    text(acc.attribute_names[i].c_str(), acc.attributes[i][a]);
  }
  return out;
}

uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

Cell NumberCell(double v) { return std::isnan(v) ? Cell() : Cell(v); }

}  // namespace

bool InHoldout(std::string_view account_id, uint64_t seed, double share) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : account_id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  const double u = static_cast<double>(SplitMix64(h ^ SplitMix64(seed)) >> 11) / 9007199254740992.0;  // 2^53
  return u < share;
}

Result<std::vector<IcpOutcome>> ComputeIcpOutcomes(const Dataset& data, const Settings& settings,
                                                   const Scorecard& card, Day as_of,
                                                   const IcpOptions& options) {
  std::vector<IcpOutcome> out;
  const std::string& name = options.outcome;
  if (name.rfind("attr_", 0) == 0) {
    const auto& names = data.accounts.attribute_names;
    auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      return Status::Usage(
          fmt::format("--outcome: accounts.csv has no column '{}'{}", name, DidYouMeanSuffix(name, names)));
    }
    const auto& column = data.accounts.attributes[it - names.begin()];
    for (size_t a = 0; a < data.accounts.size(); ++a) {
      std::string_view v = data.dict.Get(column[a]);
      if (EqualsIgnoreCase(v, "true") || EqualsIgnoreCase(v, "yes") || v == "1") {
        out.push_back({static_cast<AccountIndex>(a), true});
      } else if (EqualsIgnoreCase(v, "false") || EqualsIgnoreCase(v, "no") || v == "0") {
        out.push_back({static_cast<AccountIndex>(a), false});
      }
    }
    return out;
  }
  static const std::vector<std::string> kOutcomes = {"retained", "nrr", "good"};
  if (std::find(kOutcomes.begin(), kOutcomes.end(), name) == kOutcomes.end()) {
    return Status::Usage(
        fmt::format("--outcome: unknown outcome '{}' (expected retained, nrr, good or an attr_* column){}",
                    name, DidYouMeanSuffix(name, kOutcomes)));
  }
  if (!data.Has(Table::kSubscriptions)) return Status::BadData("icp discover needs subscriptions.csv");
  auto series = ComputeMrr(data, settings, as_of);
  if (!series.ok()) return series.status();
  const Month as_of_month = MonthOfDay(as_of);
  std::map<Month, std::vector<AccountIndex>> by_mark;  // twelve-month mark -> accounts
  for (size_t i = 0; i < data.accounts.size(); ++i) {
    const AccountIndex a = static_cast<AccountIndex>(i);
    const Month first = series->FirstActiveMonth(a);
    if (first == kNullMonth || first + 12 > as_of_month) continue;
    by_mark[first + 12].push_back(a);
  }
  for (const auto& [mark, accounts] : by_mark) {
    std::vector<double> contribution(data.accounts.size(), kNaN);
    if (name == "good") {
      const Day mark_day = mark == as_of_month ? as_of : LastDayOfMonth(mark);
      auto measures = ComputeAccountMeasures(data, settings, card, mark_day);
      if (!measures.ok()) return measures.status();
      for (const auto& m : *measures) contribution[m.account] = m.contribution;
    }
    for (AccountIndex a : accounts) {
      const double start = series->Mrr(a, mark - 12), later = series->Mrr(a, mark);
      const bool retained = later > 0;
      const bool nrr = later >= start;
      bool good = retained;
      if (name == "nrr") good = nrr;
      if (name == "good") good = retained && nrr && contribution[a] > 0;
      out.push_back({a, good});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const IcpOutcome& x, const IcpOutcome& y) { return x.account < y.account; });
  return out;
}

IcpDiscovery DiscoverIcp(const Dataset& data, const std::vector<IcpOutcome>& outcomes,
                         const IcpOptions& options) {
  IcpDiscovery d;
  const std::string skip = options.outcome.rfind("attr_", 0) == 0 ? options.outcome : "";
  struct Group {
    AttributeValue value;
    int accounts = 0, good = 0;
  };
  std::map<std::pair<std::string, std::string>, Group> groups;
  std::vector<std::vector<AttributeValue>> values(outcomes.size());
  for (size_t i = 0; i < outcomes.size(); ++i) {
    ++d.accounts;
    d.good += outcomes[i].good;
    values[i] = AttributeValues(data, outcomes[i].account, skip);
    for (const auto& v : values[i]) {
      Group& g = groups[{v.attribute, v.value}];
      g.value = v;
      ++g.accounts;
      g.good += outcomes[i].good;
    }
  }
  d.base_rate = d.accounts > 0 ? static_cast<double>(d.good) / d.accounts : kNaN;
  std::map<std::pair<std::string, std::string>, int> feature;  // value -> model column
  for (const auto& [key, g] : groups) {
    if (g.accounts < options.min_group_size) {
      ++d.small_values;
      continue;
    }
    IcpValueRow row;
    row.attribute = g.value.attribute;
    row.value = g.value.value;
    row.rule = g.value.rule;
    row.accounts = g.accounts;
    row.good = g.good;
    row.good_rate = static_cast<double>(g.good) / g.accounts;
    row.lift = Lift(row.good_rate, d.base_rate);
    row.ci = WilsonInterval(g.good, g.accounts);
    row.coefficient = kNaN;
    if (row.ci.low > d.base_rate || row.ci.high < d.base_rate) ++d.significant;
    feature[key] = static_cast<int>(feature.size());
    d.rows.push_back(row);
  }
  d.enough_data = d.accounts >= options.min_accounts && d.good >= options.min_each_outcome &&
                  d.accounts - d.good >= options.min_each_outcome;
  if (d.enough_data && !feature.empty()) {
    std::vector<std::vector<double>> train_x, test_x;
    std::vector<bool> train_y, test_y;
    for (size_t i = 0; i < outcomes.size(); ++i) {
      std::vector<double> x(feature.size(), 0);
      for (const auto& v : values[i]) {
        auto it = feature.find({v.attribute, v.value});
        if (it != feature.end()) x[it->second] = 1;
      }
      if (InHoldout(data.accounts.id[outcomes[i].account], options.seed, options.holdout_share)) {
        test_x.push_back(std::move(x));
        test_y.push_back(outcomes[i].good);
      } else {
        train_x.push_back(std::move(x));
        train_y.push_back(outcomes[i].good);
      }
    }
    LogisticModel model = FitLogistic(train_x, train_y, options.ridge);
    d.model_fitted = true;
    d.intercept = model.intercept;
    d.converged = model.converged;
    d.training_accounts = static_cast<int>(train_x.size());
    d.holdout_accounts = static_cast<int>(test_x.size());
    std::vector<double> predicted;
    double positives = 0;
    for (size_t i = 0; i < test_x.size(); ++i) {
      predicted.push_back(model.Predict(test_x[i]));
      positives += test_y[i];
    }
    d.auc = Auc(predicted, test_y);
    d.auc_ci = AucInterval(d.auc, positives, static_cast<double>(test_y.size()) - positives);
    size_t r = 0;
    for (const auto& [key, column] : feature) d.rows[r++].coefficient = model.coefficients[column];
  }
  std::stable_sort(d.rows.begin(), d.rows.end(), [](const IcpValueRow& a, const IcpValueRow& b) {
    if (a.lift != b.lift) return a.lift > b.lift;
    return std::tie(a.attribute, a.value) < std::tie(b.attribute, b.value);
  });
  if (d.enough_data) {
    // A rule is proposed when the value's interval excludes the base rate and the model,
    // which weighs the values against each other, agrees on the direction.
    for (const auto& row : d.rows) {
      if (row.ci.low > d.base_rate && !(row.coefficient <= 0)) {
        d.proposed_rules.push_back({"icp", row.rule, row.attribute, row.value, row.lift});
      }
    }
    for (auto it = d.rows.rbegin(); it != d.rows.rend(); ++it) {
      if (it->ci.high < d.base_rate && !(it->coefficient >= 0)) {
        d.proposed_rules.push_back({"avoid", it->rule, it->attribute, it->value, it->lift});
      }
    }
  }
  return d;
}

Report IcpReport(const IcpDiscovery& d, const IcpOptions& options, const Settings& settings, Day as_of) {
  Report r;
  r.name = "icp-discover";
  r.as_of = FormatDate(as_of);
  r.currency = settings.base_currency;
  r.columns = {{"attribute", ColumnKind::kText},    {"value", ColumnKind::kText},
               {"accounts", ColumnKind::kInteger},  {"good", ColumnKind::kInteger},
               {"good_rate", ColumnKind::kRate},    {"lift", ColumnKind::kNumber},
               {"ci_low", ColumnKind::kRate},       {"ci_high", ColumnKind::kRate},
               {"coefficient", ColumnKind::kNumber}};
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : d.rows) {
    r.rows.push_back({row.attribute, row.value, int64_t{row.accounts}, int64_t{row.good}, row.good_rate,
                      NumberCell(row.lift), row.ci.low, row.ci.high, NumberCell(row.coefficient)});
    rows.push_back({{"attribute", row.attribute},
                    {"value", row.value},
                    {"accounts", row.accounts},
                    {"good", row.good},
                    {"good_rate", row.good_rate},
                    {"lift", nlohmann::json(row.lift)},
                    {"ci_low", row.ci.low},
                    {"ci_high", row.ci.high},
                    {"coefficient", nlohmann::json(row.coefficient)},
                    {"rule", row.rule}});
  }
  nlohmann::json model;  // null unless fitted
  if (d.model_fitted) {
    nlohmann::json coefficients = nlohmann::json::array();
    std::vector<const IcpValueRow*> by_coefficient;
    for (const auto& row : d.rows) by_coefficient.push_back(&row);
    std::stable_sort(
        by_coefficient.begin(), by_coefficient.end(),
        [](const IcpValueRow* a, const IcpValueRow* b) { return a->coefficient > b->coefficient; });
    for (const IcpValueRow* row : by_coefficient) {
      coefficients.push_back(
          {{"attribute", row->attribute}, {"value", row->value}, {"coefficient", row->coefficient}});
    }
    model = {{"intercept", d.intercept},
             {"coefficients", coefficients},
             {"auc", nlohmann::json(d.auc)},
             {"auc_ci_low", nlohmann::json(d.auc_ci.low)},
             {"auc_ci_high", nlohmann::json(d.auc_ci.high)},
             {"training_accounts", d.training_accounts},
             {"holdout_accounts", d.holdout_accounts},
             {"ridge", options.ridge},
             {"seed", options.seed},
             {"converged", d.converged}};
  }
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& p : d.proposed_rules) {
    rules.push_back({{"kind", p.kind},
                     {"rule", p.rule},
                     {"attribute", p.attribute},
                     {"value", p.value},
                     {"lift", p.lift}});
  }
  r.json_rows = false;
  r.json_extra.emplace_back("outcome", nlohmann::json(options.outcome).dump());
  r.json_extra.emplace_back("accounts", nlohmann::json(d.accounts).dump());
  r.json_extra.emplace_back("good", nlohmann::json(d.good).dump());
  r.json_extra.emplace_back("base_rate", JsonNumber(d.base_rate));
  r.json_extra.emplace_back("enough_data", nlohmann::json(d.enough_data).dump());
  r.json_extra.emplace_back("rows", rows.dump());
  r.json_extra.emplace_back("model", model.dump());
  r.json_extra.emplace_back("proposed_rules", rules.dump());

  r.notes.push_back(fmt::format("outcome '{}': {} accounts, {} good, base rate {}", options.outcome,
                                d.accounts, d.good,
                                std::isnan(d.base_rate) ? std::string("—") : FormatRate(d.base_rate)));
  r.notes.push_back(fmt::format(
      "values with at least {} accounts, by lift; 95 % Wilson intervals; {} smaller values left out",
      options.min_group_size, d.small_values));
  r.notes.push_back(fmt::format(
      "{} of {} values have an interval that excludes the base rate; about {} would by chance alone",
      d.significant, d.rows.size(), FormatNumber(0.05 * d.rows.size(), 1)));
  if (!d.enough_data) {
    r.notes.push_back(
        fmt::format("too little data to conclude: {} accounts ({} good, {} not good); needs at least {} "
                    "accounts and {} of each "
                    "outcome; no model fitted and no rules proposed",
                    d.accounts, d.good, d.accounts - d.good, options.min_accounts, options.min_each_outcome));
    return r;
  }
  if (d.model_fitted) {
    std::string verdict;
    if (std::isnan(d.auc))
      verdict = "the holdout lacks one of the outcomes, no AUC";
    else if (d.auc_ci.low <= 0.5 && 0.5 <= d.auc_ci.high)
      verdict = "no better than chance";
    else if (d.auc_ci.low > 0.5)
      verdict = "better than chance";
    else
      verdict = "worse than chance";
    r.notes.push_back(
        fmt::format("logistic model (ridge {}, one-hot values above, seed {}): trained on {}, holdout {} "
                    "accounts; holdout AUC {} "
                    "(95 % {}–{}): {}",
                    FormatNumber(options.ridge, 2), options.seed, d.training_accounts, d.holdout_accounts,
                    std::isnan(d.auc) ? std::string("—") : FormatNumber(d.auc, 3),
                    std::isnan(d.auc_ci.low) ? std::string("—") : FormatNumber(d.auc_ci.low, 3),
                    std::isnan(d.auc_ci.high) ? std::string("—") : FormatNumber(d.auc_ci.high, 3), verdict));
  }
  if (d.proposed_rules.empty()) {
    r.notes.push_back("no value differs from the base rate clearly enough to propose a rule");
  }
  for (const auto& p : d.proposed_rules) {
    r.notes.push_back(fmt::format("proposed {} rule: {} (lift {})", p.kind, p.rule, FormatNumber(p.lift, 2)));
  }
  return r;
}

}  // namespace flywheel
