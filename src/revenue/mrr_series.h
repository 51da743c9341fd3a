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
  double Mrr(AccountIndex a, Month m) const;
  // First and last month with MRR > 0 for account a; kNullMonth when never.
  Month FirstActiveMonth(AccountIndex a) const;
  Month LastActiveMonth(AccountIndex a) const;

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
