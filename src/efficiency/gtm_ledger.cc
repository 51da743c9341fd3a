#include "efficiency/gtm_ledger.h"

#include <fmt/core.h>

#include <set>

#include "revenue/currency.h"

namespace flywheel {

Result<SharedSpendAllocation> ParseSharedSpendAllocation(const std::string& text) {
  if (text == "new_customers") return SharedSpendAllocation::kNewCustomers;
  if (text == "pipeline") return SharedSpendAllocation::kPipeline;
  if (text == "none") return SharedSpendAllocation::kNone;
  return Status::BadData(fmt::format(
      "efficiency.shared_spend_allocation: unknown value '{}' (expected new_customers, pipeline or none)",
      text));
}

namespace {

using FigureMap = std::map<std::pair<Month, std::string>, GtmFigures>;

// Zero figures for a period × segment without any.
const GtmFigures& FiguresAt(const FigureMap& figures, Month period, const std::string& segment) {
  static const GtmFigures kZero;
  auto it = figures.find({period, segment});
  return it == figures.end() ? kZero : it->second;
}

// Pipeline generated: new and expansion deals with an amount created by as_of; renewals are
// not pipeline (docs/PIPELINE.md), as in the pipeline report.
bool CountsAsPipeline(const Opportunities& opp, size_t i, Day as_of) {
  return opp.type[i] != OpportunityType::kRenewal && opp.created_at[i] != kNullDay &&
         opp.created_at[i] <= as_of && !IsNull(opp.amount[i]);
}

// The earliest month with a movement (up to last_month) or pipeline; kNullMonth when none.
Month FirstFlowMonth(const std::vector<AccountMovement>& movements, const Opportunities& opp,
                     Month last_month, Day as_of) {
  Month first = kNullMonth;
  auto see = [&first](Month m) {
    if (first == kNullMonth || m < first) first = m;
  };
  for (const AccountMovement& m : movements) {
    if (m.month <= last_month) see(m.month);
  }
  for (size_t i = 0; i < opp.size(); ++i) {
    if (CountsAsPipeline(opp, i, as_of)) see(MonthOfDay(opp.created_at[i]));
  }
  return first;
}

// The figures that movements and opportunities (millions on large data sets) add into: one
// array by (period, segment slot) instead of a map keyed by text. Slot 0 is "all", slot v + 1
// the attribute's value v (a value named "all" shares slot 0, as it shares the map's entry).
class FlowSlots {
 public:
  // Periods from that of `first_month` (kNullMonth: none) to that of `last_month`.
  FlowSlots(const PeriodCalendar& cal, const Segmenter& segmenter, Month first_month, Month last_month)
      : segmenter_(segmenter),
        n_values_(segmenter.value_count()),
        n_slots_(n_values_ + 1),
        first_period_(first_month == kNullMonth ? kNullMonth : cal.PeriodStart(first_month)),
        period_months_(MonthsPerPeriod(cal.granularity)) {
    const size_t n_periods =
        first_month == kNullMonth
            ? 0
            : static_cast<size_t>((cal.PeriodStart(last_month) - first_period_) / period_months_) + 1;
    slots_.resize(n_periods * n_slots_);
    reached_.assign(slots_.size(), 0);
    value_seen_.assign(n_values_, 0);
    slot_of_value_.assign(n_values_, 0);
    for (uint32_t v = 0; v < n_values_; ++v)
      slot_of_value_[v] = segmenter.ValueName(v) == kAllSegment ? 0 : v + 1;
  }

  // REQUIRES: `period` is a period start within the slots' periods.
  GtmFigures& All(Month period) { return At(period, 0); }
  // The figures of value number v; marks the value as seen.
  GtmFigures& Value(Month period, uint32_t v) {
    value_seen_[v] = 1;
    return At(period, slot_of_value_[v]);
  }

  // Moves the figures reached into `figures` (each sum made of the same numbers in the same
  // order as if added there) and the values seen into `values`.
  void MoveInto(FigureMap* figures, std::set<std::string>* values) {
    for (uint32_t v = 0; v < n_values_; ++v) {
      if (value_seen_[v]) values->insert(segmenter_.ValueName(v));
    }
    for (size_t k = 0; k < slots_.size(); ++k) {
      if (!reached_[k]) continue;
      const Month p = first_period_ + static_cast<Month>(k / n_slots_) * period_months_;
      const auto s = static_cast<uint32_t>(k % n_slots_);
      figures->emplace(std::make_pair(p, s == 0 ? std::string(kAllSegment) : segmenter_.ValueName(s - 1)),
                       slots_[k]);
    }
  }

 private:
  GtmFigures& At(Month period, uint32_t slot) {
    const size_t k = static_cast<size_t>((period - first_period_) / period_months_) * n_slots_ + slot;
    reached_[k] = 1;
    return slots_[k];
  }

