#!/usr/bin/env bash
# The demo: generate the built-in demo company and run the main reports on it.
# Usage: scripts/demo.sh BUILD/flywheel DEMO_DIR
set -euo pipefail
flywheel=$1
demo=$2

run() {
  echo
  echo "\$ flywheel $*"
  "$flywheel" "$@"
}

run demo-data --out "$demo" --accounts 2000 --seed 7
run check --data "$demo"
run revenue --data "$demo" --period quarter
run revenue --data "$demo" --period quarter --segment-by segment --segment Logistics
run cohorts --data "$demo" --metric nrr --period quarter
for cmd in pipeline bowtie efficiency flywheel; do
  if "$flywheel" --help | grep -qE "^  $cmd( |$)"; then
    run "$cmd" --data "$demo" --period quarter
  fi
done
echo
echo "Demo data set: $demo/ — try: $flywheel revenue --data $demo --format json"
