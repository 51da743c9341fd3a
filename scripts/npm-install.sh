#!/usr/bin/env bash
# Installs the npm packages of one folder (web/, tests/browser/, tests/sql/) at the versions its
# package-lock.json pins, when node_modules is missing or older than the lock file.
#   scripts/npm-install.sh DIR
# Uses `npm install --no-save` rather than `npm ci`: packages such as @duckdb/node-bindings and
# rollup list one optional package per platform, and a registry that serves only this machine's
# platform yields a lock file that `npm ci` rejects as "out of sync" while `npm install` accepts
# it and still installs the pinned versions. Several build folders or tests may call this at
# once: the install holds a lock on DIR/.npm-ci.lock.
set -euo pipefail
dir="$(cd "$1" && pwd)"
for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 ||
    { echo "flywheel: '$tool' is missing; install it with 'bash scripts/install-deps.sh'." >&2; exit 1; }
done
(
  flock 9
  cd "$dir"
  stamp=node_modules/.package-lock.json
  if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
    echo "flywheel: npm install in ${dir##*/}/" >&2
    if ! npm install --no-save --no-audit --no-fund --loglevel=error >&2; then
      echo "flywheel: npm install failed in $dir" >&2
      exit 1
    fi
    touch "$stamp"
  fi
) 9>"$dir/.npm-ci.lock"
