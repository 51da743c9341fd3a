// Estimating the Bass model (m, p, q) from observed adopters per period, with the two
// methods of the literature:
// - OLS on the discrete form (Bass 1969): n_t = a + b N_{t−1} + c N_{t−1}², then
//   m from c m² + b m + a = 0 (the positive root), p = a / m, q = −m c.
// - NLS (Srinivasan & Mason 1986): minimise Σ (n_t − model_t)² over m, p, q, from every
//   start of a documented set (the OLS solution when there is one, a default start, a small
//   grid), keeping the best converged fit. The model is an objective of the caller's choice:
//   period increments m (F(t) − F(t−1)) (Srinivasan–Mason, the default), or the continuous
//   density m f(t) at t = 1, 2, … (the form published R `nls` fits use).
// OLS often yields no Bass model on short or irregular series (a negative p, no real root);
// NLS is the method made for those, so the fit goes on without OLS and says why.
// Pure functions; safe to call from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "market/bass_model.h"

namespace flywheel {

enum class BassObjective {
  kIncrements,  // m (F(t) − F(t−1)): adopters in period t (Srinivasan & Mason 1986); the default
  kDensity,     // m f(t), f = dF/dt = ((p+q)²/p) e^{−(p+q)t} / (1 + (q/p) e^{−(p+q)t})²
};
// "increments" / "density"; anything else is kUsage naming the value and the two choices.
Result<BassObjective> ParseBassObjective(std::string_view text);
std::string_view BassObjectiveName(BassObjective objective);

// The model's adopters in period t (t = 1, 2, …) under `objective`.
double BassModelAdopters(BassObjective objective, const BassParameters& b, int t);

struct BassEstimate {
  // False when the method gave no Bass model; `unavailable` says why and the numbers are 0.
  bool available = true;
  std::string unavailable;
  BassParameters params;
  // sqrt(SSE / (T − 3)) against the objective's curve for both methods, so the two are
  // comparable; none when T = 3.
  std::optional<double> residual_se;
  double peak_period = 0;  // BassPeakTime(p, q)
  double m_low = 0;        // range for m, see BassFit
  double m_high = 0;
};

struct BassFit {
  BassObjective objective = BassObjective::kIncrements;
  double observed_adopters = 0;  // N_T, the adopters of all observed periods
  BassEstimate ols;
  // m_low / m_high of the NLS estimate: an approximate 95 % interval that never falls below
  // N_T: the remaining market m − N_T is taken as log-normal, log(m − N_T) ± 1.96 SE(m) /
  // (m − N_T), with SE(m) from the linearised covariance s² (JᵀJ)⁻¹ (the point estimate when
  // T = 3; m_high is +∞ when the interval reaches past the largest market NLS considers,
  // 1000 N_T: the data does not bound m from above, and a warning says so). For OLS they are
  // the lower and higher of the two methods' estimates of m.
  BassEstimate nls;
  std::string nls_start;              // the start of the kept NLS fit: "ols", "default" or "grid (m, p, q)"
  std::vector<std::string> warnings;  // e.g. no OLS model, the data stops before the fitted peak
};

// Fits both models to adopters[t − 1] = adopters in period t (t = 1..T).
// Fails (kBadData) with fewer than three non-zero periods, when NLS converges from none of
// its starts (NLopt's "roundoff-limited" stop is a converged fit: its point is kept), or when
// its best fit runs to the largest market it considers (1000 N_T: a series still in its
// exponential phase has no finite least-squares estimate, m → ∞ and p → 0); the message then
// gives OLS's reason too when OLS had no model either. OLS
// without a Bass model (no real root, m <= 0, p <= 0, q < 0, or m below N_T) is no failure: its
// estimate is marked unavailable with the reason, and a warning says so.
Result<BassFit> FitBass(const std::vector<double>& adopters,
                        BassObjective objective = BassObjective::kIncrements);

}  // namespace flywheel
