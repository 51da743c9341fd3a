#include "revenue/revenue_report.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/strings.h"
#include "revenue/currency.h"
#include "segments/account_segments.h"

namespace flywheel {
namespace {

std::optional<double> Ratio(double num, double den) {
  if (den == 0) return std::nullopt;
  return num / den;
}

// Per group (a row's segment), per month of the series: MRR and customers.
struct MonthlyTotals {
  Month first = kNullMonth;
  int n_months = 0;
  std::vector<double> mrr;  // [group * n_months + i]
  std::vector<int64_t> customers;

  double Mrr(int g, Month m) const {
    if (m < first || m >= first + n_months) return 0;
    return mrr[static_cast<size_t>(g) * n_months + (m - first)];
  }
  int64_t Customers(int g, Month m) const {
    if (m < first || m >= first + n_months) return 0;
    return customers[static_cast<size_t>(g) * n_months + (m - first)];
  }
};

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

  // Groups: "all" and/or the segments. GroupsOf(a) lists an account's groups (at most 2, -1
  // for none), worked out from the account's segment rather than held in a per-account table:
  // a slice then touches no memory in proportion to the whole company before its own work.
  const std::string segment_by = RevenueSegmentAttribute(options, settings);
  table.segment_by = segment_by;
  AccountSegments computed;
  const AccountSegments* given =
      options.segments && options.segments->attribute == segment_by ? options.segments : nullptr;
  if (!segment_by.empty() && !given) {
    auto found = SegmentAccounts(data, segment_by);
    if (!found.ok()) return found.status();
    computed = std::move(*found);
  }
  const AccountSegments& segs = given ? *given : computed;
  std::vector<std::string> groups;
  int want = -1;  // the one segment a slice asks for; -1: every segment (or none)
  if (segment_by.empty()) {
    groups = {"all"};
  } else {
    if (!options.segment.empty()) {
      auto it = std::find(segs.values.begin(), segs.values.end(), options.segment);
      if (it == segs.values.end()) {
        return Status::Usage(fmt::format("--segment: no {} '{}' in accounts.csv{}", segment_by,
                                         options.segment, DidYouMeanSuffix(options.segment, segs.values)));
      }
      want = static_cast<int>(it - segs.values.begin());
      groups = {options.segment};
    } else {
      groups.push_back("all");
      for (const auto& v : segs.values) groups.push_back(v);
    }
  }
  auto GroupsOf = [&](size_t a) -> std::array<int, 2> {
    if (segment_by.empty()) return {0, -1};
    if (want >= 0) return {segs.of_account[a] == want ? 0 : -1, -1};
    return {0, 1 + segs.of_account[a]};
  };
  const int n_groups = static_cast<int>(groups.size());
  // The accounts in some group: all of them, or one segment's when a slice asks for one (the
  // per-account loops below then cost in proportion to the segment, not to the company).
  auto InSlice = [&](size_t a) { return want < 0 || segs.of_account[a] == want; };
  std::vector<AccountIndex> all_accounts;
  std::span<const AccountIndex> members;
  if (want >= 0) {
    members = segs.AccountsOf(static_cast<size_t>(want));
  } else {
    all_accounts.resize(n_accounts);
    for (size_t a = 0; a < n_accounts; ++a) all_accounts[a] = static_cast<AccountIndex>(a);
    members = all_accounts;
  }
  if (series.first_month() == kNullMonth) {
    table.acv_source = data.Has(Table::kOpportunities) ? AcvSource::kOpportunities : AcvSource::kNewMrr;
    return table;
  }

  // Periods.
  PeriodCalendar cal{options.granularity, options.fiscal_year_start_month};
  std::vector<Month> period_starts;
  for (Month p = cal.PeriodStart(series.first_month()); p <= series.last_month(); p = cal.PeriodEnd(p) + 1) {
    period_starts.push_back(p);
  }
  const int n_periods = static_cast<int>(period_starts.size());
  auto period_of = [&](Month m) {
    return static_cast<int>(std::upper_bound(period_starts.begin(), period_starts.end(), m) -
                            period_starts.begin()) -
           1;
  };
  table.rows.resize(static_cast<size_t>(n_periods) * n_groups);
  auto row = [&](int p, int g) -> RevenueRow& { return table.rows[static_cast<size_t>(p) * n_groups + g]; };
  for (int p = 0; p < n_periods; ++p) {
    for (int g = 0; g < n_groups; ++g) {
      RevenueRow& r = row(p, g);
      r.period_start = period_starts[p];
      r.period_end = std::min(cal.PeriodEnd(period_starts[p]), series.last_month());
      r.segment = groups[g];
    }
  }

