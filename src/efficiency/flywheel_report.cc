#include "efficiency/flywheel_report.h"

#include <fmt/core.h>

#include <cmath>
#include <functional>
#include <optional>

#include "base/distribution.h"
#include "bowtie/ttv_report.h"
#include "efficiency/efficiency_report.h"
#include "output/json_text.h"
#include "revenue/cohort_report.h"

namespace flywheel {
namespace {

Cell Num(double v) { return IsNull(v) ? Cell{} : Cell{v}; }
double Div(double num, double den) {
  return den == 0 || IsNull(num) || IsNull(den) ? kNullNumber : num / den;
}

struct Indicator {
  const char* name;
  const char* kind;  // "leading" | "lagging"
  ColumnKind unit;   // of its values (JSON "fields")
  std::function<double(size_t period_index, const std::string& segment)> value;
};

// The indicator values of every period × segment, computed once.
class IndicatorBook {
 public:
  explicit IndicatorBook(const FlywheelInputs& in) : in_(in), numbers_(in.segmenter->Numbers()) {
    const PeriodCalendar& cal = in.calendar;
    const std::vector<Month>& periods = in.ledger->periods();
    // Qualified leads and days to value are counted for the ledger's periods alone (the
    // indicators read no other), by (period, segment number): millions of leads.
    qualified_.assign(periods.size() * numbers_.names.size(), 0);
    ttv_days_.resize(qualified_.size());
    // A day's period index, read from a table of the days of the ledger's periods (none for a
    // day outside them).
    std::optional<PeriodOfDay> period_of_day;
    Day first_day = kNullDay, last_day = kNullDay;
    if (!periods.empty()) {
      first_day = FirstDayOfMonth(periods.front());
      last_day = LastDayOfMonth(periods.back() + MonthsPerPeriod(cal.granularity) - 1);
      period_of_day.emplace(cal, periods.front(), first_day, last_day);
    }
    auto period_index = [&](Day d) -> std::optional<size_t> {
      if (!period_of_day || d < first_day || d > last_day) return std::nullopt;
      return (*period_of_day)(d);
    };
    const Leads& leads = in.data->leads;
    LeadSegmentNumbers lead_numbers(*in.segmenter, numbers_, in.data->dict.size());
    for (size_t i = 0; i < leads.size(); ++i) {
      if (leads.qualified_at[i] == kNullDay || leads.qualified_at[i] > in.as_of) continue;
      const auto p = period_index(leads.qualified_at[i]);
      if (!p) continue;
      const std::vector<uint32_t>* segs = nullptr;
      if (leads.account[i] == kNoAccount) {
        segs = &lead_numbers.Of(leads.segment[i]);
      } else {
        segs = &numbers_.of_value[in.segmenter->ValueNumber(leads.account[i])];
      }
      for (const uint32_t s : *segs) ++qualified_[Slot(*p, s)];
    }
    const StageDates& st = *in.stages;
    for (size_t u = 0; u < st.size(); ++u) {
      Day on = st.Entered(u, static_cast<int>(BowtieStage::kOnboarding));
      Day value = st.Entered(u, static_cast<int>(BowtieStage::kImpact));
      if (on == kNullDay || value == kNullDay || st.Account(u) == kNoAccount) continue;
      const auto p = period_index(on);
      if (!p) continue;
      for (const uint32_t s : numbers_.of_value[in.segmenter->ValueNumber(st.Account(u))]) {
        ttv_days_[Slot(*p, s)].Add(std::max(0, value - on));
      }
    }
    // Share reaching value within the first TTV target: the TTV report's figure.
    auto ttv = BuildTtvReport(*in.data, *in.settings, *in.stages, *in.segmenter, cal, in.as_of);
    if (ttv.ok() && !in.settings->ttv_targets_days.empty()) {
      const std::string column = fmt::format("within_{}d_rate", in.settings->ttv_targets_days.front());
      size_t at = 0;
      while (at < ttv->columns.size() && ttv->columns[at].name != column) ++at;
      for (const auto& row : ttv->rows) {
        if (at < row.size() && std::holds_alternative<double>(row[at])) {
          ttv_share_[{std::get<std::string>(row[0]), std::get<std::string>(row[1])}] =
              std::get<double>(row[at]);
        }
      }
    }
    if (in.series) AddCohortRetention();
    if (in.movements) {
      for (const CohortPayback& c :
           ComputeCohortPayback(*in.ledger, *in.segmenter, *in.movements, cal, in.as_of)) {
        if (c.payback_months) payback_[{c.cohort, c.segment}] = *c.payback_months;
      }
    }
    indicators_ = {
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

  const std::vector<Indicator>& indicators() const { return indicators_; }
  size_t period_count() const { return in_.ledger->periods().size(); }
  Month Period(size_t i) const { return in_.ledger->periods()[i]; }

 private:
  size_t Slot(size_t period_index, uint32_t segment) const {
    return period_index * numbers_.names.size() + segment;
  }
  double Ql(size_t i, const std::string& s) const {
    return static_cast<double>(qualified_[Slot(i, numbers_.of_name.at(s))]);
  }
  const GtmFigures& Ledger(size_t i, const std::string& s) const { return in_.ledger->At(Period(i), s); }
  const NewDealSpeed& Speed(size_t i, const std::string& s) const {
    static const NewDealSpeed kNone;
    auto it = in_.speed->find({Period(i), s});
    return it == in_.speed->end() ? kNone : it->second;
  }
  // MRR at the end of period i: the sum of every net new MRR up to it (movements start
  // from zero MRR).
  double MrrAtEnd(size_t i, const std::string& s) const {
    double mrr = 0;
    for (size_t k = 0; k <= i; ++k) mrr += Ledger(k, s).NetNewMrr();
    return mrr;
  }

  // Cohort retention at the first anniversary (docs/EFFICIENCY.md): for period P, the
  // monthly cohorts c whose month c + 12 lies in P (and on or before the as-of month),
  // pooled: Σ numerator at age 12 / Σ start MRR, from the revenue module's triangles.
  struct Pooled {
    double numerator = 0, denominator = 0;
  };
  using RetentionBook = std::map<std::pair<Month, std::string>, Pooled>;
  void AddCohortRetention() {
    constexpr int kAge = 12;
    std::vector<std::string> attributes = {""};
    if (!in_.segmenter->attribute().empty()) attributes.push_back(in_.segmenter->attribute());
    for (CohortMetric metric : {CohortMetric::kGrr, CohortMetric::kNrr}) {
      RetentionBook& book = metric == CohortMetric::kGrr ? grr_ : nrr_;
      for (const std::string& attribute : attributes) {
        CohortOptions options;
        options.metric = metric;
        options.segment_by = attribute;
        auto triangle = ComputeCohorts(*in_.data, *in_.settings, *in_.series, options);
        if (!triangle.ok()) continue;
        for (const CohortRow& row : triangle->rows) {
          if (row.numerator.size() <= kAge || !row.numerator[kAge]) continue;
          Pooled& p = book[{in_.calendar.PeriodStart(row.cohort + kAge),
                            attribute.empty() ? kAllSegment : row.segment}];
          p.numerator += *row.numerator[kAge];
          p.denominator += row.denominator;
        }
      }
    }
  }
  double Retention(const RetentionBook& book, size_t i, const std::string& s) const {
    auto it = book.find({Period(i), s});
    return it == book.end() ? kNullNumber : Div(it->second.numerator, it->second.denominator);
  }

  const FlywheelInputs& in_;
  const SegmentNumbers numbers_;
  std::map<std::pair<std::string, std::string>, double> ttv_share_;  // (cohort label, segment)
  RetentionBook grr_, nrr_;
  std::map<std::pair<Month, std::string>, int> payback_;
  std::vector<int64_t> qualified_;   // by Slot(period index, segment number)
  std::vector<DayCounts> ttv_days_;  // the same
  std::vector<Indicator> indicators_;
};

}  // namespace

std::string Trend(double previous, double latest) {
  if (IsNull(previous) || IsNull(latest)) return "";
  double change = latest - previous;
  if (std::fabs(change) <= kFlatTolerance * std::fabs(previous)) return "flat";
  return change > 0 ? "up" : "down";
}

std::string Assessment(std::string_view trend, GoodDirection better) {
  if (trend.empty() || better == GoodDirection::kNone) return "";
  if (trend == "flat") return "flat";
  return (trend == "up") == (better == GoodDirection::kHigher) ? "better" : "worse";
}

// Every indicator as a field with its unit: the rows' values take the unit of the field their
// "indicator" names.
std::vector<Column> IndicatorFields(const IndicatorBook& book) {
  std::vector<Column> fields;
  for (const Indicator& ind : book.indicators()) fields.push_back({ind.name, ind.unit});
  return fields;
}

Report BuildIndicatorReport(const FlywheelInputs& in) {
  IndicatorBook book(in);
  Report r;
  r.name = "flywheel-indicators";
  r.as_of = FormatDate(in.as_of);
  r.period = std::string(GranularityName(in.calendar.granularity));
  r.segment_by = in.segmenter->attribute();
  r.currency = in.settings->base_currency;
  r.columns = {{"segment", ColumnKind::kText, "segment"},
               {"kind", ColumnKind::kText, "kind"},
               {"indicator", ColumnKind::kText, "indicator"},
               {"period", ColumnKind::kText, "period"},
               {"value", ColumnKind::kNumber, "value", false, "indicator"},
               {"previous", ColumnKind::kNumber, "previous", false, "indicator"},
               {"earlier", ColumnKind::kNumber, "earlier", false, "indicator"},
               {"change", ColumnKind::kNumber, "change", false, "indicator"},
               {"trend", ColumnKind::kText, "trend"},
               {"better", ColumnKind::kText, "better"},
               {"assessment", ColumnKind::kText, "assessment"}};
  r.extra_fields = IndicatorFields(book);
  size_t n = book.period_count();
  if (n == 0) return r;
  for (const std::string& s : in.segmenter->AllSegments()) {
    for (const Indicator& ind : book.indicators()) {
      double v = ind.value(n - 1, s);
      double prev = n >= 2 ? ind.value(n - 2, s) : kNullNumber;
      double earlier = n >= 3 ? ind.value(n - 3, s) : kNullNumber;
      double change = IsNull(v) || IsNull(prev) ? kNullNumber : v - prev;
      std::string trend = Trend(prev, v);
      const GoodDirection better = GoodDirectionOf(ind.name);
      std::string assessment = Assessment(trend, better);
      r.rows.push_back(
          {s, std::string(ind.kind), std::string(ind.name), in.calendar.Label(book.Period(n - 1)), Num(v),
           Num(prev), Num(earlier), Num(change), trend.empty() ? Cell{} : Cell{trend},
           better == GoodDirection::kNone ? Cell{} : Cell{std::string(GoodDirectionName(better))},
           assessment.empty() ? Cell{} : Cell{assessment}});
    }
  }
  r.notes.push_back(
      fmt::format("value = the latest period ({}), previous and earlier the two before; trend flat when the "
                  "change is at most "
                  "{:.0f} % of the previous value",
                  in.calendar.Label(book.Period(n - 1)), kFlatTolerance * 100));
  return r;
}

Result<Report> BuildFlywheelReport(const FlywheelInputs& in) {
  if (!in.data->Has(Table::kSubscriptions)) {
    return Status::NotFound("flywheel needs subscriptions.csv (force and friction come from MRR movements)");
  }
  if (!in.data->Has(Table::kOpportunities)) {
    return Status::NotFound(
        "flywheel needs opportunities.csv (speed comes from new-deal win rate and sales cycle)");
  }
  Report r;
  r.name = "flywheel";
  r.as_of = FormatDate(in.as_of);
  r.period = std::string(GranularityName(in.calendar.granularity));
  r.segment_by = in.segmenter->attribute();
  r.currency = in.settings->base_currency;
  r.columns = {{"period", ColumnKind::kText, "period"},
               {"segment", ColumnKind::kText, "segment"},
               {"force", ColumnKind::kMoney, "force (ARR)"},
               {"friction", ColumnKind::kMoney, "friction (ARR)"},
               {"win_rate_new", ColumnKind::kRate, "win rate"},
               {"sales_cycle_median_days", ColumnKind::kDays, "cycle median"},
               {"speed", ColumnKind::kNumber, "speed (/yr)"},
               {"momentum", ColumnKind::kMoney, "momentum"}};
  for (Month p : in.ledger->periods()) {
    for (const std::string& s : in.segmenter->AllSegments()) {
      const GtmFigures& f = in.ledger->At(p, s);
      double force = 12 * (f.Movement(MovementType::kNew) + f.Movement(MovementType::kReactivation) +
                           f.Movement(MovementType::kExpansion));
      double friction = 12 * (f.Movement(MovementType::kChurn) + f.Movement(MovementType::kContraction));
      auto it = in.speed->find({p, s});
      NewDealSpeed deals = it == in.speed->end() ? NewDealSpeed{} : it->second;
      double speed = deals.Speed();
      r.rows.push_back({in.calendar.Label(p), s, force, friction, Num(deals.WinRate()),
                        Num(deals.MedianCycleDays()), Num(speed),
                        IsNull(speed) ? Cell{} : Cell{(force - friction) * speed}});
    }
  }
  Report ind = BuildIndicatorReport(in);
  std::string json = "[";
  for (size_t i = 0; i < ind.rows.size(); ++i) {
    const auto& row = ind.rows[i];
    auto num = [](const Cell& c) {
      return std::holds_alternative<double>(c) ? JsonNumber(std::get<double>(c)) : "null";
    };
    auto text = [](const Cell& c) {
      return std::holds_alternative<std::string>(c) ? "\"" + std::get<std::string>(c) + "\""
                                                    : std::string("null");
    };
    json += fmt::format(
        "{}{{\"segment\": {}, \"kind\": \"{}\", \"indicator\": \"{}\", \"period\": \"{}\", \"value\": {}, "
        "\"previous\": {}, \"earlier\": {}, \"change\": {}, \"trend\": {}, \"better\": {}, "
        "\"assessment\": {}}}",
        i ? ", " : "", JsonString(std::get<std::string>(row[0])), std::get<std::string>(row[1]),
        std::get<std::string>(row[2]), std::get<std::string>(row[3]), num(row[4]), num(row[5]), num(row[6]),
        num(row[7]), text(row[8]), text(row[9]), text(row[10]));
  }
  r.json_extra.emplace_back("indicators", json + "]");
  r.extra_fields = std::move(ind.extra_fields);
  r.notes.push_back(
      "force = new + reactivation + expansion ARR; friction = churn + contraction ARR (at constant currency: "
      "exchange-rate effects are neither)");
  r.notes.push_back(
      "speed = new-deal win rate × 365 / median new-deal sales-cycle days (turns per year); "
      "momentum = (force − friction) × speed");
  r.notes.push_back("leading and lagging indicators with their trend: flywheel flywheel --indicators");
  return r;
}

}  // namespace flywheel
