#!/usr/bin/env bash
# Browser tests: tests/browser/run.sh FLYWHEEL_BINARY ARTIFACTS_DIR
# Installs playwright-core (scripts/npm-install.sh) when needed, then drives Debian's chromium against the
# real `flywheel serve` on generated demo data and against `flywheel report --html`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "browser tests: '$tool' is missing (bash scripts/install-deps.sh)" >&2; exit 1; }
done
chromium="${FLYWHEEL_CHROMIUM:-/usr/bin/chromium}"
[[ -x "$chromium" ]] || { echo "browser tests: $chromium is missing (bash scripts/install-deps.sh installs Debian's chromium)" >&2; exit 1; }
bash "$here/../../scripts/npm-install.sh" "$here"
exec node "$here/dashboard_test.mjs" "$1" "$2" "$chromium"
