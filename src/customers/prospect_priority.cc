#include "customers/prospect_priority.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "customers/account_score.h"
#include "revenue/currency.h"

namespace flywheel {

std::string ProspectPriority(const Scorecard& card, double fit, bool rule_matched) {
  if (rule_matched) return "disqualify";
  if (std::isnan(fit)) return "Prio 2";
  if (fit >= card.prio1_fit) return "Prio 1";
  if (fit >= card.prio2_fit) return "Prio 2";
  return "disqualify";
}

Result<Report> ProspectsReport(const Dataset& data, const Settings& settings, const Scorecard& card,
                               const std::vector<AccountMeasures>& measures, Day as_of) {
  const CurrencyRates rates(data, settings);
  const Month rate_month = MonthOfDay(as_of);
  std::vector<const AccountMeasures*> by_account(data.accounts.size(), nullptr);
  for (const auto& m : measures) by_account[m.account] = &m;
  struct Row {
    std::string kind, id, account_id, priority, rule;
    double fit, amount;
  };
  std::vector<Row> rows;
  std::vector<bool> has_open(data.accounts.size(), false);
  auto score = [&](AccountIndex a, const RuleSubject& subject, Row* row) {
    bool excluded = false;
    row->rule = MatchedRule(card, subject, &excluded);
    row->fit = IcpFit(card, subject);
    row->priority = ProspectPriority(card, row->fit, !row->rule.empty());
    row->account_id = a == kNoAccount ? "" : data.accounts.id[a];
  };
  const Opportunities& o = data.opportunities;
  for (size_t i = 0; i < o.size(); ++i) {
    if (o.status[i] != OpportunityStatus::kOpen || o.created_at[i] > as_of || o.account[i] == kNoAccount) continue;
    has_open[o.account[i]] = true;
    double amount = o.amount[i];
    if (!std::isnan(amount) && o.currency[i] != kNullCode) {
      auto rate = rates.Rate(o.currency[i], rate_month);
      if (!rate) return Status::BadData(rates.MissingRateMessage(o.currency[i], rate_month, "opportunity " + o.id[i]));
      amount *= *rate;
    }
    Row row{"opportunity", o.id[i], "", "", "", 0, amount};
    score(o.account[i], AccountSubject(data, o.account[i], by_account[o.account[i]]), &row);
    rows.push_back(row);
  }
  const Leads& l = data.leads;
  for (size_t i = 0; i < l.size(); ++i) {
    const AccountIndex a = l.account[i];
    if (l.created_at[i] > as_of) continue;
    if (a != kNoAccount && (has_open[a] || (by_account[a] && by_account[a]->arr > 0))) continue;
    Row row{"lead", l.id[i], "", "", "", 0, std::numeric_limits<double>::quiet_NaN()};
    RuleSubject subject;
    if (a != kNoAccount) {
      RuleSubject base = AccountSubject(data, a, by_account[a]);
      Code segment = l.segment[i];
      subject = [&data, base, segment](const std::string& name) -> RuleValue {
        if (name == "segment" && segment != kNullCode) return std::string(data.dict.Get(segment));
        return base(name);
      };
    } else {
      Code segment = l.segment[i], channel = l.channel[i];
      subject = [&data, segment, channel](const std::string& name) -> RuleValue {
        Code c = name == "segment" ? segment : name == "source" ? channel : kNullCode;
        if (c == kNullCode) return std::monostate{};
        return std::string(data.dict.Get(c));
      };
    }
    score(a, subject, &row);
    rows.push_back(row);
  }
  auto rank = [](const std::string& p) { return p == "Prio 1" ? 0 : p == "Prio 2" ? 1 : 2; };
  std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    if (rank(a.priority) != rank(b.priority)) return rank(a.priority) < rank(b.priority);
    double fa = std::isnan(a.fit) ? -1 : a.fit, fb = std::isnan(b.fit) ? -1 : b.fit;
    if (fa != fb) return fa > fb;
    return a.id < b.id;
  });
  Report r;
  r.name = "prospects";
  r.as_of = FormatDate(as_of);
  r.currency = settings.base_currency;
  r.columns = {{"kind", ColumnKind::kText},       {"id", ColumnKind::kText},
               {"account_id", ColumnKind::kText, "account"}, {"fit", ColumnKind::kNumber},
               {"priority", ColumnKind::kText},   {"matched_rule", ColumnKind::kText, "rule"},
               {"amount", ColumnKind::kMoney}};
  std::map<std::string, int> counts;
  for (const auto& row : rows) {
    ++counts[row.priority];
    r.rows.push_back({row.kind, row.id, row.account_id.empty() ? Cell() : Cell(row.account_id),
                      std::isnan(row.fit) ? Cell() : Cell(row.fit), row.priority,
                      row.rule.empty() ? Cell() : Cell(row.rule), std::isnan(row.amount) ? Cell() : Cell(row.amount)});
  }
  r.notes.push_back(fmt::format("Prio 1: {}, Prio 2: {}, disqualify: {} (Prio 1 fit >= {}, Prio 2 fit >= {})",
                                counts["Prio 1"], counts["Prio 2"], counts["disqualify"], card.prio1_fit, card.prio2_fit));
  return r;
}

}  // namespace flywheel
