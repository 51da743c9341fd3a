#include "pipeline/pipeline_report.h"

#include <fmt/core.h>

#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "pipeline/deal_metrics.h"
#include "pipeline/pipeline_ageing.h"
#include "pipeline/pipeline_passes.h"
#include "pipeline/pipeline_segments.h"

namespace flywheel {
namespace {

constexpr double kDaysPerMonth = 30.4375;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Ratio(double num, double den) { return den == 0 ? kNaN : num / den; }
Cell NumberCell(double v) { return std::isnan(v) ? Cell{} : Cell{v}; }

std::vector<Column> PipelineColumns() {
  using K = ColumnKind;
  return {
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
}

// What shapes every row beyond its cell.
struct RowOptions {
  bool has_leads = false, has_spend = false;
  bool velocity_open = false;             // velocity over deals open at the period end
  std::optional<double> pipeline_target;  // only for the "all" row of the last period
};

// qualified_leads and lvr (the change against the previous period).
void AppendLeadCells(const PipelineCells& cells, int p, int g, bool has_leads, std::vector<Cell>& row) {
  if (!has_leads) {
    row.insert(row.end(), 2, Cell{});
    return;
  }
  const int64_t leads = cells.At(p, g).qualified_leads;
  row.emplace_back(leads);
  const double prev = p > 0 ? static_cast<double>(cells.At(p - 1, g).qualified_leads) : 0;
  row.push_back(NumberCell(p > 0 ? Ratio(static_cast<double>(leads), prev) - 1 : kNaN));
}

// Won, lost and win rates per deal type, then the cycle statistics, then sales velocity.
void AppendDealCells(const PipelineCell& c, bool velocity_open, std::vector<Cell>& row) {
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
  for (const DistributionSummary& s : cycles) {
    row.push_back(NumberCell(s.median));
    row.push_back(NumberCell(s.mean));
    row.push_back(NumberCell(s.p75));
    row.push_back(NumberCell(s.p90));
  }
  for (double v : velocity) {
    row.push_back(NumberCell(v));
    row.push_back(NumberCell(v * kDaysPerMonth));
  }
}

// Spend, cost per pipeline dollar and cost per SQL.
void AppendSpendCells(const PipelineCell& c, const RowOptions& o, std::vector<Cell>& row) {
  if (!o.has_spend) {
    row.insert(row.end(), 4, Cell{});
    return;
  }
  row.emplace_back(c.marketing_spend);
  row.emplace_back(c.sales_spend);
  row.push_back(NumberCell(Ratio(c.marketing_spend + c.sales_spend, c.pipeline_generated)));
  row.push_back(o.has_leads ? NumberCell(Ratio(c.marketing_spend, static_cast<double>(c.qualified_leads)))
                            : Cell{});
}

// Coverage against `target` (empty cells without one).
void AppendCoverageCells(const PipelineCell& c, std::optional<double> target, std::vector<Cell>& row) {
  if (!target) {
    row.insert(row.end(), 4, Cell{});
    return;
  }
  const ClosedDeals& d = c.deals[0].closed;
  const double remaining = *target - d.won_amount;
  row.emplace_back(c.open_pipeline);
  row.emplace_back(*target);
  row.push_back(NumberCell(remaining > 0 ? c.open_pipeline / remaining : kNaN));
  row.push_back(NumberCell(d.won_amount > 0 ? (d.won_amount + d.lost_amount) / d.won_amount : kNaN));
}

// The rows of the shown groups, period by period.
void AppendRows(const PipelineCells& cells, const PipelinePeriods& periods, const PipelineSegments& segments,
                const std::vector<int>& shown, const RowOptions& o, Report& r) {
  for (int p = 0; p < periods.count; ++p) {
    const std::string label = periods.calendar.Label(periods.Start(p));
    for (int g : shown) {
      const PipelineCell& c = cells.At(p, g);
      std::vector<Cell> row;
      row.reserve(r.columns.size());
      row.emplace_back(label);
      row.emplace_back(segments.names[static_cast<size_t>(g)]);
      AppendLeadCells(cells, p, g, o.has_leads, row);
      row.emplace_back(c.deals[0].created);
      row.emplace_back(c.deals[1].created);
      row.emplace_back(c.pipeline_generated);
      AppendDealCells(c, o.velocity_open, row);
      AppendSpendCells(c, o, row);
      // Coverage: the "all" row of the period holding the as-of date, when a target is set.
      const bool coverage_row = g == 0 && p == periods.count - 1;
      AppendCoverageCells(c, coverage_row ? o.pipeline_target : std::nullopt, row);
      r.rows.push_back(std::move(row));
    }
  }
}

// The notes that say how each number was defined and what the data lacked.
void AddNotes(const PipelineOptions& options, const Settings& settings, const RowOptions& o, bool segmented,
              int64_t missing_amounts, Report& r) {
  const bool cycle_over_closed = options.cycle_over == CycleOver::kClosed;
  r.notes.push_back(
      "win rates: deals closed in the period, open deals excluded; win_rate_* by count "
      "(won / (won + lost)), win_rate_*_value by amount (Σ won / Σ (won + lost)); renewals excluded");
  r.notes.push_back(cycle_over_closed
                        ? "sales cycle: closed_at − created_at in days over won and lost deals closed in the "
                          "period (--cycle-over closed)"
                        : "sales cycle: closed_at − created_at in days over won deals closed in the period; "
                          "percentiles interpolate linearly between closest ranks");
  r.notes.push_back(o.velocity_open
                        ? "sales velocity per day = deals open at the period end × win rate "
                          "(count) × average won amount / mean cycle days; per month × 30.4375"
                        : "sales velocity per day = deals created in the period × win rate (count) "
                          "× average won amount / mean cycle days; per month × 30.4375");
  r.notes.push_back("pipeline generated: Σ amount of new and expansion deals created in the period");
  if (!o.has_leads) r.notes.push_back("qualified leads, LVR and cost per SQL need leads.csv: not available");
  if (!o.has_spend)
    r.notes.push_back("spend, cost per pipeline dollar and cost per SQL need spend.csv: not available");
  if (o.has_spend && segmented)
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
}

}  // namespace

Result<PipelineReport> ComputePipeline(const Dataset& data, const Settings& settings,
                                       const PipelineOptions& options) {
  if (!data.Has(Table::kOpportunities)) return Status::BadData("pipeline needs opportunities.csv");
  auto segments = MakePipelineSegments(data, options.segment_by);
  if (!segments.ok()) return segments.status();
  auto shown = ShownGroups(*segments, options.segment_by, options.segment);
  if (!shown.ok()) return shown.status();
  const PipelinePeriods periods = MakePipelinePeriods(
      data, PeriodCalendar{options.granularity, settings.fiscal_year_start_month}, options.as_of);
  const RowOptions row_options{data.Has(Table::kLeads), data.Has(Table::kSpend),
                               options.velocity_opportunities == VelocityOpportunities::kOpen,
                               settings.pipeline_target};

  PipelineCells cells(periods.count, segments->names.size());
  if (row_options.has_leads) CountQualifiedLeads(data, *segments, periods, cells);
  auto filter = MakeDealFilter(data, options.owner);
  if (!filter.ok()) return filter.status();
  OpportunityAmounts amounts(data, settings);
  const int64_t missing_amounts =
      CountDeals(data, *segments, periods, *filter, options.cycle_over == CycleOver::kClosed, amounts, cells);
  if (!amounts.error().ok()) return amounts.error();
  if (row_options.has_spend) AddSpend(data, *segments, periods, cells);

  PipelineReport out;
  Report& r = out.report;
  r.name = "pipeline";
  r.as_of = FormatDate(options.as_of);
  r.period = std::string(GranularityName(options.granularity));
  r.segment_by = options.segment_by;
  r.currency = settings.base_currency;
  r.columns = PipelineColumns();
  AppendRows(cells, periods, *segments, *shown, row_options, r);
  AddNotes(options, settings, row_options, segments->segmented(), missing_amounts, r);

  // Open-deal ageing by stage at the as-of date, for the shown segment (or all deals).
  const int ageing_group = options.segment.empty() ? 0 : (*shown)[0];
  auto ageing = ComputePipelineAgeing(data, *segments, ageing_group, *filter, amounts, options.as_of, r);
  if (!ageing.ok()) return ageing.status();
  out.ageing = std::move(ageing->table);
  r.json_extra.emplace_back("ageing", std::move(ageing->json));
  return out;
}

}  // namespace flywheel
