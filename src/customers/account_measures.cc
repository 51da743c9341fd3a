#include "customers/account_measures.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "base/strings.h"
#include "revenue/currency.h"
#include "revenue/mrr_series.h"

namespace flywheel {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

int MeasureIndex(const std::string& name) {
  const auto& all = MeasureDimensions();
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].first == name) return static_cast<int>(i);
  }
  return -1;
}

bool Contains(const std::vector<std::string>& list, std::string_view v) {
  for (const auto& s : list) {
    if (EqualsIgnoreCase(s, v)) return true;
  }
  return false;
}

double DecayWeight(Day event, Day as_of, double half_life_days) {
  return std::pow(0.5, static_cast<double>(as_of - event) / half_life_days);
}

// The persona facts of the measured accounts from contacts.csv, by slot (`slot`: account ->
// slot or -1; null: every account, slot = account): a champion, a decision maker (-1 when no
// contact says), the best seniority (kNoSeniority when none).
constexpr int8_t kNoSeniority = 99;
struct Persona {
  int8_t has_champion = -1, has_decision_maker = -1, best_seniority = kNoSeniority;
};
std::vector<Persona> PersonaBySlot(const Dataset& data, const std::vector<int32_t>* slot, size_t slots) {
  std::vector<Persona> persona(slots);
  const Contacts& c = data.contacts;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c.account[i] == kNoAccount) continue;
    const int32_t at = slot ? (*slot)[c.account[i]] : c.account[i];
    if (at < 0) continue;
    Persona& p = persona[at];
    if (c.is_champion[i] >= 0) p.has_champion = std::max(p.has_champion, c.is_champion[i]);
    if (c.is_decision_maker[i] >= 0)
      p.has_decision_maker = std::max(p.has_decision_maker, c.is_decision_maker[i]);
    if (c.seniority[i] >= 0) p.best_seniority = std::min(p.best_seniority, c.seniority[i]);
  }
  return persona;
}

}  // namespace

Result<std::vector<AccountFacts>> ComputeAccountFacts(const Dataset& data, const MrrSeries& series,
                                                      Day as_of) {
  if (!data.Has(Table::kSubscriptions)) return Status::BadData("customers needs subscriptions.csv");
  const size_t n = data.accounts.size();
  const std::vector<Persona> persona = PersonaBySlot(data, nullptr, n);
  std::vector<AccountFacts> facts(n);
  const Month as_of_month = MonthOfDay(as_of);
  for (size_t a = 0; a < n; ++a) {
    facts[a].arr = 12 * series.Mrr(static_cast<AccountIndex>(a), as_of_month);
    facts[a].has_champion = persona[a].has_champion;
    facts[a].has_decision_maker = persona[a].has_decision_maker;
    facts[a].top_seniority =
        persona[a].best_seniority == kNoSeniority ? int8_t{-1} : persona[a].best_seniority;
  }
  return facts;
}

AccountMeasures MeasuresFromFacts(AccountIndex a, const AccountFacts& facts) {
  AccountMeasures m;
  m.account = a;
  m.raw.fill(kNaN);
  m.arr = facts.arr;
  m.contribution = kNaN;
  m.has_champion = facts.has_champion;
  m.has_decision_maker = facts.has_decision_maker;
  if (facts.top_seniority >= 0) m.top_seniority = SeniorityName(static_cast<Seniority>(facts.top_seniority));
  return m;
}

bool RulesReadMeasures(const Scorecard& card) {
  for (const auto* rules : {&card.icp_rules, &card.anti_profile, &card.exclusions}) {
    for (const NamedRule& r : *rules) {
      for (const std::string& name : r.rule.Names()) {
        if (name != "arr" && MeasureIndex(name) >= 0) return true;
      }
    }
  }
  return false;
}

double IcpFit(const Scorecard& card, const RuleSubject& subject) {
  if (card.icp_rules.empty()) return kNaN;
  double points = 0;
  for (const auto& r : card.icp_rules) {
    if (r.rule.Matches(subject)) points += r.points;
  }
  return std::clamp(points, 0.0, 100.0);
}

