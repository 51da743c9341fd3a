#include "reports/efficiency_drilldown.h"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "efficiency/gtm_ledger.h"
#include "output/json_number.h"
#include "pipeline/deal_metrics.h"
#include "reports/drill_cell.h"
#include "reports/drill_report.h"
#include "reports/report_runs.h"
#include "revenue/currency.h"
#include "revenue/mrr_series.h"
#include "segments/segmenter.h"

namespace flywheel {
namespace {

constexpr const char* kFormat = "PERIOD:SEGMENT:FIELD, e.g. 2024-03:all:cac";

// One row: a part of the numerator (or of an amount) and of the denominator.
struct Part {
  std::string source;  // "account", "spend", "finance", "settings"
  std::string id, name, month, detail;
  double num = 0, den = 0;
};

enum class Side { kNumerator, kDenominator };

void Put(Part* part, Side side, double v) { (side == Side::kNumerator ? part->num : part->den) = v; }

// What the parts are read from: the ledger of the report and the cell's period and segment.
struct EfficiencyScope {
  const Input* in;
  const GtmLedger* ledger;
  const Segmenter* segmenter;
  const std::vector<AccountMovement>* movements;
  const MrrSeries* series;
  Day as_of;
  PeriodCalendar cal;
  Month last_month;
  Month period;
  Month previous = kNullMonth;  // the period before, when the report has one
  std::string segment;
  Month year_before = kNullMonth;  // the period a year before, when the report has one

