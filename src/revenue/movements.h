// MRR movements (metrics.md §1): new, reactivation, expansion, contraction, churn — per
// account and month, from an MrrSeries.
#pragma once

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

}  // namespace flywheel
