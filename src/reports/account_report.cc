#include "reports/account_report.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "customers/measure_words.h"
#include "reports/customer_runs.h"
#include "revenue/movements.h"

namespace flywheel {

namespace {

nlohmann::json TextOrNull(std::string_view v) {
  return v.empty() ? nlohmann::json() : nlohmann::json(std::string(v));
}
nlohmann::json NumberOrNull(double v) { return std::isnan(v) ? nlohmann::json() : nlohmann::json(v); }
nlohmann::json DateOrNull(Day d) {
  return d == kNullDay || d == kOpenEnd ? nlohmann::json() : nlohmann::json(FormatDate(d));
}
Cell TextCell(std::string_view v) { return v.empty() ? Cell() : Cell(std::string(v)); }

std::string_view CodeText(const Dataset& data, Code c) {
  return c == kNullCode ? std::string_view() : data.dict.Get(c);
}

Result<AccountIndex> FindAccount(const Dataset& data, const std::string& id) {
  const AccountIndex a = data.accounts.Find(id);
  if (a != kNoAccount) return a;
  return Status::NotFound(
      fmt::format("unknown account '{}'{}", id,
                  DidYouMeanSuffix(id, data.accounts.size(), [&](size_t i) { return data.accounts.id[i]; })));
}

std::string CurrencySymbol(const std::string& currency) {
  if (currency == "USD") return "$";
  if (currency == "EUR") return "€";
  if (currency == "GBP") return "£";
  return currency + " ";
}

// ---- the account's own attributes -----------------------------------------------------

nlohmann::json AccountJson(const Dataset& data, AccountIndex a, const MrrSeries& series, Day as_of) {
  const Accounts& acc = data.accounts;
  const size_t i = static_cast<size_t>(a);
  const double mrr = series.Mrr(a, MonthOfDay(as_of));
  nlohmann::json j = {
      {"account_id", std::string(acc.id[i])},
      {"account_name", TextOrNull(acc.name[i])},
      {"segment", TextOrNull(CodeText(data, acc.segment[i]))},
      {"industry", TextOrNull(CodeText(data, acc.industry[i]))},
      {"country", TextOrNull(CodeText(data, acc.country[i]))},
      {"region", TextOrNull(CodeText(data, acc.region[i]))},
      {"source", TextOrNull(CodeText(data, acc.source[i]))},
      {"created_at", DateOrNull(acc.created_at[i])},
      {"plan", TextOrNull(PlanOn(data, a, as_of))},
      {"mrr", mrr},
      {"arr", 12 * mrr},
      {"customer_since", series.FirstActiveMonth(a) == kNullMonth
                             ? nlohmann::json()
                             : nlohmann::json(FormatMonth(series.FirstActiveMonth(a)))},
  };
  nlohmann::json attributes = nlohmann::json::object();
  for (size_t k = 0; k < acc.attribute_names.size(); ++k) {
    attributes[acc.attribute_names[k]] = TextOrNull(CodeText(data, acc.attributes[k][i]));
  }
  j["attributes"] = attributes;
  return j;
}

// ---- the scorecard with its reasons in words --------------------------------------------

Result<nlohmann::json> ScorecardJson(const Input& in, const AccountReportOptions& o, const std::string& id,
                                     std::vector<std::string>* notes) {
  ScorecardReportOptions scoring;  // the built-in scorecard
  scoring.as_of = o.as_of;
  auto scored = ScoreCustomers(in, scoring, /*keep_measures=*/true);
  if (!scored.ok()) return scored.status();
  const AccountScore* s = nullptr;
  for (const AccountScore& x : scored->scores) {
    if (x.account_id == id) s = &x;
  }
  if (!s) {
    notes->push_back(fmt::format("not scored: the scorecard covers customers only, and {} has no ARR on {}",
                                 id, FormatDate(scored->as_of)));
    return nlohmann::json();
  }
  // The reasons: every measure that moved the score, largest effect first.
  std::vector<const MeasureScore*> moved;
  for (const MeasureScore& m : s->measures) {
    if (m.effective_weight > 0 && std::fabs(m.impact) >= 0.05) moved.push_back(&m);
  }
  std::stable_sort(moved.begin(), moved.end(), [](const MeasureScore* a, const MeasureScore* b) {
    return std::fabs(a->impact) > std::fabs(b->impact);
  });
  const std::string symbol = CurrencySymbol(in.settings.base_currency);
  nlohmann::json reasons = nlohmann::json::array();
  for (const MeasureScore* m : moved) {
    reasons.push_back({{"measure", std::string(m->name)},
                       {"label", MeasureLabel(m->name)},
                       {"value", NumberOrNull(m->raw)},
                       {"impact", m->impact},
                       {"text", ReasonInWords(m->name, m->raw, m->impact, symbol)}});
  }
  nlohmann::json missing = nlohmann::json::array();
  for (const MeasureScore& m : s->measures) {
    if (m.weight > 0 && std::isnan(m.raw)) missing.push_back(MeasureLabel(m.name));
  }
  return nlohmann::json{{"class", s->klass},
                        {"score", NumberOrNull(s->score)},
                        {"fit", NumberOrNull(s->fit)},
                        {"health", NumberOrNull(s->health)},
                        {"coverage", s->coverage},
                        {"health_trend", TextOrNull(HealthTrendName(s->health_trend))},
                        {"action", TextOrNull(s->action)},
                        {"action_reason", s->action_reason},
                        {"matched_rule", TextOrNull(s->matched_rule)},
                        {"reasons", reasons},
                        {"missing", missing}};
}

// ---- opportunities, tickets, NPS answers: newest first ---------------------------------

// The rows of `account` that belong to account a, newest `dates` first.
std::vector<size_t> NewestFirst(const std::vector<AccountIndex>& account, AccountIndex a,
                                const std::vector<Day>& dates) {
  std::vector<size_t> rows;
  for (size_t i = 0; i < account.size(); ++i) {
    if (account[i] == a) rows.push_back(i);
  }
  std::stable_sort(rows.begin(), rows.end(), [&](size_t x, size_t y) { return dates[x] > dates[y]; });
  return rows;
}

nlohmann::json OpportunitiesJson(const Dataset& data, AccountIndex a) {
  const Opportunities& o = data.opportunities;
  const std::vector<size_t> rows = NewestFirst(o.account, a, o.created_at);
  nlohmann::json out = nlohmann::json::array();
  for (size_t i : rows) {
    out.push_back({{"opportunity_id", std::string(o.id[i])},
                   {"type", std::string(OpportunityTypeName(o.type[i]))},
                   {"status", std::string(OpportunityStatusName(o.status[i]))},
                   {"stage", TextOrNull(CodeText(data, o.stage[i]))},
                   {"created_at", DateOrNull(o.created_at[i])},
                   {"closed_at", DateOrNull(o.closed_at[i])},
                   {"amount", NumberOrNull(o.amount[i])},
                   {"currency", TextOrNull(CodeText(data, o.currency[i]))},
                   {"owner", TextOrNull(CodeText(data, o.owner[i]))}});
  }
  return out;
}

nlohmann::json TicketsJson(const Dataset& data, AccountIndex a) {
  const Tickets& t = data.tickets;
  const std::vector<size_t> rows = NewestFirst(t.account, a, t.opened_at);
  nlohmann::json out = nlohmann::json::array();
  for (size_t i : rows) {
    out.push_back({{"ticket_id", std::string(t.id[i])},
                   {"opened_at", DateOrNull(t.opened_at[i])},
                   {"closed_at", DateOrNull(t.closed_at[i])},
                   {"effort_hours", NumberOrNull(t.effort_hours[i])},
                   {"escalation", std::string(EscalationName(t.escalation[i]))}});
  }
  return out;
}

nlohmann::json NpsJson(const Dataset& data, AccountIndex a) {
  const Nps& n = data.nps;
  const std::vector<size_t> rows = NewestFirst(n.account, a, n.date);
  nlohmann::json out = nlohmann::json::array();
  for (size_t i : rows) {
    const int score = n.score[i];
    out.push_back({{"date", DateOrNull(n.date[i])},
                   {"nps_score", score},
                   {"contact_id",
                    n.contact[i] < 0
                        ? nlohmann::json()
                        : nlohmann::json(std::string(data.contacts.id[static_cast<size_t>(n.contact[i])]))},
                   {"category", score >= 9   ? "promoter"
                                : score >= 7 ? "passive"
                                             : "detractor"}});
  }
  return out;
}

// The MRR timeline: one row per month from the first paying month to the as-of month, with
// the month's contract movement and currency effect.
void AddTimeline(Report* r, const MrrBasis& basis, AccountIndex a) {
  const MrrSeries& s = basis.series;
  const Month first = s.FirstActiveMonth(a);
  if (first == kNullMonth) return;
  const auto& index = basis.movements_by_account;
  std::vector<const AccountMovement*> moves;
  for (uint32_t e = index.start[static_cast<size_t>(a)]; e < index.start[static_cast<size_t>(a) + 1]; ++e) {
    moves.push_back(&basis.movements[index.entries[e].position]);
  }
  size_t next = 0;
  for (Month m = first; m <= s.last_month(); ++m) {
    Cell movement, change, fx;
    for (; next < moves.size() && moves[next]->month <= m; ++next) {
      if (moves[next]->month != m) continue;
      if (moves[next]->type == MovementType::kFxImpact) {
        fx = moves[next]->amount;
      } else {
        movement = std::string(MovementTypeName(moves[next]->type));
        change = MrrChange(*moves[next]);
      }
    }
    r->rows.push_back({FormatMonth(m), s.Mrr(a, m), movement, change, fx});
  }
}

}  // namespace

std::string PlanOn(const Dataset& data, AccountIndex a, Day day) {
  const Subscriptions& s = data.subscriptions;
  double best = -1;
  std::string plan;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.account[i] != a || s.revenue_type[i] != RevenueType::kRecurring) continue;
    if (s.start[i] > day || (s.end[i] != kOpenEnd && s.end[i] <= day)) continue;
    const double monthly = s.amount[i] / static_cast<int>(s.billing_period[i]);
    if (monthly <= best) continue;
    best = monthly;
    Code c = s.product[i];
    if (c == kNullCode) c = s.product_line[i];
    plan = std::string(CodeText(data, c));
  }
  return plan;
}

