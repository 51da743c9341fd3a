-- wrk script for bench/run.sh: prints the latency percentiles wrk's own summary leaves out
-- (p95) on one line that run.sh parses.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("LATENCY p50_us=%d p95_us=%d p99_us=%d max_us=%d requests=%d errors=%d non2xx=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
