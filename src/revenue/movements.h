// MRR movements (metrics.md §1): new, reactivation, expansion, contraction, churn — per
// account and month, from an MrrSeries.
#pragma once

#include <cstdint>
#include <vector>

#include "revenue/mrr_series.h"

namespace flywheel {

enum class MovementType : int8_t { kNew, kReactivation, kExpansion, kContraction, kChurn };
inline constexpr int kMovementTypeCount = 5;
std::string_view MovementTypeName(MovementType t);  // "new", "reactivation", ...

struct AccountMovement {
  AccountIndex account;
  Month month;
  MovementType type;
  double amount;  // always ≥ 0: cur for new/reactivation, the change for expansion/contraction, prev for churn
};

// Every movement of every account in months (series.first_month, series.last_month],
// ordered by month, then account. The first month of the series yields `new` movements for
// accounts active in it. `reactivation_window_months` (settings) turns a return after a
// longer gap into `new`.
std::vector<AccountMovement> ComputeMovements(const MrrSeries& series, const Settings& settings);

// The movements of each account: positions in the movement list, account by account, each
// account's in month order. Lets a report that needs per-account state (distinct accounts per
// period) visit one segment's movements without a per-account table over the whole company.
struct MovementsByAccount {
  struct Entry {
    uint32_t position;  // in the movement list
    Month month;
    MovementType type;
  };
  std::vector<uint32_t> start;  // per account + 1: its first entry
  std::vector<Entry> entries;   // copies of month and type, so a visit reads them in order
};
MovementsByAccount IndexMovementsByAccount(const std::vector<AccountMovement>& movements, size_t n_accounts);

}  // namespace flywheel
