// MRR movements (metrics.md §1): new, reactivation, expansion, contraction, churn, and the
// currency effect beside them (fx impact) — per account and month, from an MrrSeries.
#pragma once

#include <cstdint>
#include <vector>

#include "revenue/mrr_series.h"

namespace flywheel {

// The five movements a contract makes, then the currency effect (kFxImpact), which is no
// contract movement: it is what the rates did to MRR that stayed on the books.
enum class MovementType : int8_t { kNew, kReactivation, kExpansion, kContraction, kChurn, kFxImpact };
inline constexpr int kMovementTypeCount = 6;
std::string_view MovementTypeName(MovementType t);  // "new", "reactivation", ..., "fx_impact"
// The five contract movements, in the order reports list them.
inline constexpr MovementType kContractMovements[] = {MovementType::kNew, MovementType::kReactivation,
                                                      MovementType::kExpansion, MovementType::kContraction,
                                                      MovementType::kChurn};

struct AccountMovement {
  AccountIndex account;
  Month month;
  MovementType type;
  // ≥ 0 for the five contract movements: cur for new/reactivation, the constant-currency
  // change for expansion/contraction, prev for churn. Signed for kFxImpact.
  double amount;
};

// The movement's effect on MRR: +amount for new, reactivation, expansion and fx impact,
// −amount for contraction and churn. Summed over an account's movements through month M it
// gives MRR(a, M).
inline double MrrChange(const AccountMovement& m) {
  return m.type == MovementType::kContraction || m.type == MovementType::kChurn ? -m.amount : m.amount;
}

// Every movement of every account in months (series.first_month, series.last_month],
// ordered by month, then account; an account has at most two in a month, its contract
// movement before its fx impact. The first month of the series yields `new` movements for
// accounts active in it. `reactivation_window_months` (settings) turns a return after a
// longer gap into `new`. For an account with MRR in both months, fx = series.FxImpact and
// the constant-currency change Δ = cur − prev − fx decides expansion (Δ > 0) or contraction
// (Δ < 0); an fx of more than a millionth is its own kFxImpact movement. So, for every month M:
// MRR(M) − MRR(M−1) = new + reactivation + expansion − contraction − churn + fx impact.
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