RuleSubject AccountSubject(const Dataset& data, AccountIndex a, const AccountMeasures* m, Code segment) {
  return [&data, a, m, segment](const std::string& full_name) -> RuleValue {
    // Compared as views: a length differs before a byte is read (rules ask millions of times).
    const std::string_view name = full_name;
    const Accounts& acc = data.accounts;
    auto text = [&](Code c) -> RuleValue {
      if (c == kNullCode) return std::monostate{};
      return data.dict.Get(c);  // a view: the dictionary outlives the evaluation
    };
    if (name == "industry") return text(acc.industry[a]);
    if (name == "country") return text(acc.country[a]);
    if (name == "region") return text(acc.region[a]);
    if (name == "segment") return text(segment != kNullCode ? segment : acc.segment[a]);
    if (name == "source") return text(acc.source[a]);
    if (name == "employees") {
      if (acc.employees[a] == kNullInt) return std::monostate{};
      return static_cast<double>(acc.employees[a]);
    }
    if (name == "annual_revenue") {
      if (IsNull(acc.annual_revenue[a])) return std::monostate{};
      return acc.annual_revenue[a];
    }
    for (size_t i = 0; i < acc.attribute_names.size(); ++i) {
      if (acc.attribute_names[i] == name) return text(acc.attributes[i][a]);
    }
    if (!m) return std::monostate{};
    if (name == "arr") return m->arr;
    if (name == "has_champion") return m->has_champion < 0 ? RuleValue() : RuleValue(double(m->has_champion));
    if (name == "has_decision_maker") {
      return m->has_decision_maker < 0 ? RuleValue() : RuleValue(double(m->has_decision_maker));
    }
    if (name == "top_seniority")
      return m->top_seniority.empty() ? RuleValue() : RuleValue(std::string_view(m->top_seniority));
    int i = MeasureIndex(full_name);
    if (i >= 0 && name != "icp_fit" && !std::isnan(m->raw[i])) return m->raw[i];
    return std::monostate{};
  };
}

namespace {

// The index in AccountMeasures::raw of every measure, looked up once by name.
struct MeasureColumns {
  size_t arr, revenue_quality, contribution, contribution_margin, effort_hours_per_10k_arr,
      tickets_per_10k_arr, escalation_points, strategic_share, focus_segment, tenure_months,
      months_to_contract_end, advocacy_points, affinity, usage_trend, nps, champion, contact_seniority,
      icp_fit;
};

const MeasureColumns& Columns() {
  static const MeasureColumns kColumns = [] {
    auto at = [](const char* name) { return static_cast<size_t>(MeasureIndex(name)); };
    return MeasureColumns{at("arr"),
                          at("revenue_quality"),
                          at("contribution"),
                          at("contribution_margin"),
                          at("effort_hours_per_10k_arr"),
                          at("tickets_per_10k_arr"),
                          at("escalation_points"),
                          at("strategic_share"),
                          at("focus_segment"),
                          at("tenure_months"),
                          at("months_to_contract_end"),
                          at("advocacy_points"),
                          at("affinity"),
                          at("usage_trend"),
                          at("nps"),
                          at("champion"),
                          at("contact_seniority"),
                          at("icp_fit")};
  }();
  return kColumns;
}

// The accounts measured, numbered by slot: `slot` maps an account to its slot (-1: not
// measured) and `all` holds one AccountMeasures per slot, every raw measure NaN but tenure.
// Every per-account sum of the passes below is sized to the slots, not to the accounts table.
struct MeasuredAccounts {
  std::vector<int32_t> slot;
  std::vector<AccountMeasures> all;

