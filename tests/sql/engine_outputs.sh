#!/usr/bin/env bash
# What the SQL comparisons need from Flywheel for one data set: the engine's reports that
# compare.mjs reads (revenue, cohorts nrr/grr/logo, pipeline, bowtie in cohort mode,
# efficiency; `--format json`) into REPORTS_DIR, and for each DIALECT SQL_FILE pair the script
# of `flywheel sql --dialect DIALECT`, with the value event of the data set's flywheel.toml.
# Used by run_engine_test.sh and bench/run.sh.
#   engine_outputs.sh FLYWHEEL_BINARY DATA_DIR AS_OF REPORTS_DIR [DIALECT SQL_FILE]...
set -euo pipefail
flywheel=$1 data=$2 as_of=$3 reports=$4
shift 4
mkdir -p "$reports"
for report in revenue cohorts pipeline efficiency; do
  "$flywheel" "$report" --data "$data" --as-of "$as_of" --format json >"$reports/$report.json"
done
"$flywheel" cohorts --data "$data" --as-of "$as_of" --metric grr --format json >"$reports/cohorts-grr.json"
"$flywheel" cohorts --data "$data" --as-of "$as_of" --metric logo --format json >"$reports/cohorts-logo.json"
"$flywheel" bowtie --data "$data" --as-of "$as_of" --mode cohort --format json >"$reports/bowtie.json"

# The value event ([value_event] metric and threshold) the SQL's time-to-value stage needs.
value_metric=$(sed -n 's/^metric = "\(.*\)"$/\1/p' "$data/flywheel.toml")
value_threshold=$(sed -n 's/^threshold = \(.*\)$/\1/p' "$data/flywheel.toml")
if (($#)) && [[ -z "$value_metric" || -z "$value_threshold" ]]; then
  echo "engine_outputs.sh: no [value_event] in $data/flywheel.toml" >&2
  exit 1
fi
while (($#)); do
  "$flywheel" sql --dialect "$1" --as-of "$as_of" --value-event-metric "$value_metric" \
    --value-event-threshold "$value_threshold" >"$2"
  shift 2
done
