#!/usr/bin/env bash
# Load run: `flywheel serve --port 0` on loopback, wrk for 3 s with 8 connections; passes
# when wrk saw no non-2xx answer and /api/health still answers afterwards.
# Usage: load_test.sh FLYWHEEL_BINARY DATA_DIR
set -euo pipefail
flywheel=$1
data=$2
command -v wrk >/dev/null || { echo "load_test: wrk is not installed (scripts/install-deps.sh)"; exit 1; }
tmp=$(mktemp -d)
"$flywheel" serve --data "$data" --port 0 --rate-limit 0 >"$tmp/out" 2>"$tmp/err" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
url=""
for _ in $(seq 100); do
  url=$(grep -o 'http://[^ ]*' "$tmp/out" || true)
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { echo "load_test: the server did not start"; cat "$tmp/err"; exit 1; }
wrk -d3 -c8 -t2 "${url}api/revenue?period=quarter" >"$tmp/wrk"
cat "$tmp/wrk"
if grep -q "Non-2xx" "$tmp/wrk"; then echo "load_test: non-2xx answers under load"; exit 1; fi
grep -q "Requests/sec" "$tmp/wrk" || { echo "load_test: wrk made no requests"; exit 1; }
curl -sf "${url}api/health" | grep -q '"status":"ok"' || { echo "load_test: /api/health failed after the run"; exit 1; }
echo "load_test: ok"
