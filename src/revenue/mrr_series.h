// MrrSeries: MRR per account per month (metrics.md §1), the base of every revenue metric.
//
// MRR(a, M) is the sum of the monthly amounts (amount / 1, 3 or 12 by billing period,
// converted to the base currency with the rate of month M) of account a's `recurring`
// subscription rows active on the snapshot day of M: start ≤ day < end. The snapshot day
// is the last day of M, or the as-of date for the month that contains it. Months run from
// the first month any recurring row is active through the month of the as-of date.
//
// Stored sparsely: per account, the months from its first to its last month with MRR > 0.
// Immutable once computed; safe to share between threads.
#pragma once

#include <cstdint>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "model/dataset.h"
#include "settings/settings.h"

namespace flywheel {

class MrrSeries {
 public:
  Month first_month() const { return first_month_; }   // kNullMonth when there is no MRR at all
  Month last_month() const { return last_month_; }     // the month of the as-of date
  size_t account_count() const { return account_first_.size(); }

  // MRR of account a in month m; 0 outside the account's active span or the range.
  // (Inline: reports call these once per account and month.)
  double Mrr(AccountIndex a, Month m) const {
    if (a < 0 || static_cast<size_t>(a) >= account_first_.size()) return 0;
    const Month first = account_first_[static_cast<size_t>(a)];
    if (first == kNullMonth || m < first) return 0;
    const uint32_t i = offset_[static_cast<size_t>(a)] + static_cast<uint32_t>(m - first);
    return i < offset_[static_cast<size_t>(a) + 1] ? values_[i] : 0;
  }
  // Account a's MRR from FirstActiveMonth(a) through LastActiveMonth(a), one value per month.
  // REQUIRES: FirstActiveMonth(a) != kNullMonth.
  const double* ActiveValues(AccountIndex a) const { return values_.data() + offset_[static_cast<size_t>(a)]; }
  // First and last month with MRR > 0 for account a; kNullMonth when never.
  Month FirstActiveMonth(AccountIndex a) const { return account_first_[static_cast<size_t>(a)]; }
  Month LastActiveMonth(AccountIndex a) const {
    const Month first = account_first_[static_cast<size_t>(a)];
    if (first == kNullMonth) return kNullMonth;
    return first + static_cast<Month>(offset_[static_cast<size_t>(a) + 1] - offset_[static_cast<size_t>(a)]) - 1;
  }

 private:
  friend Result<MrrSeries> ComputeMrr(const Dataset&, const Settings&, Day);
  Month first_month_ = kNullMonth;
  Month last_month_ = kNullMonth;
  std::vector<Month> account_first_;    // per account: first month with MRR > 0, kNullMonth if none
  std::vector<uint32_t> offset_;        // per account + 1: start of its values
  std::vector<double> values_;          // months account_first_[a] .. last active month
};

// Computes MRR for every account as of `as_of`. Fails (kBadData) when a non-base currency
// has no rate for a month in which it is needed, naming the currency and month.
Result<MrrSeries> ComputeMrr(const Dataset& data, const Settings& settings, Day as_of);

}  // namespace flywheel
