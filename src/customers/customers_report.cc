#include "customers/customers_report.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "base/strings.h"
#include "customers/score_snapshots.h"
#include "output/report_writer.h"

namespace flywheel {

namespace {

using Scores = std::shared_ptr<const std::vector<AccountScore>>;

Cell NumberCell(double v) { return std::isnan(v) ? Cell() : Cell(v); }

// Highest score first, the unscored last, then by account id (then as given). Sorted as
// (score, position) pairs: the scores' own records are read only where scores tie.
std::vector<const AccountScore*> ByScore(const std::vector<AccountScore>& input) {
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
  return scores;
}

// The accounts by fit × health and by class, over every account.
struct Tally {
  int matrix[2][2] = {{0, 0}, {0, 0}};  // [high fit][high health]
  int unknown = 0, no_action = 0;
  std::map<std::string, int> by_class;
};

// The dimensions as the JSON group "dimensions": one column per name, in name order (a name
// given twice keeps its last score), made from the first listed account's names. Every
// account of a scoring has the same names in the same order; an account with others has its
// scores found by name, null where it has none.
struct DimensionColumns {
  std::vector<std::string_view> names;  // as the first account gives them
  std::vector<std::string> sorted;      // the columns' names
  std::vector<size_t> order;            // per column, the index of its score in `names`

  explicit DimensionColumns(const std::vector<std::pair<std::string_view, double>>& dims) {
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
      sorted.emplace_back(name);
      order.push_back(d);
    }
  }
  bool Fits(const std::vector<std::pair<std::string_view, double>>& dims) const {
    if (dims.size() != names.size()) return false;
    for (size_t d = 0; d < dims.size(); ++d) {
      if (dims[d].first != names[d]) return false;
    }
    return true;
  }
  // Writes an account's scores into cells[at ...].
  void Fill(const std::vector<std::pair<std::string_view, double>>& dims, Cell* cells) const {
    const bool fits = Fits(dims);
    for (size_t j = 0; j < sorted.size(); ++j) {
      double v = std::numeric_limits<double>::quiet_NaN();
      if (fits) {
        v = dims[order[j]].second;
      } else {
        for (const auto& [name, score] : dims) {
          if (name == sorted[j]) v = score;
        }
      }
      cells[j] = v;
    }
  }
};

// What the rows read, held by the report: the listed accounts, in order, with their scores'
// owner and, against a snapshot, each one's previous score and trend.
struct ListedAccounts {
  Scores owner;
  std::vector<const AccountScore*> accounts;
  struct Against {
    double previous_score;  // NaN: not scored in the snapshot
    std::string trend;
  };
  std::vector<Against> against;  // per listed account, when there is a snapshot
  DimensionColumns dimensions{{}};
  size_t columns = 0;  // the table's columns; the dimensions' cells follow

