#include "customers/attention_report.h"

#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace flywheel {

ExecutiveAttention CountExecutiveAttention(const std::vector<AccountScore>& scores,
                                           const Settings& settings) {
  ExecutiveAttention attention;
  attention.budget = settings.executive_budget;
  for (const auto& s : scores) attention.accounts += s.executive_escalations > 0;
  return attention;
}

Report AttentionReport(const std::vector<AccountScore>& scores, const Settings& settings, Day as_of,
                       std::string* warning) {
  std::vector<const AccountScore*> rows;
  for (const auto& s : scores) {
    if (s.executive_escalations > 0) rows.push_back(&s);
  }
  std::sort(rows.begin(), rows.end(), [](const AccountScore* a, const AccountScore* b) {
    if (a->executive_escalations != b->executive_escalations)
      return a->executive_escalations > b->executive_escalations;
    if (a->arr != b->arr) return a->arr > b->arr;
    return a->account_id < b->account_id;
  });
  Report r;
  r.name = "attention";
  r.as_of = FormatDate(as_of);
  r.currency = settings.base_currency;
  r.columns = {{"account_id", ColumnKind::kText, "account"},
               {"executive_escalations", ColumnKind::kInteger},
               {"arr", ColumnKind::kMoney}};
  nlohmann::json accounts = nlohmann::json::array();
  for (const AccountScore* s : rows) {
    r.rows.push_back({s->account_id, static_cast<int64_t>(s->executive_escalations), s->arr});
    accounts.push_back({{"account_id", s->account_id},
                        {"executive_escalations", s->executive_escalations},
                        {"arr", s->arr}});
  }
  const bool over = CountExecutiveAttention(scores, settings).over_budget();
  r.json_rows = false;
  r.json_extra.emplace_back("budget", std::to_string(settings.executive_budget));
  r.json_extra.emplace_back("over_budget", over ? "true" : "false");
  r.json_extra.emplace_back("accounts", accounts.dump());
  r.notes.push_back(fmt::format("{} accounts with executive escalations in the last 12 months; budget {}",
                                rows.size(), settings.executive_budget));
  warning->clear();
  if (over) {
    *warning = fmt::format("{} accounts need executive attention, budget {}: the model does not scale",
                           rows.size(), settings.executive_budget);
    r.notes.push_back(*warning);
  }
  return r;
}

}  // namespace flywheel