  // MRR and customers per month, and the trailing NRR/GRR sums at each period's end month
  // (base = accounts with MRR 12 months before; both ends at the rates of that month): one pass over each
  // account's months, which are adjacent in the series; every sum adds its accounts in ascending order.
  MonthlyTotals totals;
  totals.first = series.first_month();
  totals.n_months = series.last_month() - series.first_month() + 1;
  totals.mrr.assign(static_cast<size_t>(n_groups) * totals.n_months, 0.0);
  totals.customers.assign(static_cast<size_t>(n_groups) * totals.n_months, 0);
  std::vector<double> base_sum(table.rows.size(), 0.0), now_sum(table.rows.size(), 0.0),
      kept_sum(table.rows.size(), 0.0);
  for (AccountIndex ai : members) {
    const Month f = series.FirstActiveMonth(ai);
    if (f == kNullMonth) continue;
    const Month l = series.LastActiveMonth(ai);
    const double* mrr = series.ActiveValues(ai);  // months f..l
    const std::array<int, 2> in = GroupsOf(static_cast<size_t>(ai));
    for (Month m = f; m <= l; ++m) {
      const double v = mrr[m - f];
      if (!(v > 0)) continue;
      for (int g : in) {
        if (g < 0) continue;
        size_t i = static_cast<size_t>(g) * totals.n_months + (m - totals.first);
        totals.mrr[i] += v;
        totals.customers[i] += 1;
      }
    }
    auto at = [&](Month m) { return m < f || m > l ? 0.0 : mrr[m - f]; };
    const bool exposed = series.HasFxExposure(ai);
    for (int p = 0; p < n_periods; ++p) {
      const Month e = row(p, 0).period_end;
      const double then = at(e - 12);
      if (!(then > 0)) continue;
      // At constant currency: today's MRR at the rates of the window's first month.
      const double now = exposed ? series.MrrAtRatesOf(ai, e, e - 12) : at(e);
      for (int g : in) {
        if (g < 0) continue;
        size_t ri = static_cast<size_t>(p) * n_groups + g;
        base_sum[ri] += then;
        now_sum[ri] += now;
        kept_sum[ri] += std::min(now, then);
      }
    }
  }

  // Movements: sums, and distinct accounts per (period, type). First, account by account
  // (each account's movements in month order), mark the slice's movements and whether each
  // is its account's first of its type in its period; then add the marked ones up in the
  // order of `movements` (month, then account), so that every sum adds its numbers in that
  // order whatever the slice. The marking touches only the slice's accounts.
  std::vector<int> period_of_month(static_cast<size_t>(totals.n_months));
  for (int i = 0; i < totals.n_months; ++i)
    period_of_month[static_cast<size_t>(i)] = period_of(totals.first + i);
  std::vector<double> new_arr_sum(table.rows.size(), 0.0);
  auto add = [&](const AccountMovement& mv, bool first_in_period) {
    const int p = period_of_month[static_cast<size_t>(mv.month - totals.first)];
    const int t = static_cast<int>(mv.type);
    const std::array<int, 2> in =
        want >= 0 ? std::array<int, 2>{0, -1} : GroupsOf(static_cast<size_t>(mv.account));
    for (int g : in) {
      if (g < 0) continue;
      RevenueRow& r = row(p, g);
      r.movement_mrr[t] += mv.amount;
      if (first_in_period) r.movement_count[t] += 1;
      if (mv.type == MovementType::kNew) new_arr_sum[&r - table.rows.data()] += 12 * mv.amount;
    }
  };
  // Calls visit(entry, first_in_period) for each of `a`'s movements, in month order.
  auto each_movement = [&](size_t a, auto&& visit) {
    std::array<int, kMovementTypeCount> counted_in;  // the last period each type was counted in
    counted_in.fill(-1);
    for (uint32_t k = by_account.start[a]; k < by_account.start[a + 1]; ++k) {
      const MovementsByAccount::Entry& mv = by_account.entries[k];
      const int p = period_of_month[static_cast<size_t>(mv.month - totals.first)];
      int& last = counted_in[static_cast<size_t>(mv.type)];
      visit(mv, last != p);
      last = p;
    }
  };
  constexpr uint32_t kFirstBit = uint32_t{1} << 31;
  if (want < 0 || movements.size() >= kFirstBit) {
    // Every account (or a list too long for a flag bit): mark the members' movements, then add
    // them in the list's order.
    enum : uint8_t { kInSlice = 1, kFirstInPeriod = 2 };
    std::vector<uint8_t> mark(movements.size(), 0);
    for (AccountIndex ai : members) {
      each_movement(static_cast<size_t>(ai), [&](const MovementsByAccount::Entry& mv, bool first) {
        mark[mv.position] = first ? kInSlice | kFirstInPeriod : kInSlice;
      });
    }
    for (size_t i = 0; i < movements.size(); ++i) {
      if (mark[i] != 0) add(movements[i], mark[i] & kFirstInPeriod);
    }
  } else {
    // One segment: its movements placed by month. An account's movements of a month are
    // adjacent in the list and the segment's accounts are visited in ascending order, so each
    // month's movements are in the list's order: the same sums as marking the whole list, in work
    // proportional to the segment.
    std::vector<uint32_t> month_start(static_cast<size_t>(totals.n_months) + 1, 0);
    for (AccountIndex ai : members) {
      each_movement(static_cast<size_t>(ai), [&](const MovementsByAccount::Entry& mv, bool) {
        ++month_start[static_cast<size_t>(mv.month - totals.first) + 1];
      });
    }
    for (size_t m = 0; m < static_cast<size_t>(totals.n_months); ++m) month_start[m + 1] += month_start[m];
    std::vector<uint32_t> placed(month_start.back());
    std::vector<uint32_t> next(month_start.begin(), month_start.end() - 1);
    for (AccountIndex ai : members) {
      each_movement(static_cast<size_t>(ai), [&](const MovementsByAccount::Entry& mv, bool first) {
        placed[next[static_cast<size_t>(mv.month - totals.first)]++] = mv.position | (first ? kFirstBit : 0);
      });
    }
    for (const uint32_t at : placed)
      add(movements[at & ~kFirstBit], (at & kFirstBit) != 0);  // at < 2^31 here
  }