  // Row i: the table's cells, then the dimensions' and previous_score.
  void Fill(size_t i, std::vector<Cell>* row) const {
    const AccountScore& s = *accounts[i];
    const bool snapshot = !against.empty();
    row->resize(columns + dimensions.sorted.size() + 1 + (snapshot ? 1 : 0));
    Cell* c = row->data();
    SetText(&c[0], s.account_id);
    SetNumberOrNull(&c[1], s.score);
    SetText(&c[2], s.klass);
    c[3] = s.coverage;
    SetNumberOrNull(&c[4], s.fit);
    SetNumberOrNull(&c[5], s.health);
    SetTextOrNull(&c[6], HealthTrendName(s.health_trend));
    c[7] = s.arr;
    SetList(&c[8], {&s.reasons_up, &s.reasons_down});
    SetTextOrNull(&c[9], s.action);
    SetText(&c[10], s.action_reason);
    SetTextOrNull(&c[11], s.matched_rule);
    if (snapshot) SetText(&c[12], against[i].trend);
    c[columns] = std::monostate{};  // the group "dimensions" itself
    dimensions.Fill(s.dimensions, &c[columns + 1]);
    if (snapshot) c[row->size() - 1] = against[i].previous_score;
  }
};

std::vector<Column> CustomersColumns(bool snapshot) {
  std::vector<Column> columns = {{"account_id", ColumnKind::kText, "account"},
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
  if (snapshot) columns.push_back({"trend", ColumnKind::kText});
  return columns;
}

// The JSON rows: the dimensions as a group and previous_score after the table's columns, and
// every member in alphabetical key order (the order this JSON has always had).
void AddJsonColumns(const DimensionColumns& dimensions, bool snapshot, Report* r) {
  r->json_columns.push_back({"", ColumnKind::kNumber, "", false, "", "dimensions"});
  for (const std::string& name : dimensions.sorted)
    r->json_columns.push_back({name, ColumnKind::kNumber, "", false, "", "dimensions"});
  if (snapshot) r->json_columns.push_back({"previous_score", ColumnKind::kNumber});
  std::vector<std::pair<std::string_view, size_t>> keys;
  for (size_t i = 0; i < r->columns.size(); ++i) keys.emplace_back(r->columns[i].name, i);
  for (size_t j = 0; j < r->json_columns.size(); ++j) {
    const Column& c = r->json_columns[j];
    keys.emplace_back(c.group.empty() ? c.name : c.group, r->columns.size() + j);
  }
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& key : keys) r->json_order.push_back(key.second);
}

// Counts every account into `tally` and lists those of `class_filter` ("" = all).
std::shared_ptr<ListedAccounts> ListAccounts(const Scores& input, const Scorecard& card,
                                             const std::string& class_filter,
                                             const std::map<std::string, double>* previous, Tally* tally) {
  auto listed = std::make_shared<ListedAccounts>();
  listed->owner = input;
  for (const AccountScore* s : ByScore(*input)) {
    if (std::isnan(s->fit) || std::isnan(s->health))
      ++tally->unknown;
    else
      ++tally->matrix[s->fit >= card.high_fit][s->health >= card.high_health];
    ++tally->by_class[s->klass];
    tally->no_action += s->action.empty();
    if (!class_filter.empty() && s->klass != class_filter) continue;
    listed->accounts.push_back(s);
    if (previous) {
      double previous_score = std::numeric_limits<double>::quiet_NaN();
      auto it = previous->find(s->account_id);
      if (it != previous->end()) previous_score = it->second;
      listed->against.push_back(
          {previous_score, ScoreTrend(previous_score, it != previous->end(), s->score)});
    }
  }
  return listed;
}

ExtraTable MatrixTable(const Tally& t) {
  std::vector<Column> columns;
  std::vector<Cell> counts;
  for (const auto& [key, count] : {std::pair{"high_fit_high_health", t.matrix[1][1]},
                                   {"high_fit_low_health", t.matrix[1][0]},
                                   {"low_fit_high_health", t.matrix[0][1]},
                                   {"low_fit_low_health", t.matrix[0][0]},
                                   {"unknown", t.unknown}}) {
    columns.push_back({key, ColumnKind::kInteger});
    counts.emplace_back(int64_t{count});
  }
  return ExtraObject("matrix", std::move(columns), std::move(counts));
}

void AddNotes(const Tally& t, size_t accounts, const Scorecard& card, Report* r) {
  std::string classes;
  for (const char* k : {"ideal", "good", "neutral", "poor", "anti-profile", "excluded", "unscored"}) {
    auto it = t.by_class.find(k);
    if (it == t.by_class.end()) continue;
    if (!classes.empty()) classes += ", ";
    classes += fmt::format("{} {}", k, it->second);
  }
  r->notes.push_back(fmt::format("accounts: {} ({})", accounts, classes.empty() ? "none" : classes));
  r->notes.push_back(
      fmt::format("fit x health (high fit >= {}, high health >= {}): high/high {}, high fit/low health {}, "
                  "low fit/high health {}, low/low {}, unknown {}",
                  card.high_fit, card.high_health, t.matrix[1][1], t.matrix[1][0], t.matrix[0][1],
                  t.matrix[0][0], t.unknown));
  r->notes.push_back(
      "score = sum of points of the measures with data (weights rescaled); coverage = share of the weight "
      "with data; see --explain");
  if (t.no_action > 0)
    r->notes.push_back(fmt::format(
        "accounts that no play of the playbook ([[actions]]) matched: {}, without an action", t.no_action));
}

}  // namespace

Report CustomersReport(Scores scores, const Scorecard& card, const Settings& settings, Day as_of,
                       const std::string& class_filter, const std::map<std::string, double>* previous) {
  Report r;
  r.name = "customers";
  r.as_of = FormatDate(as_of);
  r.currency = settings.base_currency;
  r.columns = CustomersColumns(previous != nullptr);
  r.extra_fields = {{"matrix", ColumnKind::kInteger, "accounts by fit x health"}};
  Tally tally;
  // The rows are given on demand (Report::row_at): on a million accounts their cells were
  // several hundred MB.
  std::shared_ptr<ListedAccounts> listed = ListAccounts(scores, card, class_filter, previous, &tally);
  if (!listed->accounts.empty()) listed->dimensions = DimensionColumns(listed->accounts.front()->dimensions);
  listed->columns = r.columns.size();
  AddJsonColumns(listed->dimensions, previous != nullptr, &r);
  r.row_at_count = listed->accounts.size();
  r.row_at = [listed = std::shared_ptr<const ListedAccounts>(listed)](size_t i, std::vector<Cell>* row) {
    listed->Fill(i, row);
  };
  r.extra_tables.push_back(MatrixTable(tally));
  AddNotes(tally, scores->size(), card, &r);
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
  r.extra_tables.push_back(ExtraValue("account_id", s.account_id));
  r.extra_tables.push_back(ExtraValue("score", s.score));
  r.extra_tables.push_back(ExtraValue("class", s.klass));
  r.extra_tables.push_back(ExtraValue("coverage", s.coverage));
  r.extra_tables.push_back(
      ExtraValue("matched_rule", s.matched_rule.empty() ? Cell() : Cell(s.matched_rule)));
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
