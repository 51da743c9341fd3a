#include "customers/logistic_regression.h"

#include <Eigen/Dense>
#include <cmath>

namespace flywheel {

double LogisticModel::Predict(const std::vector<double>& features) const {
  double z = intercept;
  for (size_t j = 0; j < coefficients.size() && j < features.size(); ++j) z += coefficients[j] * features[j];
  return 1 / (1 + std::exp(-z));
}

LogisticModel FitLogistic(const std::vector<std::vector<double>>& rows, const std::vector<bool>& positive,
                          double ridge) {
  const Eigen::Index n = static_cast<Eigen::Index>(rows.size());
  const Eigen::Index p = rows.empty() ? 0 : static_cast<Eigen::Index>(rows[0].size());
  // Column 0 is the intercept.
  Eigen::MatrixXd x(n, p + 1);
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    x(i, 0) = 1;
    for (Eigen::Index j = 0; j < p; ++j) x(i, j + 1) = rows[i][j];
    y(i) = positive[i] ? 1 : 0;
  }
  Eigen::VectorXd penalty = Eigen::VectorXd::Constant(p + 1, ridge);
  penalty(0) = 0;
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(p + 1);
  LogisticModel model;
  for (int iter = 1; iter <= 100; ++iter) {
    Eigen::VectorXd mu = (-(x * beta)).array().exp().matrix();
    mu = (1 + mu.array()).inverse().matrix();
    Eigen::VectorXd w = (mu.array() * (1 - mu.array())).matrix();
    Eigen::MatrixXd h = x.transpose() * w.asDiagonal() * x;
    h.diagonal() += penalty;
    Eigen::VectorXd g = x.transpose() * (y - mu) - penalty.cwiseProduct(beta);
    Eigen::VectorXd step = h.ldlt().solve(g);
    if (!step.allFinite()) break;
    beta += step;
    model.iterations = iter;
    if (step.cwiseAbs().maxCoeff() < 1e-10) {
      model.converged = true;
      break;
    }
  }
  model.intercept = beta(0);
  model.coefficients.assign(beta.data() + 1, beta.data() + 1 + p);
  return model;
}

}  // namespace flywheel
