// LogisticModel: an L2-regularised logistic regression fitted by Newton's method (IRLS),
// used by ICP discovery to weigh one-hot account attributes against each other.
//
// Minimises  −Σ [y log μ + (1 − y) log(1 − μ)] + λ/2 Σ βⱼ²  with μ = 1 / (1 + e^−(b + xβ));
// the intercept b is not penalised. Each Newton step solves
// (XᵀWX + Λ) Δ = Xᵀ(y − μ) − Λβ  (W = diag μ(1 − μ), Λ = λ on the coefficients, 0 on
// the intercept). Stateless; safe to call from several threads.
#pragma once

#include <vector>

namespace flywheel {

struct LogisticModel {
  double intercept = 0;
  std::vector<double> coefficients;  // one per feature column
  int iterations = 0;
  bool converged = false;  // false when 100 steps did not bring the largest step below 1e-10

  // The fitted probability of a positive outcome for one row of features.
  double Predict(const std::vector<double>& features) const;
};

// Fits the model to `rows` (each of the same length) and outcomes `positive`.
// REQUIRES: rows.size() == positive.size(); ridge >= 0. With ridge 0 and separable data
// the coefficients grow until the step limit (converged = false).
LogisticModel FitLogistic(const std::vector<std::vector<double>>& rows, const std::vector<bool>& positive,
                          double ridge);

}  // namespace flywheel
