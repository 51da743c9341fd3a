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
run pipeline --data "$demo" --period quarter
run bowtie --data "$demo" --mode cohort --period quarter
run efficiency --data "$demo" --period quarter
run flywheel --data "$demo" --period quarter --segment-by segment
run customers --data "$demo" --class ideal
run report --data "$demo" --html "$demo/gtm.html" --xlsx "$demo/gtm.xlsx"
echo
echo "Board pack written to $demo/gtm.html and $demo/gtm.xlsx."
echo "Open the dashboard on the demo data with:"
echo "  $flywheel serve --data $demo --port 8080    # then open http://127.0.0.1:8080"
