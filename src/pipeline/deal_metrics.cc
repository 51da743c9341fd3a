#include "pipeline/deal_metrics.h"

#include <cmath>

namespace flywheel {

bool ClosedByAsOf(const Opportunities& opp, size_t i, Day as_of) {
  return opp.status[i] != OpportunityStatus::kOpen && opp.closed_at[i] != kNullDay &&
         opp.closed_at[i] <= as_of;
}

double CycleDays(const Opportunities& opp, size_t i) {
  if (opp.created_at[i] == kNullDay || opp.closed_at[i] == kNullDay) return kNullNumber;
  return static_cast<double>(opp.closed_at[i] - opp.created_at[i]);
}

void ClosedDeals::Add(bool is_won, double amount, double cycle, bool cycle_over_lost) {
  const bool has_amount = !std::isnan(amount);
  if (is_won) {
    ++won;
    if (has_amount) {
      won_amount += amount;
      ++won_with_amount;
    }
  } else {
    ++lost;
    if (has_amount) lost_amount += amount;
  }
  if ((is_won || cycle_over_lost) && !std::isnan(cycle)) cycle_days.push_back(cycle);
}

double ClosedDeals::WinRate() const {
  if (won + lost == 0) return kNullNumber;
  return static_cast<double>(won) / static_cast<double>(won + lost);
}

double ClosedDeals::WinRateByValue() const {
  const double total = won_amount + lost_amount;
  if (won + lost == 0 || total == 0) return kNullNumber;
  return won_amount / total;
}

double ClosedDeals::MeanWonAmount() const {
  return won_with_amount == 0 ? kNullNumber : won_amount / static_cast<double>(won_with_amount);
}

}  // namespace flywheel
