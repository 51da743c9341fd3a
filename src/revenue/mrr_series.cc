#include "revenue/mrr_series.h"

#include <algorithm>

#include "revenue/currency.h"

namespace flywheel {
namespace {

// The months [*first, *last] in which a row [start, end) is active on the snapshot day
// (the last day of the month, or as_of in as_of's month). False when it never is.
bool ActiveMonths(Day start, Day end, Day as_of, Month as_of_month, Month* first, Month* last) {
  if (start > as_of || start >= end) return false;
  *first = MonthOfDay(start);
  if (end == kOpenEnd) {
    *last = as_of_month;
  } else {
    Month end_month = MonthOfDay(end);
    // The last day of M lies before `end` exactly when M < end_month.
    *last = end_month - 1;
    if (end_month >= as_of_month) *last = (end > as_of) ? as_of_month : as_of_month - 1;
  }
  return *last >= *first;
}

}  // namespace

Result<MrrSeries> ComputeMrr(const Dataset& data, const Settings& settings, Day as_of) {
  const Subscriptions& subs = data.subscriptions;
  const size_t n_accounts = data.accounts.size();
  const Month as_of_month = MonthOfDay(as_of);
  CurrencyRates rates(data, settings);

  // Counting sort of the contributing rows by account; check every needed rate once, in
  // file order, so that the error names the first row that needs a missing one. Each row's
  // active months are worked out once and kept beside it.
  std::vector<uint32_t> row_start(n_accounts + 1, 0);
  std::vector<Month> first_of(subs.size()), last_of(subs.size());
  auto contributes = [&](size_t r) {
    if (subs.revenue_type[r] != RevenueType::kRecurring) return false;
    const AccountIndex a = subs.account[r];
    return a >= 0 && static_cast<size_t>(a) < n_accounts && !IsNull(subs.amount[r]) &&
           ActiveMonths(subs.start[r], subs.end[r], as_of, as_of_month, &first_of[r], &last_of[r]);
  };
  std::vector<uint8_t> counted(subs.size(), 0);
  for (size_t r = 0; r < subs.size(); ++r) {
    if (!contributes(r)) continue;
    counted[r] = 1;
    for (Month m = first_of[r]; m <= last_of[r]; ++m) {
      if (!rates.Rate(subs.currency[r], m)) {
        return Status::BadData(
            rates.MissingRateMessage(subs.currency[r], m, "subscription " + std::string(subs.id[r])));
      }
      if (subs.currency[r] == kNullCode) break;  // always the base currency
    }
    ++row_start[subs.account[r] + 1];
  }
  for (size_t a = 0; a < n_accounts; ++a) row_start[a + 1] += row_start[a];
  struct Row {
    uint32_t row;
    Month first, last;
  };
  std::vector<Row> rows(row_start[n_accounts]);
  {
    std::vector<uint32_t> fill(row_start.begin(), row_start.end() - 1);
    for (size_t r = 0; r < subs.size(); ++r) {
      if (counted[r]) rows[fill[subs.account[r]]++] = {static_cast<uint32_t>(r), first_of[r], last_of[r]};
    }
  }
  std::vector<Month>().swap(first_of);
  std::vector<Month>().swap(last_of);

  MrrSeries s;
  s.last_month_ = as_of_month;
  s.account_first_.assign(n_accounts, kNullMonth);
  s.offset_.assign(n_accounts + 1, 0);
  std::vector<double> scratch;  // one account's months, reused
  for (size_t a = 0; a < n_accounts; ++a) {
    s.offset_[a] = static_cast<uint32_t>(s.values_.size());
    if (row_start[a] == row_start[a + 1]) continue;
    Month lo = INT32_MAX, hi = INT32_MIN;
    for (uint32_t i = row_start[a]; i < row_start[a + 1]; ++i) {
      lo = std::min(lo, rows[i].first);
      hi = std::max(hi, rows[i].last);
    }
    scratch.assign(static_cast<size_t>(hi - lo + 1), 0.0);
    for (uint32_t i = row_start[a]; i < row_start[a + 1]; ++i) {
      const uint32_t r = rows[i].row;
      const double monthly = subs.amount[r] / static_cast<int>(subs.billing_period[r]);
      for (Month m = rows[i].first; m <= rows[i].last; ++m) {
        scratch[static_cast<size_t>(m - lo)] += monthly * *rates.Rate(subs.currency[r], m);
      }
    }
    // A month whose total is not positive (credits beyond charges) has no MRR.
    size_t b = 0, e = scratch.size();
    while (b < e && !(scratch[b] > 0)) ++b;
    while (e > b && !(scratch[e - 1] > 0)) --e;
    if (b == e) continue;
    s.account_first_[a] = lo + static_cast<Month>(b);
    for (size_t i = b; i < e; ++i) s.values_.push_back(scratch[i] > 0 ? scratch[i] : 0.0);
    if (s.first_month_ == kNullMonth || s.account_first_[a] < s.first_month_) {
      s.first_month_ = s.account_first_[a];
    }
  }
  s.offset_[n_accounts] = static_cast<uint32_t>(s.values_.size());
  return s;
}

}  // namespace flywheel
