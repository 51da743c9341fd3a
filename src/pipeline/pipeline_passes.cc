#include "pipeline/pipeline_passes.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace flywheel {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The month of the first event on or before as_of: deal created or closed, lead qualified.
Month FirstEventMonth(const Dataset& data, Day as_of) {
  const Opportunities& opp = data.opportunities;
  Month first = MonthOfDay(as_of);
  auto widen = [&first, as_of](Day d) {
    if (d != kNullDay && d <= as_of) first = std::min(first, MonthOfDay(d));
  };
  for (size_t i = 0; i < opp.size(); ++i) {
    widen(opp.created_at[i]);
    widen(opp.closed_at[i]);
  }
  if (data.Has(Table::kLeads))
    for (Day d : data.leads.qualified_at) widen(d);
  return first;
}

// A deal's contribution to open_at_end: open at the end of each period from the one it was created in until
// the one it closed in (closed on or before as_of, it closed by the end of period p exactly when its period
// is p or earlier): a step up where it opens, down where it closes, summed by CountOpenAtEnd.
void AddOpenSpan(PipelineCells& cells, int periods, int t, int g, int p_from, int p_stop) {
  if (p_from >= p_stop) return;
  cells.ForGroups(p_from, g, [t](PipelineCell& c) { ++c.deals[t].open_change; });
  if (p_stop < periods) cells.ForGroups(p_stop, g, [t](PipelineCell& c) { --c.deals[t].open_change; });
}

// Sums the open_change steps of every group and deal type into open_at_end.
void CountOpenAtEnd(int periods, PipelineCells& cells) {
  for (size_t g = 0; g < cells.groups(); ++g) {
    for (int t = 0; t < 2; ++t) {
      int64_t open = 0;
      for (int p = 0; p < periods; ++p) {
        DealCounts& d = cells.At(p, static_cast<int>(g)).deals[t];
        open += d.open_change;
        d.open_at_end = open;
      }
    }
  }
}

}  // namespace

PipelinePeriods MakePipelinePeriods(const Dataset& data, const PeriodCalendar& calendar, Day as_of) {
  const Month first_period = calendar.PeriodStart(FirstEventMonth(data, as_of));
  const Month last_period = calendar.PeriodStart(MonthOfDay(as_of));
  const int months_per = MonthsPerPeriod(calendar.granularity);
  return PipelinePeriods{calendar,
                         as_of,
                         first_period,
                         months_per,
                         (last_period - first_period) / months_per + 1,
                         PeriodOfDay(calendar, first_period, FirstDayOfMonth(first_period), as_of)};
}

double OpportunityAmounts::At(size_t i, Day when) {
  const double amount = opp_.amount[i];
  if (std::isnan(amount) || opp_.currency[i] == kNullCode) return amount;
  const Month m = MonthOfDay(when);
  auto rate = rates_.Rate(opp_.currency[i], m);
  if (!rate) {
    if (error_.ok())
      error_ = Status::BadData(
          rates_.MissingRateMessage(opp_.currency[i], m, "opportunity " + std::string(opp_.id[i])));
    return kNaN;
  }
  return amount * *rate;
}

Result<DealFilter> MakeDealFilter(const Dataset& data, const std::string& owner) {
  DealFilter filter;
  if (owner.empty()) return filter;
  const std::vector<Code>& owners = data.opportunities.owner;
  auto c = data.dict.Find(owner);
  if (!c || std::find(owners.begin(), owners.end(), *c) == owners.end())
    return Status::Usage(fmt::format("--owner: no opportunity has owner '{}'", owner));
  filter.owner = *c;
  return filter;
}

void CountQualifiedLeads(const Dataset& data, const PipelineSegments& segments,
                         const PipelinePeriods& periods, PipelineCells& cells) {
  const Leads& leads = data.leads;
  for (size_t i = 0; i < leads.size(); ++i) {
    const Day q = leads.qualified_at[i];
    if (q == kNullDay || q > periods.as_of) continue;
    const int g = segments.OfLead(leads.segment[i], leads.account[i]);
    cells.ForGroups(periods.Of(q), g, [](PipelineCell& c) { ++c.qualified_leads; });
  }
}

int64_t CountDeals(const Dataset& data, const PipelineSegments& segments, const PipelinePeriods& periods,
                   const DealFilter& filter, bool cycle_over_closed, OpportunityAmounts& amounts,
                   PipelineCells& cells) {
  const Opportunities& opp = data.opportunities;
  const Day as_of = periods.as_of;
  const int last = periods.count - 1;
  const Day last_end = periods.EndDay(last);
  int64_t missing_amounts = 0;
  for (size_t i = 0; i < opp.size(); ++i) {
    if (opp.type[i] == OpportunityType::kRenewal || filter.Skips(opp, i)) continue;
    const int t = opp.type[i] == OpportunityType::kNew ? 0 : 1;
    const Day created = opp.created_at[i];
    if (created == kNullDay || created > as_of) continue;
    const int g = segments.OfAccount(opp.account[i]);
    if (std::isnan(opp.amount[i])) ++missing_amounts;
    const double created_amount = amounts.At(i, created);
    const int p_from = periods.Of(created);
    cells.ForGroups(p_from, g, [t, created_amount](PipelineCell& c) {
      ++c.deals[t].created;
      if (!std::isnan(created_amount)) c.pipeline_generated += created_amount;
    });
    const Day closed = opp.closed_at[i];
    const bool closed_by_as_of = ClosedByAsOf(opp, i, as_of);
    if (closed_by_as_of) {
      const bool won = opp.status[i] == OpportunityStatus::kWon;
      const double amount = amounts.At(i, closed);
      const double cycle = CycleDays(opp, i);
      cells.ForGroups(periods.Of(closed), g,
                      [&](PipelineCell& c) { c.deals[t].closed.Add(won, amount, cycle, cycle_over_closed); });
    }
    AddOpenSpan(cells, periods.count, t, g, p_from,
                closed_by_as_of ? std::max(p_from, periods.Of(closed)) : periods.count);
    // Coverage: open new deals at the as-of date, due by the end of the as-of period.
    if (t == 0 && !closed_by_as_of) {
      const Day due = opp.expected_close[i];
      if (due == kNullDay || due <= last_end) {
        const double amount = amounts.At(i, as_of);
        if (!std::isnan(amount))
          cells.ForGroups(last, g, [amount](PipelineCell& c) { c.open_pipeline += amount; });
      }
    }
  }
  CountOpenAtEnd(periods.count, cells);
  return missing_amounts;
}

void AddSpend(const Dataset& data, const PipelineSegments& segments, const PipelinePeriods& periods,
              PipelineCells& cells) {
  const Spend& s = data.spend;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.category[i] != SpendCategory::kMarketing && s.category[i] != SpendCategory::kSales) continue;
    const Month m = s.month[i];
    if (m < periods.first || FirstDayOfMonth(m) > periods.as_of) continue;
    const int p = (periods.calendar.PeriodStart(m) - periods.first) / periods.months_per;
    const bool marketing = s.category[i] == SpendCategory::kMarketing;
    const double amount = s.amount[i];
    cells.ForGroups(p, segments.OfSpend(s.segment[i]), [marketing, amount](PipelineCell& c) {
      (marketing ? c.marketing_spend : c.sales_spend) += amount;
    });
  }
}

}  // namespace flywheel
