// Estimating the Bass model (m, p, q) from observed adopters per period, with the two
// methods of the literature:
// - OLS on the discrete form (Bass 1969): n_t = a + b N_{t−1} + c N_{t−1}², then
//   m from c m² + b m + a = 0 (the positive root), p = a / m, q = −m c.
// - NLS on the continuous form (Srinivasan & Mason 1986): minimise
//   Σ (n_t − m (F(t) − F(t−1)))² over m, p, q, started from the OLS solution.
// Pure functions; safe to call from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "market/bass_model.h"

namespace flywheel {

struct BassEstimate {
  BassParameters params;
  // sqrt(SSE / (T − 3)) against the continuous curve m (F(t) − F(t−1)) for both methods, so
  // the two are comparable; none when T = 3.
  std::optional<double> residual_se;
  double peak_period = 0;             // BassPeakTime(p, q)
  double m_low = 0;                   // range for m, see BassFit
  double m_high = 0;
};

struct BassFit {
  BassEstimate ols;
  // m_low / m_high of the NLS estimate: the approximate 95 % interval m ± 1.96 SE(m) from
  // the linearised covariance s² (JᵀJ)⁻¹ (the point estimate when T = 3). For OLS they
  // are the lower and higher of the two methods' estimates of m.
  BassEstimate nls;
  std::vector<std::string> warnings;  // e.g. the data stops before the fitted peak
};

// Fits both models to adopters[t − 1] = adopters in period t (t = 1..T).
// Fails (kBadData) with fewer than three non-zero periods, when the OLS solution is not a
// real, positive market (negative discriminant, m <= 0, p <= 0 or q < 0), or when the NLS
// fit does not converge (NLopt's "roundoff-limited" stop is a converged fit: its point is kept).
Result<BassFit> FitBass(const std::vector<double>& adopters);

}  // namespace flywheel
