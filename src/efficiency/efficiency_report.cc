#include "efficiency/efficiency_report.h"

#include <fmt/core.h>

#include <nlohmann/json.hpp>
#include <span>

#include "output/report_writer.h"

namespace flywheel {
namespace {

Cell Num(double v) { return IsNull(v) ? Cell{} : Cell{v}; }
Cell Ratio(double num, double den) {
  return den == 0 || IsNull(num) || IsNull(den) ? Cell{} : Cell{num / den};
}

double PeriodMargin(const GtmLedger& l, const GtmFigures& f, Month p, const PeriodCalendar& cal) {
  if (!IsNull(f.gross_margin)) return f.gross_margin;
  double sum = 0;
  int n = MonthsPerPeriod(cal.granularity);
  for (int k = 0; k < n; ++k) sum += l.MonthGrossMargin(p + k);
  return sum / n;
}

// The cohort paybacks as a JSON array of objects (docs/EFFICIENCY.md "cac_payback_by_cohort").
std::string CohortPaybackJson(const std::vector<CohortPayback>& cohorts, const PeriodCalendar& cal) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const CohortPayback& c : cohorts) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    o["cohort"] = cal.Label(c.cohort);
    o["segment"] = c.segment;
    o["new_customers"] = c.new_customers;
    o["sales_marketing_spend"] = c.spend;
    o["cac_payback_months"] = c.payback_months ? nlohmann::ordered_json(*c.payback_months) : nullptr;
    out.push_back(std::move(o));
  }
  return out.dump();
}

}  // namespace

std::vector<CohortPayback> ComputeCohortPayback(const GtmLedger& ledger, const Segmenter& segmenter,
                                                const std::vector<AccountMovement>& movements,
                                                const PeriodCalendar& cal, Day as_of) {
  const Month last_month = MonthOfDay(as_of);
  // Movements per account, accounts ascending, each account's in month order (ComputeMovements
  // orders by month): a counting sort by account.
  std::vector<uint32_t> start;  // account a's movements: order[start[a] .. start[a + 1])
  Month first_month = kNullMonth;
  for (const AccountMovement& m : movements) {
    if (m.month > last_month) continue;
    if (static_cast<size_t>(m.account) + 2 > start.size())
      start.resize(static_cast<size_t>(m.account) + 2, 0);
    ++start[static_cast<size_t>(m.account) + 1];
    if (first_month == kNullMonth || m.month < first_month) first_month = m.month;
  }
  if (first_month == kNullMonth) return {};
  for (size_t a = 1; a < start.size(); ++a) start[a] += start[a - 1];
  std::vector<const AccountMovement*> order(start.back());
  {
    std::vector<uint32_t> next(start.begin(), start.end() - 1);
    for (const AccountMovement& m : movements) {
      if (m.month <= last_month) order[next[static_cast<size_t>(m.account)]++] = &m;
    }
  }
  // Each month's gross margin, read once instead of per account and month.
  const Month first_cohort = cal.PeriodStart(first_month);
  std::vector<double> margin(static_cast<size_t>(last_month - first_cohort) + 1);
  for (Month m = first_cohort; m <= last_month; ++m)
    margin[static_cast<size_t>(m - first_cohort)] = ledger.MonthGrossMargin(m);

  // The cohorts by (period, segment number); an account adds to each in account order.
  struct Acc {
    int64_t customers = 0;
    std::vector<double> margin_mrr;  // by age in months since the cohort's first month
  };
  const SegmentNumbers numbers = segmenter.Numbers();
  const int period_months = MonthsPerPeriod(cal.granularity);
  const size_t n_periods =
      static_cast<size_t>((cal.PeriodStart(last_month) - first_cohort) / period_months) + 1;
  std::vector<Acc> cohorts(n_periods * numbers.names.size());
  auto cohort_of = [&](Month c, uint32_t segment) -> Acc& {
    return cohorts[static_cast<size_t>((c - first_cohort) / period_months) * numbers.names.size() + segment];
  };
  std::vector<double> path;
  for (size_t account = 0; account + 1 < start.size(); ++account) {
    const std::span<const AccountMovement* const> list(order.data() + start[account],
                                                       order.data() + start[account + 1]);
    Month acquired = kNullMonth;
    for (const AccountMovement* m : list) {
      if (m->type == MovementType::kNew) {
        acquired = m->month;
        break;
      }
    }
    if (acquired == kNullMonth) continue;
    Month c = cal.PeriodStart(acquired);
    path.assign(static_cast<size_t>(last_month - c) + 1, 0.0);
    double mrr = 0;
    size_t next = 0;
    for (Month m = c; m <= last_month; ++m) {
      for (; next < list.size() && list[next]->month <= m; ++next) {
        const AccountMovement& mv = *list[next];
        if (mv.month < acquired) continue;
        mrr += MrrChange(mv);  // currency effects included: the cohort is paid in what it pays
      }
      path[static_cast<size_t>(m - c)] = mrr * margin[static_cast<size_t>(m - first_cohort)];
    }
    for (const uint32_t s : numbers.of_value[segmenter.ValueNumber(static_cast<AccountIndex>(account))]) {
      Acc& a = cohort_of(c, s);
      ++a.customers;
      if (a.margin_mrr.size() < path.size()) a.margin_mrr.resize(path.size(), 0.0);
      for (size_t k = 0; k < path.size(); ++k) a.margin_mrr[k] += path[k];
    }
  }
  std::vector<CohortPayback> out;
  for (Month p : ledger.periods()) {
    if (p < first_cohort || static_cast<size_t>((p - first_cohort) / period_months) >= n_periods) continue;
    for (const std::string& s : segmenter.AllSegments()) {
      const Acc& acc = cohort_of(p, numbers.of_name.at(s));
      if (acc.customers == 0) continue;
      CohortPayback cp{p, s, acc.customers, ledger.At(p, s).SalesMarketing(), std::nullopt};
      if (cp.spend > 0) {
        double cumulative = 0;
        for (size_t k = 0; k < acc.margin_mrr.size(); ++k) {
          cumulative += acc.margin_mrr[k];
          if (cumulative >= cp.spend) {
            cp.payback_months = static_cast<int>(k);
            break;
          }
        }
      }
      out.push_back(cp);
    }
  }
  return out;
}

