#!/usr/bin/env bash
# The benchmark behind `make bench` (docs/PERFORMANCE.md): for each size, generates a demo
# data set, times Flywheel (bench/flywheel_bench), DuckDB (bench/duckdb_bench.mjs) and
# SQLite (bench/sqlite_bench.sh) on it, checks their results equal, load-tests one slice
# request of `flywheel serve` with wrk, and finally writes the results file (bench/report.mjs).
#   run.sh --flywheel BIN --bench BIN [--sizes "S:10000 M:100000 L:1000000"] [--reps 5]
#          [--reps-for "L:3"] [--work DIR] [--results FILE] [--wrk-seconds 10]
#          [--sqlite-timeout 300] [--duckdb-timeout 600] [--seed 7] [--shape scale|demo]
# --shape scale (the default) generates the volumes of the scale goal (docs/PERFORMANCE.md):
# `demo-data --anonymous-leads 9 --billing-terms --outbound-deals 1.5`, about ten leads per
# account, one subscription row per billing term and about 2.4 opportunities per account;
# --shape demo, the demo data set's own volumes.
# Data sets are kept in --work (default bench/data/, ignored by git) and reused when the same
# size, seed and generator options are asked again (the options are kept in the data set's
# .complete file); results never are. Exits non-zero when a comparison fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

flywheel="" bench="" sizes="S:10000 M:100000 L:1000000" reps=5 reps_for="" work="$here/data"
results="$here/RESULTS.md" wrk_seconds=10 sqlite_timeout=300 duckdb_timeout=600 seed=7 shape=scale
while (($#)); do
  case "$1" in
    --flywheel) flywheel=$2 ;; --bench) bench=$2 ;; --sizes) sizes=$2 ;; --reps) reps=$2 ;;
    --reps-for) reps_for=$2 ;; --work) work=$2 ;; --results) results=$2 ;;
    --wrk-seconds) wrk_seconds=$2 ;; --sqlite-timeout) sqlite_timeout=$2 ;; --seed) seed=$2 ;;
    --duckdb-timeout) duckdb_timeout=$2 ;; --shape) shape=$2 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[[ -x "$flywheel" && -x "$bench" ]] || { echo "run.sh: give --flywheel BIN and --bench BIN" >&2; exit 2; }
case "$shape" in
  scale) shape_args=(--anonymous-leads 9 --billing-terms --outbound-deals 1.5) shape_dir=-scale ;;
  demo) shape_args=() shape_dir="" ;;
  *) echo "run.sh: --shape must be scale or demo" >&2; exit 2 ;;
esac
for tool in node wrk sqlite3 curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (bash scripts/install-deps.sh)" >&2; exit 1; }
done
bash "$root/scripts/npm-install.sh" "$root/tests/sql"
flywheel=$(cd "$(dirname "$flywheel")" && pwd)/$(basename "$flywheel")
bench=$(cd "$(dirname "$bench")" && pwd)/$(basename "$bench")
mkdir -p "$work"
work=$(cd "$work" && pwd)
run_dir="$work/run"
rm -rf "$run_dir"
mkdir -p "$run_dir"

# Three years of history ending on the as-of date; the slice is its last quarter.
end=2025-12-31
quarter=2025-10,2025-11,2025-12
log() { echo "bench: $*" >&2; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }

{
  echo "{\"started\":\"$(date -u +%FT%TZ)\",\"loadavg_start\":\"$(cut -d' ' -f1-3 /proc/loadavg)\","
  echo "\"cpu\":\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')\",\"cores\":$(nproc),"
  echo "\"memory_kib\":$(awk '/MemTotal/ {print $2}' /proc/meminfo),\"kernel\":\"$(uname -r)\","
  echo "\"os\":\"$(. /etc/os-release && echo "$PRETTY_NAME")\",\"compiler\":\"$(g++ --version | head -1)\","
  echo "\"sqlite\":\"$(sqlite3 --version | cut -d' ' -f1)\",\"node\":\"$(node --version)\","
  echo "\"duckdb\":\"$(node -e "console.log(require('$root/tests/sql/node_modules/@duckdb/node-api/package.json').version)")\","
  echo "\"wrk_seconds\":$wrk_seconds,\"sqlite_timeout_s\":$sqlite_timeout,\"seed\":$seed,\"shape\":\"$shape\",\"end\":\"$end\",\"quarter\":\"$quarter\"}"
} >"$run_dir/machine.json"

