#include "customers/prospect_priority.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <unordered_map>

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

namespace {

// A prospect as the report keeps it until it is written: a row number, small codes and the fit
// in 16 bytes, no text (on a large data set there are millions of leads). The account, the
// ids and an opportunity's amount in the base currency are read from the data set when each
// row is written.
struct Prospect {
  int32_t row;           // in Opportunities, or in Leads when `lead`
  int16_t rule;          // index in the matched-rule names, -1 when none matched
  int8_t rank;           // 0 Prio 1, 1 Prio 2, 2 disqualify
  bool lead;
  double fit;            // NaN: none
};
static_assert(sizeof(Prospect) == 16);

constexpr const char* kPriorities[] = {"Prio 1", "Prio 2", "disqualify"};

int8_t PriorityRank(const std::string& priority) {
  return priority == kPriorities[0] ? 0 : priority == kPriorities[1] ? 1 : 2;
}

// What the report reads of an account: its measures (null when it has none), written into
// `scratch` when they are made on demand.
using MeasuresOf = std::function<const AccountMeasures*(AccountIndex, AccountMeasures* scratch)>;

Result<Report> Prospects(const Dataset& data, const Settings& settings, const Scorecard& card,
                         const MeasuresOf& measures_of, Day as_of) {
  auto rates = std::make_shared<const CurrencyRates>(data, settings);
  const Month rate_month = MonthOfDay(as_of);
  AccountMeasures scratch;
  auto rule_names = std::make_shared<std::vector<std::string>>();
  auto prospects = std::make_shared<std::vector<Prospect>>();
  std::vector<bool> has_open(data.accounts.size(), false);
  auto score = [&](const RuleSubject& subject, Prospect* p) {
    bool excluded = false;
    const std::string rule = MatchedRule(card, subject, &excluded);
    p->rule = -1;
    if (!rule.empty()) {
      auto it = std::find(rule_names->begin(), rule_names->end(), rule);
      p->rule = static_cast<int16_t>(it - rule_names->begin());
      if (it == rule_names->end()) rule_names->push_back(rule);
    }
    p->fit = IcpFit(card, subject);
    p->rank = PriorityRank(ProspectPriority(card, p->fit, !rule.empty()));
  };
  const Opportunities& o = data.opportunities;
  {  // room for every open deal and every lead of the date (an upper bound): no copies while it grows
    size_t bound = 0;
    for (size_t i = 0; i < o.size(); ++i) bound += o.status[i] == OpportunityStatus::kOpen && o.created_at[i] <= as_of;
    for (size_t i = 0; i < data.leads.size(); ++i) bound += data.leads.created_at[i] <= as_of;
    prospects->reserve(bound);
  }
  for (size_t i = 0; i < o.size(); ++i) {
    if (o.status[i] != OpportunityStatus::kOpen || o.created_at[i] > as_of || o.account[i] == kNoAccount) continue;
    has_open[o.account[i]] = true;
    if (!std::isnan(o.amount[i]) && o.currency[i] != kNullCode && !rates->Rate(o.currency[i], rate_month)) {
      return Status::BadData(rates->MissingRateMessage(o.currency[i], rate_month, "opportunity " + std::string(o.id[i])));
    }
    Prospect p{static_cast<int32_t>(i), -1, 0, false, 0};
    score(AccountSubject(data, o.account[i], measures_of(o.account[i], &scratch)), &p);
    prospects->push_back(p);
  }
  const Leads& l = data.leads;
  std::unordered_map<uint64_t, Prospect> anonymous;  // by segment and channel: the scored lead
  for (size_t i = 0; i < l.size(); ++i) {
    const AccountIndex a = l.account[i];
    if (l.created_at[i] > as_of) continue;
    const AccountMeasures* m = a == kNoAccount || has_open[a] ? nullptr : measures_of(a, &scratch);
    if (a != kNoAccount && (has_open[a] || (m && m->arr > 0))) continue;
    Prospect p{static_cast<int32_t>(i), -1, 0, true, 0};
    RuleSubject subject;
    if (a != kNoAccount) {
      RuleSubject base = AccountSubject(data, a, m);
      Code segment = l.segment[i];
      subject = [&data, base, segment](const std::string& name) -> RuleValue {
        if (name == "segment" && segment != kNullCode) return std::string(data.dict.Get(segment));
        return base(name);
      };
    } else {
      // A lead without account is known by its segment and channel alone, so every such lead
      // with the same two gets the same fit, rule and priority: scored once per pair.
      const Code segment = l.segment[i], channel = l.channel[i];
      const uint64_t key = (static_cast<uint64_t>(segment) << 32) | channel;
      auto [known, added] = anonymous.try_emplace(key);
      if (added) {
        subject = [&data, segment, channel](const std::string& name) -> RuleValue {
          Code c = name == "segment" ? segment : name == "source" ? channel : kNullCode;
          if (c == kNullCode) return std::monostate{};
          return std::string(data.dict.Get(c));
        };
        score(subject, &known->second);
      }
      p.rule = known->second.rule;
      p.rank = known->second.rank;
      p.fit = known->second.fit;
      prospects->push_back(p);
      continue;
    }
    score(subject, &p);
    prospects->push_back(p);
  }
  auto id_of = [&data](const Prospect& p) -> std::string_view {
    return p.lead ? data.leads.id[p.row] : data.opportunities.id[p.row];
  };
  // Ties of priority and fit go by id. Exports list ids in ascending order; where a table's do,
  // two prospects of that table are in id order when they are in row order, and the sort
  // compares row numbers instead of reading two ids (millions of leads share a fit).
  auto ascending = [](const StringColumn& ids) {
    for (size_t i = 1; i < ids.size(); ++i) {
      if (!(ids[i - 1] < ids[i])) return false;
    }
    return true;
  };
  const bool leads_ascending = ascending(data.leads.id), opportunities_ascending = ascending(o.id);
  std::sort(prospects->begin(), prospects->end(), [&](const Prospect& a, const Prospect& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    double fa = std::isnan(a.fit) ? -1 : a.fit, fb = std::isnan(b.fit) ? -1 : b.fit;
    if (fa != fb) return fa > fb;
    if (a.lead == b.lead && (a.lead ? leads_ascending : opportunities_ascending)) return a.row < b.row;
    return id_of(a) < id_of(b);
  });
  Report r;
  r.name = "prospects";
  r.as_of = FormatDate(as_of);
  r.currency = settings.base_currency;
  r.columns = {{"kind", ColumnKind::kText},       {"id", ColumnKind::kText},
               {"account_id", ColumnKind::kText, "account"}, {"fit", ColumnKind::kNumber},
               {"priority", ColumnKind::kText},   {"matched_rule", ColumnKind::kText, "rule"},
               {"amount", ColumnKind::kMoney}};
  int counts[3] = {0, 0, 0};
  for (const Prospect& p : *prospects) ++counts[p.rank];
  r.row_at_count = prospects->size();
  r.row_at = [&data, prospects, rule_names, id_of, rates, rate_month](size_t i, std::vector<Cell>* row) {
    const Prospect& p = (*prospects)[i];
    const AccountIndex account = p.lead ? data.leads.account[p.row] : data.opportunities.account[p.row];
    double amount = std::numeric_limits<double>::quiet_NaN();
    if (!p.lead) {
      const Opportunities& o = data.opportunities;
      amount = o.amount[p.row];
      // The rate is there: the report failed when an open deal's was missing.
      if (!std::isnan(amount) && o.currency[p.row] != kNullCode) amount *= *rates->Rate(o.currency[p.row], rate_month);
    }
    *row = {std::string(p.lead ? "lead" : "opportunity"),
            std::string(id_of(p)),
            account == kNoAccount ? Cell() : Cell(std::string(data.accounts.id[account])),
            std::isnan(p.fit) ? Cell() : Cell(p.fit),
            std::string(kPriorities[p.rank]),
            p.rule < 0 ? Cell() : Cell((*rule_names)[p.rule]),
            std::isnan(amount) ? Cell() : Cell(amount)};
  };
  r.notes.push_back(fmt::format("Prio 1: {}, Prio 2: {}, disqualify: {} (Prio 1 fit >= {}, Prio 2 fit >= {})",
                                counts[0], counts[1], counts[2], card.prio1_fit, card.prio2_fit));
  return r;
}

}  // namespace

Result<Report> ProspectsReport(const Dataset& data, const Settings& settings, const Scorecard& card,
                               const std::vector<AccountMeasures>& measures, Day as_of) {
  std::vector<const AccountMeasures*> by_account(data.accounts.size(), nullptr);
  for (const auto& m : measures) by_account[m.account] = &m;
  return Prospects(data, settings, card, [&by_account](AccountIndex a, AccountMeasures*) { return by_account[a]; },
                   as_of);
}

Result<Report> ProspectsReport(const Dataset& data, const Settings& settings, const Scorecard& card,
                               const std::vector<AccountFacts>& facts, Day as_of) {
  return Prospects(data, settings, card,
                   [&facts](AccountIndex a, AccountMeasures* scratch) {
                     *scratch = MeasuresFromFacts(a, facts[a]);
                     return static_cast<const AccountMeasures*>(scratch);
                   },
                   as_of);
}

}  // namespace flywheel