Result<Report> AccountsReport(const Input& in, const AccountsReportOptions& o) {
  const Day as_of = o.AsOf(in);
  auto basis = LoadMrr(in, as_of);
  if (!basis.ok()) return basis.status();
  const MrrSeries& series = basis.value()->series;
  const Dataset& data = in.dataset;
  const Month month = MonthOfDay(as_of);
  std::vector<std::pair<double, AccountIndex>> paying;
  for (size_t i = 0; i < data.accounts.size(); ++i) {
    const double mrr = series.Mrr(static_cast<AccountIndex>(i), month);
    if (mrr > 0) paying.emplace_back(mrr, static_cast<AccountIndex>(i));
  }
  std::stable_sort(paying.begin(), paying.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  Report r;
  r.name = "accounts";
  r.as_of = FormatDate(as_of);
  r.currency = in.settings.base_currency;
  r.columns = {{"account_id", ColumnKind::kText, "account"},
               {"account_name", ColumnKind::kText, "name"},
               {"segment", ColumnKind::kText},
               {"plan", ColumnKind::kText},
               {"mrr", ColumnKind::kMoney},
               {"arr", ColumnKind::kMoney},
               {"customer_since", ColumnKind::kText, "since"}};
  for (const auto& [mrr, a] : paying) {
    const size_t i = static_cast<size_t>(a);
    r.rows.push_back({std::string(data.accounts.id[i]), TextCell(data.accounts.name[i]),
                      TextCell(CodeText(data, data.accounts.segment[i])), TextCell(PlanOn(data, a, as_of)),
                      mrr, 12 * mrr, FormatMonth(series.FirstActiveMonth(a))});
  }
  r.notes.push_back(
      fmt::format("{} customers with MRR on {}; plan: the product of the largest recurring subscription",
                  r.rows.size(), r.as_of));
  return r;
}

Result<Report> AccountReport(const Input& in, const AccountReportOptions& o) {
  const Day as_of = o.AsOf(in);
  const std::string& id = o.account;
  auto found = FindAccount(in.dataset, id);
  if (!found.ok()) return found.status();
  const AccountIndex a = found.value();
  auto loaded = LoadMrr(in, as_of);
  if (!loaded.ok()) return loaded.status();
  const MrrBasis& basis = *loaded.value();
  Report r;
  r.name = "account";
  r.as_of = FormatDate(as_of);
  r.period = "month";
  r.currency = in.settings.base_currency;
  r.columns = {{"period", ColumnKind::kText},
               {"mrr", ColumnKind::kMoney},
               {"movement", ColumnKind::kText},
               {"movement_mrr", ColumnKind::kMoney, "movement MRR"},
               {"fx_impact_mrr", ColumnKind::kMoney, "FX impact MRR"}};
  r.extra_fields = {{"arr", ColumnKind::kMoney},           {"score", ColumnKind::kNumber},
                    {"fit", ColumnKind::kNumber},          {"health", ColumnKind::kNumber},
                    {"coverage", ColumnKind::kRate},       {"impact", ColumnKind::kNumber, "points"},
                    {"value", ColumnKind::kNumber},        {"amount", ColumnKind::kMoney},
                    {"effort_hours", ColumnKind::kNumber}, {"nps_score", ColumnKind::kInteger, "NPS answer"}};
  AddTimeline(&r, basis, a);
  if (r.rows.empty())
    r.notes.push_back(fmt::format("{} has had no recurring revenue through {}", id, r.as_of));
  auto scorecard = ScorecardJson(in, o, id, &r.notes);
  if (!scorecard.ok()) return scorecard.status();
  r.json_extra = {{"account", AccountJson(in.dataset, a, basis.series, as_of).dump()},
                  {"scorecard", scorecard.value().dump()},
                  {"opportunities", OpportunitiesJson(in.dataset, a).dump()},
                  {"tickets", TicketsJson(in.dataset, a).dump()},
                  {"nps", NpsJson(in.dataset, a).dump()}};
  return r;
}

}  // namespace flywheel
