#include "customers/customers_report.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "customers/score_snapshots.h"
#include "output/json_writer.h"
#include "output/report_writer.h"

namespace flywheel {

namespace {

Cell NumberCell(double v) { return std::isnan(v) ? Cell() : Cell(v); }
nlohmann::json JsonNumber(double v) { return std::isnan(v) ? nlohmann::json() : nlohmann::json(v); }

}  // namespace

Report CustomersReport(const std::vector<AccountScore>& input, const Scorecard& card, const Settings& settings,
                       Day as_of, const std::string& class_filter,
                       const std::map<std::string, double>* previous) {
  // Highest score first, the unscored last, then by account id (then as given). Sorted as
  // (score, position) pairs: the scores' own records are read only where scores tie.
  std::vector<std::pair<double, uint32_t>> order(input.size());
  for (size_t i = 0; i < input.size(); ++i) order[i] = {input[i].score, static_cast<uint32_t>(i)};
  std::sort(order.begin(), order.end(), [&input](const auto& a, const auto& b) {
    const bool an = std::isnan(a.first), bn = std::isnan(b.first);
    if (an != bn) return bn;
    if (!an && a.first != b.first) return a.first > b.first;
    const std::string& x = input[a.second].account_id;
    const std::string& y = input[b.second].account_id;
    return x != y ? x < y : a.second < b.second;
  });
  std::vector<const AccountScore*> scores(input.size());
  for (size_t i = 0; i < order.size(); ++i) scores[i] = &input[order[i].second];
  std::vector<std::pair<double, uint32_t>>().swap(order);
  Report r;
  r.name = "customers";
  r.as_of = FormatDate(as_of);
  r.currency = settings.base_currency;
  r.columns = {{"account_id", ColumnKind::kText, "account"}, {"score", ColumnKind::kNumber},
               {"class", ColumnKind::kText},                 {"coverage", ColumnKind::kRate},
               {"fit", ColumnKind::kNumber},                 {"health", ColumnKind::kNumber},
               {"arr", ColumnKind::kMoney},                  {"reasons", ColumnKind::kText},
               {"action", ColumnKind::kText},                {"matched_rule", ColumnKind::kText, "rule"}};
  if (previous) r.columns.push_back({"trend", ColumnKind::kText});
  int matrix[2][2] = {{0, 0}, {0, 0}};
  int unknown = 0;
  std::map<std::string, int> by_class;
  // The rows are given on demand, as cells (Report::row_at) and as JSON (json_row_at, richer:
  // dimensions, reasons as a list): on a million accounts their cells were several hundred MB
  // and their JSON over 100 MB. `listed` and, against a snapshot, `against` are what they read.
  struct Against {
    double previous_score;  // NaN: not scored in the snapshot
    std::string trend;
  };
  auto listed = std::make_shared<std::vector<const AccountScore*>>();
  auto against = std::make_shared<std::vector<Against>>();  // per listed row, when `previous`
  for (const AccountScore* s : scores) {
    if (std::isnan(s->fit) || std::isnan(s->health)) ++unknown;
    else ++matrix[s->fit >= card.high_fit][s->health >= card.high_health];
    ++by_class[s->klass];
    if (!class_filter.empty() && s->klass != class_filter) continue;
    listed->push_back(s);
    if (previous) {
      double previous_score = std::numeric_limits<double>::quiet_NaN();
      auto it = previous->find(s->account_id);
      if (it != previous->end()) previous_score = it->second;
      against->push_back({previous_score, ScoreTrend(previous_score, it != previous->end(), s->score)});
    }
  }
  std::string matrix_json;
  JsonWriter m(&matrix_json, 1);
  m.BeginObject();
  for (const auto& [key, count] : {std::pair{"high_fit_high_health", matrix[1][1]},
                                   {"high_fit_low_health", matrix[1][0]},
                                   {"low_fit_high_health", matrix[0][1]},
                                   {"low_fit_low_health", matrix[0][0]},
                                   {"unknown", unknown}}) {
    m.Key(key);
    m.Int(count);
  }
  m.EndObject();
  r.row_at_count = listed->size();
  r.row_at = [listed, against](size_t i, std::vector<Cell>* row) {
    const AccountScore* s = (*listed)[i];
    std::vector<std::string> reasons = s->reasons_up;
    reasons.insert(reasons.end(), s->reasons_down.begin(), s->reasons_down.end());
    *row = {s->account_id, NumberCell(s->score), s->klass, s->coverage, NumberCell(s->fit),
            NumberCell(s->health), s->arr, Join(reasons, ", "), s->action,
            s->matched_rule.empty() ? Cell() : Cell(s->matched_rule)};
    if (!against->empty()) row->push_back((*against)[i].trend);
  };
  r.json_row_at = [listed, against](size_t i, JsonWriter* w) {
    const AccountScore* s = (*listed)[i];
    const Against* previous = against->empty() ? nullptr : &(*against)[i];
    // Members in alphabetical key order, the order this JSON has always had.
    w->BeginObject();
    w->Key("account_id");
    w->String(s->account_id);
    w->Key("action");
    w->String(s->action);
    w->Key("arr");
    w->Number(s->arr);
    w->Key("class");
    w->String(s->klass);
    w->Key("coverage");
    w->Number(s->coverage);
    w->Key("dimensions");
    // By name; a repeated name keeps its last score (a handful of dimensions: no map).
    std::vector<std::pair<std::string_view, double>> dims;
    dims.reserve(s->dimensions.size());
    for (const auto& [name, score] : s->dimensions) {
      auto it = std::find_if(dims.begin(), dims.end(), [&](const auto& d) { return d.first == name; });
      if (it == dims.end()) dims.emplace_back(name, score);
      else it->second = score;
    }
    std::sort(dims.begin(), dims.end());
    w->BeginObject();
    for (const auto& [name, score] : dims) {
      w->Key(name);
      w->Number(score);
    }
    w->EndObject();
    w->Key("fit");
    w->Number(s->fit);
    w->Key("health");
    w->Number(s->health);
    w->Key("matched_rule");
    if (s->matched_rule.empty()) w->Null();
    else w->String(s->matched_rule);
    if (previous) {
      w->Key("previous_score");
      w->Number(previous->previous_score);
    }
    w->Key("reasons");
    w->BeginArray();
    for (const auto& reason : s->reasons_up) w->String(reason);
    for (const auto& reason : s->reasons_down) w->String(reason);
    w->EndArray();
    w->Key("score");
    w->Number(s->score);
    if (previous) {
      w->Key("trend");
      w->String(previous->trend);
    }
    w->EndObject();
  };
  r.json_extra_written = true;
  r.json_extra.emplace_back("matrix", std::move(matrix_json));
  std::string classes;
  for (const char* k : {"ideal", "good", "neutral", "poor", "anti-profile", "excluded", "unscored"}) {
    auto it = by_class.find(k);
    if (it == by_class.end()) continue;
    if (!classes.empty()) classes += ", ";
    classes += fmt::format("{} {}", k, it->second);
  }
  r.notes.push_back(fmt::format("accounts: {} ({})", scores.size(), classes.empty() ? "none" : classes));
  r.notes.push_back(fmt::format(
      "fit x health (high fit >= {}, high health >= {}): high/high {}, high fit/low health {}, "
      "low fit/high health {}, low/low {}, unknown {}",
      card.high_fit, card.high_health, matrix[1][1], matrix[1][0], matrix[0][1], matrix[0][0], unknown));
  r.notes.push_back("score = sum of points of the measures with data (weights rescaled); coverage = share of the weight with data; see --explain");
  return r;
}

Report ExplainReport(const AccountScore& s, const Settings& settings, Day as_of) {
  Report r;
  r.name = "customers-explain";
  r.as_of = FormatDate(as_of);
  r.currency = settings.base_currency;
  r.columns = {{"dimension", ColumnKind::kText},          {"measure", ColumnKind::kText},
               {"method", ColumnKind::kText},             {"raw", ColumnKind::kNumber},
               {"normalised", ColumnKind::kNumber},       {"weight", ColumnKind::kNumber},
               {"effective_weight", ColumnKind::kRate, "share"}, {"points", ColumnKind::kNumber},
               {"impact", ColumnKind::kNumber}};
  for (const auto& m : s.measures) {
    r.rows.push_back({std::string(m.dimension), std::string(m.name), std::string(m.method), NumberCell(m.raw), NumberCell(m.normalised), m.weight,
                      m.effective_weight, m.points, m.impact});
  }
  r.json_extra.emplace_back("account_id", nlohmann::json(s.account_id).dump());
  r.json_extra.emplace_back("score", JsonNumber(s.score).dump());
  r.json_extra.emplace_back("class", nlohmann::json(s.klass).dump());
  r.json_extra.emplace_back("coverage", nlohmann::json(s.coverage).dump());
  r.json_extra.emplace_back("matched_rule", (s.matched_rule.empty() ? nlohmann::json() : nlohmann::json(s.matched_rule)).dump());
  r.notes.push_back(fmt::format("account {}: score {} = sum of points; class {}; coverage {}", s.account_id,
                                std::isnan(s.score) ? std::string("—") : FormatNumber(s.score, 2), s.klass,
                                FormatRate(s.coverage)));
  if (!s.matched_rule.empty()) r.notes.push_back(fmt::format("matched rule: {}", s.matched_rule));
  r.notes.push_back(fmt::format("action: {}", s.action));
  r.notes.push_back(fmt::format("up: {}", s.reasons_up.empty() ? "none" : Join(s.reasons_up, ", ")));
  r.notes.push_back(fmt::format("down: {}", s.reasons_down.empty() ? "none" : Join(s.reasons_down, ", ")));
  r.notes.push_back("points = normalised x share; share = weight / sum of the weights with data; impact = points - 50 x share");
  return r;
}

}  // namespace flywheel
