// DirichletSampler: reproducible random weightings around given weights.
//
// Every variate comes from our own generators — splitmix64 for uniforms, the polar
// (Marsaglia) method for normals, Marsaglia–Tsang (2000) for gamma variates — so a seed
// gives the same draws on every platform and standard library. Not thread-safe; use one
// sampler per thread.
#pragma once

#include <cstdint>
#include <vector>

namespace flywheel {

class DirichletSampler {
 public:
  explicit DirichletSampler(uint64_t seed) : state_(seed) {}

  double Uniform();            // in (0, 1)
  double Normal();             // standard normal
  double Gamma(double shape);  // Gamma(shape, 1); 0 for shape <= 0

  // One draw from Dirichlet(alpha); components with alpha <= 0 are 0.
  // REQUIRES: at least one alpha > 0.
  std::vector<double> Dirichlet(const std::vector<double>& alpha);

 private:
  uint64_t Next();
  uint64_t state_;
  bool has_spare_ = false;
  double spare_ = 0;
};

}  // namespace flywheel
