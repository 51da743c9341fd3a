#include "pipeline/pipeline_report.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "base/distribution.h"
#include "base/strings.h"
#include "output/json_text.h"
#include "pipeline/deal_metrics.h"
#include "revenue/currency.h"
#include "segments/account_segments.h"

namespace flywheel {
namespace {

constexpr double kDaysPerMonth = 30.4375;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Accumulators of one (period, segment) cell.
struct DealCounts {
  int64_t created = 0;
  int64_t open_at_end = 0;
  int64_t open_change = 0;  // deals opening (+1) and closing (−1) in the period: open_at_end's steps
  ClosedDeals closed;
};
struct Cell_ {
  int64_t qualified_leads = 0;
  double pipeline_generated = 0;
  DealCounts deals[2];  // [0] new, [1] expansion
  double marketing_spend = 0, sales_spend = 0;
  double open_pipeline = 0;  // coverage: open new deals at as-of due by the period end
};

double Ratio(double num, double den) { return den == 0 ? kNaN : num / den; }
Cell NumberCell(double v) { return std::isnan(v) ? Cell{} : Cell{v}; }

}  // namespace

Result<PipelineReport> ComputePipeline(const Dataset& data, const Settings& settings,
                                       const PipelineOptions& options) {
  if (!data.Has(Table::kOpportunities)) return Status::BadData("pipeline needs opportunities.csv");
  const Day as_of = options.as_of;
  const Opportunities& opp = data.opportunities;
  const Leads& leads = data.leads;
  const bool has_leads = data.Has(Table::kLeads);
  const bool has_spend = data.Has(Table::kSpend);

  // Segments: group 0 is "all"; groups 1.. are the attribute's values, "unassigned" last.
  const std::vector<Code>* column = nullptr;
  if (!options.segment_by.empty()) {
    auto col = AccountAttributeColumn(data, options.segment_by);
    if (!col.ok()) return col.status();
    column = *col;
  }
  const bool lead_segment_overrides = options.segment_by == "segment";
  std::vector<std::string> group_names = {"all"};
  std::map<Code, int> group_of_code;
  int unassigned_group = -1;
  if (column) {
    std::vector<std::pair<std::string, Code>> values;
    auto add = [&](Code c) {
      if (c != kNullCode && !group_of_code.count(c)) {
        group_of_code[c] = 0;
        values.emplace_back(std::string(data.dict.Get(c)), c);
      }
    };
    for (Code c : *column) add(c);
    if (lead_segment_overrides && has_leads)
      for (Code c : leads.segment) add(c);
    std::sort(values.begin(), values.end());
    for (auto& [name, code] : values) {
      group_of_code[code] = static_cast<int>(group_names.size());
      group_names.push_back(name);
    }
    unassigned_group = static_cast<int>(group_names.size());
    group_names.emplace_back(kUnassignedSegment);
  }
  // The groups by code in an array (millions of leads and deals look theirs up).
  std::vector<int> group_by_code(column ? data.dict.size() : 0, 0);
  for (const auto& [code, group] : group_of_code) group_by_code[code] = group;
  auto account_group = [&](AccountIndex a) {
    if (!column) return -1;
    Code c = a == kNoAccount ? kNullCode : (*column)[a];
    return c == kNullCode ? unassigned_group : group_by_code[c];
  };
  // The groups that get rows: all of them, or only the one --segment names.
  std::vector<int> shown;
  if (!options.segment.empty()) {
    if (!column) return Status::Usage("--segment needs --segment-by");
    auto it = std::find(group_names.begin() + 1, group_names.end(), options.segment);
    if (it == group_names.end()) {
      std::vector<std::string> candidates(group_names.begin() + 1, group_names.end());
      return Status::Usage(fmt::format("--segment: no {} named '{}'{}", options.segment_by, options.segment,
                                       DidYouMeanSuffix(options.segment, candidates)));
    }
    shown.push_back(static_cast<int>(it - group_names.begin()));
  } else {
    for (size_t g = 0; g < group_names.size(); ++g) shown.push_back(static_cast<int>(g));
  }

  // Periods: from the first event (deal created or closed, lead qualified) to the as-of date.
  PeriodCalendar cal{options.granularity, settings.fiscal_year_start_month};
  const int months_per = MonthsPerPeriod(options.granularity);
  Month first = MonthOfDay(as_of);
  auto widen = [&](Day d) {
    if (d != kNullDay && d <= as_of) first = std::min(first, MonthOfDay(d));
  };
  for (size_t i = 0; i < opp.size(); ++i) {
    widen(opp.created_at[i]);
    widen(opp.closed_at[i]);
  }
  if (has_leads)
    for (Day d : leads.qualified_at) widen(d);
  const Month first_period = cal.PeriodStart(first);
  const Month last_period = cal.PeriodStart(MonthOfDay(as_of));
  const int period_count = (last_period - first_period) / months_per + 1;
  // Every day's period (the days asked about run from the first period to the as-of date).
  const PeriodOfDay period_of_day(cal, first_period, FirstDayOfMonth(first_period), as_of);
  auto period_of = [&](Day d) { return static_cast<int>(period_of_day(d)); };
  auto period_end_day = [&](int p) {
    return std::min(as_of, LastDayOfMonth(first_period + p * months_per + months_per - 1));
  };

  const size_t G = group_names.size();
  std::vector<Cell_> cells(static_cast<size_t>(period_count) * G);
  auto cell = [&](int p, int g) -> Cell_& {
    return cells[static_cast<size_t>(p) * G + static_cast<size_t>(g)];
  };
  auto for_groups = [&](int p, int g, auto&& f) {
    f(cell(p, 0));
    if (g > 0) f(cell(p, g));
  };

  CurrencyRates rates(data, settings);
  Status fx_error;
  auto convert = [&](size_t i, Day when) -> double {
    double amount = opp.amount[i];
    if (std::isnan(amount) || opp.currency[i] == kNullCode) return amount;
    Month m = MonthOfDay(when);
    auto rate = rates.Rate(opp.currency[i], m);
    if (!rate) {
      if (fx_error.ok())
        fx_error = Status::BadData(
            rates.MissingRateMessage(opp.currency[i], m, "opportunity " + std::string(opp.id[i])));
      return kNaN;
    }
    return amount * *rate;
  };

  // Leads.
  if (has_leads) {
    for (size_t i = 0; i < leads.size(); ++i) {
      Day q = leads.qualified_at[i];
      if (q == kNullDay || q > as_of) continue;
      int g = -1;
      if (column) {
        if (lead_segment_overrides && leads.segment[i] != kNullCode) {
          g = group_by_code[leads.segment[i]];
        } else {
          g = account_group(leads.account[i]);
        }
      }
      for_groups(period_of(q), g, [](Cell_& c) { ++c.qualified_leads; });
    }
  }

  // Opportunities.
  Code owner_code = kNullCode;
  if (!options.owner.empty()) {
    auto c = data.dict.Find(options.owner);
    bool known = c && std::find(opp.owner.begin(), opp.owner.end(), *c) != opp.owner.end();
    if (!known) return Status::Usage(fmt::format("--owner: no opportunity has owner '{}'", options.owner));
    owner_code = *c;
  }
  auto skip_owner = [&](size_t i) { return owner_code != kNullCode && opp.owner[i] != owner_code; };
  int64_t missing_amounts = 0;
  const bool cycle_over_closed = options.cycle_over == CycleOver::kClosed;
  for (size_t i = 0; i < opp.size(); ++i) {
    if (opp.type[i] == OpportunityType::kRenewal || skip_owner(i)) continue;
    const int t = opp.type[i] == OpportunityType::kNew ? 0 : 1;
    const Day created = opp.created_at[i];
    if (created == kNullDay || created > as_of) continue;
    const int g = account_group(opp.account[i]);
    if (std::isnan(opp.amount[i])) ++missing_amounts;
    const double created_amount = convert(i, created);
    for_groups(period_of(created), g, [&](Cell_& c) {
      ++c.deals[t].created;
      if (!std::isnan(created_amount)) c.pipeline_generated += created_amount;
    });
    const Day closed = opp.closed_at[i];
    const bool closed_by_as_of = ClosedByAsOf(opp, i, as_of);
    if (closed_by_as_of) {
      const bool won = opp.status[i] == OpportunityStatus::kWon;
      const double amount = convert(i, closed);
      const double cycle = CycleDays(opp, i);
      for_groups(period_of(closed), g,
                 [&](Cell_& c) { c.deals[t].closed.Add(won, amount, cycle, cycle_over_closed); });
    }
    // Open at the end of each period from creation until the period it closed in (closed on
    // or before the as-of date, it closed by the end of period p exactly when its period is p
    // or earlier): a step up where it opens, down where it closes, summed below.
    const int p_from = period_of(created);
    const int p_stop = closed_by_as_of ? std::max(p_from, period_of(closed)) : period_count;
    if (p_from < p_stop) {
      for_groups(p_from, g, [&](Cell_& c) { ++c.deals[t].open_change; });
      if (p_stop < period_count) for_groups(p_stop, g, [&](Cell_& c) { --c.deals[t].open_change; });
    }
    // Coverage: open new deals at the as-of date, due by the end of the as-of period.
    if (t == 0 && !closed_by_as_of) {
      Day due = opp.expected_close[i];
      if (due == kNullDay || due <= period_end_day(period_count - 1)) {
        double amount = convert(i, as_of);
        if (!std::isnan(amount))
          for_groups(period_count - 1, g, [&](Cell_& c) { c.open_pipeline += amount; });
      }
    }
  }
  if (!fx_error.ok()) return fx_error;
  for (size_t g = 0; g < G; ++g) {
    for (int t = 0; t < 2; ++t) {
      int64_t open = 0;
      for (int p = 0; p < period_count; ++p) {
        open += cell(p, static_cast<int>(g)).deals[t].open_change;
        cell(p, static_cast<int>(g)).deals[t].open_at_end = open;
      }
    }
  }

  // Spend: segment-attributed spend goes to the group of that value; shared spend only to "all".
  if (has_spend) {
    const Spend& s = data.spend;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s.category[i] != SpendCategory::kMarketing && s.category[i] != SpendCategory::kSales) continue;
      Month m = s.month[i];
      if (m < first_period || FirstDayOfMonth(m) > as_of) continue;
      int p = (cal.PeriodStart(m) - first_period) / months_per;
      int g = -1;
      if (column && s.segment[i] != kNullCode) {
        auto it = group_of_code.find(s.segment[i]);
        g = it == group_of_code.end() ? -1 : it->second;
      }
      const bool marketing = s.category[i] == SpendCategory::kMarketing;
      auto add = [&](Cell_& c) { (marketing ? c.marketing_spend : c.sales_spend) += s.amount[i]; };
      add(cell(p, 0));
      if (g > 0) add(cell(p, g));
    }
  }

  PipelineReport out;
  Report& r = out.report;
  r.name = "pipeline";
  r.as_of = FormatDate(as_of);
  r.period = std::string(GranularityName(options.granularity));
  r.segment_by = options.segment_by;
  r.currency = settings.base_currency;
  using K = ColumnKind;
  r.columns = {
      {"period", K::kText},
      {"segment", K::kText},
      {"qualified_leads", K::kInteger},
      {"lvr", K::kRate},
      {"opportunities_created_new", K::kInteger},
      {"opportunities_created_expansion", K::kInteger},
      {"pipeline_generated", K::kMoney},
      {"won_new", K::kInteger},
      {"lost_new", K::kInteger},
      {"win_rate_new", K::kRate},
      {"win_rate_new_value", K::kRate},
      {"won_expansion", K::kInteger},
      {"lost_expansion", K::kInteger},
      {"win_rate_expansion", K::kRate},
      {"win_rate_expansion_value", K::kRate},
      {"sales_cycle_median_days", K::kDays},
      {"sales_cycle_mean_days", K::kDays},
      {"sales_cycle_p75_days", K::kDays},
      {"sales_cycle_p90_days", K::kDays},
      {"expansion_cycle_median_days", K::kDays},
      {"expansion_cycle_mean_days", K::kDays},
      {"expansion_cycle_p75_days", K::kDays},
      {"expansion_cycle_p90_days", K::kDays},
      {"sales_velocity_new", K::kMoney},
      {"sales_velocity_new_per_month", K::kMoney},
      {"sales_velocity_expansion", K::kMoney},
      {"sales_velocity_expansion_per_month", K::kMoney},
      {"marketing_spend", K::kMoney},
      {"sales_spend", K::kMoney},
      {"cost_per_pipeline_dollar", K::kRatio},
      {"cost_per_sql", K::kMoney},
      {"open_pipeline", K::kMoney},
      {"pipeline_target", K::kMoney},
      {"pipeline_coverage", K::kRatio},
      {"coverage_needed", K::kRatio},
  };

  const bool velocity_open = options.velocity_opportunities == VelocityOpportunities::kOpen;
  for (int p = 0; p < period_count; ++p) {
    const std::string label = cal.Label(first_period + p * months_per);
    for (int g : shown) {
      const Cell_& c = cell(p, g);
      std::vector<Cell> row;
      row.emplace_back(label);
      row.emplace_back(group_names[static_cast<size_t>(g)]);
      if (has_leads) {
        row.emplace_back(c.qualified_leads);
        double prev = p > 0 ? static_cast<double>(cell(p - 1, g).qualified_leads) : 0;
        row.push_back(NumberCell(p > 0 ? Ratio(static_cast<double>(c.qualified_leads), prev) - 1 : kNaN));
      } else {
        row.emplace_back();
        row.emplace_back();
      }
      row.emplace_back(c.deals[0].created);
      row.emplace_back(c.deals[1].created);
      row.emplace_back(c.pipeline_generated);
      DistributionSummary cycles[2];
      double velocity[2];
      for (int t = 0; t < 2; ++t) {
        const DealCounts& d = c.deals[t];
        const ClosedDeals& k = d.closed;
        const double win_rate = k.WinRate();
        row.emplace_back(k.won);
        row.emplace_back(k.lost);
        row.push_back(NumberCell(win_rate));
        row.push_back(NumberCell(k.WinRateByValue()));
        cycles[t] = k.Cycle();
        const double n = static_cast<double>(velocity_open ? d.open_at_end : d.created);
        const double average_won = Ratio(k.won_amount, static_cast<double>(k.won));
        velocity[t] = n * win_rate * average_won / (cycles[t].mean == 0 ? kNaN : cycles[t].mean);
      }
      for (int t = 0; t < 2; ++t) {
        row.push_back(NumberCell(cycles[t].median));
        row.push_back(NumberCell(cycles[t].mean));
        row.push_back(NumberCell(cycles[t].p75));
        row.push_back(NumberCell(cycles[t].p90));
      }
      for (int t = 0; t < 2; ++t) {
        row.push_back(NumberCell(velocity[t]));
        row.push_back(NumberCell(velocity[t] * kDaysPerMonth));
      }
      if (has_spend) {
        row.emplace_back(c.marketing_spend);
        row.emplace_back(c.sales_spend);
        row.push_back(NumberCell(Ratio(c.marketing_spend + c.sales_spend, c.pipeline_generated)));
        row.push_back(has_leads ? NumberCell(Ratio(c.marketing_spend, static_cast<double>(c.qualified_leads)))
                                : Cell{});
      } else {
        for (int k = 0; k < 4; ++k) row.emplace_back();
      }
      // Coverage: the "all" row of the period holding the as-of date, when a target is set.
      if (settings.pipeline_target && g == 0 && p == period_count - 1) {
        const ClosedDeals& d = c.deals[0].closed;
        const double remaining = *settings.pipeline_target - d.won_amount;
        row.emplace_back(c.open_pipeline);
        row.emplace_back(*settings.pipeline_target);
        row.push_back(NumberCell(remaining > 0 ? c.open_pipeline / remaining : kNaN));
        row.push_back(NumberCell(d.won_amount > 0 ? (d.won_amount + d.lost_amount) / d.won_amount : kNaN));
      } else {
        for (int k = 0; k < 4; ++k) row.emplace_back();
      }
      r.rows.push_back(std::move(row));
    }
  }

  r.notes.push_back(
      "win rates: deals closed in the period, open deals excluded; win_rate_* by count "
      "(won / (won + lost)), win_rate_*_value by amount (Σ won / Σ (won + lost)); renewals excluded");
  r.notes.push_back(cycle_over_closed
                        ? "sales cycle: closed_at − created_at in days over won and lost deals closed in the "
                          "period (--cycle-over closed)"
                        : "sales cycle: closed_at − created_at in days over won deals closed in the period; "
                          "percentiles interpolate linearly between closest ranks");
  r.notes.push_back(velocity_open ? "sales velocity per day = deals open at the period end × win rate "
                                    "(count) × average won amount / mean cycle days; per month × 30.4375"
                                  : "sales velocity per day = deals created in the period × win rate (count) "
                                    "× average won amount / mean cycle days; per month × 30.4375");
  r.notes.push_back("pipeline generated: Σ amount of new and expansion deals created in the period");
  if (!has_leads) r.notes.push_back("qualified leads, LVR and cost per SQL need leads.csv: not available");
  if (!has_spend)
    r.notes.push_back("spend, cost per pipeline dollar and cost per SQL need spend.csv: not available");
  if (has_spend && column)
    r.notes.push_back(
        "segment rows count only spend attributed to the segment; shared spend is in the \"all\" rows");
  if (settings.pipeline_target) {
    r.notes.push_back(
        "pipeline coverage = open new-deal amount due by the period end / (target − won new amount), "
        "for the period of the as-of date; coverage needed = 1 / win rate by value");
  }
  if (!options.owner.empty()) r.notes.push_back(fmt::format("deals of owner {} only", options.owner));
  if (missing_amounts > 0)
    r.notes.push_back(
        fmt::format("{} opportunities without amount count in deal counts only", missing_amounts));

  // Open-deal ageing by stage at the as-of date, for the shown segment (or all deals).
  const int ageing_group = options.segment.empty() ? 0 : shown[0];
  std::map<std::string, std::pair<double, std::vector<double>>> by_stage;
  for (size_t i = 0; i < opp.size(); ++i) {
    if (opp.created_at[i] == kNullDay || opp.created_at[i] > as_of) continue;
    if (ClosedByAsOf(opp, i, as_of) || skip_owner(i)) continue;
    if (ageing_group > 0 && account_group(opp.account[i]) != ageing_group) continue;
    std::string stage = opp.stage[i] == kNullCode ? "(no stage)" : std::string(data.dict.Get(opp.stage[i]));
    auto& [amount, ages] = by_stage[stage];
    double a = convert(i, as_of);
    if (!std::isnan(a)) amount += a;
    ages.push_back(static_cast<double>(as_of - opp.created_at[i]));
  }
  if (!fx_error.ok()) return fx_error;
  Report& ag = out.ageing;
  ag.name = "pipeline-ageing";
  ag.as_of = r.as_of;
  ag.currency = r.currency;
  ag.segment_by = r.segment_by;
  ag.columns = {{"stage", K::kText},
                {"deals", K::kInteger},
                {"amount", K::kMoney},
                {"age_median_days", K::kDays},
                {"age_mean_days", K::kDays}};
  std::string json = "[";
  for (const auto& [stage, v] : by_stage) {
    DistributionSummary s = Summarize(v.second);
    ag.rows.push_back(
        {stage, static_cast<int64_t>(v.second.size()), v.first, NumberCell(s.median), NumberCell(s.mean)});
    if (json.size() > 1) json += ",";
    json += fmt::format(
        "{{\"stage\":{},\"deals\":{},\"amount\":{},\"age_median_days\":{},\"age_mean_days\":{}}}",
        JsonString(stage), v.second.size(), JsonNumber(v.first), JsonNumber(s.median), JsonNumber(s.mean));
  }
  json += "]";
  ag.notes.push_back(fmt::format(
      "open-deal ageing: {} − created_at for deals open on that date, by stage{}", r.as_of,
      ageing_group > 0 ? " (segment " + group_names[static_cast<size_t>(ageing_group)] + ")" : ""));
  r.json_extra.emplace_back("ageing", std::move(json));
  return out;
}

}  // namespace flywheel
