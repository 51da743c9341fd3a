// RateLimiter: a token bucket per client (by remote address), so one client cannot starve
// the others. Each client may burst `burst` requests, refilled at `per_second`.
//
// Thread-safe: Allow() may be called from every handler thread. The clock is injected so
// tests need not sleep.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace flywheel {

struct RateLimit {
  double per_second = 20;  // refill rate; 0 turns the limit off
  double burst = 40;       // bucket size: requests allowed at once
};

class RateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  explicit RateLimiter(RateLimit limit, Clock clock = std::chrono::steady_clock::now);

  // True when `client` may make a request now (and takes a token), false when it must wait.
  bool Allow(const std::string& client);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  const RateLimit limit_;
  const Clock clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;  // guarded by mu_
};

}  // namespace flywheel
