// The demo generator's own random numbers: xoshiro256** seeded through splitmix64, and the
// few distributions the generator needs, written here so that the same seed gives the same
// data set whatever the standard library's <random> distributions do.
#pragma once

#include <cmath>
#include <cstdint>

namespace flywheel {

inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class DemoRandom {
 public:
  // Two streams with different (seed, stream) pairs are independent for our purposes; the
  // generator gives every account its own stream so accounts do not disturb one another.
  DemoRandom(uint64_t seed, uint64_t stream) {
    uint64_t sm = seed * 0xD1B54A32D192ED03ULL + stream * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
    for (uint64_t& word : s_) word = SplitMix64(&sm);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n). REQUIRES: 0 < n < 2^53.
  int64_t Below(int64_t n) {
    const int64_t k = static_cast<int64_t>(Uniform() * static_cast<double>(n));
    return k < n ? k : n - 1;
  }
  // Uniform integer in [lo, hi]. REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) { return lo + Below(hi - lo + 1); }
  bool Chance(double p) { return Uniform() < p; }

  // Standard normal (Box-Muller; the second value is dropped to keep the stream simple).
  double Normal() {
    double u1 = Uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // Log-normal with the given median and log-space standard deviation.
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }

  // Poisson by multiplication of uniforms; fine for the small means the generator uses
  // (REQUIRES: mean < 30).
  int Poisson(double mean) {
    const double limit = std::exp(-mean);
    double product = Uniform();
    int k = 0;
    while (product > limit) {
      ++k;
      product *= Uniform();
    }
    return k;
  }

  // Index drawn with the given non-negative weights. REQUIRES: n > 0, sum > 0.
  int Weighted(const double* weights, int n) {
    double total = 0;
    for (int i = 0; i < n; ++i) total += weights[i];
    double x = Uniform() * total;
    for (int i = 0; i < n; ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return n - 1;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace flywheel
