#include "server/rate_limiter.h"

#include <algorithm>

namespace flywheel {

RateLimiter::RateLimiter(RateLimit limit, Clock clock) : limit_(limit), clock_(std::move(clock)) {}

bool RateLimiter::Allow(const std::string& client) {
  if (limit_.per_second <= 0) return true;
  auto now = clock_();
  std::lock_guard<std::mutex> lock(mu_);
  // Forget idle clients so the table cannot grow without bound: a full bucket carries no state.
  if (buckets_.size() > 10000) {
    std::erase_if(buckets_, [&](const auto& kv) {
      return std::chrono::duration<double>(now - kv.second.last).count() * limit_.per_second >= limit_.burst;
    });
  }
  auto [it, inserted] = buckets_.try_emplace(client, Bucket{limit_.burst, now});
  Bucket& b = it->second;
  double elapsed = std::chrono::duration<double>(now - b.last).count();
  b.tokens = std::min(limit_.burst, b.tokens + elapsed * limit_.per_second);
  b.last = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

}  // namespace flywheel
