#include "revenue/revenue_passes.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/strings.h"
#include "revenue/currency.h"

namespace flywheel {
namespace {

// Adds one movement to the rows of its period and its account's groups.
class MovementAdder {
 public:
  MovementAdder(const RevenueGroups& groups, const RevenuePeriods& periods, RowSums& sums)
      : groups_(groups), periods_(periods), sums_(sums) {}
  void Add(const AccountMovement& mv, bool first_in_period) {
    const int p = periods_.Of(mv.month);
    const int t = static_cast<int>(mv.type);
    const std::array<int, 2> in =
        groups_.want >= 0 ? std::array<int, 2>{0, -1} : groups_.Of(static_cast<size_t>(mv.account));
    for (int g : in) {
      if (g < 0) continue;
      const size_t ri = static_cast<size_t>(p) * groups_.count() + g;
      sums_.movement_mrr[ri][t] += mv.amount;
      if (first_in_period) sums_.movement_count[ri][t] += 1;
      if (mv.type == MovementType::kNew) sums_.new_arr[ri] += 12 * mv.amount;
    }
  }

 private:
  const RevenueGroups& groups_;
  const RevenuePeriods& periods_;

  RowSums& sums_;
};

// Calls visit(entry, first_in_period) for each of account a's movements, in month order.
template <typename Visit>
void EachMovement(const MovementsByAccount& by_account, const RevenuePeriods& periods, size_t a,
                  Visit&& visit) {
  std::array<int, kMovementTypeCount> counted_in;  // the last period each type was counted in
  counted_in.fill(-1);
  for (uint32_t k = by_account.start[a]; k < by_account.start[a + 1]; ++k) {
    const MovementsByAccount::Entry& mv = by_account.entries[k];
    const int p = periods.Of(mv.month);
    int& last = counted_in[static_cast<size_t>(mv.type)];
    visit(mv, last != p);
    last = p;
  }
}

// Every account (or a list too long for a flag bit): mark the members' movements, then add them in the list's
// order.
void AddMarkedMovements(const std::vector<AccountMovement>& movements, const MovementsByAccount& by_account,
                        const RevenueGroups& groups, const RevenuePeriods& periods, MovementAdder& adder) {
  enum : uint8_t { kInSlice = 1, kFirstInPeriod = 2 };
  std::vector<uint8_t> mark(movements.size(), 0);
  for (AccountIndex ai : groups.members) {
    EachMovement(by_account, periods, static_cast<size_t>(ai),
                 [&mark](const MovementsByAccount::Entry& mv, bool first) {
                   mark[mv.position] = first ? kInSlice | kFirstInPeriod : kInSlice;
                 });
  }
  for (size_t i = 0; i < movements.size(); ++i) {
    if (mark[i] != 0) adder.Add(movements[i], mark[i] & kFirstInPeriod);
  }
}

// One segment: its movements placed by month. An account's movements of a month are adjacent in the list and
// the segment's accounts are visited in ascending order, so each month's movements are in the list's order:
// the same sums as marking the whole list, in work proportional to the segment. REQUIRES: movements.size() <
// kFirstBit.
constexpr uint32_t kFirstBit = uint32_t{1} << 31;
void AddSegmentMovements(const std::vector<AccountMovement>& movements, const MovementsByAccount& by_account,
                         const RevenueGroups& groups, const RevenuePeriods& periods, MovementAdder& adder) {
  const size_t n_months = periods.of_month.size();
  std::vector<uint32_t> month_start(n_months + 1, 0);
  for (AccountIndex ai : groups.members) {
    EachMovement(by_account, periods, static_cast<size_t>(ai),
                 [&](const MovementsByAccount::Entry& mv, bool) {
                   ++month_start[static_cast<size_t>(mv.month - periods.first) + 1];
                 });
  }
  for (size_t m = 0; m < n_months; ++m) month_start[m + 1] += month_start[m];
  std::vector<uint32_t> placed(month_start.back());
  std::vector<uint32_t> next(month_start.begin(), month_start.end() - 1);
  for (AccountIndex ai : groups.members) {
    EachMovement(by_account, periods, static_cast<size_t>(ai),
                 [&](const MovementsByAccount::Entry& mv, bool first) {
                   placed[next[static_cast<size_t>(mv.month - periods.first)]++] =
                       mv.position | (first ? kFirstBit : 0);
                 });
  }
  for (const uint32_t at : placed) adder.Add(movements[at & ~kFirstBit], (at & kFirstBit) != 0);
}

}  // namespace

Status MakeRevenueGroups(const Dataset& data, const std::string& segment_by, const std::string& segment,
                         const AccountSegments* given, size_t n_accounts, RevenueGroups& groups) {
  groups.segment_by = segment_by;
  if (groups.segment_by.empty()) {
    groups.names = {"all"};
  } else {
    const bool fits = given && given->attribute == segment_by;
    if (!fits) {
      auto found = SegmentAccounts(data, groups.segment_by);
      if (!found.ok()) return found.status();
      groups.computed = std::move(*found);
    }
    groups.segments = fits ? given : &groups.computed;
    const std::vector<std::string>& values = groups.segments->values;
    if (!segment.empty()) {
      auto it = std::find(values.begin(), values.end(), segment);
      if (it == values.end()) {
        return Status::Usage(fmt::format("--segment: no {} '{}' in accounts.csv{}", groups.segment_by,
                                         segment, DidYouMeanSuffix(segment, values)));
      }
      groups.want = static_cast<int>(it - values.begin());
      groups.names = {segment};
    } else {
      groups.names.push_back("all");
      for (const auto& v : values) groups.names.push_back(v);
    }
  }
  if (groups.want >= 0) {
    groups.members = groups.segments->AccountsOf(static_cast<size_t>(groups.want));
  } else {
    groups.all_accounts.resize(n_accounts);
    for (size_t a = 0; a < n_accounts; ++a) groups.all_accounts[a] = static_cast<AccountIndex>(a);
    groups.members = groups.all_accounts;
  }
  return Status::Ok();
}

RevenuePeriods MakeRevenuePeriods(const PeriodCalendar& calendar, Month first, Month last) {
  RevenuePeriods periods;
  for (Month p = calendar.PeriodStart(first); p <= last; p = calendar.PeriodEnd(p) + 1)
    periods.starts.push_back(p);
  for (Month s : periods.starts) periods.ends.push_back(std::min(calendar.PeriodEnd(s), last));
  periods.first = periods.starts.front();
  periods.of_month.resize(static_cast<size_t>(last - periods.first) + 1);
  for (size_t i = 0; i < periods.of_month.size(); ++i) {
    const Month m = periods.first + static_cast<int>(i);
    periods.of_month[i] = static_cast<int>(std::upper_bound(periods.starts.begin(), periods.starts.end(), m) -
                                           periods.starts.begin()) -
                          1;
  }
  return periods;
}

MonthlyTotals SumMrrAndRetention(const MrrSeries& series, const RevenueGroups& groups,
                                 const RevenuePeriods& periods, RowSums& sums) {
  const int n_groups = groups.count();
  const int n_periods = periods.count();
  MonthlyTotals totals;
  totals.first = series.first_month();
  totals.n_months = series.last_month() - series.first_month() + 1;
  totals.mrr.assign(static_cast<size_t>(n_groups) * totals.n_months, 0.0);
  totals.customers.assign(static_cast<size_t>(n_groups) * totals.n_months, 0);
  for (AccountIndex ai : groups.members) {
    const Month f = series.FirstActiveMonth(ai);
    if (f == kNullMonth) continue;
    const Month l = series.LastActiveMonth(ai);
    const double* mrr = series.ActiveValues(ai);  // months f..l
    const std::array<int, 2> in = groups.Of(static_cast<size_t>(ai));
    for (Month m = f; m <= l; ++m) {
      const double v = mrr[m - f];
      if (!(v > 0)) continue;
      for (int g : in) {
        if (g < 0) continue;
        const size_t i = static_cast<size_t>(g) * totals.n_months + (m - totals.first);
        totals.mrr[i] += v;
        totals.customers[i] += 1;
      }
    }
    auto at = [mrr, f, l](Month m) { return m < f || m > l ? 0.0 : mrr[m - f]; };
    const bool exposed = series.HasFxExposure(ai);
    for (int p = 0; p < n_periods; ++p) {
      const Month e = periods.ends[static_cast<size_t>(p)];
      const double then = at(e - 12);
      if (!(then > 0)) continue;
      // At constant currency: today's MRR at the rates of the window's first month.
      const double now = exposed ? series.MrrAtRatesOf(ai, e, e - 12) : at(e);
      for (int g : in) {
        if (g < 0) continue;
        const size_t ri = static_cast<size_t>(p) * n_groups + g;
        sums.base[ri] += then;
        sums.now[ri] += now;
        sums.kept[ri] += std::min(now, then);
      }
    }
  }
  return totals;
}

void AddMovements(const std::vector<AccountMovement>& movements, const MovementsByAccount& by_account,
                  const RevenueGroups& groups, const RevenuePeriods& periods, RowSums& sums) {
  // First, account by account (each account's movements in month order), mark the slice's movements and
  // whether each is its account's first of its type in its period; then add the marked ones up in the order
  // of `movements` (month, then account). The marking touches only the slice's accounts.
  MovementAdder adder(groups, periods, sums);
  if (groups.want < 0 || movements.size() >= kFirstBit) {
    AddMarkedMovements(movements, by_account, groups, periods, adder);
  } else {
    AddSegmentMovements(movements, by_account, groups, periods, adder);
  }
}

Status SumAcvOfOpportunities(const Dataset& data, const Settings& settings,
                             const std::vector<uint32_t>& won_new, Day as_of, const RevenueGroups& groups,
                             const RevenuePeriods& periods, Month last_month, size_t n_accounts,
                             RowSums& sums) {
  CurrencyRates rates(data, settings);
  const Opportunities& o = data.opportunities;

  for (const uint32_t row : won_new) {
    const size_t i = row;
    if (o.closed_at[i] == kNullDay || IsNull(o.amount[i])) continue;
    if (as_of != kNullDay && o.closed_at[i] > as_of) continue;
    // Outside the slice's accounts before anything is converted: a slice needs the rates of its own
    // opportunities only.
    if (o.account[i] < 0 || static_cast<size_t>(o.account[i]) >= n_accounts) continue;
    if (!groups.InSlice(static_cast<size_t>(o.account[i]))) continue;
    const Month m = MonthOfDay(o.closed_at[i]);
    if (m < periods.first || m > last_month) continue;
    auto rate = rates.Rate(o.currency[i], m);
    if (!rate) {
      return Status::BadData(
          rates.MissingRateMessage(o.currency[i], m, "opportunity " + std::string(o.id[i])));
    }
    const int p = periods.Of(m);
    for (int g : groups.Of(static_cast<size_t>(o.account[i]))) {
      if (g < 0) continue;
      const size_t ri = static_cast<size_t>(p) * groups.count() + g;
      sums.acv[ri] += o.amount[i] * *rate;
      sums.acv_count[ri] += 1;
    }
  }
  return Status::Ok();
}

}  // namespace flywheel
