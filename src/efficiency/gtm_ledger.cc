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

double GtmFigures::NetNewMrr() const {
  return Movement(MovementType::kNew) + Movement(MovementType::kReactivation) +
         Movement(MovementType::kExpansion) - Movement(MovementType::kContraction) -
         Movement(MovementType::kChurn);
}

const GtmFigures& GtmLedger::At(Month period, const std::string& segment) const {
  static const GtmFigures kZero;
  auto it = figures_.find({period, segment});
  return it == figures_.end() ? kZero : it->second;
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
  const Month last_month = MonthOfDay(as_of);
  for (size_t i = 0; i < data.finance.size(); ++i) {
    if (!IsNull(data.finance.gross_margin[i]))
      l.month_margin_[data.finance.month[i]] = data.finance.gross_margin[i];
  }
  const bool by_segment = !segmenter.attribute().empty();
  // Every attribute value, whatever the --segment filter, so allocation shares are the same.
  std::set<std::string> values;
  auto add = [&](Month p, const std::string& seg) -> GtmFigures& { return l.figures_[{p, seg}]; };
  Month first = kNullMonth;
  auto see = [&](Month p) {
    if (first == kNullMonth || p < first) first = p;
  };

  // Movements and opportunities (millions on large data sets) add into one array of
  // figures by (period, segment number) instead of a map keyed by text; the figures they
  // reached are then moved into the map, each sum made of the same numbers in the same order.
  // Slot 0 is "all", slot v + 1 the attribute's value v (a value named "all" shares slot 0,
  // as it shares the map's entry).
  CurrencyRates rates(data, settings);
  const Opportunities& opp = data.opportunities;
  // Pipeline generated: new and expansion deals with an amount; renewals are not pipeline
  // (docs/PIPELINE.md), as in the pipeline report.
  auto counts_opportunity = [&](size_t i) {
    return opp.type[i] != OpportunityType::kRenewal && opp.created_at[i] != kNullDay &&
           opp.created_at[i] <= as_of && !IsNull(opp.amount[i]);
  };
  Month first_month = kNullMonth;
  auto see_month = [&](Month m) {
    if (first_month == kNullMonth || m < first_month) first_month = m;
  };
  for (const AccountMovement& m : movements) {
    if (m.month <= last_month) see_month(m.month);
  }
  for (size_t i = 0; i < opp.size(); ++i) {
    if (counts_opportunity(i)) see_month(MonthOfDay(opp.created_at[i]));
  }
  const size_t n_values = segmenter.value_count();
  std::vector<uint32_t> slot_of_value(n_values, 0);
  for (uint32_t v = 0; v < n_values; ++v)
    slot_of_value[v] = segmenter.ValueName(v) == kAllSegment ? 0 : v + 1;
  const size_t n_slots = n_values + 1;
  const Month first_slot_period = first_month == kNullMonth ? kNullMonth : cal.PeriodStart(first_month);
  const int period_months = MonthsPerPeriod(cal.granularity);
  const size_t n_periods =
      first_month == kNullMonth
          ? 0
          : static_cast<size_t>((cal.PeriodStart(last_month) - first_slot_period) / period_months) + 1;
  std::vector<GtmFigures> slots(n_periods * n_slots);
  std::vector<uint8_t> reached(slots.size(), 0);
  std::vector<uint8_t> value_seen(n_values, 0);
  auto slot = [&](Month p, uint32_t s) -> GtmFigures& {
    const size_t k = static_cast<size_t>((p - first_slot_period) / period_months) * n_slots + s;
    reached[k] = 1;
    return slots[k];
  };

  for (const AccountMovement& m : movements) {
    if (m.month > last_month) continue;
    Month p = cal.PeriodStart(m.month);
    see(p);
    auto move = [&](GtmFigures& f) {
      f.mrr[static_cast<int>(m.type)] += m.amount;
      if (m.type == MovementType::kNew) {
        ++f.new_customers;
        f.new_mrr_margin += m.amount * l.MonthGrossMargin(m.month);
      }
    };
    move(slot(p, 0));
    if (by_segment) {
      const uint32_t v = segmenter.ValueNumber(m.account);
      value_seen[v] = 1;
      move(slot(p, slot_of_value[v]));
    }
  }

  for (size_t i = 0; i < opp.size(); ++i) {
    if (!counts_opportunity(i)) continue;
    Month om = MonthOfDay(opp.created_at[i]);
    auto r = rates.Rate(opp.currency[i], om);
    if (!r)
      return Status::BadData(
          rates.MissingRateMessage(opp.currency[i], om, "opportunity " + std::string(opp.id[i])));
    double amount = opp.amount[i] * *r;
    Month p = cal.PeriodStart(om);
    slot(p, 0).pipeline += amount;
    if (by_segment && opp.account[i] != kNoAccount) {
      const uint32_t v = segmenter.ValueNumber(opp.account[i]);
      value_seen[v] = 1;
      slot(p, slot_of_value[v]).pipeline += amount;
    }
  }
  for (uint32_t v = 0; v < n_values; ++v) {
    if (value_seen[v]) values.insert(segmenter.ValueName(v));
  }
  for (size_t k = 0; k < slots.size(); ++k) {
    if (!reached[k]) continue;
    const Month p = first_slot_period + static_cast<Month>(k / n_slots) * period_months;
    const auto s = static_cast<uint32_t>(k % n_slots);
    l.figures_.emplace(std::make_pair(p, s == 0 ? std::string(kAllSegment) : segmenter.ValueName(s - 1)),
                       slots[k]);
  }

  // Spend: direct rows first; shared rows are collected per period and category.
  std::map<std::pair<Month, SpendCategory>, double> shared;
  const Spend& sp = data.spend;
  auto charge = [](GtmFigures& f, SpendCategory c, double amount) {
    if (c == SpendCategory::kMarketing) f.marketing += amount;
    if (c == SpendCategory::kSales) f.sales += amount;
    if (c == SpendCategory::kCustomerSuccess) f.customer_success += amount;
  };
  for (size_t i = 0; i < sp.size(); ++i) {
    if (sp.month[i] > last_month) continue;
    Month p = cal.PeriodStart(sp.month[i]);
    see(p);
    charge(add(p, kAllSegment), sp.category[i], sp.amount[i]);
    if (!by_segment) continue;
    if (segmenter.attribute() == "segment" && sp.segment[i] != kNullCode) {
      std::string seg(data.dict.Get(sp.segment[i]));
      values.insert(seg);
      charge(add(p, seg), sp.category[i], sp.amount[i]);
    } else {
      shared[{p, sp.category[i]}] += sp.amount[i];
    }
  }
  for (const auto& [key, amount] : shared) {
    auto [p, category] = key;
    double total = 0;
    std::vector<std::pair<std::string, double>> weights;
    if (*allocation != SharedSpendAllocation::kNone) {
      for (const std::string& v : values) {
        const GtmFigures& f = l.At(p, v);
        double w = *allocation == SharedSpendAllocation::kNewCustomers ? static_cast<double>(f.new_customers)
                                                                       : f.pipeline;
        if (w > 0) weights.emplace_back(v, w);
        total += w;
      }
    }
    if (total <= 0) {
      if (category == SpendCategory::kMarketing || category == SpendCategory::kSales ||
          category == SpendCategory::kCustomerSuccess) {
        l.unallocated_ += amount;
      }
      continue;
    }
    for (const auto& [v, w] : weights) charge(add(p, v), category, amount * w / total);
  }

  if (first == kNullMonth) return l;
  const Month last_period = cal.PeriodStart(last_month);
  for (Month p = first; p <= last_period; p += MonthsPerPeriod(cal.granularity)) l.periods_.push_back(p);

  // Net burn per period ("all" only) and the period gross margin of every figure.
  for (size_t i = 0; i < data.finance.size(); ++i) {
    Month m = data.finance.month[i];
    if (m > last_month || IsNull(data.finance.net_burn[i])) continue;
    GtmFigures& f = add(cal.PeriodStart(m), kAllSegment);
    f.net_burn = (IsNull(f.net_burn) ? 0 : f.net_burn) + data.finance.net_burn[i];
  }
  for (auto& [key, f] : l.figures_) {
    double new_mrr = f.Movement(MovementType::kNew);
    if (new_mrr > 0) {
      f.gross_margin = f.new_mrr_margin / new_mrr;
    } else {
      double sum = 0;
      int n = MonthsPerPeriod(cal.granularity);
      for (int k = 0; k < n; ++k) sum += l.MonthGrossMargin(key.first + k);
      f.gross_margin = sum / n;
    }
  }
  return l;
}

}  // namespace flywheel