  // The slot of a row's account, -1 when the account is not measured.
  int32_t SlotOf(AccountIndex account) const { return account == kNoAccount ? -1 : slot[account]; }
};

// The accounts with ARR on `as_of` (every account with `all_accounts`), their ARR and tenure.
// The MRR series is `shared_series` when given, else computed here and freed on return.
Result<MeasuredAccounts> SelectMeasuredAccounts(const Dataset& data, const Settings& settings, Day as_of,
                                                bool all_accounts, const MrrSeries* shared_series) {
  const Month as_of_month = MonthOfDay(as_of);
  const size_t n = data.accounts.size();
  std::optional<MrrSeries> own;
  if (!shared_series) {
    auto computed = ComputeMrr(data, settings, as_of);
    if (!computed.ok()) return computed.status();
    own.emplace(std::move(*computed));
  }
  const MrrSeries* series = shared_series ? shared_series : &*own;
  size_t measured = n;
  if (!all_accounts) {
    measured = 0;
    for (size_t a = 0; a < n; ++a) measured += series->Mrr(static_cast<AccountIndex>(a), as_of_month) > 0;
  }
  MeasuredAccounts out;
  out.slot.assign(n, -1);
  out.all.reserve(measured);
  const size_t tenure = Columns().tenure_months;
  for (size_t a = 0; a < n; ++a) {
    const double arr = 12 * series->Mrr(static_cast<AccountIndex>(a), as_of_month);
    if (!all_accounts && arr <= 0) continue;
    out.slot[a] = static_cast<int32_t>(out.all.size());
    AccountMeasures& m = out.all.emplace_back();
    m.account = static_cast<AccountIndex>(a);
    m.raw.fill(kNaN);
    m.arr = arr;
    const Month first = series->FirstActiveMonth(m.account);
    if (first != kNullMonth && first <= as_of_month) m.raw[tenure] = as_of_month - first;
  }
  return out;
}

// The per-slot sums of the subscriptions pass.
struct SubscriptionSums {
  explicit SubscriptionSums(size_t k)
      : revenue_by_type(k, {0, 0, 0, 0}),
        margin_mrr(k, 0),
        active_mrr(k, 0),
        line_points(k, 0),
        line_mrr(k, 0),
        sunset_mrr(k, 0),
        latest_end(k, kNullDay),
        open_ended(k, false) {}
  std::vector<std::array<double, 4>> revenue_by_type;  // the last 12 months, by RevenueType
  std::vector<double> margin_mrr, active_mrr, line_points, line_mrr, sunset_mrr;
  std::vector<Day> latest_end;  // of the active recurring rows
  std::vector<bool> open_ended;
};

// Sums the subscriptions of the measured accounts started by `as_of`.
SubscriptionSums SumSubscriptions(const Dataset& data, const Settings& settings, Day as_of,
                                  const MeasuredAccounts& measured) {
  const Month as_of_month = MonthOfDay(as_of);
  const Day window_start = as_of - 365;  // the last 12 months: (as_of - 365, as_of]
  CurrencyRates rates(data, settings);
  const Subscriptions& s = data.subscriptions;
  SubscriptionSums sums(measured.all.size());
  const bool lines_configured = !settings.strategic_lines.empty() || !settings.maintenance_lines.empty() ||
                                !settings.sunset_lines.empty();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.account[i] == kNoAccount || s.start[i] > as_of) continue;
    const int32_t a = measured.slot[s.account[i]];
    if (a < 0) continue;
    auto rate = rates.Rate(s.currency[i], as_of_month);
    if (!rate) continue;  // ComputeMrr has already failed for recurring rows without a rate
    const double monthly = s.amount[i] * *rate / static_cast<int>(s.billing_period[i]);
    const int type = static_cast<int>(s.revenue_type[i]);
    if (s.revenue_type[i] == RevenueType::kOneOff) {
      if (s.start[i] > window_start) sums.revenue_by_type[a][type] += s.amount[i] * *rate;
    } else {
      Day from = std::max(s.start[i], window_start + 1);
      Day to = s.end[i] == kOpenEnd ? as_of + 1 : std::min<Day>(s.end[i], as_of + 1);
      if (to > from) sums.revenue_by_type[a][type] += monthly * 12 * (to - from) / 365.0;
    }
    const bool active = s.start[i] <= as_of && as_of < s.end[i];
    if (!active || s.revenue_type[i] != RevenueType::kRecurring) continue;
    const double gm = IsNull(s.gross_margin[i]) ? settings.default_gross_margin : s.gross_margin[i];
    sums.margin_mrr[a] += monthly * gm;
    sums.active_mrr[a] += monthly;
    if (s.end[i] == kOpenEnd)
      sums.open_ended[a] = true;
    else
      sums.latest_end[a] = std::max(sums.latest_end[a], s.end[i]);
    if (s.product_line[i] != kNullCode && lines_configured) {
      std::string_view line = data.dict.Get(s.product_line[i]);
      double points = 50;
      if (Contains(settings.strategic_lines, line))
        points = 100;
      else if (Contains(settings.sunset_lines, line)) {
        points = 0;
        sums.sunset_mrr[a] += monthly;
      }
      sums.line_points[a] += points * monthly;
      sums.line_mrr[a] += monthly;
    }
  }
  return sums;
}