# Samples the 1-minute load average every 10 s for the whole run.
(while sleep 10; do cut -d' ' -f1 /proc/loadavg; done) >"$run_dir/loadavg.txt" &
sampler=$!
server_pid=""
cleanup() {
  kill "$sampler" 2>/dev/null || true
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

for size in $sizes; do
  name=${size%%:*}
  accounts=${size#*:}
  n=$reps
  for r in $reps_for; do [[ ${r%%:*} == "$name" ]] && n=${r#*:}; done
  data="$work/data-$accounts-seed$seed$shape_dir"
  out="$run_dir/$name"
  mkdir -p "$out/flywheel"

  # Data set: generated once per size and seed (the generator is deterministic).
  gen_s=null
  gen_args="--accounts $accounts --seed $seed --end $end${shape_args[@]+ ${shape_args[*]}}"
  if [[ ! -f "$data/.complete" || "$(cat "$data/.complete")" != "$gen_args" ]]; then
    log "$name: generating $accounts accounts"
    rm -rf "$data"
    start=$(date +%s.%N)
    "$flywheel" demo-data --out "$data" --accounts "$accounts" --seed "$seed" --end "$end" ${shape_args[@]+"${shape_args[@]}"} \
      >"$out/demo-data.txt"
    gen_s=$(since "$start")
    echo "$gen_args" >"$data/.complete"
  fi
  csv_bytes=$(cat "$data"/*.csv | wc -c)

  # Segment of the slice: the settings' segment attribute, value of the first account.
  seg_by=$(sed -n 's/^segment_attribute *= *"\(.*\)"/\1/p' "$data/flywheel.toml" | head -1)
  seg_by=${seg_by:-segment}
  col=$(head -1 "$data/accounts.csv" | tr ',' '\n' | grep -nx "$seg_by" | cut -d: -f1)
  segment=$(sed -n 2p "$data/accounts.csv" | cut -d, -f"$col")

  # The workspace phase, first step: imports of the data set, each into a new workspace; the
  # last one is the workspace the engine and the server read below.
  log "$name: flywheel import ($n runs)"
  import_s=$(bash "$here/workspace_phase.sh" import "$flywheel" "$data" "$out/ws" "$n")

  # Flywheel: load (from the CSV files and, in turn, from the workspace), suite and slice, in
  # one process.
  log "$name: flywheel ($n runs)"
  "$bench" --data "$data" --reps "$n" --as-of "$end" --slice-as-of "$end" --segment-by "$seg_by" \
    --segment "$segment" --from 2025-01-01 --to "$end" --slice-from 2025-10-01 \
    --out-dir "$out/flywheel" --workspace "$out/ws" >"$out/flywheel.json"

  # The workspace phase, second step: every report from the workspace equals the CSV's, and
  # the server's start from the workspace.
  log "$name: flywheel serve --workspace"
  slice_query="period=quarter&segment_by=$seg_by&segment=$(printf %s "$segment" | sed 's/ /%20/g')&as_of=$end"
  ws_serve=$(bash "$here/workspace_phase.sh" serve "$flywheel" "$out/ws" "$out/flywheel" "$slice_query")
  ws_bytes=$(du -b "$out/ws/workspace.db" | cut -f1)

  # Equality 1: the CLI's JSON equals the suite's (same registry, separate process).
  # The reports tests/sql/compare.mjs reads, from the CLI, into $out/reports, and the emitted
  # SQL for DuckDB and SQLite.
  bash "$root/tests/sql/engine_outputs.sh" "$flywheel" "$data" "$end" "$out/reports" \
    duckdb "$out/duckdb.sql" sqlite "$out/sqlite.sql"
  cmp -s "$out/reports/revenue.json" "$out/flywheel/suite_revenue.json" ||
    { log "$name: flywheel_bench's revenue report differs from the CLI's"; exit 1; }
  cmp -s "$out/reports/pipeline.json" "$out/flywheel/suite_pipeline.json" ||
    { log "$name: flywheel_bench's pipeline report differs from the CLI's"; exit 1; }

  # DuckDB over the emitted SQL; equality 2: its views against the engine's reports.
  log "$name: duckdb ($n runs)"
  # One time limit for all of DuckDB's runs on this size; past it, the phases that finished
  # are kept (--progress) and the one running is recorded as not finished, like SQLite's.
  rc=0
  timeout "$duckdb_timeout" node "$here/duckdb_bench.mjs" "$data" "$out/duckdb.sql" --reps "$n" \
    --quarter "$quarter" --out "$out/duckdb_views.json" --progress "$out/duckdb_progress.txt" \
    >"$out/duckdb.json" || rc=$?
  if ((rc == 124)); then
    phase=load
    grep -q '^load_ms' "$out/duckdb_progress.txt" 2>/dev/null && phase=suite
    grep -q '^suite_ms' "$out/duckdb_progress.txt" 2>/dev/null && phase=slice
    list() { sed -n "s/^$1 //p" "$out/duckdb_progress.txt" 2>/dev/null | paste -sd, -; }
    echo "{\"status\":\"$phase did not finish within $duckdb_timeout s\",\"limit_s\":$duckdb_timeout,\"load_ms\":[$(list load_ms)],\"suite_ms\":[$(list suite_ms)],\"slice_ms\":[$(list slice_ms)],\"peak_rss_kib\":null,\"views\":[]}" >"$out/duckdb.json"
    log "$name: DuckDB: $phase did not finish within $duckdb_timeout s"
  elif ((rc != 0)); then
    log "$name: DuckDB failed (exit $rc)"; exit 1
  else
    node "$root/tests/sql/compare.mjs" "$out/duckdb_views.json" "$out/reports" \
      >"$out/duckdb_equal.txt" || { log "$name: DuckDB results differ from Flywheel's"; exit 1; }
  fi

  # SQLite, with a time limit per phase; equality 3 when it finished.
  log "$name: sqlite (limit ${sqlite_timeout} s per phase)"
  bash "$here/sqlite_bench.sh" "$data" "$out/sqlite.sql" "$out/sqlite" "$n" "$sqlite_timeout" "$quarter" >"$out/sqlite.json"
  if [[ -f "$out/sqlite/views.json" ]]; then
    node "$root/tests/sql/compare.mjs" "$out/sqlite/views.json" "$out/reports" \
      >"$out/sqlite_equal.txt" || { log "$name: SQLite results differ from Flywheel's"; exit 1; }
  fi

  # The server: one slice request (revenue, one segment, by quarter, as of the quarter's end).
  log "$name: flywheel serve + wrk ${wrk_seconds} s"
  start=$(date +%s.%N)
  "$flywheel" serve --data "$data" --port 0 --rate-limit 0 >"$out/serve.out" 2>"$out/serve.err" &
  server_pid=$!
  url=""
  for _ in $(seq 6000); do
    url=$(grep -o 'http://[^ ]*' "$out/serve.out" || true)
    [[ -n "$url" ]] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$url" ]] || { log "$name: the server did not start"; cat "$out/serve.err" >&2; exit 1; }
  serve_start_s=$(since "$start")
  slice_url="${url}api/revenue?period=quarter&segment_by=$seg_by&segment=$(printf %s "$segment" | sed 's/ /%20/g')&as_of=$end"
  curl -sf "$slice_url" >"$out/serve_slice.json"
  cmp -s "$out/serve_slice.json" "$out/flywheel/slice_revenue.json" ||
    { log "$name: the server's slice differs from flywheel_bench's"; exit 1; }
  wrk -t2 -c4 -d"${wrk_seconds}s" -s "$here/latency.lua" "$slice_url" >"$out/wrk.txt"
  serve_rss=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  latency=$(grep '^LATENCY' "$out/wrk.txt") || { log "$name: wrk printed no latencies"; exit 1; }
  field() { echo "$latency" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  [[ $(field non2xx) == 0 && $(field errors) == 0 ]] || { log "$name: errors under load: $latency"; exit 1; }

  cat >"$out/size.json" <<EOF
{"name":"$name","accounts":$accounts,"reps":$n,"csv_bytes":$csv_bytes,"generate_s":$gen_s,
 "segment_by":"$seg_by","segment":"$segment","loadavg":"$(cut -d' ' -f1-3 /proc/loadavg)",
 "duckdb_equal":$(if [[ -f "$out/duckdb_equal.txt" ]]; then node -e 'console.log(JSON.stringify(require("fs").readFileSync(process.argv[1],"utf8").trim()))' "$out/duckdb_equal.txt"; else echo null; fi),
 "sqlite_equal":$(if [[ -f "$out/sqlite_equal.txt" ]]; then node -e 'console.log(JSON.stringify(require("fs").readFileSync(process.argv[1],"utf8").trim()))' "$out/sqlite_equal.txt"; else echo null; fi),
 "workspace":{"import_s":[$import_s],"db_bytes":$ws_bytes,"serve":$ws_serve},
 "serve":{"start_s":$serve_start_s,"peak_rss_kib":$serve_rss,"wrk_seconds":$wrk_seconds,
   "p50_us":$(field p50_us),"p95_us":$(field p95_us),"p99_us":$(field p99_us),"requests":$(field requests)}}
EOF
  log "$name: done"
done

kill "$sampler" 2>/dev/null || true
echo "{\"finished\":\"$(date -u +%FT%TZ)\",\"loadavg_end\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >"$run_dir/end.json"
node "$here/report.mjs" "$run_dir" "$sizes" >"$results"
log "wrote $results"
