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
# The value event of the demo's flywheel.toml ([value_event] metric and threshold).
value_metric=$(sed -n 's/^metric = "\(.*\)"$/\1/p' "$tmp/data/flywheel.toml")
value_threshold=$(sed -n 's/^threshold = \(.*\)$/\1/p' "$tmp/data/flywheel.toml")
[[ -n "$value_metric" && -n "$value_threshold" ]] ||
  { echo "run_engine_test.sh: no [value_event] in the demo flywheel.toml" >&2; exit 1; }
"$flywheel" sql --dialect "$engine" --as-of "$as_of" --value-event-metric "$value_metric" \
  --value-event-threshold "$value_threshold" >"$tmp/metrics.sql"
for report in revenue cohorts pipeline efficiency; do
  "$flywheel" "$report" --data "$tmp/data" --as-of "$as_of" --format json >"$tmp/$report.json"
done
"$flywheel" cohorts --data "$tmp/data" --as-of "$as_of" --metric grr --format json >"$tmp/cohorts-grr.json"
"$flywheel" cohorts --data "$tmp/data" --as-of "$as_of" --metric logo --format json >"$tmp/cohorts-logo.json"
"$flywheel" bowtie --data "$tmp/data" --as-of "$as_of" --mode cohort --format json >"$tmp/bowtie.json"
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
