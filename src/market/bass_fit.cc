#include "market/bass_fit.h"

#include <fmt/core.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <nlopt.hpp>
#include <numeric>

namespace flywheel {
namespace {

// The NLS starts besides the OLS solution (docs/MARKET.md): the default, m = 2 N_T with the
// spec's average coefficients, then a grid over the scales a market, its innovators and its
// imitators commonly have.
constexpr double kDefaultMarketFactor = 2.0;  // m = 2 × the adopters observed
constexpr double kDefaultP = 0.03, kDefaultQ = 0.38;
constexpr double kGridMarketFactors[] = {1.2, 2.0, 5.0};
constexpr double kGridP[] = {0.001, 0.01, 0.05};
constexpr double kGridQ[] = {0.05, 0.2, 0.6};
constexpr int kMaxEvaluations = 20000;
// The largest market NLS considers, as a multiple of the adopters observed. A series still in
// its exponential phase has no finite least-squares estimate (the fit runs to m → ∞, p → 0);
// a fit that ends at this ceiling is reported as such rather than as a market size.
constexpr double kMaxMarketFactor = 1000;

double Sse(const std::vector<double>& n, BassObjective objective, const BassParameters& b) {
  double sse = 0;
  for (size_t i = 0; i < n.size(); ++i) {
    const double r = n[i] - BassModelAdopters(objective, b, static_cast<int>(i + 1));
    sse += r * r;
  }
  return sse;
}

std::optional<double> ResidualSe(double sse, size_t periods) {
  if (periods <= 3) return std::nullopt;
  return std::sqrt(sse / static_cast<double>(periods - 3));
}

// The OLS regression and its Bass solution; kBadData with the reason when it is none.
Result<BassParameters> SolveOls(const std::vector<double>& n, double observed) {
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
          "OLS: the solution is not real (b² − 4ac = {:.6g} < 0 with a = {:.6g}, b = {:.6g}, c = {:.6g})",
          disc, a, b, c));
    }
    double r1 = (-b + std::sqrt(disc)) / (2 * c), r2 = (-b - std::sqrt(disc)) / (2 * c);
    m = std::max(r1, r2);
  }
  if (!(m > 0))
    return Status::BadData(fmt::format("OLS: the solution for m is not positive (m = {:.6g})", m));
  double p = a / m, q = -m * c;
  if (!(p > 0) || q < 0) {
    return Status::BadData(
        fmt::format("OLS: the solution is not a Bass model (m = {:.6g}, p = {:.6g}, q = {:.6g})", m, p, q));
  }
  if (m < observed) {
    return Status::BadData(
        fmt::format("OLS: the market m = {:.6g} is below the {:.6g} adopters already observed", m, observed));
  }
  return BassParameters{m, p, q};
}

// One NLS run from `start`: BOBYQA over the logarithms of m, p and q relative to the start
// (so that a market of millions and a p of 0.0001 move on one scale, and p, q stay positive),
// with m >= N_T; then once more from the point reached, which polishes the flat valleys of
// early series. The point and its SSE, or nothing when it did not converge.
struct NlsProblem {
  const std::vector<double>* n;
  BassObjective objective;
  BassParameters scale;
};

BassParameters FromLog(const std::vector<double>& x, const BassParameters& scale) {
  return {scale.m * std::exp(x[0]), scale.p * std::exp(x[1]), scale.q * std::exp(x[2])};
}

double NlsObjective(const std::vector<double>& x, std::vector<double>& /*grad: derivative-free*/,
                    void* data) {
  const auto* problem = static_cast<const NlsProblem*>(data);
  return Sse(*problem->n, problem->objective, FromLog(x, problem->scale));
}

