#!/usr/bin/env bash
# The workspace phase of bench/run.sh (docs/PERFORMANCE.md), in two steps around the engine's
# run (flywheel_bench --workspace WS, which times the workspace load against the CSV load in
# turn and writes ws_suite_*.json beside suite_*.json):
#   workspace_phase.sh import FLYWHEEL DATA WS REPS
#       imports DATA into a new workspace WS, REPS times (each into an empty folder, as a
#       first import); prints the wall-clock seconds of each, comma-separated
#   workspace_phase.sh serve FLYWHEEL WS OUT_DIR SLICE_QUERY
#       checks that every ws_suite_*.json and ws_slice_*.json in OUT_DIR equals its
#       suite_/slice_ twin byte for byte, then starts `flywheel serve --workspace WS --port 0`
#       and times it until it listens and answers "loading" (listening_s), until it has loaded
#       the data and says "serving" (serve_start_s, as run.sh times the server on --data) and
#       until it has answered GET /api/revenue?SLICE_QUERY (first_answer_s), checks the
#       answer equals slice_revenue.json, and prints
#       {"listening_s":…,"serve_start_s":…,"first_answer_s":…,"reports_equal":N}
# Exits non-zero when a comparison fails.
set -euo pipefail
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }

case "${1:-}" in
  import)
    flywheel=$2 data=$3 ws=$4 reps=$5
    times=()
    for _ in $(seq "$reps"); do
      rm -rf "$ws"
      start=$(date +%s.%N)
      "$flywheel" import "$data" --workspace "$ws" --format csv >/dev/null
      times+=("$(since "$start")")
    done
    (IFS=,; echo "${times[*]}")
    ;;
  serve)
    flywheel=$2 ws=$3 out=$4 query=$5
    equal=0
    for f in "$out"/ws_suite_*.json "$out"/ws_slice_*.json; do
      twin="$out/${f#"$out"/ws_}"
      cmp -s "$f" "$twin" || { echo "workspace_phase: $(basename "$f") differs from $(basename "$twin")" >&2; exit 1; }
      equal=$((equal + 1))
    done
    ((equal > 0)) || { echo "workspace_phase: no ws_*.json in $out" >&2; exit 1; }
    start=$(date +%s.%N)
    "$flywheel" serve --workspace "$ws" --port 0 --rate-limit 0 >"$out/ws_serve.out" 2>"$out/ws_serve.err" &
    pid=$!
    trap 'kill "$pid" 2>/dev/null || true' EXIT
    url="" listening_s=""
    for _ in $(seq 6000); do
      if [[ -z "$listening_s" ]] && grep -q 'listening on' "$out/ws_serve.err"; then listening_s=$(since "$start"); fi
      url=$(grep -o 'http://[^ ]*' "$out/ws_serve.out" || true)
      [[ -n "$url" ]] && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.01
    done
    [[ -n "$url" ]] || { echo "workspace_phase: the server did not start" >&2; cat "$out/ws_serve.err" >&2; exit 1; }
    start_s=$(since "$start")
    curl -sf "${url}api/revenue?$query" >"$out/ws_serve_slice.json"
    answer_s=$(since "$start")
    cmp -s "$out/ws_serve_slice.json" "$out/slice_revenue.json" ||
      { echo "workspace_phase: the server's slice from the workspace differs" >&2; exit 1; }
    echo "{\"listening_s\":${listening_s:-null},\"serve_start_s\":$start_s,\"first_answer_s\":$answer_s,\"reports_equal\":$equal}"
    ;;
  *)
    echo "usage: workspace_phase.sh import FLYWHEEL DATA WS REPS | serve FLYWHEEL WS OUT_DIR SLICE_QUERY" >&2
    exit 2
    ;;
esac
