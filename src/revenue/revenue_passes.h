// The passes of the revenue report (revenue_report.h) over the MRR series, the movements and the won deals,
// each filling the sums of the (period, group) rows it owns: MRR and customers per month and the trailing
// NRR/GRR sums; movement sums and distinct-account counts; ACV. A group is a row's segment: "all" and/or the
// values of the segment attribute.
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "model/dataset.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "segments/account_segments.h"
#include "settings/settings.h"

namespace flywheel {

// The row groups and the accounts in them. Borrows a caller's AccountSegments when it fits; not copyable or
// movable, as it points into itself.
struct RevenueGroups {
  std::string segment_by;                     // "" when not segmented
  std::vector<std::string> names;             // by group number
  int want = -1;                              // the one segment a slice asks for; -1: every segment (or none)
  const AccountSegments* segments = nullptr;  // the accounts by segment_by value; null when not segmented
  // The accounts in some group, ascending: all of them, or the wanted segment's (the per-account passes then
  // cost in proportion to the segment, not to the company).
  std::span<const AccountIndex> members;

  RevenueGroups() = default;
  RevenueGroups(const RevenueGroups&) = delete;
  RevenueGroups& operator=(const RevenueGroups&) = delete;

  int count() const { return static_cast<int>(names.size()); }
  // An account's groups (at most 2; -1 for none), worked out from its segment rather than held in a
  // per-account table: a slice touches no memory in proportion to the whole company.
  std::array<int, 2> Of(size_t a) const {
    if (!segments) return {0, -1};
    if (want >= 0) return {segments->of_account[a] == want ? 0 : -1, -1};
    return {0, 1 + segments->of_account[a]};
  }
  bool InSlice(size_t a) const { return want < 0 || segments->of_account[a] == want; }

  AccountSegments computed;                // when the caller gives none that fits
  std::vector<AccountIndex> all_accounts;  // members when no segment is wanted
};

// Fills `groups`: cut by `segment_by` ("": "all" only), only `segment` when set; `given` (may be null) is
// used when it groups by segment_by. Fails (kUsage) for an unknown attribute or segment value.
Status MakeRevenueGroups(const Dataset& data, const std::string& segment_by, const std::string& segment,
                         const AccountSegments* given, size_t n_accounts, RevenueGroups& groups);

// The periods from the one holding `first` through the one holding `last`.
struct RevenuePeriods {
  std::vector<Month> starts;
  std::vector<Month> ends;    // the month whose snapshot is reported: the period's last, or the last month
  std::vector<int> of_month;  // by month − first: the month's period
  Month first = kNullMonth;

  int count() const { return static_cast<int>(starts.size()); }
  // REQUIRES: first <= m <= last.
  int Of(Month m) const { return of_month[static_cast<size_t>(m - first)]; }
};
RevenuePeriods MakeRevenuePeriods(const PeriodCalendar& calendar, Month first, Month last);

// Per group, per month of the series: MRR and customers.
struct MonthlyTotals {
  Month first = kNullMonth;
  int n_months = 0;
  std::vector<double> mrr;  // [group * n_months + i]
  std::vector<int64_t> customers;

  double Mrr(int g, Month m) const {
    if (m < first || m >= first + n_months) return 0;
    return mrr[static_cast<size_t>(g) * n_months + (m - first)];
  }
  int64_t Customers(int g, Month m) const {
    if (m < first || m >= first + n_months) return 0;
    return customers[static_cast<size_t>(g) * n_months + (m - first)];
  }
};

// Per row (period × group): the sums of trailing NRR/GRR (base = accounts with MRR 12 months before the
// period's end month; both ends at the rates of that month) and of ACV.
struct RowSums {
  std::vector<double> base, now, kept;  // NRR = now / base, GRR = kept / base
  std::vector<double> acv;
  std::vector<int64_t> acv_count;
  std::vector<double> new_arr;  // 12 × new MRR: ACV without opportunities
  // By MovementType: sums over the period's months; counts of distinct accounts.
  std::vector<std::array<double, kMovementTypeCount>> movement_mrr;
  std::vector<std::array<int64_t, kMovementTypeCount>> movement_count;
  explicit RowSums(size_t rows)
      : base(rows, 0.0),
        now(rows, 0.0),
        kept(rows, 0.0),
        acv(rows, 0.0),
        acv_count(rows, 0),
        new_arr(rows, 0.0),
        movement_mrr(rows, std::array<double, kMovementTypeCount>{}),
        movement_count(rows, std::array<int64_t, kMovementTypeCount>{}) {}
};

// MRR and customers per month, and the trailing sums, in one pass over each member's months (adjacent in the
// series); every sum adds its accounts in ascending order.
MonthlyTotals SumMrrAndRetention(const MrrSeries& series, const RevenueGroups& groups,
                                 const RevenuePeriods& periods, RowSums& sums);

// Movement sums, and distinct accounts per (period, type), ; 12 × new MRR into sums.new_arr. Every sum adds
// its numbers in the order of `movements` whatever the slice.
void AddMovements(const std::vector<AccountMovement>& movements, const MovementsByAccount& by_account,
                  const RevenueGroups& groups, const RevenuePeriods& periods, RowSums& sums);

// ACV sums of the won new opportunities `won_new` (rows, ascending) closed by `as_of` (kNullDay: any date)
// within the periods. Fails (kBadData) for an opportunity without an exchange rate.
Status SumAcvOfOpportunities(const Dataset& data, const Settings& settings,
                             const std::vector<uint32_t>& won_new, Day as_of, const RevenueGroups& groups,
                             const RevenuePeriods& periods, Month last_month, size_t n_accounts,
                             RowSums& sums);

}  // namespace flywheel
