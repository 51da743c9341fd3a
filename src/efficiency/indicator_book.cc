#include "efficiency/indicator_book.h"

#include <fmt/core.h>

#include <algorithm>
#include <optional>

#include "bowtie/ttv_report.h"
#include "efficiency/efficiency_report.h"

namespace flywheel {
namespace {

double Div(double num, double den) {
  return den == 0 || IsNull(num) || IsNull(den) ? kNullNumber : num / den;
}

// A day's period index among the ledger's periods, read from a table of the days of those
// periods; none for a day outside them.
class LedgerPeriodOfDay {
 public:
  LedgerPeriodOfDay(const PeriodCalendar& cal, const std::vector<Month>& periods) {
    if (periods.empty()) return;
    first_day_ = FirstDayOfMonth(periods.front());
    last_day_ = LastDayOfMonth(periods.back() + MonthsPerPeriod(cal.granularity) - 1);
    period_of_day_.emplace(cal, periods.front(), first_day_, last_day_);
  }

  std::optional<size_t> operator()(Day d) const {
    if (!period_of_day_ || d < first_day_ || d > last_day_) return std::nullopt;
    return (*period_of_day_)(d);
  }

 private:
  Day first_day_ = kNullDay, last_day_ = kNullDay;
  std::optional<PeriodOfDay> period_of_day_;
};

// The leads qualified by as_of in each of the ledger's periods, by (period index, segment
// number): a lead with an account counts in its account's segments, one without in its own.
std::vector<int64_t> CountQualifiedLeads(const FlywheelInputs& in, const SegmentNumbers& numbers,
                                         const LedgerPeriodOfDay& period_index) {
  const size_t n_segments = numbers.names.size();
  std::vector<int64_t> qualified(in.ledger->periods().size() * n_segments, 0);
  const Leads& leads = in.data->leads;
  LeadSegmentNumbers lead_numbers(*in.segmenter, numbers, in.data->dict.size());
  for (size_t i = 0; i < leads.size(); ++i) {
    if (leads.qualified_at[i] == kNullDay || leads.qualified_at[i] > in.as_of) continue;
    const auto p = period_index(leads.qualified_at[i]);
    if (!p) continue;
    const std::vector<uint32_t>& segs = leads.account[i] == kNoAccount
                                            ? lead_numbers.Of(leads.segment[i])
                                            : numbers.of_value[in.segmenter->ValueNumber(leads.account[i])];
    for (const uint32_t s : segs) ++qualified[*p * n_segments + s];
  }
  return qualified;
}

// Days from onboarding to value of the accounts onboarded in each of the ledger's periods,
// by (period index, segment number).
std::vector<DayCounts> CountDaysToValue(const FlywheelInputs& in, const SegmentNumbers& numbers,
                                        const LedgerPeriodOfDay& period_index) {
  const size_t n_segments = numbers.names.size();
  std::vector<DayCounts> days(in.ledger->periods().size() * n_segments);
  const StageDates& st = *in.stages;
  for (size_t u = 0; u < st.size(); ++u) {
    const Day on = st.Entered(u, static_cast<int>(BowtieStage::kOnboarding));
    const Day value = st.Entered(u, static_cast<int>(BowtieStage::kImpact));
    if (on == kNullDay || value == kNullDay || st.Account(u) == kNoAccount) continue;
    const auto p = period_index(on);
    if (!p) continue;
    for (const uint32_t s : numbers.of_value[in.segmenter->ValueNumber(st.Account(u))]) {
      days[*p * n_segments + s].Add(std::max(0, value - on));
    }
  }
  return days;
}

// The share reaching value within the first TTV target by (cohort label, segment): the TTV
// report's figure.
std::map<std::pair<std::string, std::string>, double> TtvReachedShares(const FlywheelInputs& in) {
  std::map<std::pair<std::string, std::string>, double> shares;
  auto ttv = BuildTtvReport(*in.data, *in.settings, *in.stages, *in.segmenter, in.calendar, in.as_of);
  if (!ttv.ok() || in.settings->ttv_targets_days.empty()) return shares;
  const std::string column = fmt::format("within_{}d_rate", in.settings->ttv_targets_days.front());
  size_t at = 0;
  while (at < ttv->columns.size() && ttv->columns[at].name != column) ++at;
  for (const auto& row : ttv->rows) {
    if (at < row.size() && std::holds_alternative<double>(row[at])) {
      shares[{std::get<std::string>(row[0]), std::get<std::string>(row[1])}] = std::get<double>(row[at]);
    }
  }
  return shares;
}

// The CAC payback months of the acquisition cohorts that paid back, by (period, segment).
std::map<std::pair<Month, std::string>, int> CohortPaybackMonths(const FlywheelInputs& in) {
  std::map<std::pair<Month, std::string>, int> payback;
  for (const CohortPayback& c :
       ComputeCohortPayback(*in.ledger, *in.segmenter, *in.movements, in.calendar, in.as_of)) {
    if (c.payback_months) payback[{c.cohort, c.segment}] = *c.payback_months;
  }
  return payback;
}

}  // namespace

IndicatorBook::IndicatorBook(const FlywheelInputs& in) : in_(in), numbers_(in.segmenter->Numbers()) {
  // Qualified leads and days to value are counted for the ledger's periods alone (the
  // indicators read no other).
  const LedgerPeriodOfDay period_index(in.calendar, in.ledger->periods());
  qualified_ = CountQualifiedLeads(in, numbers_, period_index);
  ttv_days_ = CountDaysToValue(in, numbers_, period_index);
  ttv_share_ = TtvReachedShares(in);
  if (in.series) {
    grr_ = PooledRetention(in, CohortMetric::kGrr);
    nrr_ = PooledRetention(in, CohortMetric::kNrr);
  }
  if (in.movements) payback_ = CohortPaybackMonths(in);
  indicators_ = MakeIndicators();
}

std::vector<Indicator> IndicatorBook::MakeIndicators() {
  return {
      {"lvr", "leading", ColumnKind::kRate,
       [this](size_t i, const std::string& s) {
         return i == 0 ? kNullNumber : Div(Ql(i, s), Ql(i - 1, s)) - 1;
       }},
      {"sales_cycle_median_days", "leading", ColumnKind::kDays,
       [this](size_t i, const std::string& s) { return Speed(i, s).MedianCycleDays(); }},
      {"expansion_cycle_median_days", "leading", ColumnKind::kDays,
       [this](size_t i, const std::string& s) { return Speed(i, s).expansion.MedianCycleDays(); }},
      {"win_rate_new", "leading", ColumnKind::kRate,
       [this](size_t i, const std::string& s) { return Speed(i, s).WinRate(); }},
      {"win_rate_expansion", "leading", ColumnKind::kRate,
       [this](size_t i, const std::string& s) { return Speed(i, s).expansion.WinRate(); }},
      {"ttv_median_days", "leading", ColumnKind::kDays,
       [this](size_t i, const std::string& s) {
         return ttv_days_[Slot(i, numbers_.of_name.at(s))].Median();
       }},
      {"ttv_reached_share", "leading", ColumnKind::kRate,
       [this](size_t i, const std::string& s) {
         auto it = ttv_share_.find({in_.calendar.Label(Period(i)), s});
         return it == ttv_share_.end() ? kNullNumber : it->second;
       }},
      {"cost_per_sql", "leading", ColumnKind::kMoney,
       [this](size_t i, const std::string& s) { return Div(Ledger(i, s).marketing, Ql(i, s)); }},
      {"cost_per_pipeline_dollar", "leading", ColumnKind::kRatio,
       [this](size_t i, const std::string& s) {
         return Div(Ledger(i, s).SalesMarketing(), Ledger(i, s).pipeline);
       }},
      {"mrr_growth", "lagging", ColumnKind::kRate,
       [this](size_t i, const std::string& s) {
         return i == 0 ? kNullNumber : Div(MrrAtEnd(i, s), MrrAtEnd(i - 1, s)) - 1;
       }},
      {"mrr_growth_yoy", "lagging", ColumnKind::kRate,
       [this](size_t i, const std::string& s) {
         const size_t year = static_cast<size_t>(12 / MonthsPerPeriod(in_.calendar.granularity));
         return i < year ? kNullNumber : Div(MrrAtEnd(i, s), MrrAtEnd(i - year, s)) - 1;
       }},
      {"acv", "lagging", ColumnKind::kMoney,
       [this](size_t i, const std::string& s) { return Speed(i, s).Acv(); }},
      {"cohort_grr", "lagging", ColumnKind::kRate,
       [this](size_t i, const std::string& s) { return Retention(grr_, i, s); }},
      {"cohort_nrr", "lagging", ColumnKind::kRate,
       [this](size_t i, const std::string& s) { return Retention(nrr_, i, s); }},
      {"cac_payback_months", "lagging", ColumnKind::kNumber,
       [this](size_t i, const std::string& s) {
         const GtmFigures& f = Ledger(i, s);
         if (f.SalesMarketing() == 0) return kNullNumber;
         return Div(f.SalesMarketing(), f.Movement(MovementType::kNew) * f.gross_margin);
       }},
      {"cac_payback_cohort_months", "lagging", ColumnKind::kNumber,
       [this](size_t i, const std::string& s) {
         auto it = payback_.find({Period(i), s});
         return it == payback_.end() ? kNullNumber : static_cast<double>(it->second);
       }},
      {"burn_multiple", "lagging", ColumnKind::kRatio,
       [this](size_t i, const std::string& s) {
         const GtmFigures& f = Ledger(i, s);
         double arr = 12 * f.NetNewMrr();
         return arr > 0 ? Div(f.net_burn, arr) : kNullNumber;
       }},
      {"gtm_spend_ratio", "lagging", ColumnKind::kRatio,
       [this](size_t i, const std::string& s) {
         const GtmFigures& f = Ledger(i, s);
         double arr = 12 * f.NetNewMrr();
         return arr > 0 ? (f.SalesMarketing() + f.customer_success) / arr : kNullNumber;
       }},
  };
}

const NewDealSpeed& IndicatorBook::Speed(size_t i, const std::string& s) const {
  static const NewDealSpeed kNone;
  auto it = in_.speed->find({Period(i), s});
  return it == in_.speed->end() ? kNone : it->second;
}

double IndicatorBook::MrrAtEnd(size_t i, const std::string& s) const {
  double mrr = 0;
  for (size_t k = 0; k <= i; ++k) mrr += Ledger(k, s).NetNewMrr();
  return mrr;
}

// Cohort retention at the first anniversary (docs/EFFICIENCY.md): for period P, the monthly
// cohorts c whose month c + 12 lies in P (and on or before the as-of month), pooled: Σ
// numerator at age 12 / Σ start MRR, from the revenue module's triangles, for "all" and for
// each value of the segment attribute.
IndicatorBook::RetentionBook IndicatorBook::PooledRetention(const FlywheelInputs& in, CohortMetric metric) {
  constexpr int kAge = 12;
  RetentionBook book;
  std::vector<std::string> attributes = {""};
  if (!in.segmenter->attribute().empty()) attributes.push_back(in.segmenter->attribute());
  for (const std::string& attribute : attributes) {
    CohortOptions options;
    options.metric = metric;
    options.segment_by = attribute;
    auto triangle = ComputeCohorts(*in.data, *in.settings, *in.series, options);
    if (!triangle.ok()) continue;
    for (const CohortRow& row : triangle->rows) {
      if (row.numerator.size() <= kAge || !row.numerator[kAge]) continue;
      Pooled& p =
          book[{in.calendar.PeriodStart(row.cohort + kAge), attribute.empty() ? kAllSegment : row.segment}];
      p.numerator += *row.numerator[kAge];
      p.denominator += row.denominator;
    }
  }
  return book;
}

double IndicatorBook::Retention(const RetentionBook& book, size_t i, const std::string& s) const {
  auto it = book.find({Period(i), s});
  return it == book.end() ? kNullNumber : Div(it->second.numerator, it->second.denominator);
}

}  // namespace flywheel