// Subscriptions: revenue quality, margin, product lines, contract end. The margin part of the
// contribution (12 × margin-weighted MRR) is kept in m.contribution until the tickets'
// service cost is taken off it.
void MeasureSubscriptions(const Dataset& data, const Settings& settings, const Scorecard& card, Day as_of,
                          MeasuredAccounts* measured) {
  const SubscriptionSums sums = SumSubscriptions(data, settings, as_of, *measured);
  const MeasureColumns& c = Columns();
  for (size_t a = 0; a < measured->all.size(); ++a) {
    AccountMeasures& m = measured->all[a];
    if (m.arr > 0) {
      m.contribution = 12 * sums.margin_mrr[a];
      m.sunset_arr = 12 * sums.sunset_mrr[a];
    } else {
      m.contribution = kNaN;
    }
    double total_revenue = 0, quality = 0;
    for (int type = 0; type < 4; ++type) {
      total_revenue += sums.revenue_by_type[a][type];
      quality += sums.revenue_by_type[a][type] * card.revenue_type_score[type];
    }
    if (total_revenue > 0) m.raw[c.revenue_quality] = quality / total_revenue;
    if (sums.line_mrr[a] > 0) m.raw[c.strategic_share] = sums.line_points[a] / sums.line_mrr[a];
    if (sums.active_mrr[a] > 0 && !sums.open_ended[a] && sums.latest_end[a] != kNullDay) {
      m.raw[c.months_to_contract_end] = (sums.latest_end[a] - as_of) / 30.4375;
    }
  }
}

// Tickets of the last 12 months: service cost, effort, escalations; and the arr measure.
void MeasureTickets(const Dataset& data, const Scorecard& card, Day as_of, MeasuredAccounts* measured) {
  const size_t k = measured->all.size();
  const Day window_start = as_of - 365;
  const bool has_tickets = data.Has(Table::kTickets);
  std::vector<double> hours(k, 0), tickets(k, 0), escalation_points(k, 0), escalation_cost(k, 0);
  const Tickets& t = data.tickets;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t.account[i] == kNoAccount || t.opened_at[i] > as_of || t.opened_at[i] <= window_start) continue;
    const int32_t a = measured->slot[t.account[i]];
    if (a < 0) continue;
    if (!IsNull(t.effort_hours[i])) hours[a] += t.effort_hours[i];
    tickets[a] += 1;
    static const double kEscalationPoints[4] = {0, 1, 3, 10};
    const int level = static_cast<int>(t.escalation[i]);
    escalation_points[a] += kEscalationPoints[level];
    escalation_cost[a] += card.escalation_cost[level];
    if (t.escalation[i] == Escalation::kExecutive) measured->all[a].executive_escalations += 1;
  }
  const MeasureColumns& c = Columns();
  for (size_t a = 0; a < k; ++a) {
    AccountMeasures& m = measured->all[a];
    const double arr = m.arr;
    if (arr > 0) {
      m.raw[c.arr] = arr;
      const double service_cost = hours[a] * card.hourly_cost + escalation_cost[a];
      m.contribution -= service_cost;
      m.raw[c.contribution] = m.contribution;
      m.raw[c.contribution_margin] = m.contribution / arr;
      if (has_tickets) {
        m.raw[c.effort_hours_per_10k_arr] = hours[a] / (arr / 10000);
        m.raw[c.tickets_per_10k_arr] = tickets[a] / (arr / 10000);
      }
    }
    if (has_tickets) m.raw[c.escalation_points] = escalation_points[a];
  }
}

