#include "market/bass_fit.h"

#include <fmt/core.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <nlopt.hpp>

namespace flywheel {
namespace {

double Sse(const std::vector<double>& n, double m, double p, double q) {
  double sse = 0, previous = 0;
  for (size_t i = 0; i < n.size(); ++i) {
    double f = BassCumulativeShare(p, q, static_cast<double>(i + 1));
    double r = n[i] - m * (f - previous);
    sse += r * r;
    previous = f;
  }
  return sse;
}

std::optional<double> ResidualSe(double sse, size_t periods) {
  if (periods <= 3) return std::nullopt;
  return std::sqrt(sse / static_cast<double>(periods - 3));
}

struct NlsProblem {
  const std::vector<double>* n;
  double m0, p0, q0;  // scale: parameters are optimised as multiples of the start
};

double NlsObjective(const std::vector<double>& x, std::vector<double>& grad, void* data) {
  const auto* problem = static_cast<const NlsProblem*>(data);
  (void)grad;  // derivative-free method
  return Sse(*problem->n, x[0] * problem->m0, x[1] * problem->p0, x[2] * problem->q0);
}

Result<BassEstimate> FitOls(const std::vector<double>& n) {
  const Eigen::Index rows = static_cast<Eigen::Index>(n.size());
  Eigen::MatrixXd x(rows, 3);
  Eigen::VectorXd y(rows);
  double cumulative = 0;
  for (Eigen::Index t = 0; t < rows; ++t) {
    x(t, 0) = 1.0;
    x(t, 1) = cumulative;
    x(t, 2) = cumulative * cumulative;
    y(t) = n[static_cast<size_t>(t)];
    cumulative += n[static_cast<size_t>(t)];
  }
  Eigen::Vector3d coef = x.colPivHouseholderQr().solve(y);
  double a = coef(0), b = coef(1), c = coef(2);
  double m;
  if (c == 0.0) {
    if (b == 0.0) return Status::BadData("OLS: the regression gives no market size (b = c = 0)");
    m = -a / b;
  } else {
    double disc = b * b - 4 * a * c;
    if (disc < 0) {
      return Status::BadData(fmt::format(
          "OLS: the solution is not real (b² − 4ac = {:.6g} < 0 with a = {:.6g}, b = {:.6g}, c = {:.6g})", disc, a, b,
          c));
    }
    double r1 = (-b + std::sqrt(disc)) / (2 * c), r2 = (-b - std::sqrt(disc)) / (2 * c);
    m = std::max(r1, r2);
  }
  if (!(m > 0)) return Status::BadData(fmt::format("OLS: the solution for m is not positive (m = {:.6g})", m));
  double p = a / m, q = -m * c;
  if (!(p > 0) || q < 0) {
    return Status::BadData(
        fmt::format("OLS: the solution is not a Bass model (m = {:.6g}, p = {:.6g}, q = {:.6g})", m, p, q));
  }
  BassEstimate e;
  e.params = {m, p, q};
  e.residual_se = ResidualSe(Sse(n, m, p, q), n.size());
  e.peak_period = BassPeakTime(p, q);
  return e;
}

// Approximate 95 % interval for m from the linearised covariance s² (JᵀJ)⁻¹, with a
// central-difference Jacobian of the fitted values.
std::pair<double, double> MInterval(const std::vector<double>& n, const BassParameters& b,
                                    std::optional<double> residual_se) {
  if (!residual_se) return {b.m, b.m};
  const Eigen::Index rows = static_cast<Eigen::Index>(n.size());
  Eigen::MatrixXd j(rows, 3);
  double base[3] = {b.m, b.p, b.q};
  for (int k = 0; k < 3; ++k) {
    double h = 1e-6 * std::max(std::fabs(base[k]), 1e-8);
    double up[3] = {base[0], base[1], base[2]}, down[3] = {base[0], base[1], base[2]};
    up[k] += h;
    down[k] -= h;
    double prev_up = 0, prev_down = 0;
    for (Eigen::Index t = 0; t < rows; ++t) {
      double fu = BassCumulativeShare(up[1], up[2], static_cast<double>(t + 1));
      double fd = BassCumulativeShare(down[1], down[2], static_cast<double>(t + 1));
      j(t, k) = (up[0] * (fu - prev_up) - down[0] * (fd - prev_down)) / (2 * h);
      prev_up = fu;
      prev_down = fd;
    }
  }
  Eigen::Matrix3d jtj = j.transpose() * j;
  Eigen::FullPivLU<Eigen::Matrix3d> lu(jtj);
  if (!lu.isInvertible()) return {b.m, b.m};
  double var_m = (*residual_se) * (*residual_se) * lu.inverse()(0, 0);
  double half = 1.96 * std::sqrt(std::max(0.0, var_m));
  return {b.m - half, b.m + half};
}

}  // namespace

Result<BassFit> FitBass(const std::vector<double>& adopters) {
  size_t non_zero = std::count_if(adopters.begin(), adopters.end(), [](double v) { return v > 0; });
  if (non_zero < 3) {
    return Status::BadData(fmt::format(
        "too little data to fit: {} period(s) with adopters (the Bass fit needs at least 3)", non_zero));
  }
  BassFit fit;
  auto ols = FitOls(adopters);
  if (!ols.ok()) return ols.status();
  fit.ols = std::move(*ols);

  NlsProblem problem{&adopters, fit.ols.params.m, fit.ols.params.p, std::max(fit.ols.params.q, 1e-6)};
  nlopt::opt opt(nlopt::LN_BOBYQA, 3);
  opt.set_lower_bounds({1e-9, 1e-9, 0.0});
  opt.set_upper_bounds({1e6, 1e6, 1e6});
  opt.set_min_objective(NlsObjective, &problem);
  opt.set_xtol_rel(1e-12);
  opt.set_ftol_abs(0.0);
  opt.set_maxeval(20000);
  opt.set_initial_step({0.1, 0.1, 0.1});
  std::vector<double> x = {1.0, 1.0, fit.ols.params.q > 0 ? 1.0 : 0.0};
  double sse = 0;
  nlopt::result result;
  try {
    result = opt.optimize(x, sse);
  } catch (const nlopt::roundoff_limited&) {
    // NLopt's documentation: halted because roundoff limited progress; the point it returns
    // (x and sse are set before the throw) is still a useful optimum. Kept when finite below.
    result = nlopt::ROUNDOFF_LIMITED;
  } catch (const std::exception& e) {
    return Status::BadData(fmt::format("NLS: the fit did not converge ({})", e.what()));
  }
  if (result == nlopt::MAXEVAL_REACHED || result == nlopt::MAXTIME_REACHED || !std::isfinite(sse)) {
    return Status::BadData("NLS: the fit did not converge within 20000 evaluations");
  }
  BassParameters nls{x[0] * problem.m0, x[1] * problem.p0, x[2] * problem.q0};
  fit.nls.params = nls;
  fit.nls.residual_se = ResidualSe(Sse(adopters, nls.m, nls.p, nls.q), adopters.size());
  fit.nls.peak_period = BassPeakTime(nls.p, nls.q);
  auto [low, high] = MInterval(adopters, nls, fit.nls.residual_se);
  fit.nls.m_low = low;
  fit.nls.m_high = high;
  fit.ols.m_low = std::min(fit.ols.params.m, nls.m);
  fit.ols.m_high = std::max(fit.ols.params.m, nls.m);

  double last = static_cast<double>(adopters.size());
  if (last < fit.nls.peak_period) {
    fit.warnings.push_back(fmt::format(
        "the observed data stops at period {}, before the fitted peak at period {:.1f}: m is poorly determined "
        "before the peak",
        adopters.size(), fit.nls.peak_period));
  }
  return fit;
}

}  // namespace flywheel
