#!/usr/bin/env bash
# One engine test: generates a demo data set, runs `flywheel sql --dialect ENGINE` on
# ENGINE (duckdb or postgres), and compares its views with the engine's revenue, cohorts,
# pipeline, bowtie and efficiency reports (compare.mjs). Exits non-zero on any difference or when the engine
# cannot run.
#   run_engine_test.sh FLYWHEEL_BINARY duckdb|postgres
set -euo pipefail
flywheel=$1
engine=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/flywheel_sql_${engine}.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
as_of=2025-12-31

"$flywheel" demo-data --out "$tmp/data" --accounts 1500 --end "$as_of" >/dev/null
bash "$here/engine_outputs.sh" "$flywheel" "$tmp/data" "$as_of" "$tmp" "$engine" "$tmp/metrics.sql"
case "$engine" in
  duckdb)
    bash "$here/../../scripts/npm-install.sh" "$here" ||
      { echo "run_engine_test.sh: @duckdb/node-api could not be installed" >&2; exit 1; }
    node "$here/run_duckdb.mjs" "$tmp/data" "$tmp/metrics.sql" >"$tmp/results.json" ;;
  postgres)
    bash "$here/run_postgres.sh" "$tmp/data" "$tmp/metrics.sql" >"$tmp/results.json" ;;
  *) echo "unknown engine $engine" >&2; exit 2 ;;
esac
node "$here/compare.mjs" "$tmp/results.json" "$tmp"
