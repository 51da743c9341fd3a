#include "customers/migration_plan.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "output/report_writer.h"

namespace flywheel {

int NoticeMonths(const std::vector<NoticeTier>& tiers, double arr) {
  int months = tiers.empty() ? 0 : tiers.front().notice_months;
  for (const NoticeTier& t : tiers) {
    if (arr >= t.from_arr) months = t.notice_months;
  }
  return months;
}

std::string NoticeTiersText(const std::vector<NoticeTier>& tiers) {
  std::string text;
  for (size_t i = 0; i < tiers.size(); ++i) {
    if (i > 0) text += "; ";
    const int m = tiers[i].notice_months;
    const std::string months = i == 0 ? fmt::format("{} month{}", m, m == 1 ? "" : "s") : std::to_string(m);
    if (i + 1 < tiers.size()) {
      text += fmt::format("< {} -> {}",
                          FormatNumber(tiers[i + 1].from_arr,
                                       std::floor(tiers[i + 1].from_arr) == tiers[i + 1].from_arr ? 0 : 2),
                          months);
    } else {
      text += fmt::format("{} {}", i == 0 ? "any ARR ->" : "else", months);
    }
  }
  return text;
}

Day AddMonths(Day day, int months) {
  int y, m, d;
  CivilFromDay(day, &y, &m, &d);
  Month target = MakeMonth(y, m) + months;
  int last;
  {
    int ly, lm;
    CivilFromDay(LastDayOfMonth(target), &ly, &lm, &last);
  }
  return DayFromCivil(YearOf(target), MonthNumberOf(target), std::min(d, last));
}

Report MigrationReport(const std::vector<AccountScore>& scores, const Scorecard& card,
                       const Settings& settings, Day as_of) {
  struct Row {
    const AccountScore* s;
    int notice;
    Day end;
  };
  std::vector<Row> rows;
  double total_arr = 0;
  for (const auto& s : scores) {
    total_arr += s.arr;
    if (s.sunset_arr > 0) {
      int notice = NoticeMonths(card.notice_tiers, s.sunset_arr);
      rows.push_back({&s, notice, AddMonths(as_of, notice)});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.end != b.end) return a.end < b.end;
    return a.s->account_id < b.s->account_id;
  });
  PeriodCalendar quarters{Granularity::kQuarter, settings.fiscal_year_start_month};
  Report r;
  r.name = "migration";
  r.as_of = FormatDate(as_of);
  r.currency = settings.base_currency;
  r.columns = {{"account_id", ColumnKind::kText, "account"},
               {"arr_at_stake", ColumnKind::kMoney},
               {"notice_months", ColumnKind::kInteger},
               {"earliest_end", ColumnKind::kText},
               {"quarter", ColumnKind::kText}};
  std::map<Month, double> by_quarter;
  double at_stake = 0;
  for (const auto& row : rows) {
    Month q = quarters.PeriodStart(MonthOfDay(row.end));
    by_quarter[q] += row.s->sunset_arr;
    at_stake += row.s->sunset_arr;
    r.rows.push_back({row.s->account_id, row.s->sunset_arr, static_cast<int64_t>(row.notice),
                      FormatDate(row.end), quarters.Label(q)});
  }
  nlohmann::json q = nlohmann::json::array();
  for (const auto& [start, arr] : by_quarter) {
    double share = total_arr > 0 ? arr / total_arr : 0;
    q.push_back({{"quarter", quarters.Label(start)}, {"arr_at_stake", arr}, {"share_of_arr", share}});
    r.notes.push_back(fmt::format("{}: {} at stake ({} of ARR)", quarters.Label(start), FormatMoney(arr),
                                  FormatRate(share)));
  }
  double share = total_arr > 0 ? at_stake / total_arr : 0;
  r.json_extra.emplace_back("by_quarter", q.dump());
  r.json_extra.emplace_back("total",
                            nlohmann::json({{"arr_at_stake", at_stake}, {"share_of_arr", share}}).dump());
  r.notes.push_back(fmt::format("total: {} ARR on sunset lines, {} of {} total ARR", FormatMoney(at_stake),
                                FormatRate(share), FormatMoney(total_arr)));
  r.notes.push_back("notice by ARR at stake: " + NoticeTiersText(card.notice_tiers));
  return r;
}

}  // namespace flywheel
