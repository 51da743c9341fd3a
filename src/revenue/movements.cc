#include "revenue/movements.h"

#include <cmath>
#include <optional>

namespace flywheel {
namespace {

// Month totals are sums of doubles; a difference below a millionth of a currency unit
// (rounding noise from summing in another order) is no movement.
constexpr double kMoneyEpsilon = 1e-6;

}  // namespace

std::string_view MovementTypeName(MovementType t) {
  switch (t) {
    case MovementType::kNew:
      return "new";
    case MovementType::kReactivation:
      return "reactivation";
    case MovementType::kExpansion:
      return "expansion";
    case MovementType::kContraction:
      return "contraction";
    case MovementType::kChurn:
      return "churn";
    case MovementType::kFxImpact:
      return "fx_impact";
  }
  return "";
}

namespace {

// The movements of account a in month m, from prev = MRR(a, m − 1) and cur = MRR(a, m):
// at most a contract movement and an fx impact, in that order. Returns how many it wrote.
int MonthMovements(const MrrSeries& series, AccountIndex a, Month m, double prev, double cur,
                   Month last_positive, std::optional<int> window, AccountMovement out[2]) {
  int n = 0;
  if (prev <= 0 && cur > 0) {
    bool returning = last_positive != kNullMonth;
    if (returning && window && m - last_positive - 1 > *window) returning = false;
    out[n++] = {a, m, returning ? MovementType::kReactivation : MovementType::kNew, cur};
  } else if (prev > 0 && cur <= 0) {
    out[n++] = {a, m, MovementType::kChurn, prev};
  } else if (prev > 0) {
    const double fx = series.FxImpact(a, m);
    const double delta = cur - prev - fx;  // the change at constant currency
    if (delta > kMoneyEpsilon) out[n++] = {a, m, MovementType::kExpansion, delta};
    if (delta < -kMoneyEpsilon) out[n++] = {a, m, MovementType::kContraction, -delta};
    if (std::fabs(fx) > kMoneyEpsilon) out[n++] = {a, m, MovementType::kFxImpact, fx};
  }
  return n;
}

}  // namespace

std::vector<AccountMovement> ComputeMovements(const MrrSeries& series, const Settings& settings) {
  std::vector<AccountMovement> out;
  if (series.first_month() == kNullMonth) return out;
  const Month first = series.first_month();
  const Month last = series.last_month();
  const size_t n_months = static_cast<size_t>(last - first + 1);
  const AccountIndex n_accounts = static_cast<AccountIndex>(series.account_count());
  const std::optional<int> window = settings.reactivation_window_months;

  // Two passes (count per month, then place) give month-then-account order without a sort.
  std::vector<size_t> month_start(n_months + 1, 0);
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<size_t> fill;
    if (pass == 1) {
      for (size_t i = 0; i < n_months; ++i) month_start[i + 1] += month_start[i];
      out.resize(month_start[n_months]);
      fill.assign(month_start.begin(), month_start.end() - 1);
    }
    for (AccountIndex a = 0; a < n_accounts; ++a) {
      Month a_first = series.FirstActiveMonth(a);
      if (a_first == kNullMonth) continue;
      Month a_last = std::min(series.LastActiveMonth(a) + 1, last);
      Month last_positive = kNullMonth;  // the latest month before m with MRR > 0
      double prev = 0;
      for (Month m = a_first; m <= a_last; ++m) {
        const double cur = series.Mrr(a, m);
        AccountMovement mv[2];
        const int n = MonthMovements(series, a, m, prev, cur, last_positive, window, mv);
        if (prev > 0) last_positive = m - 1;
        prev = cur;
        const size_t slot = static_cast<size_t>(m - first);
        if (pass == 0) {
          month_start[slot + 1] += static_cast<size_t>(n);
        } else {
          for (int i = 0; i < n; ++i) out[fill[slot]++] = mv[i];
        }
      }
    }
  }
  return out;
}

MovementsByAccount IndexMovementsByAccount(const std::vector<AccountMovement>& movements, size_t n_accounts) {
  // Counting sort by account; stable, so each account's movements keep the list's month order.
  MovementsByAccount out;
  out.start.assign(n_accounts + 1, 0);
  for (const AccountMovement& mv : movements) ++out.start[static_cast<size_t>(mv.account) + 1];
  for (size_t a = 0; a < n_accounts; ++a) out.start[a + 1] += out.start[a];
  out.entries.resize(movements.size());
  std::vector<uint32_t> fill(out.start.begin(), out.start.end() - 1);
  for (size_t i = 0; i < movements.size(); ++i) {
    const AccountMovement& mv = movements[i];
    out.entries[fill[static_cast<size_t>(mv.account)]++] = {static_cast<uint32_t>(i), mv.month, mv.type};
  }
  return out;
}

}  // namespace flywheel
