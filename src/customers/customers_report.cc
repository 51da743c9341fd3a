#include "customers/customers_report.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

#include "base/strings.h"
#include "customers/score_snapshots.h"
#include "output/json_writer.h"
#include "output/report_writer.h"

namespace flywheel {

namespace {

Cell NumberCell(double v) { return std::isnan(v) ? Cell() : Cell(v); }
// A text, or null when empty (no action, no health trend, no matched rule).
void AppendTextOrNull(std::string* text, std::string_view value) {
  if (value.empty())
    *text += "null";
  else
    JsonWriter::AppendQuoted(text, value);
}

// The text of a customers row's JSON around its values, laid out as JsonWriter lays out an
// object at `level` (the golden tests tests/golden/customers-* hold the exact text, with and
// without a snapshot's previous_score and trend).
struct RowPieces {
  // `dims`: those of the first account (or none).
  RowPieces(int at, const std::vector<std::pair<std::string_view, double>>& dims)
      : level(at), dimension_keys(dims, at) {
    const std::string indent(static_cast<size_t>(2 * level), ' ');
    const std::string member = "\n" + indent + "  ";
    auto key = [&](const char* name) { return "," + member + "\"" + name + "\": "; };
    head = "{" + member + "\"account_id\": ";
    separated_head = ",\n" + indent + head;
    action = key("action");
    action_reason = key("action_reason");
    arr = key("arr");
    klass = key("class");
    coverage = key("coverage");
    dimensions = key("dimensions");
    fit = key("fit");
    health = key("health");
    health_trend = key("health_trend");
    matched_rule = key("matched_rule");
    previous_score = key("previous_score");
    reasons = key("reasons");
    score = key("score");
    trend = key("trend");
    end = "\n" + indent + "}";
    next_item = ",\n" + indent + "    ";
    first_item = "[" + next_item.substr(1);
    close_array = member + "]";
    close_object = member + "}";
  }

  // The dimensions as an object by name (a repeated name keeps its last score): for each
  // name in order, its separator and key, and the index of its score.
  struct DimensionKeys {
    std::vector<std::string_view> names;  // the dimensions these are for, as given
    std::vector<size_t> order;            // by name
    std::vector<std::string> keys;        // in that order

    DimensionKeys(const std::vector<std::pair<std::string_view, double>>& dims, int level) {
      std::vector<std::pair<std::string_view, size_t>> by_name;  // name, index of its last score
      for (size_t d = 0; d < dims.size(); ++d) {
        names.push_back(dims[d].first);
        auto it = std::find_if(by_name.begin(), by_name.end(),
                               [&](const auto& x) { return x.first == dims[d].first; });
        if (it == by_name.end())
          by_name.emplace_back(dims[d].first, d);
        else
          it->second = d;
      }
      std::sort(by_name.begin(), by_name.end());
      for (const auto& [name, d] : by_name) {
        order.push_back(d);
        std::string piece =
            (keys.empty() ? "\n" : ",\n") + std::string(static_cast<size_t>(2 * level + 4), ' ');
        JsonWriter::AppendQuoted(&piece, name);
        keys.push_back(piece + ": ");
      }
    }
    bool Fits(const std::vector<std::pair<std::string_view, double>>& dims) const {
      if (dims.size() != names.size()) return false;
      for (size_t d = 0; d < dims.size(); ++d) {
        if (dims[d].first != names[d]) return false;
      }
      return true;
    }
  };

  // Every account of a scoring has the same dimensions in the same order: the keys made for
  // the first serve every row whose names are the same.
  void AppendDimensions(std::string* text,
                        const std::vector<std::pair<std::string_view, double>>& dims) const {
    std::optional<DimensionKeys> own;
    const DimensionKeys* k = &dimension_keys;
    if (!k->Fits(dims)) k = &own.emplace(dims, level);
    if (k->order.empty()) {
      *text += "{}";
      return;
    }
    *text += "{";
    for (size_t j = 0; j < k->order.size(); ++j) {
      *text += k->keys[j];
      JsonWriter::AppendNumber(text, dims[k->order[j]].second);
    }
    *text += close_object;
  }

