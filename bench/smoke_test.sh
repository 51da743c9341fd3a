#!/usr/bin/env bash
# bench/smoke (ctest): the whole benchmark harness on a tiny data set — one run of each
# phase, a 1 s wrk run — into a temporary folder. Passes when every comparison ran and
# agreed and the results file was written, and when a phase stopped by the SQLite time limit
# is recorded as such; the numbers themselves are not checked.
#   smoke_test.sh FLYWHEEL_BINARY FLYWHEEL_BENCH_BINARY
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/flywheel_bench_smoke.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
bash "$here/run.sh" --flywheel "$1" --bench "$2" --sizes "tiny:600" --reps 1 --wrk-seconds 1 \
  --sqlite-timeout 30 --work "$tmp" --results "$tmp/RESULTS.md"
results="$tmp/RESULTS.md"
fail() { echo "bench/smoke: $*" >&2; cat "$results" >&2 2>/dev/null || true; exit 1; }
[[ -s "$results" ]] || fail "no results file"
grep -q '^| tiny | 600 |' "$results" || fail "no results row for the tiny size"
grep -q 'DuckDB: ok: [0-9]* values equal' "$results" || fail "the DuckDB equality check did not run"
grep -q 'SQLite: ok: [0-9]* values equal' "$results" || fail "the SQLite equality check did not run"
grep -q 'slice p95' "$results" || fail "no server latencies"
grep -Eq '^\| tiny \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9.]+×' "$results" || fail "no like-for-like (same reports) row"
grep -Eq '^\| bowtie_conversion \| [0-9.]+ ms \|' "$results" || fail "no DuckDB time per view"
grep -Eq '^- the whole run took [0-9.]+ min' "$results" || fail "no time of the whole run"
# The smoke run's folder is new, so its data set is generated in the run.
grep -Eq '^- data sets: generated in this run \(tiny [0-9.]+ s\)$' "$results" || fail "the data set's generation is not stated"
# A phase past the SQLite time limit is recorded, not fatal (on L the suite does not finish).
data=$(ls -d "$tmp"/data-600-*)
limited=$(bash "$here/sqlite_bench.sh" "$data" "$tmp/run/tiny/sqlite.sql" "$tmp/limited" 1 0.001 2025-10,2025-11,2025-12) ||
  fail "sqlite_bench.sh failed when its time limit stopped a phase"
[[ "$limited" == '{"status":"load did not finish within 0.001 s",'* ]] || fail "unexpected result at the time limit: $limited"
echo "bench/smoke: ok"