  const Segmenter& segmenter_;
  const size_t n_values_, n_slots_;
  const Month first_period_;
  const int period_months_;
  std::vector<GtmFigures> slots_;
  std::vector<uint8_t> reached_;
  std::vector<uint8_t> value_seen_;
  std::vector<uint32_t> slot_of_value_;
};

// Keeps the earliest period seen (the ledger's periods start there).
void SeePeriod(Month p, Month* first) {
  if (*first == kNullMonth || p < *first) *first = p;
}

// REQUIRES: month_margin is the gross margin of m.month when m is a `new` movement.
void AddMovement(const AccountMovement& m, double month_margin, GtmFigures* f) {
  f->mrr[static_cast<int>(m.type)] += m.amount;
  if (m.type == MovementType::kNew) {
    ++f->new_customers;
    f->new_mrr_margin += m.amount * month_margin;
  }
}

// The MRR movements up to last_month, into "all" and (by_segment) the account's value.
void AddMovements(const std::vector<AccountMovement>& movements, const PeriodCalendar& cal,
                  const Segmenter& segmenter, const GtmLedger& margins, Month last_month, bool by_segment,
                  FlowSlots* slots, Month* first_period) {
  for (const AccountMovement& m : movements) {
    if (m.month > last_month) continue;
    const Month p = cal.PeriodStart(m.month);
    SeePeriod(p, first_period);
    const double margin = m.type == MovementType::kNew ? margins.MonthGrossMargin(m.month) : 0;
    AddMovement(m, margin, &slots->All(p));
    if (by_segment) AddMovement(m, margin, &slots->Value(p, segmenter.ValueNumber(m.account)));
  }
}

// Pipeline generated, in the base currency at the rate of the creation month. Fails
// (kBadData) on a missing rate.
Status AddPipeline(const Dataset& data, const Settings& settings, const PeriodCalendar& cal,
                   const Segmenter& segmenter, Day as_of, bool by_segment, FlowSlots* slots) {
  const CurrencyRates rates(data, settings);
  const Opportunities& opp = data.opportunities;
  for (size_t i = 0; i < opp.size(); ++i) {
    if (!CountsAsPipeline(opp, i, as_of)) continue;
    const Month om = MonthOfDay(opp.created_at[i]);
    auto r = rates.Rate(opp.currency[i], om);
    if (!r) {
      return Status::BadData(
          rates.MissingRateMessage(opp.currency[i], om, "opportunity " + std::string(opp.id[i])));
    }
    const double amount = opp.amount[i] * *r;
    const Month p = cal.PeriodStart(om);
    slots->All(p).pipeline += amount;
    if (by_segment && opp.account[i] != kNoAccount) {
      slots->Value(p, segmenter.ValueNumber(opp.account[i])).pipeline += amount;
    }
  }
  return Status::Ok();
}

void Charge(GtmFigures& f, SpendCategory c, double amount) {
  if (c == SpendCategory::kMarketing) f.marketing += amount;
  if (c == SpendCategory::kSales) f.sales += amount;
  if (c == SpendCategory::kCustomerSuccess) f.customer_success += amount;
}

// Shared spend by (period, category), to be allocated to the segments.
using SharedSpend = std::map<std::pair<Month, SpendCategory>, double>;

// Spend up to last_month: every row into "all"; with segments, a row naming a value of the
// `segment` attribute into that value, every other row into `shared`.
void ChargeSpend(const Dataset& data, const PeriodCalendar& cal, const Segmenter& segmenter, Month last_month,
                 bool by_segment, FigureMap* figures, std::set<std::string>* values, SharedSpend* shared,
                 Month* first_period) {
  const Spend& sp = data.spend;
  for (size_t i = 0; i < sp.size(); ++i) {
    if (sp.month[i] > last_month) continue;
    const Month p = cal.PeriodStart(sp.month[i]);
    SeePeriod(p, first_period);
    Charge((*figures)[{p, std::string(kAllSegment)}], sp.category[i], sp.amount[i]);
    if (!by_segment) continue;
    if (segmenter.attribute() == "segment" && sp.segment[i] != kNullCode) {
      std::string seg(data.dict.Get(sp.segment[i]));
      values->insert(seg);
      Charge((*figures)[{p, seg}], sp.category[i], sp.amount[i]);
    } else {
      (*shared)[{p, sp.category[i]}] += sp.amount[i];
    }
  }
}

// Allocates each period's shared spend to `values` by their new customers or pipeline in the
// period (docs/EFFICIENCY.md); returns the GTM spend that could not be allocated.
double AllocateSharedSpend(const SharedSpend& shared, const std::set<std::string>& values,
                           SharedSpendAllocation allocation, FigureMap* figures) {
  double unallocated = 0;
  for (const auto& [key, amount] : shared) {
    const auto [p, category] = key;
    double total = 0;
    std::vector<std::pair<std::string, double>> weights;
    if (allocation != SharedSpendAllocation::kNone) {
      for (const std::string& v : values) {
        const GtmFigures& f = FiguresAt(*figures, p, v);
        double w = allocation == SharedSpendAllocation::kNewCustomers ? static_cast<double>(f.new_customers)
                                                                      : f.pipeline;
        if (w > 0) weights.emplace_back(v, w);
        total += w;
      }
    }
    if (total <= 0) {
      if (category == SpendCategory::kMarketing || category == SpendCategory::kSales ||
          category == SpendCategory::kCustomerSuccess) {
        unallocated += amount;
      }
      continue;
    }
    for (const auto& [v, w] : weights) Charge((*figures)[{p, v}], category, amount * w / total);
  }
  return unallocated;
}

// Net burn per period ("all" only).
void AddNetBurn(const Finance& finance, const PeriodCalendar& cal, Month last_month, FigureMap* figures) {
  for (size_t i = 0; i < finance.size(); ++i) {
    const Month m = finance.month[i];
    if (m > last_month || IsNull(finance.net_burn[i])) continue;
    GtmFigures& f = (*figures)[{cal.PeriodStart(m), std::string(kAllSegment)}];
    f.net_burn = (IsNull(f.net_burn) ? 0 : f.net_burn) + finance.net_burn[i];
  }
}

// The period gross margin of every figure: new-MRR-weighted, else the mean of its months'.
void SetGrossMargins(const PeriodCalendar& cal, const GtmLedger& margins, FigureMap* figures) {
  const int n = MonthsPerPeriod(cal.granularity);
  for (auto& [key, f] : *figures) {
    const double new_mrr = f.Movement(MovementType::kNew);
    if (new_mrr > 0) {
      f.gross_margin = f.new_mrr_margin / new_mrr;
    } else {
      double sum = 0;
      for (int k = 0; k < n; ++k) sum += margins.MonthGrossMargin(key.first + k);
      f.gross_margin = sum / n;
    }
  }
}

}  // namespace

double GtmFigures::NetNewMrr() const {
  return Movement(MovementType::kNew) + Movement(MovementType::kReactivation) +
         Movement(MovementType::kExpansion) - Movement(MovementType::kContraction) -
         Movement(MovementType::kChurn);
}

const GtmFigures& GtmLedger::At(Month period, const std::string& segment) const {
  return FiguresAt(figures_, period, segment);
}

double GtmLedger::MonthGrossMargin(Month m) const {
  auto it = month_margin_.find(m);
  return it == month_margin_.end() ? default_margin_ : it->second;
}

Result<GtmLedger> GtmLedger::Build(const Dataset& data, const Settings& settings,
                                   const std::vector<AccountMovement>& movements, const Segmenter& segmenter,
                                   const PeriodCalendar& cal, Day as_of) {
  auto allocation = ParseSharedSpendAllocation(settings.shared_spend_allocation);
  if (!allocation.ok()) return allocation.status();
  GtmLedger l;
  l.default_margin_ = settings.default_gross_margin;
  for (size_t i = 0; i < data.finance.size(); ++i) {
    if (!IsNull(data.finance.gross_margin[i]))
      l.month_margin_[data.finance.month[i]] = data.finance.gross_margin[i];
  }
  const Month last_month = MonthOfDay(as_of);
  const bool by_segment = !segmenter.attribute().empty();
  Month first = kNullMonth;  // the first period with a movement or spend
  // Every attribute value, whatever the --segment filter, so allocation shares are the same.
  std::set<std::string> values;

  FlowSlots slots(cal, segmenter, FirstFlowMonth(movements, data.opportunities, last_month, as_of),
                  last_month);
  AddMovements(movements, cal, segmenter, l, last_month, by_segment, &slots, &first);
  if (Status s = AddPipeline(data, settings, cal, segmenter, as_of, by_segment, &slots); !s.ok()) return s;
  slots.MoveInto(&l.figures_, &values);

  SharedSpend shared;
  ChargeSpend(data, cal, segmenter, last_month, by_segment, &l.figures_, &values, &shared, &first);
  l.unallocated_ = AllocateSharedSpend(shared, values, *allocation, &l.figures_);

  if (first == kNullMonth) return l;
  const Month last_period = cal.PeriodStart(last_month);
  for (Month p = first; p <= last_period; p += MonthsPerPeriod(cal.granularity)) l.periods_.push_back(p);
  AddNetBurn(data.finance, cal, last_month, &l.figures_);
  SetGrossMargins(cal, l, &l.figures_);
  return l;
}

}  // namespace flywheel