  int level = 0;
  std::string head, separated_head, action, action_reason, arr, klass, coverage, dimensions, fit, health,
      health_trend, matched_rule, previous_score, reasons, score, trend, end, first_item, next_item,
      close_array, close_object;
  DimensionKeys dimension_keys;
};

}  // namespace

Report CustomersReport(const std::vector<AccountScore>& input, const Scorecard& card,
                       const Settings& settings, Day as_of, const std::string& class_filter,
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
  r.columns = {{"account_id", ColumnKind::kText, "account"},
               {"score", ColumnKind::kNumber},
               {"class", ColumnKind::kText},
               {"coverage", ColumnKind::kRate},
               {"fit", ColumnKind::kNumber},
               {"health", ColumnKind::kNumber},
               {"health_trend", ColumnKind::kText},
               {"arr", ColumnKind::kMoney},
               {"reasons", ColumnKind::kText},
               {"action", ColumnKind::kText},
               {"action_reason", ColumnKind::kText, "why"},
               {"matched_rule", ColumnKind::kText, "rule"}};
  if (previous) r.columns.push_back({"trend", ColumnKind::kText});
  r.extra_fields = {{"matrix", ColumnKind::kInteger, "accounts by fit x health"}};
  int matrix[2][2] = {{0, 0}, {0, 0}};
  int unknown = 0, no_action = 0;
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
    if (std::isnan(s->fit) || std::isnan(s->health))
      ++unknown;
    else
      ++matrix[s->fit >= card.high_fit][s->health >= card.high_health];
    ++by_class[s->klass];
    no_action += s->action.empty();
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
    const std::string_view health_trend = HealthTrendName(s->health_trend);
    *row = {s->account_id,
            NumberCell(s->score),
            s->klass,
            s->coverage,
            NumberCell(s->fit),
            NumberCell(s->health),
            health_trend.empty() ? Cell() : Cell(std::string(health_trend)),
            s->arr,
            Join(reasons, ", "),
            s->action.empty() ? Cell() : Cell(s->action),
            s->action_reason,
            s->matched_rule.empty() ? Cell() : Cell(s->matched_rule)};
    if (!against->empty()) row->push_back((*against)[i].trend);
  };
  // The JSON rows: members in alphabetical key order (the order this JSON has always had),
  // from pieces laid out once for the level the rows are written at (a hundred thousand
  // accounts and more on large data sets).
  constexpr int kRowLevel = 2;  // WriteJson writes rows as elements of the document's "rows"
  static const std::vector<std::pair<std::string_view, double>> kNoDimensions;
  auto pieces = std::make_shared<const RowPieces>(
      kRowLevel, listed->empty() ? kNoDimensions : listed->front()->dimensions);
  r.json_row_at = [listed, against, pieces](size_t i, JsonWriter* w) {
    const AccountScore* s = (*listed)[i];
    const Against* previous = against->empty() ? nullptr : &(*against)[i];
    std::optional<RowPieces> other;  // rows written at another level
    const RowPieces& p = w->Level() == pieces->level ? *pieces : other.emplace(w->Level(), s->dimensions);
    std::string* text = w->BeginLiteral(p.head, p.separated_head);
    JsonWriter::AppendQuoted(text, s->account_id);
    *text += p.action;
    AppendTextOrNull(text, s->action);
    *text += p.action_reason;
    JsonWriter::AppendQuoted(text, s->action_reason);
    *text += p.arr;
    JsonWriter::AppendNumber(text, s->arr);
    *text += p.klass;
    JsonWriter::AppendQuoted(text, s->klass);
    *text += p.coverage;
    JsonWriter::AppendNumber(text, s->coverage);
    *text += p.dimensions;
    p.AppendDimensions(text, s->dimensions);
    *text += p.fit;
    JsonWriter::AppendNumber(text, s->fit);
    *text += p.health;
    JsonWriter::AppendNumber(text, s->health);
    *text += p.health_trend;
    AppendTextOrNull(text, HealthTrendName(s->health_trend));
    *text += p.matched_rule;
    AppendTextOrNull(text, s->matched_rule);
    if (previous) {
      *text += p.previous_score;
      JsonWriter::AppendNumber(text, previous->previous_score);
    }
    *text += p.reasons;
    if (s->reasons_up.empty() && s->reasons_down.empty()) {
      *text += "[]";
    } else {
      bool first = true;
      for (const auto* reasons : {&s->reasons_up, &s->reasons_down}) {
        for (const std::string& reason : *reasons) {
          *text += first ? p.first_item : p.next_item;
          first = false;
          JsonWriter::AppendQuoted(text, reason);
        }
      }
      *text += p.close_array;
    }
    *text += p.score;
    JsonWriter::AppendNumber(text, s->score);
    if (previous) {
      *text += p.trend;
      JsonWriter::AppendQuoted(text, previous->trend);
    }
    *text += p.end;
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
  r.notes.push_back(
      "score = sum of points of the measures with data (weights rescaled); coverage = share of the weight "
      "with data; see --explain");
  if (no_action > 0)
    r.notes.push_back(fmt::format(
        "accounts that no play of the playbook ([[actions]]) matched: {}, without an action", no_action));
  return r;
}

Report ExplainReport(const AccountScore& s, const Settings& settings, Day as_of) {
  Report r;
  r.name = "customers-explain";
  r.as_of = FormatDate(as_of);
  r.currency = settings.base_currency;
  r.columns = {{"dimension", ColumnKind::kText},
               {"measure", ColumnKind::kText},
               {"method", ColumnKind::kText},
               {"raw", ColumnKind::kNumber},
               {"normalised", ColumnKind::kNumber},
               {"weight", ColumnKind::kNumber},
               {"effective_weight", ColumnKind::kRate, "share"},
               {"points", ColumnKind::kNumber},
               {"impact", ColumnKind::kNumber}};
  for (const auto& m : s.measures) {
    r.rows.push_back({std::string(m.dimension), std::string(m.name), std::string(m.method), NumberCell(m.raw),
                      NumberCell(m.normalised), m.weight, m.effective_weight, m.points, m.impact});
  }
  r.json_extra.emplace_back("account_id", nlohmann::json(s.account_id).dump());
  r.json_extra.emplace_back("score", JsonNumber(s.score));
  r.json_extra.emplace_back("class", nlohmann::json(s.klass).dump());
  r.json_extra.emplace_back("coverage", nlohmann::json(s.coverage).dump());
  r.json_extra.emplace_back(
      "matched_rule", (s.matched_rule.empty() ? nlohmann::json() : nlohmann::json(s.matched_rule)).dump());
  r.notes.push_back(fmt::format("account {}: score {} = sum of points; class {}; coverage {}", s.account_id,
                                std::isnan(s.score) ? std::string("—") : FormatNumber(s.score, 2), s.klass,
                                FormatRate(s.coverage)));
  if (!s.matched_rule.empty()) r.notes.push_back(fmt::format("matched rule: {}", s.matched_rule));
  r.notes.push_back(fmt::format("action: {}", s.action.empty() ? "none" : s.action));
  r.notes.push_back(fmt::format("why: {}", s.action_reason));
  const std::string_view trend = HealthTrendName(s.health_trend);
  r.notes.push_back(fmt::format("health trend: {}", trend.empty() ? "unknown" : trend));
  r.notes.push_back(fmt::format("up: {}", s.reasons_up.empty() ? "none" : Join(s.reasons_up, ", ")));
  r.notes.push_back(fmt::format("down: {}", s.reasons_down.empty() ? "none" : Join(s.reasons_down, ", ")));
  r.notes.push_back(
      "points = normalised x share; share = weight / sum of the weights with data; impact = points - 50 x "
      "share");
  return r;
}

}  // namespace flywheel
