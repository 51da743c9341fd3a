#include "efficiency/new_deal_speed.h"

#include "revenue/currency.h"

namespace flywheel {

double NewDealSpeed::Speed() const {
  double wr = WinRate(), cycle = MedianCycleDays();
  if (IsNull(wr) || IsNull(cycle) || cycle == 0) return kNullNumber;
  return wr * 365.0 / cycle;
}

Result<NewDealSpeedTable> ComputeNewDealSpeed(const Dataset& data, const Settings& settings,
                                              const Segmenter& segmenter, const PeriodCalendar& cal,
                                              Day as_of) {
  NewDealSpeedTable out;
  CurrencyRates rates(data, settings);
  const Opportunities& o = data.opportunities;
  for (size_t i = 0; i < o.size(); ++i) {
    if (o.type[i] == OpportunityType::kRenewal || !ClosedByAsOf(o, i, as_of)) continue;
    const bool is_new = o.type[i] == OpportunityType::kNew;
    const bool won = o.status[i] == OpportunityStatus::kWon;
    Month m = MonthOfDay(o.closed_at[i]);
    double amount = kNullNumber;
    if (is_new && won && !IsNull(o.amount[i])) {
      auto r = rates.Rate(o.currency[i], m);
      if (!r)
        return Status::BadData(
            rates.MissingRateMessage(o.currency[i], m, "opportunity " + std::string(o.id[i])));
      amount = o.amount[i] * *r;
    }
    const double cycle = CycleDays(o, i);
    for (const std::string& s : segmenter.ForAccount(o.account[i])) {
      NewDealSpeed& d = out[{cal.PeriodStart(m), s}];
      (is_new ? d.deals : d.expansion).Add(won, amount, cycle);
    }
  }
  return out;
}

}  // namespace flywheel