  // ACV.
  std::vector<double> acv_sum(table.rows.size(), 0.0);
  std::vector<int64_t> acv_n(table.rows.size(), 0);
  if (data.Has(Table::kOpportunities)) {
    table.acv_source = AcvSource::kOpportunities;
    CurrencyRates rates(data, settings);
    const Opportunities& o = data.opportunities;
    std::vector<uint32_t> computed_rows;
    if (!options.won_new_opportunities) computed_rows = WonNewOpportunityRows(o);
    const std::vector<uint32_t>& won_new =
        options.won_new_opportunities ? *options.won_new_opportunities : computed_rows;
    for (const uint32_t row : won_new) {
      const size_t i = row;
      if (o.closed_at[i] == kNullDay || IsNull(o.amount[i])) continue;
      if (options.as_of != kNullDay && o.closed_at[i] > options.as_of) continue;
      // Outside the slice's accounts before anything is converted: a slice needs the rates of
      // its own opportunities only.
      if (o.account[i] < 0 || static_cast<size_t>(o.account[i]) >= n_accounts) continue;
      if (!InSlice(static_cast<size_t>(o.account[i]))) continue;
      Month m = MonthOfDay(o.closed_at[i]);
      if (m < period_starts.front() || m > series.last_month()) continue;
      auto rate = rates.Rate(o.currency[i], m);
      if (!rate) {
        return Status::BadData(
            rates.MissingRateMessage(o.currency[i], m, "opportunity " + std::string(o.id[i])));
      }
      int p = period_of(m);
      for (int g : GroupsOf(static_cast<size_t>(o.account[i]))) {
        if (g < 0) continue;
        size_t ri = static_cast<size_t>(p) * n_groups + g;
        acv_sum[ri] += o.amount[i] * *rate;
        acv_n[ri] += 1;
      }
    }
  } else {
    table.acv_source = AcvSource::kNewMrr;
    for (size_t i = 0; i < table.rows.size(); ++i) {
      acv_sum[i] = new_arr_sum[i];
      acv_n[i] = table.rows[i].Count(MovementType::kNew);
    }
  }

  for (int p = 0; p < n_periods; ++p) {
    for (int g = 0; g < n_groups; ++g) {
      RevenueRow& r = row(p, g);
      size_t ri = &r - table.rows.data();
      Month prev_end = r.period_start - 1;
      r.mrr = totals.Mrr(g, r.period_end);
      r.customers = totals.Customers(g, r.period_end);
      r.previous_mrr = totals.Mrr(g, prev_end);
      r.previous_customers = totals.Customers(g, prev_end);
      const double nw = r.Movement(MovementType::kNew), re = r.Movement(MovementType::kReactivation),
                   ex = r.Movement(MovementType::kExpansion), co = r.Movement(MovementType::kContraction),
                   ch = r.Movement(MovementType::kChurn);
      r.net_new_mrr = nw + re + ex - co - ch;
      if (r.previous_mrr > 0) r.mrr_growth_mom = r.mrr / r.previous_mrr - 1;
      double year_ago = totals.Mrr(g, r.period_end - 12);
      if (year_ago > 0) r.mrr_growth_yoy = r.mrr / year_ago - 1;
      r.logo_churn_rate = Ratio(static_cast<double>(r.Count(MovementType::kChurn)),
                                static_cast<double>(r.previous_customers));
      r.gross_mrr_churn_rate = Ratio(ch + co, r.previous_mrr);
      r.net_mrr_churn_rate = Ratio(ch + co - ex - re, r.previous_mrr);
      r.quick_ratio = Ratio(nw + re + ex, ch + co);
      r.arpa = Ratio(r.mrr, static_cast<double>(r.customers));
      r.nrr = Ratio(now_sum[ri], base_sum[ri]);
      r.grr = Ratio(kept_sum[ri], base_sum[ri]);
      r.acv = Ratio(acv_sum[ri], static_cast<double>(acv_n[ri]));
    }
  }
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