Result<Report> BuildEfficiencyReport(const Dataset& data, const Settings& settings, const GtmLedger& ledger,
                                     const Segmenter& segmenter, const std::vector<CohortPayback>& cohorts,
                                     const PeriodCalendar& cal, Day as_of) {
  if (!data.Has(Table::kSpend))
    return Status::NotFound("efficiency needs spend.csv (sales and marketing spend)");
  Report r;
  r.name = "efficiency";
  r.as_of = FormatDate(as_of);
  r.period = std::string(GranularityName(cal.granularity));
  r.segment_by = segmenter.attribute();
  r.currency = settings.base_currency;
  r.columns = {{"period", ColumnKind::kText, "period"},
               {"segment", ColumnKind::kText, "segment"},
               {"new_customers", ColumnKind::kInteger, "new customers"},
               {"new_mrr", ColumnKind::kMoney, "new MRR"},
               {"net_new_arr", ColumnKind::kMoney, "net new ARR"},
               {"sales_marketing_spend", ColumnKind::kMoney, "S&M spend"},
               {"cac", ColumnKind::kMoney, "CAC"},
               {"gross_margin", ColumnKind::kRate, "gross margin"},
               {"cac_payback_months", ColumnKind::kNumber, "CAC payback (mo)"},
               {"net_burn", ColumnKind::kMoney, "net burn"},
               {"burn_multiple", ColumnKind::kRatio, "burn multiple"},
               {"burn_multiple_flag", ColumnKind::kText, "burn flag"},
               {"gtm_spend", ColumnKind::kMoney, "GTM spend"},
               {"gtm_spend_ratio", ColumnKind::kRatio, "GTM spend ratio"},
               {"magic_number", ColumnKind::kRatio, "magic number"}};
  const std::vector<Month>& periods = ledger.periods();
  for (size_t pi = 0; pi < periods.size(); ++pi) {
    Month p = periods[pi];
    for (const std::string& s : segmenter.AllSegments()) {
      const GtmFigures& f = ledger.At(p, s);
      double sm = f.SalesMarketing();
      double new_mrr = f.Movement(MovementType::kNew);
      double net_new_arr = 12 * f.NetNewMrr();
      double margin = PeriodMargin(ledger, f, p, cal);
      std::vector<Cell> row = {cal.Label(p), s, f.new_customers, new_mrr, net_new_arr, sm};
      row.push_back(sm > 0 ? Ratio(sm, static_cast<double>(f.new_customers)) : Cell{});
      row.push_back(margin);
      row.push_back(sm > 0 ? Ratio(sm, new_mrr * margin) : Cell{});
      row.push_back(Num(f.net_burn));
      bool burn_known = !IsNull(f.net_burn);
      row.push_back(burn_known && net_new_arr > 0 ? Cell{f.net_burn / net_new_arr} : Cell{});
      row.push_back(burn_known && net_new_arr <= 0 ? Cell{std::string("not meaningful")} : Cell{});
      double gtm = sm + f.customer_success;
      row.push_back(gtm);
      row.push_back(net_new_arr > 0 ? Cell{gtm / net_new_arr} : Cell{});
      double prior_sm = pi > 0 ? ledger.At(periods[pi - 1], s).SalesMarketing() : 0;
      row.push_back(prior_sm > 0 ? Cell{net_new_arr / prior_sm} : Cell{});
      r.rows.push_back(std::move(row));
    }
  }
  r.json_extra.emplace_back("cac_payback_by_cohort", CohortPaybackJson(cohorts, cal));
  r.notes.push_back("CAC = (sales + marketing spend) / new customers; null without spend or new customers");
  r.notes.push_back(
      "CAC payback (mo) = (sales + marketing spend) / (new MRR × gross margin); by acquisition "
      "cohort: flywheel efficiency --by-cohort");
  r.notes.push_back(
      "burn multiple = net burn / net new ARR (contract movements; exchange-rate effects are not net "
      "new); \"not meaningful\" when net new ARR ≤ 0; company "
      "figure (segments have no net burn)");
  r.notes.push_back(
      "GTM spend ratio = (sales + marketing + customer success spend) / net new ARR (null when net "
      "new ARR ≤ 0); magic number = net new ARR / prior period's sales + marketing spend");
  if (!segmenter.attribute().empty()) {
    r.notes.push_back(
        fmt::format("shared spend allocated to segments by {}", settings.shared_spend_allocation));
    if (ledger.unallocated_shared_spend() > 0) {
      r.notes.push_back(
          fmt::format("{} {} of shared go-to-market spend could not be allocated to a segment "
                      "(counted in \"all\" only)",
                      FormatMoney(ledger.unallocated_shared_spend()), settings.base_currency));
    }
  }
  return r;
}

