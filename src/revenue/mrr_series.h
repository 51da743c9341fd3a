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
//
// Currency effects (metrics.md §1, docs/METRICS.md "Currency"): an account with rows in a
// currency whose rate changes from month to month (not the base currency, not pinned) also
// keeps its native MRR N(a, c, M) in each such currency over the same months, and the series
// keeps those currencies' monthly rates, so that the change of an account's MRR can be split
// into the part its contracts made and the part the rates made (FxImpact), and MRR can be
// valued at the rates of another month (MrrAtRatesOf: NRR and GRR at constant currency).
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
  Month first_month() const { return first_month_; }  // kNullMonth when there is no MRR at all
  Month last_month() const { return last_month_; }    // the month of the as-of date
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
  const double* ActiveValues(AccountIndex a) const {
    return values_.data() + offset_[static_cast<size_t>(a)];
  }
  // First and last month with MRR > 0 for account a; kNullMonth when never.
  Month FirstActiveMonth(AccountIndex a) const { return account_first_[static_cast<size_t>(a)]; }
  Month LastActiveMonth(AccountIndex a) const {
    const Month first = account_first_[static_cast<size_t>(a)];
    if (first == kNullMonth) return kNullMonth;
    return first + static_cast<Month>(offset_[static_cast<size_t>(a) + 1] - offset_[static_cast<size_t>(a)]) -
           1;
  }

  // Whether account a has MRR in a currency whose rate varies: only then can FxImpact be
  // non-zero and MrrAtRatesOf differ from Mrr.
  bool HasFxExposure(AccountIndex a) const {
    return !leg_start_.empty() &&
           leg_start_[static_cast<size_t>(a)] != leg_start_[static_cast<size_t>(a) + 1];
  }
  // The currency effect on account a's MRR from month m − 1 to month m:
  // Σ_c N(a, c, m − 1) × (r(c, m) − r(c, m − 1)) over its varying currencies. A currency
  // without a rate for m (the account no longer bills in it) adds nothing. 0 without exposure.
  // REQUIRES: Mrr(a, m − 1) > 0 and Mrr(a, m) > 0 (the only months the split is defined for).
  double FxImpact(AccountIndex a, Month m) const;
  // Account a's MRR in month m valued at the rates of month `rates_of`: Σ_c N(a, c, m) ×
  // r(c, rates_of), never below 0; 0 when Mrr(a, m) is 0. A currency without a rate for
  // `rates_of` keeps its rate of m. Equal to Mrr(a, m) without exposure.
  double MrrAtRatesOf(AccountIndex a, Month m, Month rates_of) const;

 private:
  friend Result<MrrSeries> ComputeMrr(const Dataset&, const Settings&, Day);
  double RateOf(uint32_t currency, Month m) const;  // NaN when unknown or outside the months
  Month first_month_ = kNullMonth;
  Month last_month_ = kNullMonth;
  std::vector<Month> account_first_;  // per account: first month with MRR > 0, kNullMonth if none
  std::vector<uint32_t> offset_;      // per account + 1: start of its values
  std::vector<double> values_;        // months account_first_[a] .. last active month
  // Native MRR in varying currencies: account a's legs are legs_[leg_start_[a] ..
  // leg_start_[a + 1]) (leg_start_ is empty when no account has one); a leg's values cover the
  // same months as the account's values_, from native_[leg.offset].
  struct CurrencyLeg {
    uint32_t currency;  // row of rates_
    uint32_t offset;    // into native_
  };
  std::vector<uint32_t> leg_start_;
  std::vector<CurrencyLeg> legs_;
  std::vector<double> native_;
  // Rates of the varying currencies: rates_[currency * months + (m − first_month_)], NaN where
  // fx.csv has none.
  std::vector<double> rates_;
};

// Computes MRR for every account as of `as_of`. Fails (kBadData) when a non-base currency
// has no rate for a month in which it is needed, naming the currency and month.
Result<MrrSeries> ComputeMrr(const Dataset& data, const Settings& settings, Day as_of);

}  // namespace flywheel