// Advocacy events: type points decayed by the advocacy half-life.
void MeasureAdvocacy(const Dataset& data, const Scorecard& card, Day as_of, MeasuredAccounts* measured) {
  if (!data.Has(Table::kAdvocacy)) return;
  const size_t k = measured->all.size();
  std::vector<double> advocacy(k, 0);
  for (size_t i = 0; i < data.advocacy.size(); ++i) {
    const int32_t a = measured->SlotOf(data.advocacy.account[i]);
    if (a < 0 || data.advocacy.date[i] > as_of) continue;
    advocacy[a] += card.advocacy_points[static_cast<int>(data.advocacy.type[i])] *
                   DecayWeight(data.advocacy.date[i], as_of, card.advocacy_half_life_days);
  }
  const size_t column = Columns().advocacy_points;
  for (size_t a = 0; a < k; ++a) measured->all[a].raw[column] = advocacy[a];
}

// NPS answers weighted by the health half-life, now and as of 90 days before. The answers up
// to 90 days before give nps_before: their weights as of then are those as of now times one
// factor, which leaves a weighted mean unchanged.
void MeasureNps(const Dataset& data, const Scorecard& card, Day as_of, MeasuredAccounts* measured) {
  const size_t k = measured->all.size();
  const Day before = as_of - 90;
  std::vector<double> nps_sum(k, 0), nps_weight(k, 0), before_sum(k, 0), before_weight(k, 0);
  for (size_t i = 0; i < data.nps.size(); ++i) {
    const int32_t a = measured->SlotOf(data.nps.account[i]);
    if (a < 0 || data.nps.date[i] > as_of) continue;
    const double w = DecayWeight(data.nps.date[i], as_of, card.health_half_life_days);
    nps_sum[a] += w * data.nps.score[i];
    nps_weight[a] += w;
    if (data.nps.date[i] <= before) {
      before_sum[a] += w * data.nps.score[i];
      before_weight[a] += w;
    }
  }
  const size_t column = Columns().nps;
  for (size_t a = 0; a < k; ++a) {
    if (nps_weight[a] > 0) measured->all[a].raw[column] = nps_sum[a] / nps_weight[a];
    if (before_weight[a] > 0) measured->all[a].nps_before = before_sum[a] / before_weight[a];
  }
}

// Usage of the last 30 days against the 90 days before.
void MeasureUsage(const Dataset& data, Day as_of, MeasuredAccounts* measured) {
  if (!data.Has(Table::kUsage)) return;
  const size_t k = measured->all.size();
  std::vector<double> usage_recent(k, 0), usage_before(k, 0);
  // Only the last 120 days count: the date is checked before the account's slot is read
  // (most rows of a long history are older, and the slots are a random read each).
  for (size_t i = 0; i < data.usage.size(); ++i) {
    const Day d = data.usage.date[i];
    if (d > as_of || d <= as_of - 120) continue;
    const int32_t a = measured->SlotOf(data.usage.account[i]);
    if (a < 0) continue;
    const double v = IsNull(data.usage.value[i]) ? 1 : data.usage.value[i];
    if (d > as_of - 30)
      usage_recent[a] += v;
    else
      usage_before[a] += v;
  }
  const size_t column = Columns().usage_trend;
  for (size_t a = 0; a < k; ++a) {
    if (usage_before[a] > 0) measured->all[a].raw[column] = usage_recent[a] / (usage_before[a] / 3);
  }
}