Report BuildCohortPaybackReport(const Settings& settings, const std::vector<CohortPayback>& cohorts,
                                const Segmenter& segmenter, const PeriodCalendar& cal, Day as_of) {
  Report r;
  r.name = "efficiency-cohorts";
  r.as_of = FormatDate(as_of);
  r.period = std::string(GranularityName(cal.granularity));
  r.segment_by = segmenter.attribute();
  r.currency = settings.base_currency;
  r.columns = {{"cohort", ColumnKind::kText, "cohort"},
               {"segment", ColumnKind::kText, "segment"},
               {"new_customers", ColumnKind::kInteger, "new customers"},
               {"sales_marketing_spend", ColumnKind::kMoney, "S&M spend"},
               {"cac_payback_months", ColumnKind::kInteger, "payback (months)"}};
  for (const CohortPayback& c : cohorts) {
    r.rows.push_back({cal.Label(c.cohort), c.segment, c.new_customers, c.spend,
                      c.payback_months ? Cell{static_cast<int64_t>(*c.payback_months)} : Cell{}});
  }
  r.notes.push_back(
      "payback = first age k (months since the cohort's first month) at which the cohort's "
      "cumulative MRR × gross margin over months c..c+k reaches its acquisition period's sales + "
      "marketing spend; empty: not reached by the as-of date");
  return r;
}

}  // namespace flywheel
