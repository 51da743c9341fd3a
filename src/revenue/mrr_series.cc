#include "revenue/mrr_series.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "revenue/currency.h"

namespace flywheel {
namespace {

constexpr double kNoRate = std::numeric_limits<double>::quiet_NaN();

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

// The contributing subscription rows grouped by account: rows[start[a] .. start[a + 1]),
// each with the months it is active in.
struct AccountRows {
  struct Row {
    uint32_t row;
    Month first, last;
  };
  std::vector<uint32_t> start;
  std::vector<Row> rows;
};

// Counting sort of the contributing rows by account. Checks every needed rate once, in file
// order, so that the error names the first row that needs a missing one. Each row's active
// months are worked out once and kept beside it.
Result<AccountRows> GroupRows(const Dataset& data, const CurrencyRates& rates, Day as_of) {
  const Subscriptions& subs = data.subscriptions;
  const size_t n_accounts = data.accounts.size();
  const Month as_of_month = MonthOfDay(as_of);
  AccountRows out;
  out.start.assign(n_accounts + 1, 0);
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
    ++out.start[subs.account[r] + 1];
  }
  for (size_t a = 0; a < n_accounts; ++a) out.start[a + 1] += out.start[a];
  out.rows.resize(out.start[n_accounts]);
  std::vector<uint32_t> fill(out.start.begin(), out.start.end() - 1);
  for (size_t r = 0; r < subs.size(); ++r) {
    if (counted[r]) out.rows[fill[subs.account[r]]++] = {static_cast<uint32_t>(r), first_of[r], last_of[r]};
  }
  return out;
}

// One account's months lo..hi: MRR in the base currency, and the native MRR of each
// currency whose rate varies. Reused from account to account.
struct AccountScratch {
  std::vector<double> mrr;
  std::vector<Code> leg_codes;
  std::vector<std::vector<double>> leg_native;  // parallel to leg_codes
  size_t legs = 0;                              // in use

  std::vector<double>& Leg(Code code, size_t months) {
    for (size_t i = 0; i < legs; ++i) {
      if (leg_codes[i] == code) return leg_native[i];
    }
    if (legs == leg_codes.size()) {
      leg_codes.push_back(code);
      leg_native.emplace_back();
    }
    leg_codes[legs] = code;
    leg_native[legs].assign(months, 0.0);
    return leg_native[legs++];
  }
};

void FillAccount(const Subscriptions& subs, const CurrencyRates& rates,
                 std::span<const AccountRows::Row> rows, Month lo, Month hi, AccountScratch* s) {
  const size_t months = static_cast<size_t>(hi - lo + 1);
  s->mrr.assign(months, 0.0);
  s->legs = 0;
  for (const AccountRows::Row& row : rows) {
    const uint32_t r = row.row;
    const double monthly = subs.amount[r] / static_cast<int>(subs.billing_period[r]);
    const Code currency = subs.currency[r];
    for (Month m = row.first; m <= row.last; ++m) {
      s->mrr[static_cast<size_t>(m - lo)] += monthly * *rates.Rate(currency, m);
    }
    if (!rates.Varies(currency)) continue;
    std::vector<double>& native = s->Leg(currency, months);
    for (Month m = row.first; m <= row.last; ++m) native[static_cast<size_t>(m - lo)] += monthly;
  }
}

}  // namespace

