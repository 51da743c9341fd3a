#include "revenue/revenue_report.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/strings.h"
#include "revenue/revenue_passes.h"

namespace flywheel {
namespace {

std::optional<double> Ratio(double num, double den) {
  if (den == 0) return std::nullopt;
  return num / den;
}

// The rows by period, then group, with their period and segment.
std::vector<RevenueRow> LayOutRows(const RevenuePeriods& periods, const RevenueGroups& groups) {
  std::vector<RevenueRow> rows(static_cast<size_t>(periods.count()) * groups.count());
  for (int p = 0; p < periods.count(); ++p) {
    for (int g = 0; g < groups.count(); ++g) {
      RevenueRow& r = rows[static_cast<size_t>(p) * groups.count() + g];
      r.period_start = periods.starts[static_cast<size_t>(p)];
      r.period_end = periods.ends[static_cast<size_t>(p)];
      r.segment = groups.names[static_cast<size_t>(g)];
    }
  }
  return rows;
}

// Each row's levels, growth, churn rates, quick ratio, ARPA, NRR/GRR and ACV from the sums.
void FillRatios(const MonthlyTotals& totals, const RowSums& sums, int n_groups,
                std::vector<RevenueRow>& rows) {
  for (size_t ri = 0; ri < rows.size(); ++ri) {
    RevenueRow& r = rows[ri];
    r.movement_mrr = sums.movement_mrr[ri];
    r.movement_count = sums.movement_count[ri];
    const int g = static_cast<int>(ri % static_cast<size_t>(n_groups));
    const Month prev_end = r.period_start - 1;
    r.mrr = totals.Mrr(g, r.period_end);
    r.customers = totals.Customers(g, r.period_end);
    r.previous_mrr = totals.Mrr(g, prev_end);
    r.previous_customers = totals.Customers(g, prev_end);
    const double nw = r.Movement(MovementType::kNew), re = r.Movement(MovementType::kReactivation),
                 ex = r.Movement(MovementType::kExpansion), co = r.Movement(MovementType::kContraction),
                 ch = r.Movement(MovementType::kChurn);
    r.net_new_mrr = nw + re + ex - co - ch;
    if (r.previous_mrr > 0) r.mrr_growth_mom = r.mrr / r.previous_mrr - 1;
    const double year_ago = totals.Mrr(g, r.period_end - 12);
    if (year_ago > 0) r.mrr_growth_yoy = r.mrr / year_ago - 1;
    r.logo_churn_rate =
        Ratio(static_cast<double>(r.Count(MovementType::kChurn)), static_cast<double>(r.previous_customers));
    r.gross_mrr_churn_rate = Ratio(ch + co, r.previous_mrr);
    r.net_mrr_churn_rate = Ratio(ch + co - ex - re, r.previous_mrr);
    r.quick_ratio = Ratio(nw + re + ex, ch + co);
    r.arpa = Ratio(r.mrr, static_cast<double>(r.customers));
    r.nrr = Ratio(sums.now[ri], sums.base[ri]);
    r.grr = Ratio(sums.kept[ri], sums.base[ri]);
    r.acv = Ratio(sums.acv[ri], static_cast<double>(sums.acv_count[ri]));
  }
}

}  // namespace

Result<RevenueTable> ComputeRevenue(const Dataset& data, const Settings& settings, const MrrSeries& series,
                                    const RevenueOptions& options) {
  auto movements = ComputeMovements(series, settings);
  return ComputeRevenue(data, settings, series, movements,
                        IndexMovementsByAccount(movements, series.account_count()), options);
}

Result<RevenueTable> ComputeRevenue(const Dataset& data, const Settings& settings, const MrrSeries& series,
                                    const std::vector<AccountMovement>& movements,
                                    const MovementsByAccount& by_account, const RevenueOptions& options) {
  RevenueTable table;
  table.granularity = options.granularity;
  const size_t n_accounts = series.account_count();
  RevenueGroups groups;
  Status s = MakeRevenueGroups(data, RevenueSegmentAttribute(options, settings), options.segment,
                               options.segments, n_accounts, groups);
  if (!s.ok()) return s;
  table.segment_by = groups.segment_by;
  const bool has_opportunities = data.Has(Table::kOpportunities);
  table.acv_source = has_opportunities ? AcvSource::kOpportunities : AcvSource::kNewMrr;
  if (series.first_month() == kNullMonth) return table;

  const PeriodCalendar calendar{options.granularity, options.fiscal_year_start_month};
  const RevenuePeriods periods = MakeRevenuePeriods(calendar, series.first_month(), series.last_month());
  table.rows = LayOutRows(periods, groups);
  RowSums sums(table.rows.size());
  const MonthlyTotals totals = SumMrrAndRetention(series, groups, periods, sums);
  AddMovements(movements, by_account, groups, periods, sums);
  if (has_opportunities) {
    std::vector<uint32_t> computed_rows;
    if (!options.won_new_opportunities) computed_rows = WonNewOpportunityRows(data.opportunities);
    s = SumAcvOfOpportunities(data, settings,
                              options.won_new_opportunities ? *options.won_new_opportunities : computed_rows,
                              options.as_of, groups, periods, series.last_month(), n_accounts, sums);
    if (!s.ok()) return s;
  } else {
    // ACV without opportunities: first-month ARR of the new movements.
    for (size_t i = 0; i < table.rows.size(); ++i) {
      sums.acv[i] = sums.new_arr[i];
      sums.acv_count[i] = sums.movement_count[i][static_cast<int>(MovementType::kNew)];
    }
  }
  FillRatios(totals, sums, groups.count(), table.rows);
  return table;
}

std::string RevenueSegmentAttribute(const RevenueOptions& options, const Settings& settings) {
  if (options.segment_by.empty() && !options.segment.empty()) return settings.segment_attribute;
  return options.segment_by;
}

std::vector<uint32_t> WonNewOpportunityRows(const Opportunities& o) {
  std::vector<uint32_t> rows;
  for (size_t i = 0; i < o.size(); ++i) {
    if (o.type[i] == OpportunityType::kNew && o.status[i] == OpportunityStatus::kWon)
      rows.push_back(static_cast<uint32_t>(i));
  }
  return rows;
}

Report RevenueReport(const RevenueTable& table, const Settings& settings, Day as_of) {
  Report rep;
  rep.name = "revenue";
  rep.as_of = FormatDate(as_of);
  rep.period = std::string(GranularityName(table.granularity));
  rep.segment_by = table.segment_by;
  rep.currency = settings.base_currency;
  using K = ColumnKind;
  rep.columns = {
      {"period", K::kText, "Period"},
      {"segment", K::kText, "Segment"},
      {"mrr", K::kMoney, "MRR"},
      {"arr", K::kMoney, "ARR"},
      {"customers", K::kInteger, "Customers"},
      {"new_mrr", K::kMoney, "New"},
      {"reactivation_mrr", K::kMoney, "Reactivation"},
      {"expansion_mrr", K::kMoney, "Expansion"},
      {"contraction_mrr", K::kMoney, "Contraction"},
      {"churned_mrr", K::kMoney, "Churned"},
      {"net_new_mrr", K::kMoney, "Net new"},
      {"fx_impact_mrr", K::kMoney, "FX impact"},
      {"new_count", K::kInteger, "# new"},
      {"reactivation_count", K::kInteger, "# react."},
      {"expansion_count", K::kInteger, "# exp."},
      {"contraction_count", K::kInteger, "# contr."},
      {"churned_count", K::kInteger, "# churned"},
      {"mrr_growth_mom", K::kRate, "Growth PoP"},
      {"mrr_growth_yoy", K::kRate, "Growth YoY"},
      {"logo_churn_rate", K::kRate, "Logo churn"},
      {"gross_mrr_churn_rate", K::kRate, "Gross churn"},
      {"net_mrr_churn_rate", K::kRate, "Net churn"},
      {"quick_ratio", K::kRatio, "Quick ratio"},
      {"arpa", K::kMoney, "ARPA"},
      {"nrr", K::kRate, "NRR"},
      {"grr", K::kRate, "GRR"},
      {"acv", K::kMoney, "ACV"},
      {"acv_source", K::kText, "ACV source"},
  };
  const char* acv_source = table.acv_source == AcvSource::kOpportunities ? "opportunities" : "new_mrr";
  PeriodCalendar cal{table.granularity, settings.fiscal_year_start_month};
  auto opt = [](const std::optional<double>& v) -> Cell {
    if (!v) return std::monostate{};
    return *v;
  };
  for (const RevenueRow& r : table.rows) {
    std::vector<Cell> c;
    c.reserve(rep.columns.size());
    c.push_back(cal.Label(r.period_start));
    c.push_back(r.segment);
    c.push_back(r.mrr);
    c.push_back(12 * r.mrr);
    c.push_back(r.customers);
    for (MovementType t : kContractMovements) c.push_back(r.Movement(t));
    c.push_back(r.net_new_mrr);
    c.push_back(r.Movement(MovementType::kFxImpact));
    for (MovementType t : kContractMovements) c.push_back(r.Count(t));
    for (const auto* v : {&r.mrr_growth_mom, &r.mrr_growth_yoy, &r.logo_churn_rate, &r.gross_mrr_churn_rate,
                          &r.net_mrr_churn_rate, &r.quick_ratio, &r.arpa, &r.nrr, &r.grr, &r.acv}) {
      c.push_back(opt(*v));
    }
    c.push_back(std::string(acv_source));
    rep.rows.push_back(std::move(c));
  }
  rep.notes.push_back(
      table.acv_source == AcvSource::kOpportunities
          ? "ACV: mean amount of won new opportunities closed in the period (opportunities.csv)."
          : "ACV: no opportunities.csv; first-month ARR of accounts with a new movement in the period.");
  if (table.granularity != Granularity::kMonth) {
    rep.notes.push_back(
        "Movements are sums over the period's months; counts are distinct accounts; MRR, customers "
        "and ARPA at the period end; growth and churn rates against the previous period end.");
  }
  rep.notes.push_back(
      "Expansion and contraction are at constant currency; fx_impact_mrr is the change of MRR the exchange "
      "rates made (not in net new MRR): MRR = previous MRR + net new MRR + fx_impact_mrr.");
  rep.notes.push_back(
      "NRR/GRR: trailing 12 months at the period end, at constant currency. Quick ratio includes "
      "reactivation.");
  return rep;
}

}  // namespace flywheel