std::optional<std::pair<BassParameters, double>> NlsRun(const std::vector<double>& n, BassObjective objective,
                                                        const BassParameters& start, double observed) {
  NlsProblem problem{&n, objective, start};
  nlopt::opt opt(nlopt::LN_BOBYQA, 3);
  opt.set_lower_bounds({std::log(observed / start.m), std::log(1e-12 / start.p), std::log(1e-12 / start.q)});
  opt.set_upper_bounds(
      {std::log(kMaxMarketFactor * observed / start.m), std::log(10 / start.p), std::log(10 / start.q)});
  opt.set_min_objective(NlsObjective, &problem);
  opt.set_xtol_abs(1e-12);
  opt.set_ftol_rel(1e-15);
  opt.set_maxeval(kMaxEvaluations);
  opt.set_initial_step({0.1, 0.1, 0.1});
  std::vector<double> x = {0.0, 0.0, 0.0};
  double sse = 0;
  nlopt::result result;
  try {
    result = opt.optimize(x, sse);
  } catch (const nlopt::roundoff_limited&) {
    // NLopt's documentation: halted because roundoff limited progress; the point it returns
    // (x and sse are set before the throw) is still a useful optimum. Kept when finite below.
    result = nlopt::ROUNDOFF_LIMITED;
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (result == nlopt::MAXEVAL_REACHED || result == nlopt::MAXTIME_REACHED || !std::isfinite(sse))
    return std::nullopt;
  return std::pair{FromLog(x, start), sse};
}

std::optional<std::pair<BassParameters, double>> NlsFrom(const std::vector<double>& n,
                                                         BassObjective objective, const BassParameters& start,
                                                         double observed) {
  auto first = NlsRun(n, objective, start, observed);
  if (!first) return first;
  auto polished = NlsRun(n, objective, first->first, observed);
  return polished && polished->second <= first->second ? polished : first;
}

struct NlsStart {
  std::string name;
  BassParameters params;
};

std::vector<NlsStart> NlsStarts(const std::optional<BassParameters>& ols, double observed) {
  std::vector<NlsStart> starts;
  if (ols) starts.push_back({"ols", {std::max(ols->m, observed), ols->p, std::max(ols->q, 1e-6)}});
  starts.push_back({"default", {kDefaultMarketFactor * observed, kDefaultP, kDefaultQ}});
  for (double f : kGridMarketFactors) {
    for (double p : kGridP) {
      for (double q : kGridQ) {
        starts.push_back({fmt::format("grid (m = {} N, p = {}, q = {})", f, p, q), {f * observed, p, q}});
      }
    }
  }
  return starts;
}

// The best converged NLS fit over every start; *start_name gets its start.
Result<BassParameters> FitNls(const std::vector<double>& n, BassObjective objective,
                              const std::optional<BassParameters>& ols, double observed,
                              std::string* start_name) {
  const std::vector<NlsStart> starts = NlsStarts(ols, observed);
  std::optional<std::pair<BassParameters, double>> best;
  for (const NlsStart& start : starts) {
    auto fit = NlsFrom(n, objective, start.params, observed);
    // A later start must do better by more than rounding to replace an earlier one, so that
    // the start named is the first that reached the optimum.
    if (fit && (!best || fit->second < best->second * (1 - 1e-9))) {
      best = fit;
      *start_name = start.name;
    }
  }
  if (!best) {
    return Status::BadData(
        fmt::format("NLS: the fit did not converge from any of its {} starts (OLS, default, "
                    "grid) within {} evaluations each",
                    starts.size(), kMaxEvaluations));
  }
  if (best->first.m >= 0.99 * kMaxMarketFactor * observed) {
    return Status::BadData(
        fmt::format("NLS: no finite estimate: the best fit runs to a market of {:.0f} times the {:.6g} "
                    "adopters observed (m → "
                    "∞, p → 0): the series shows no slowing of adoption yet, so m is not determined by it",
                    kMaxMarketFactor, observed));
  }
  return best->first;
}

// SE(m) from the linearised covariance s² (JᵀJ)⁻¹, with a central-difference Jacobian of the
// objective's fitted values. The Jacobian is taken in relative terms (∂ / ∂ log θ = θ ∂ / ∂θ)
// so that m's and p's columns are of one scale and JᵀJ can be inverted reliably; SE(m) is m
// times the standard error of log m. Nothing when JᵀJ is singular.
std::optional<double> MStandardError(const std::vector<double>& n, BassObjective objective,
                                     const BassParameters& b, double residual_se) {
  const Eigen::Index rows = static_cast<Eigen::Index>(n.size());
  Eigen::MatrixXd j(rows, 3);
  const double base[3] = {b.m, b.p, b.q};
  for (int k = 0; k < 3; ++k) {
    const double h = 1e-6 * std::max(std::fabs(base[k]), 1e-12);
    double up[3] = {base[0], base[1], base[2]}, down[3] = {base[0], base[1], base[2]};
    up[k] += h;
    down[k] -= h;
    for (Eigen::Index t = 0; t < rows; ++t) {
      const int period = static_cast<int>(t + 1);
      j(t, k) = base[k] *
                (BassModelAdopters(objective, {up[0], up[1], up[2]}, period) -
                 BassModelAdopters(objective, {down[0], down[1], down[2]}, period)) /
                (2 * h);
    }
  }
  const Eigen::Matrix3d jtj = j.transpose() * j;
  const Eigen::FullPivLU<Eigen::Matrix3d> lu(jtj);
  if (!lu.isInvertible()) return std::nullopt;
  const double var_log_m = lu.inverse()(0, 0);
  if (!(var_log_m >= 0) || !std::isfinite(var_log_m)) return std::nullopt;
  return b.m * residual_se * std::sqrt(var_log_m);
}

// The interval for m that never falls below the adopters observed: the remaining market
// m − N_T is log-normal, log(m − N_T) ± 1.96 SE(m) / (m − N_T). At the bound (no remaining
// market left to take a log of) it is [N_T, m + 1.96 SE(m)].
std::pair<double, double> MInterval(const std::vector<double>& n, BassObjective objective,
                                    const BassParameters& b, std::optional<double> residual_se,
                                    double observed) {
  if (!residual_se) return {b.m, b.m};
  auto se = MStandardError(n, objective, b, *residual_se);
  if (!se) return {b.m, b.m};
  const double remaining = b.m - observed;
  if (!(remaining > 1e-9 * b.m)) return {observed, std::min(b.m + 1.96 * *se, kMaxMarketFactor * observed)};
  const double spread = 1.96 * *se / remaining;
  const double high = observed + remaining * std::exp(spread);
  // Beyond the largest market NLS considers the data does not bound m from above.
  return {observed + remaining * std::exp(-spread),
          high > kMaxMarketFactor * observed ? std::numeric_limits<double>::infinity() : high};
}

BassEstimate Estimate(const std::vector<double>& n, BassObjective objective, const BassParameters& b) {
  BassEstimate e;
  e.params = b;
  e.residual_se = ResidualSe(Sse(n, objective, b), n.size());
  e.peak_period = BassPeakTime(b.p, b.q);
  return e;
}

}  // namespace

