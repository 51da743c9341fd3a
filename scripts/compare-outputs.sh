#!/usr/bin/env bash
# Compares every report's JSON before and after a change, on one generated data set: the
# check behind every change meant to alter speed and not results.
#
#   scripts/compare-outputs.sh [--base REF] [--accounts N] [--shape scale|demo] [--work DIR]
#
# "After" is the working tree, built in build/ (the release build `make` makes); "before" is
# REF (default HEAD, so uncommitted changes are compared with the last commit), exported with
# `git archive` into WORK/base and built there (flywheel_bench only, no dashboard). Both run
# flywheel_bench on the same data set (`flywheel demo-data`, seed 7, to 2025-12-31; default
# 20,000 accounts of the benchmark's scale shape) and write the JSON of every report of the
# suite and of the slice (bench/flywheel_bench.cc, --out-dir); any difference is printed and
# the script exits 1. Exits 0 when every file is byte-identical, 2 on bad usage.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base=HEAD accounts=20000 shape=scale work="$root/build-compare"
while (($#)); do
  case "$1" in
    --base) base=$2 ;; --accounts) accounts=$2 ;; --shape) shape=$2 ;; --work) work=$2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "compare-outputs: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
case "$shape" in
  scale) shape_args=(--anonymous-leads 9 --billing-terms --outbound-deals 1.5) ;;
  demo) shape_args=() ;;
  *) echo "compare-outputs: --shape must be scale or demo" >&2; exit 2 ;;
esac
commit=$(git -C "$root" rev-parse --verify "$base^{commit}") ||
  { echo "compare-outputs: '$base' is not a commit" >&2; exit 2; }
launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { echo "compare-outputs: $*" >&2; }

# After: the working tree.
log "building the working tree (build/)"
[[ -f "$root/build/build.ninja" ]] || cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
cmake --build "$root/build" --target flywheel flywheel_bench >/dev/null

# Before: REF, exported and built on its own.
log "building $base ($commit)"
if [[ "$(cat "$work/base/.commit" 2>/dev/null)" != "$commit" ]]; then
  rm -rf "$work/base"
  mkdir -p "$work/base"
  # Laid out as the checkout is (sources at base/, build at base/build), so that ccache
  # finds the objects of unchanged files under the same relative paths.
  git -C "$root" archive "$commit" | tar -x -C "$work/base"
  cmake -S "$work/base" -B "$work/base/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLYWHEEL_TESTS=OFF \
    -DFLYWHEEL_DASHBOARD=OFF "${launcher[@]}" >/dev/null
  echo "$commit" >"$work/base/.commit"
fi
cmake --build "$work/base/build" --target flywheel_bench >/dev/null

# The data set, kept while its options stay the same.
end=2025-12-31
gen_args="--accounts $accounts --seed 7 --end $end ${shape_args[*]}"
data="$work/data"
if [[ "$(cat "$data/.complete" 2>/dev/null)" != "$gen_args" ]]; then
  log "generating $accounts accounts"
  rm -rf "$data"
  "$root/build/flywheel" demo-data --out "$data" --accounts "$accounts" --seed 7 --end "$end" "${shape_args[@]}" >/dev/null
  echo "$gen_args" >"$data/.complete"
fi
seg_by=$(sed -n 's/^segment_attribute *= *"\(.*\)"/\1/p' "$data/flywheel.toml" | head -1)
seg_by=${seg_by:-segment}
col=$(head -1 "$data/accounts.csv" | tr ',' '\n' | grep -nx "$seg_by" | cut -d: -f1)
segment=$(sed -n 2p "$data/accounts.csv" | cut -d, -f"$col")

run() {
  rm -rf "$2"
  mkdir -p "$2"
  "$1" --data "$data" --reps 1 --as-of "$end" --slice-as-of "$end" --segment-by "$seg_by" --segment "$segment" \
    --from 2025-01-01 --to "$end" --slice-from 2025-10-01 --out-dir "$2" >/dev/null
}
log "writing every report's JSON, before and after"
run "$work/base/build/flywheel_bench" "$work/before"
run "$root/build/flywheel_bench" "$work/after"

files=$(ls "$work/before" | wc -l)
if diff -rq "$work/before" "$work/after" >"$work/diff.txt"; then
  log "all $files files byte-identical ($accounts accounts, $shape shape, $base = ${commit:0:12})"
  exit 0
fi
cat "$work/diff.txt"
for f in $(diff -rq "$work/before" "$work/after" | sed -n 's/^Files .*\/before\/\([^ ]*\) and .*/\1/p' | head -3); do
  diff <(tr ',' '\n' <"$work/before/$f") <(tr ',' '\n' <"$work/after/$f") | head -20
done
log "outputs differ ($(wc -l <"$work/diff.txt") of $files files); see $work/before and $work/after"
exit 1
