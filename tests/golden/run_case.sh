#!/usr/bin/env bash
# Runs one golden case: CASE_DIR/cmd is a bash snippet, run in a fresh temporary folder
# with $FLYWHEEL (the binary), $CASE (the case folder) and $FIXTURES (tests/fixtures).
# Its stdout, stderr and exit code are compared with CASE_DIR/stdout, CASE_DIR/stderr and
# CASE_DIR/exit (0 when absent; a missing stdout/stderr file means "must be empty").
# UPDATE_GOLDEN=1 rewrites the expectations instead; review them by hand before committing.
set -u
case_dir=$(cd "$1" && pwd)
flywheel=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
fixtures=$(cd "$(dirname "$0")/../fixtures" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && FLYWHEEL="$flywheel" CASE="$case_dir" FIXTURES="$fixtures" bash "$case_dir/cmd") \
  >"$tmp/.stdout" 2>"$tmp/.stderr"
code=$?

if [[ "${UPDATE_GOLDEN:-0}" == "1" ]]; then
  if [[ -s "$tmp/.stdout" ]]; then cp "$tmp/.stdout" "$case_dir/stdout"; else rm -f "$case_dir/stdout"; fi
  if [[ -s "$tmp/.stderr" ]]; then cp "$tmp/.stderr" "$case_dir/stderr"; else rm -f "$case_dir/stderr"; fi
  if [[ $code -ne 0 ]]; then echo "$code" >"$case_dir/exit"; else rm -f "$case_dir/exit"; fi
  echo "updated $(basename "$case_dir")"
  exit 0
fi

fail=0
expected_code=0
[[ -f "$case_dir/exit" ]] && expected_code=$(cat "$case_dir/exit")
if [[ "$code" != "$expected_code" ]]; then
  echo "exit code: expected $expected_code, got $code"
  fail=1
fi
for stream in stdout stderr; do
  expected="$case_dir/$stream"
  [[ -f "$expected" ]] || expected=/dev/null
  if ! diff -u "$expected" "$tmp/.$stream" >"$tmp/.diff"; then
    echo "$stream differs from $(basename "$case_dir")/$stream:"
    head -60 "$tmp/.diff"
    fail=1
  fi
done
exit $fail