Result<BassObjective> ParseBassObjective(std::string_view text) {
  if (text == "increments") return BassObjective::kIncrements;
  if (text == "density") return BassObjective::kDensity;
  return Status::Usage(
      fmt::format("--objective: unknown objective '{}' (expected increments or density)", text));
}

std::string_view BassObjectiveName(BassObjective objective) {
  return objective == BassObjective::kDensity ? "density" : "increments";
}

double BassModelAdopters(BassObjective objective, const BassParameters& b, int t) {
  if (objective == BassObjective::kDensity) return b.m * BassDensity(b.p, b.q, t);
  return b.m * (BassCumulativeShare(b.p, b.q, t) - BassCumulativeShare(b.p, b.q, t - 1));
}

Result<BassFit> FitBass(const std::vector<double>& adopters, BassObjective objective) {
  size_t non_zero = std::count_if(adopters.begin(), adopters.end(), [](double v) { return v > 0; });
  if (non_zero < 3) {
    return Status::BadData(fmt::format(
        "too little data to fit: {} period(s) with adopters (the Bass fit needs at least 3)", non_zero));
  }
  BassFit fit;
  fit.objective = objective;
  fit.observed_adopters = std::accumulate(adopters.begin(), adopters.end(), 0.0);
  auto ols = SolveOls(adopters, fit.observed_adopters);
  if (ols.ok()) {
    fit.ols = Estimate(adopters, objective, *ols);
  } else {
    fit.ols.available = false;
    fit.ols.unavailable = ols.status().message();
    fit.warnings.push_back(fmt::format("no OLS estimate ({}); NLS started from its default start and grid",
                                       ols.status().message()));
  }
  auto nls = FitNls(adopters, objective, ols.ok() ? std::optional<BassParameters>(*ols) : std::nullopt,
                    fit.observed_adopters, &fit.nls_start);
  if (!nls.ok() && !ols.ok()) return Status::BadData(ols.status().message() + "; " + nls.status().message());
  if (!nls.ok()) return nls.status();
  fit.nls = Estimate(adopters, objective, *nls);
  std::tie(fit.nls.m_low, fit.nls.m_high) =
      MInterval(adopters, objective, *nls, fit.nls.residual_se, fit.observed_adopters);
  if (fit.ols.available) {
    fit.ols.m_low = std::min(fit.ols.params.m, nls->m);
    fit.ols.m_high = std::max(fit.ols.params.m, nls->m);
  }
  if (std::isinf(fit.nls.m_high)) {
    fit.warnings.push_back(fmt::format(
        "the data does not bound m from above: the interval reaches past {:.0f} times the adopters observed",
        kMaxMarketFactor));
  }
  const double last = static_cast<double>(adopters.size());
  if (last < fit.nls.peak_period) {
    fit.warnings.push_back(
        fmt::format("the observed data stops at period {}, before the fitted peak at period {:.1f}: m is "
                    "poorly determined "
                    "before the peak",
                    adopters.size(), fit.nls.peak_period));
  }
  return fit;
}

}  // namespace flywheel