Result<MrrSeries> ComputeMrr(const Dataset& data, const Settings& settings, Day as_of) {
  const Subscriptions& subs = data.subscriptions;
  const size_t n_accounts = data.accounts.size();
  CurrencyRates rates(data, settings);
  auto grouped = GroupRows(data, rates, as_of);
  if (!grouped.ok()) return grouped.status();
  const AccountRows& rows = *grouped;

  MrrSeries s;
  s.last_month_ = MonthOfDay(as_of);
  s.account_first_.assign(n_accounts, kNullMonth);
  s.offset_.assign(n_accounts + 1, 0);
  std::vector<Code> leg_currencies;  // the varying currencies, in order of first use
  std::vector<uint32_t> leg_count(n_accounts, 0);
  AccountScratch scratch;
  for (size_t a = 0; a < n_accounts; ++a) {
    s.offset_[a] = static_cast<uint32_t>(s.values_.size());
    if (rows.start[a] == rows.start[a + 1]) continue;
    const std::span<const AccountRows::Row> mine(rows.rows.data() + rows.start[a],
                                                 rows.rows.data() + rows.start[a + 1]);
    Month lo = INT32_MAX, hi = INT32_MIN;
    for (const AccountRows::Row& row : mine) {
      lo = std::min(lo, row.first);
      hi = std::max(hi, row.last);
    }
    FillAccount(subs, rates, mine, lo, hi, &scratch);
    // A month whose total is not positive (credits beyond charges) has no MRR.
    size_t b = 0, e = scratch.mrr.size();
    while (b < e && !(scratch.mrr[b] > 0)) ++b;
    while (e > b && !(scratch.mrr[e - 1] > 0)) --e;
    if (b == e) continue;
    s.account_first_[a] = lo + static_cast<Month>(b);
    for (size_t i = b; i < e; ++i) s.values_.push_back(scratch.mrr[i] > 0 ? scratch.mrr[i] : 0.0);
    if (s.first_month_ == kNullMonth || s.account_first_[a] < s.first_month_)
      s.first_month_ = s.account_first_[a];
    for (size_t k = 0; k < scratch.legs; ++k) {
      auto known = std::find(leg_currencies.begin(), leg_currencies.end(), scratch.leg_codes[k]);
      if (known == leg_currencies.end()) known = leg_currencies.insert(known, scratch.leg_codes[k]);
      s.legs_.push_back(
          {static_cast<uint32_t>(known - leg_currencies.begin()), static_cast<uint32_t>(s.native_.size())});
      s.native_.insert(s.native_.end(), scratch.leg_native[k].begin() + static_cast<ptrdiff_t>(b),
                       scratch.leg_native[k].begin() + static_cast<ptrdiff_t>(e));
      ++leg_count[a];
    }
  }
  s.offset_[n_accounts] = static_cast<uint32_t>(s.values_.size());
  if (!s.legs_.empty()) {
    s.leg_start_.assign(n_accounts + 1, 0);
    for (size_t a = 0; a < n_accounts; ++a) s.leg_start_[a + 1] = s.leg_start_[a] + leg_count[a];
    const size_t months = static_cast<size_t>(s.last_month_ - s.first_month_ + 1);
    s.rates_.assign(leg_currencies.size() * months, kNoRate);
    for (size_t c = 0; c < leg_currencies.size(); ++c) {
      for (size_t i = 0; i < months; ++i) {
        if (auto r = rates.Rate(leg_currencies[c], s.first_month_ + static_cast<Month>(i)))
          s.rates_[c * months + i] = *r;
      }
    }
  }
  return s;
}

double MrrSeries::RateOf(uint32_t currency, Month m) const {
  if (m < first_month_ || m > last_month_) return kNoRate;
  const size_t months = static_cast<size_t>(last_month_ - first_month_ + 1);
  return rates_[currency * months + static_cast<size_t>(m - first_month_)];
}

double MrrSeries::FxImpact(AccountIndex a, Month m) const {
  if (!HasFxExposure(a)) return 0;
  const Month first = account_first_[static_cast<size_t>(a)];
  if (m - 1 < first || m > LastActiveMonth(a)) return 0;
  double fx = 0;
  for (uint32_t k = leg_start_[static_cast<size_t>(a)]; k < leg_start_[static_cast<size_t>(a) + 1]; ++k) {
    const CurrencyLeg& leg = legs_[k];
    const double before = native_[leg.offset + static_cast<uint32_t>(m - 1 - first)];
    if (before == 0) continue;
    const double now_rate = RateOf(leg.currency, m), then_rate = RateOf(leg.currency, m - 1);
    if (std::isnan(now_rate) || std::isnan(then_rate)) continue;
    fx += before * (now_rate - then_rate);
  }
  return fx;
}

double MrrSeries::MrrAtRatesOf(AccountIndex a, Month m, Month rates_of) const {
  const double actual = Mrr(a, m);
  if (!(actual > 0) || !HasFxExposure(a) || rates_of == m) return actual;
  const Month first = account_first_[static_cast<size_t>(a)];
  double v = actual;
  for (uint32_t k = leg_start_[static_cast<size_t>(a)]; k < leg_start_[static_cast<size_t>(a) + 1]; ++k) {
    const CurrencyLeg& leg = legs_[k];
    const double native = native_[leg.offset + static_cast<uint32_t>(m - first)];
    if (native == 0) continue;
    const double there = RateOf(leg.currency, rates_of);
    if (std::isnan(there)) continue;
    v += native * (there - RateOf(leg.currency, m));
  }
  return std::max(v, 0.0);
}

}  // namespace flywheel
