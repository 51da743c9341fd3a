// The passes of the pipeline report over the data set, each filling the (period, group) cells it owns:
// qualified leads; deals created, closed (won, lost, cycles), open and the coverage amount; spend.
// pipeline_report.cc turns the cells into rows.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "model/dataset.h"
#include "pipeline/deal_metrics.h"
#include "pipeline/pipeline_segments.h"
#include "revenue/currency.h"
#include "settings/settings.h"

namespace flywheel {

// The report's periods: from the one of the first event (deal created or closed, lead qualified) on or before
// as_of through the one holding as_of.
struct PipelinePeriods {
  PeriodCalendar calendar;
  Day as_of = kNullDay;
  Month first = kNullMonth;  // the first period's first month
  int months_per = 1;
  int count = 0;
  PeriodOfDay period_of_day;  // every day from the first period's first day to as_of

  // REQUIRES: d within the first period .. as_of.
  int Of(Day d) const { return static_cast<int>(period_of_day(d)); }
  Month Start(int p) const { return first + p * months_per; }
  // The last day of period p, or as_of for the period holding it.
  Day EndDay(int p) const { return std::min(as_of, LastDayOfMonth(Start(p) + months_per - 1)); }
};
PipelinePeriods MakePipelinePeriods(const Dataset& data, const PeriodCalendar& calendar, Day as_of);

// Deal counts of one (period, group) cell and one deal type.
struct DealCounts {
  int64_t created = 0;
  int64_t open_at_end = 0;
  int64_t open_change = 0;  // deals opening (+1) and closing (−1) in the period: open_at_end's steps
  ClosedDeals closed;
};

// The accumulators of one (period, group) cell.
struct PipelineCell {
  int64_t qualified_leads = 0;
  double pipeline_generated = 0;
  DealCounts deals[2];  // [0] new, [1] expansion
  double marketing_spend = 0, sales_spend = 0;
  double open_pipeline = 0;  // coverage: open new deals at as-of due by the period end
};

// The cells by period, then group.
class PipelineCells {
 public:
  PipelineCells(int periods, size_t groups)
      : groups_(groups), cells_(static_cast<size_t>(periods) * groups) {}
  PipelineCell& At(int p, int g) { return cells_[static_cast<size_t>(p) * groups_ + static_cast<size_t>(g)]; }
  const PipelineCell& At(int p, int g) const {
    return cells_[static_cast<size_t>(p) * groups_ + static_cast<size_t>(g)];
  }
  // Applies f to the "all" cell of period p and, when g > 0, to group g's.
  template <typename F>
  void ForGroups(int p, int g, F&& f) {
    f(At(p, 0));
    if (g > 0) f(At(p, g));
  }
  size_t groups() const { return groups_; }

 private:
  size_t groups_;
  std::vector<PipelineCell> cells_;
};

// Opportunity amounts in the base currency at the rate of a given month. The first missing rate is kept in
// error(); the amount is NaN then.
class OpportunityAmounts {
 public:
  OpportunityAmounts(const Dataset& data, const Settings& settings)
      : opp_(data.opportunities), rates_(data, settings) {}
  // NaN when the amount is missing, or its rate (error() says which).
  double At(size_t i, Day when);
  const Status& error() const { return error_; }

 private:
  const Opportunities& opp_;
  CurrencyRates rates_;
  Status error_;
};

// Which opportunities the report counts: all but renewals, of one owner when one is named.
struct DealFilter {
  Code owner = kNullCode;  // kNullCode: every owner
  bool Skips(const Opportunities& opp, size_t i) const { return owner != kNullCode && opp.owner[i] != owner; }
};
// Fails (kUsage) for an owner no opportunity has.
Result<DealFilter> MakeDealFilter(const Dataset& data, const std::string& owner);

// Qualified leads by the period of qualified_at. REQUIRES: leads.csv loaded.
void CountQualifiedLeads(const Dataset& data, const PipelineSegments& segments,
                         const PipelinePeriods& periods, PipelineCells& cells);

// Deals created, closed, open at each period end and the coverage amount of open new deals. Returns how many
// counted deals lack an amount.
int64_t CountDeals(const Dataset& data, const PipelineSegments& segments, const PipelinePeriods& periods,
                   const DealFilter& filter, bool cycle_over_closed, OpportunityAmounts& amounts,
                   PipelineCells& cells);

// Marketing and sales spend by month: a segment's own spend to its group, shared spend to "all" only.
// REQUIRES: spend.csv loaded.
void AddSpend(const Dataset& data, const PipelineSegments& segments, const PipelinePeriods& periods,
              PipelineCells& cells);

}  // namespace flywheel
