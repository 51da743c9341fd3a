#include "efficiency/new_deal_speed.h"

#include "base/distribution.h"
#include "revenue/currency.h"

namespace flywheel {

double NewDealSpeed::WinRate() const {
  return won + lost == 0 ? kNullNumber : static_cast<double>(won) / static_cast<double>(won + lost);
}
double NewDealSpeed::MedianCycleDays() const { return Median(won_cycle_days); }
double NewDealSpeed::Acv() const {
  return won_with_amount == 0 ? kNullNumber : won_amount / static_cast<double>(won_with_amount);
}
double NewDealSpeed::Speed() const {
  double wr = WinRate(), cycle = MedianCycleDays();
  if (IsNull(wr) || IsNull(cycle) || cycle == 0) return kNullNumber;
  return wr * 365.0 / cycle;
}

Result<NewDealSpeedTable> ComputeNewDealSpeed(const Dataset& data, const Settings& settings,
                                              const Segmenter& segmenter, const PeriodCalendar& cal, Day as_of) {
  NewDealSpeedTable out;
  CurrencyRates rates(data, settings);
  const Opportunities& o = data.opportunities;
  for (size_t i = 0; i < o.size(); ++i) {
    if (o.type[i] != OpportunityType::kNew || o.status[i] == OpportunityStatus::kOpen) continue;
    if (o.closed_at[i] == kNullDay || o.closed_at[i] > as_of) continue;
    Month m = MonthOfDay(o.closed_at[i]);
    double amount = kNullNumber;
    if (o.status[i] == OpportunityStatus::kWon && !IsNull(o.amount[i])) {
      auto r = rates.Rate(o.currency[i], m);
      if (!r) return Status::BadData(rates.MissingRateMessage(o.currency[i], m, "opportunity " + o.id[i]));
      amount = o.amount[i] * *r;
    }
    for (const std::string& s : segmenter.ForAccount(o.account[i])) {
      NewDealSpeed& d = out[{cal.PeriodStart(m), s}];
      if (o.status[i] == OpportunityStatus::kLost) {
        ++d.lost;
        continue;
      }
      ++d.won;
      if (o.created_at[i] != kNullDay) d.won_cycle_days.push_back(o.closed_at[i] - o.created_at[i]);
      if (!IsNull(amount)) {
        d.won_amount += amount;
        ++d.won_with_amount;
      }
    }
  }
  return out;
}

}  // namespace flywheel