  bool InPeriod(Month m, Month p) const {
    return m >= p && m < p + MonthsPerPeriod(cal.granularity) && m <= last_month;
  }
  bool InSegment(AccountIndex a) const { return segment == kAllSegment || segmenter->ValueOf(a) == segment; }
  // As the flywheel counts a lead: by its account's segment, else by its own.
  bool LeadInSegment(AccountIndex a, Code lead_segment) const {
    if (segment == kAllSegment) return true;
    if (a != kNoAccount) return InSegment(a);
    const std::vector<std::string> segs = segmenter->ForLead(lead_segment);
    return std::find(segs.begin(), segs.end(), segment) != segs.end();
  }
  bool DealInSegment(AccountIndex a) const {
    const std::vector<std::string> segs = segmenter->ForAccount(a);
    return std::find(segs.begin(), segs.end(), segment) != segs.end();
  }
};

// An account's movements in the period, as the ledger adds them.
struct AccountMoves {
  double new_count = 0, new_mrr = 0, new_margin = 0, net_new = 0;
  bool moved = false;  // any contract movement
};

std::map<AccountIndex, AccountMoves> MovesOf(const EfficiencyScope& s, Month period) {
  std::map<AccountIndex, AccountMoves> out;
  for (const AccountMovement& m : *s.movements) {
    if (m.type == MovementType::kFxImpact || !s.InPeriod(m.month, period) || !s.InSegment(m.account))
      continue;
    AccountMoves& a = out[m.account];
    a.moved = true;
    a.net_new += MrrChange(m);
    if (m.type != MovementType::kNew) continue;
    a.new_count += 1;
    a.new_mrr += m.amount;
    a.new_margin += m.amount * s.ledger->MonthGrossMargin(m.month);
  }
  return out;
}

using AccountFigure = double (*)(const AccountMoves&);

// The accounts of the period with a nonzero `figure` (every one that moved with `all_moved`).
void AddAccounts(const EfficiencyScope& s, Month period, AccountFigure figure, const char* detail, Side side,
                 bool all_moved, std::vector<Part>* parts) {
  const Dataset& data = s.in->dataset;
  for (const auto& [a, moves] : MovesOf(s, period)) {
    const double v = figure(moves);
    if (v == 0 && !(all_moved && moves.moved)) continue;
    Part part{"account", std::string(data.accounts.id[a]), std::string(data.accounts.name[a]), "", detail};
    Put(&part, side, v);
    parts->push_back(std::move(part));
  }
}

// Which spend lines a number counts.
enum class Lines { kMarketing, kSalesMarketing, kGtm };

bool Counted(SpendCategory c, Lines lines) {
  if (c == SpendCategory::kMarketing) return true;
  if (c == SpendCategory::kSales) return lines != Lines::kMarketing;
  return lines == Lines::kGtm && c == SpendCategory::kCustomerSuccess;
}

// The spend lines of `period` charged to the segment: whole for "all" and for a line of the
// segment itself; a shared line by the share of its category the ledger allocated to it.
void AddSpend(const EfficiencyScope& s, Month period, Lines lines, Side side, std::vector<Part>* parts) {
  const Dataset& data = s.in->dataset;
  const Spend& sp = data.spend;
  const bool by_segment = !s.segmenter->attribute().empty() && s.segment != kAllSegment;
  const bool direct_lines = s.segmenter->attribute() == "segment";
  auto own = [&](size_t i) { return direct_lines && sp.segment[i] != kNullCode; };
  std::map<SpendCategory, double> direct, shared;
  for (size_t i = 0; i < sp.size(); ++i) {
    if (!s.InPeriod(sp.month[i], period)) continue;
    if (!own(i))
      shared[sp.category[i]] += sp.amount[i];
    else if (data.dict.Get(sp.segment[i]) == s.segment)
      direct[sp.category[i]] += sp.amount[i];
  }
  const GtmFigures& f = s.ledger->At(period, s.segment);
  auto charged = [&](SpendCategory c) {
    return c == SpendCategory::kMarketing ? f.marketing
           : c == SpendCategory::kSales   ? f.sales
                                          : f.customer_success;
  };
  for (size_t i = 0; i < sp.size(); ++i) {
    if (!s.InPeriod(sp.month[i], period) || !Counted(sp.category[i], lines)) continue;
    double share = 1;
    std::string detail = "whole line";
    if (by_segment && own(i)) {
      if (data.dict.Get(sp.segment[i]) != s.segment) continue;
      detail = "line of the segment";
    } else if (by_segment) {
      const SpendCategory c = sp.category[i];
      share = shared[c] > 0 ? (charged(c) - direct[c]) / shared[c] : 0;
      if (share == 0) continue;
      detail = fmt::format("shared line, {}% allocated", FormatNumber(100 * share, 2));
    }
    Part part{"spend", "", std::string(SpendCategoryName(sp.category[i])), FormatMonth(sp.month[i]), detail};
    Put(&part, side, sp.amount[i] * share);
    parts->push_back(std::move(part));
  }
}

// The net burn of the finance months of the period ("all" only: segments have none).
void AddBurn(const EfficiencyScope& s, Side side, std::vector<Part>* parts) {
  const Finance& fin = s.in->dataset.finance;
  if (s.segment != kAllSegment) return;
  for (size_t i = 0; i < fin.size(); ++i) {
    if (!s.InPeriod(fin.month[i], s.period) || IsNull(fin.net_burn[i])) continue;
    Part part{"finance", "", "net burn", FormatMonth(fin.month[i]), "finance.csv net_burn"};
    Put(&part, side, fin.net_burn[i]);
    parts->push_back(std::move(part));
  }
}

// A period without new MRR: the gross margin of each of its months, over 1 each.
void AddMonthMargins(const EfficiencyScope& s, std::vector<Part>* parts) {
  const Finance& fin = s.in->dataset.finance;
  for (int k = 0; k < MonthsPerPeriod(s.cal.granularity); ++k) {
    const Month m = s.period + k;
    bool from_finance = false;
    for (size_t i = 0; i < fin.size(); ++i)
      from_finance = from_finance || (fin.month[i] == m && !IsNull(fin.gross_margin[i]));
    parts->push_back({from_finance ? "finance" : "settings", "", "gross margin", FormatMonth(m),
                      from_finance ? "finance.csv gross_margin" : "default_gross_margin",
                      s.ledger->MonthGrossMargin(m), 1});
  }
}

// The leads qualified in `period` (on or before the as-of date), 1 each.
void AddLeads(const EfficiencyScope& s, Month period, Side side, std::vector<Part>* parts) {
  const Dataset& data = s.in->dataset;
  const Leads& leads = data.leads;
  for (size_t i = 0; i < leads.size(); ++i) {
    const Day q = leads.qualified_at[i];
    if (q == kNullDay || q > s.as_of || !s.InPeriod(MonthOfDay(q), period)) continue;
    if (!s.LeadInSegment(leads.account[i], leads.segment[i])) continue;
    const AccountIndex a = leads.account[i];
    Part part{"lead", std::string(leads.id[i]), a == kNoAccount ? "" : std::string(data.accounts.id[a]),
              FormatDate(q), "qualified lead"};
    Put(&part, side, 1);
    parts->push_back(std::move(part));
  }
}

// The new and expansion opportunities created in the period with an amount (the ledger's
// pipeline generated: renewals are not pipeline), each in the base currency at its creation
// month.
void AddCreatedDeals(const EfficiencyScope& s, Side side, std::vector<Part>* parts) {
  const Dataset& data = s.in->dataset;
  const Opportunities& o = data.opportunities;
  CurrencyRates rates(data, s.in->settings);
  for (size_t i = 0; i < o.size(); ++i) {
    const Day created = o.created_at[i];
    if (o.type[i] == OpportunityType::kRenewal) continue;
    if (created == kNullDay || created > s.as_of || IsNull(o.amount[i])) continue;
    if (!s.InPeriod(MonthOfDay(created), s.period)) continue;
    const AccountIndex a = o.account[i];
    if (s.segment != kAllSegment && (a == kNoAccount || !s.InSegment(a))) continue;
    auto rate = rates.Rate(o.currency[i], MonthOfDay(created));
    if (!rate) continue;  // the report fails on it first
    Part part{"deal", std::string(o.id[i]), a == kNoAccount ? "" : std::string(data.accounts.id[a]),
              FormatDate(created), fmt::format("{} deal created", OpportunityTypeName(o.type[i]))};
    Put(&part, side, o.amount[i] * *rate);
    parts->push_back(std::move(part));
  }
}

// ACV: the won new deals closed in the period with an amount (base currency at the closing
// month) over 1 each: Σ / count = their mean.
void AddWonNewDeals(const EfficiencyScope& s, std::vector<Part>* parts) {
  const Dataset& data = s.in->dataset;
  const Opportunities& o = data.opportunities;
  CurrencyRates rates(data, s.in->settings);
  for (size_t i = 0; i < o.size(); ++i) {
    if (o.type[i] != OpportunityType::kNew || o.status[i] != OpportunityStatus::kWon) continue;
    if (!ClosedByAsOf(o, i, s.as_of) || IsNull(o.amount[i])) continue;
    const Month m = MonthOfDay(o.closed_at[i]);
    if (!s.InPeriod(m, s.period) || !s.DealInSegment(o.account[i])) continue;
    auto rate = rates.Rate(o.currency[i], m);
    if (!rate) continue;  // the report fails on it first
    const AccountIndex a = o.account[i];
    parts->push_back({"deal", std::string(o.id[i]), a == kNoAccount ? "" : std::string(data.accounts.id[a]),
                      FormatDate(o.closed_at[i]), "won new deal", o.amount[i] * *rate, 1});
  }
}

// Each account's MRR at the end of `period`: its contract movements summed through then (at
// constant currency, as the flywheel's MRR), by account.
std::map<AccountIndex, double> MrrAtEndOf(const EfficiencyScope& s, Month period) {
  std::map<AccountIndex, double> out;
  const Month end = period + MonthsPerPeriod(s.cal.granularity);
  for (const AccountMovement& m : *s.movements) {
    if (m.type == MovementType::kFxImpact || m.month >= end || m.month > s.last_month ||
        !s.InSegment(m.account))
      continue;
    out[m.account] += MrrChange(m);
  }
  return out;
}

// MRR growth: the accounts' MRR at the end of the period (numerator) and at the end of `then`.
void AddMrrGrowth(const EfficiencyScope& s, Month then, std::vector<Part>* parts) {
  const Dataset& data = s.in->dataset;
  const std::map<AccountIndex, double> now = MrrAtEndOf(s, s.period);
  std::map<AccountIndex, double> before = MrrAtEndOf(s, then);
  for (const auto& [a, mrr] : now) before.emplace(a, 0);
  const std::string detail =
      fmt::format("MRR at the end of {} / of {}", s.cal.Label(s.period), s.cal.Label(then));
  for (const auto& [a, mrr_then] : before) {
    auto it = now.find(a);
    const double mrr_now = it == now.end() ? 0 : it->second;
    if (mrr_now == 0 && mrr_then == 0) continue;
    parts->push_back({"account", std::string(data.accounts.id[a]), std::string(data.accounts.name[a]), "",
                      detail, mrr_now, mrr_then});
  }
}

// Cohort GRR / NRR at the first anniversary: the accounts of the monthly cohorts c with c + 12
// in the period (reached by the as-of month), MRR at age 12 at the rates of their first month
// (GRR: at most the start MRR) over their start MRR.
void AddCohortAnniversary(const EfficiencyScope& s, bool gross, std::vector<Part>* parts) {
  constexpr int kAge = 12;
  const Dataset& data = s.in->dataset;
  const MrrSeries& series = *s.series;
  for (AccountIndex a = 0; a < static_cast<AccountIndex>(series.account_count()); ++a) {
    const Month f = series.FirstActiveMonth(a);
    if (f == kNullMonth || f + kAge > series.last_month() || s.cal.PeriodStart(f + kAge) != s.period)
      continue;
    if (!s.InSegment(a)) continue;
    const double start = series.Mrr(a, f);
    const double mrr = series.MrrAtRatesOf(a, f + kAge, f);
    parts->push_back({"account", std::string(data.accounts.id[a]), std::string(data.accounts.name[a]),
                      FormatMonth(f),
                      fmt::format("cohort {}: MRR at age 12{} / start MRR", FormatMonth(f),
                                  gross ? " (at most the start)" : ""),
                      gross ? std::min(mrr, start) : mrr, start});
  }
}

double NewCount(const AccountMoves& m) { return m.new_count; }
double NewMrr(const AccountMoves& m) { return m.new_mrr; }
double NewMargin(const AccountMoves& m) { return m.new_margin; }
double NetNewArr(const AccountMoves& m) { return 12 * m.net_new; }

// A field of the report: how its parts are collected and when its value is null.
struct EfficiencyField {
  const char* name;
  bool ratio;
  ColumnKind kind;         // of the amount, or of the value
  const char* definition;  // for the note
  bool flywheel = false;   // the flywheel's indicator alone, not an efficiency column
};

const std::vector<EfficiencyField>& EfficiencyFields() {
  using K = ColumnKind;
  static const std::vector<EfficiencyField> kFields = {
      {"new_customers", false, K::kInteger, "accounts with a new movement"},
      {"new_mrr", false, K::kMoney, "new MRR of the accounts"},
      {"net_new_arr", false, K::kMoney, "12 × net new MRR (contract movements) of the accounts"},
      {"sales_marketing_spend", false, K::kMoney, "sales and marketing spend lines"},
      {"gtm_spend", false, K::kMoney, "sales, marketing and customer success spend lines"},
      {"net_burn", false, K::kMoney, "finance.csv net burn of the months"},
      {"cac", true, K::kMoney, "S&M spend (numerator) / new customers (denominator)"},
      {"gross_margin", true, K::kRate, "new MRR × month gross margin / new MRR"},
      {"cac_payback_months", true, K::kNumber, "S&M spend / (new MRR × gross margin)"},
      {"burn_multiple", true, K::kRatio, "net burn / net new ARR"},
      {"gtm_spend_ratio", true, K::kRatio, "S&M + customer success spend / net new ARR"},
      {"magic_number", true, K::kRatio, "net new ARR / the previous period's S&M spend"},
      {"lvr", true, K::kRate, "qualified leads of the period / of the period before − 1", true},
      {"cost_per_sql", true, K::kMoney, "marketing spend / qualified leads", true},
      {"cost_per_pipeline_dollar", true, K::kRatio, "S&M spend / amount of the opportunities created", true},
      {"mrr_growth", true, K::kRate, "MRR at the end of the period / at the end of the period before − 1",
       true},
      {"mrr_growth_yoy", true, K::kRate, "MRR at the end of the period / a year before − 1", true},
      {"acv", true, K::kMoney, "Σ amount of the won new deals / their count", true},
      {"cohort_grr", true, K::kRate,
       "Σ min(MRR at age 12, start MRR) / Σ start MRR of the cohorts turning one", true},
      {"cohort_nrr", true, K::kRate, "Σ MRR at age 12 / Σ start MRR of the cohorts turning one", true},
  };
  return kFields;
}

std::vector<Part> CollectParts(const std::string& field, const EfficiencyScope& s) {
  using S = Side;
  std::vector<Part> parts;
  if (field == "new_customers")
    AddAccounts(s, s.period, NewCount, "new customer", S::kNumerator, false, &parts);
  if (field == "new_mrr") AddAccounts(s, s.period, NewMrr, "new MRR", S::kNumerator, false, &parts);
  if (field == "net_new_arr")
    AddAccounts(s, s.period, NetNewArr, "12 × net new MRR", S::kNumerator, true, &parts);
  if (field == "sales_marketing_spend" || field == "cac" || field == "cac_payback_months") {
    AddSpend(s, s.period, Lines::kSalesMarketing, S::kNumerator, &parts);
  }
  if (field == "gtm_spend" || field == "gtm_spend_ratio")
    AddSpend(s, s.period, Lines::kGtm, S::kNumerator, &parts);
  if (field == "net_burn" || field == "burn_multiple") AddBurn(s, S::kNumerator, &parts);
  if (field == "cac") AddAccounts(s, s.period, NewCount, "new customer", S::kDenominator, false, &parts);
  if (field == "cac_payback_months") {
    AddAccounts(s, s.period, NewMargin, "new MRR × gross margin", S::kDenominator, false, &parts);
  }
  if (field == "burn_multiple" || field == "gtm_spend_ratio") {
    AddAccounts(s, s.period, NetNewArr, "12 × net new MRR", S::kDenominator, true, &parts);
  }
  if (field == "magic_number") {
    AddAccounts(s, s.period, NetNewArr, "12 × net new MRR", S::kNumerator, true, &parts);
    if (s.previous != kNullMonth) AddSpend(s, s.previous, Lines::kSalesMarketing, S::kDenominator, &parts);
  }
  return parts;
}

// The flywheel's own indicators (reports/flywheel_drilldown.h).
std::vector<Part> CollectFlywheelParts(const std::string& field, const EfficiencyScope& s) {
  using S = Side;
  std::vector<Part> parts;
  if (field == "lvr" || field == "cost_per_sql")
    AddLeads(s, s.period, field == "lvr" ? S::kNumerator : S::kDenominator, &parts);
  if (field == "lvr" && s.previous != kNullMonth) AddLeads(s, s.previous, S::kDenominator, &parts);
  if (field == "cost_per_sql") AddSpend(s, s.period, Lines::kMarketing, S::kNumerator, &parts);
  if (field == "cost_per_pipeline_dollar") {
    AddSpend(s, s.period, Lines::kSalesMarketing, S::kNumerator, &parts);
    AddCreatedDeals(s, S::kDenominator, &parts);
  }
  if (field == "mrr_growth" && s.previous != kNullMonth) AddMrrGrowth(s, s.previous, &parts);
  if (field == "mrr_growth_yoy" && s.year_before != kNullMonth) AddMrrGrowth(s, s.year_before, &parts);
  if (field == "acv") AddWonNewDeals(s, &parts);
  if (field == "cohort_grr" || field == "cohort_nrr") AddCohortAnniversary(s, field == "cohort_grr", &parts);
  return parts;
}

// gross_margin: each account's numerator is its new MRR × margin, its denominator its new MRR;
// without new MRR the months' margins.
std::vector<Part> GrossMarginParts(const EfficiencyScope& s) {
  std::vector<Part> parts;
  const Dataset& data = s.in->dataset;
  for (const auto& [a, m] : MovesOf(s, s.period)) {
    if (m.new_mrr == 0) continue;
    parts.push_back({"account", std::string(data.accounts.id[a]), std::string(data.accounts.name[a]), "",
                     "new MRR × gross margin / new MRR", m.new_margin, m.new_mrr});
  }
  if (parts.empty()) AddMonthMargins(s, &parts);
  return parts;
}

// The value as the report gives it: null where the report's number is.
double ValueOf(const std::string& field, double num, double den, const EfficiencyScope& s) {
  const GtmFigures& f = s.ledger->At(s.period, s.segment);
  if (field == "cac" || field == "cac_payback_months") {
    if (f.SalesMarketing() <= 0) return kNullNumber;
  }
  if (field == "burn_multiple" || field == "gtm_spend_ratio") {
    if (!(12 * f.NetNewMrr() > 0) || (field == "burn_multiple" && IsNull(f.net_burn))) return kNullNumber;
  }
  if (field == "lvr" || field == "mrr_growth" || field == "mrr_growth_yoy") {
    const Month then = field == "mrr_growth_yoy" ? s.year_before : s.previous;
    return then == kNullMonth || den == 0 ? kNullNumber : num / den - 1;
  }
  if (field == "magic_number" &&
      !(s.previous != kNullMonth && s.ledger->At(s.previous, s.segment).SalesMarketing() > 0)) {
    return kNullNumber;
  }
  return den == 0 ? kNullNumber : num / den;
}

void FillEfficiencyRows(const EfficiencyField& field, const std::vector<Part>& parts,
                        const EfficiencyScope& s, const char* id_column, Report* report) {
  report->columns = {{"source", ColumnKind::kText},
                     {id_column, ColumnKind::kText},
                     {"name", ColumnKind::kText},
                     {"month", ColumnKind::kText},
                     {"detail", ColumnKind::kText}};
  const ColumnKind part_kind =
      field.kind == ColumnKind::kInteger ? ColumnKind::kInteger : ColumnKind::kNumber;
  if (field.ratio) {
    report->columns.push_back({"numerator", ColumnKind::kNumber});
    report->columns.push_back({"denominator", ColumnKind::kNumber});
  } else {
    report->columns.push_back({"amount", part_kind == ColumnKind::kInteger ? part_kind : field.kind});
  }
  double num = 0, den = 0;
  for (const Part& p : parts) {
    std::vector<Cell> row = {p.source, p.id.empty() ? Cell{} : Cell{p.id}, p.name,
                             p.month.empty() ? Cell{} : Cell{p.month}, p.detail};
    if (field.ratio) {
      row.push_back(p.num);
      row.push_back(p.den);
    } else if (part_kind == ColumnKind::kInteger) {
      row.push_back(static_cast<int64_t>(p.num));
    } else {
      row.push_back(p.num);
    }
    report->rows.push_back(std::move(row));
    num += p.num;
    den += p.den;
  }
  report->json_extra.push_back({"field", nlohmann::json(field.name).dump()});
  if (!field.ratio) {
    const bool no_burn =
        std::string_view(field.name) == "net_burn" && IsNull(s.ledger->At(s.period, s.segment).net_burn);
    report->json_extra.push_back({"total", JsonNumber(no_burn ? kNullNumber : num)});
    report->extra_fields.push_back({"total", field.kind});
    return;
  }
  report->json_extra.push_back({"numerator", JsonNumber(num)});
  report->json_extra.push_back({"denominator", JsonNumber(den)});
  report->json_extra.push_back({"value", JsonNumber(ValueOf(field.name, num, den, s))});
  report->extra_fields.push_back({"value", field.kind});
}

const EfficiencyField* FindField(std::string_view name, bool flywheel) {
  for (const EfficiencyField& f : EfficiencyFields()) {
    if (name == f.name && (flywheel || !f.flywheel)) return &f;
  }
  return nullptr;
}

// The rows of `field` for the cell's PERIOD and SEGMENT (parts[0], parts[1]), in a
// "drilldown/<report>" answer; `id_column` names the column of the rows' ids.
Result<Report> LedgerRows(const Input& in, const PeriodReportOptions& o, std::string_view cell,
                          const std::vector<std::string_view>& parts, const EfficiencyField& field,
                          const std::string& report_name, const char* id_column) {
  const Day as_of = o.AsOf(in);
  auto made = Segmenter::Make(in.dataset, o.segment_by, o.segment, in.settings.segment_attribute);
  if (!made.ok()) return made.status();
  const Segmenter& segmenter = made.value();
  auto loaded = LoadMrr(in, as_of);
  if (!loaded.ok()) return loaded.status();
  const MrrBasis& mrr = *loaded.value();
  const PeriodCalendar cal{o.period, in.settings.fiscal_year_start_month};
  auto built = GtmLedger::Build(in.dataset, in.settings, mrr.movements, segmenter, cal, as_of);
  if (!built.ok()) return built.status();
  const GtmLedger& ledger = built.value();
  auto found = FindPeriodLabel(ledger.periods(), cal, parts[0], report_name);
  if (!found.ok()) return found.status();
  const Month period = found.value();
  const std::vector<std::string> segments = segmenter.AllSegments();
  const std::string segment(parts[1]);
  if (std::find(segments.begin(), segments.end(), segment) == segments.end()) {
    return Status::Usage(
        fmt::format("--cell: unknown segment '{}'{}", segment, DidYouMeanSuffix(segment, segments)));
  }
  EfficiencyScope scope{&in, &ledger,           &segmenter, &mrr.movements, &mrr.series, as_of,
                        cal, MonthOfDay(as_of), period,     kNullMonth,     segment};
  const Month first = ledger.periods().front();
  if (period != first) scope.previous = period - MonthsPerPeriod(cal.granularity);
  if (period - 12 >= first) scope.year_before = period - 12;
  Report report = DrillReport(report_name, in, as_of, cell);
  report.period = std::string(GranularityName(cal.granularity));
  report.segment_by = segmenter.attribute();
  const std::string name = field.name;
  const std::vector<Part> rows = name == "gross_margin" ? GrossMarginParts(scope)
                                 : field.flywheel       ? CollectFlywheelParts(name, scope)
                                                        : CollectParts(name, scope);
  FillEfficiencyRows(field, rows, scope, id_column, &report);
  report.notes.push_back(fmt::format("{} rows for {} / {}; {} = {}.", report.rows.size(), parts[0], segment,
                                     name, field.definition));
  return report;
}

}  // namespace

Result<Report> EfficiencyDrilldown(const Input& in, const EfficiencyReportOptions& o,
                                   const DrillCellText& text) {
  auto required = RequiredCell(text, kFormat);
  if (!required.ok()) return required.status();
  const std::string& cell = required.value();
  const auto parts = SplitCell(cell);
  if (parts.size() != 3) return Status::Usage(fmt::format("--cell: '{}' is not {}", cell, kFormat));
  const std::string name(parts[2]);
  const EfficiencyField* field = FindField(name, false);
  if (!field) {
    std::vector<std::string> names;
    for (const EfficiencyField& f : EfficiencyFields()) {
      if (!f.flywheel) names.emplace_back(f.name);
    }
    return Status::Usage(
        fmt::format("--cell: unknown field '{}' for efficiency{}", name, DidYouMeanSuffix(name, names)));
  }
  auto report_run = RunEfficiency(in, o);  // its own errors first
  if (!report_run.ok()) return report_run.status();
  return LedgerRows(in, o, cell, parts, *field, "efficiency", "account_id");
}

Result<Report> FlywheelLedgerDrilldown(const Input& in, const PeriodReportOptions& o, std::string_view cell,
                                       const std::vector<std::string_view>& parts) {
  const EfficiencyField* field = FindField(parts[2], true);
  if (!field) return Status::Usage(fmt::format("--cell: field '{}' has no ledger rows", parts[2]));
  return LedgerRows(in, o, cell, parts, *field, "flywheel", "id");
}

}  // namespace flywheel