// Contacts: champion, decision maker and the best seniority.
void MeasureContacts(const Dataset& data, MeasuredAccounts* measured) {
  const size_t k = measured->all.size();
  const std::vector<Persona> persona = PersonaBySlot(data, &measured->slot, k);
  const MeasureColumns& c = Columns();
  for (size_t a = 0; a < k; ++a) {
    AccountMeasures& m = measured->all[a];
    m.has_champion = persona[a].has_champion;
    m.has_decision_maker = persona[a].has_decision_maker;
    if (m.has_champion >= 0) m.raw[c.champion] = m.has_champion;
    if (persona[a].best_seniority != kNoSeniority) {
      static const double kSeniorityScore[5] = {100, 80, 60, 40, 20};
      m.raw[c.contact_seniority] = kSeniorityScore[persona[a].best_seniority];
      m.top_seniority = SeniorityName(static_cast<Seniority>(persona[a].best_seniority));
    }
  }
}

// The column of the affinity attribute among the account attributes; -1 when absent.
int AffinityColumn(const Dataset& data, const Scorecard& card) {
  for (size_t i = 0; i < data.accounts.attribute_names.size(); ++i) {
    if (data.accounts.attribute_names[i] == card.affinity_attribute) return static_cast<int>(i);
  }
  return -1;
}

// The account's own columns: focus segment, affinity; then the ICP fit, whose rules may read
// every measure set before.
void MeasureAccountColumns(const Dataset& data, const Scorecard& card, MeasuredAccounts* measured) {
  const int affinity_column = AffinityColumn(data, card);
  const MeasureColumns& c = Columns();
  for (AccountMeasures& m : measured->all) {
    const Code segment = data.accounts.segment[m.account];
    if (!card.focus_segments.empty() && segment != kNullCode) {
      m.raw[c.focus_segment] = Contains(card.focus_segments, data.dict.Get(segment)) ? 100 : 0;
    }
    if (affinity_column >= 0) {
      std::string_view v = data.dict.Get(data.accounts.attributes[affinity_column][m.account]);
      char* end = nullptr;
      std::string text(v);
      double x = text.empty() ? kNaN : std::strtod(text.c_str(), &end);
      if (!text.empty() && end && *end == '\0' && x >= 0 && x <= 5) m.raw[c.affinity] = x;
    }
    m.raw[c.icp_fit] = IcpFit(card, AccountSubject(data, m.account, &m));
  }
}

}  // namespace

Result<std::vector<AccountMeasures>> ComputeAccountMeasures(const Dataset& data, const Settings& settings,
                                                            const Scorecard& card, Day as_of,
                                                            bool all_accounts,
                                                            const MrrSeries* shared_series) {
  if (!data.Has(Table::kSubscriptions)) return Status::BadData("customers needs subscriptions.csv");
  // Each pass sums one source into per-slot vectors that live only for the pass: its measures
  // are set and the sums freed before the next source is read (on a million accounts the
  // sums of every source together would be about 150 bytes an account).
  auto measured = SelectMeasuredAccounts(data, settings, as_of, all_accounts, shared_series);
  if (!measured.ok()) return measured.status();
  MeasureSubscriptions(data, settings, card, as_of, &*measured);
  MeasureTickets(data, card, as_of, &*measured);
  MeasureAdvocacy(data, card, as_of, &*measured);
  MeasureNps(data, card, as_of, &*measured);
  MeasureUsage(data, as_of, &*measured);
  MeasureContacts(data, &*measured);
  MeasureAccountColumns(data, card, &*measured);
  return std::move(measured->all);
}

}  // namespace flywheel
