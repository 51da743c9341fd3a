#!/usr/bin/env bash
# Builds the dashboard into OUT_DIR (default web/dist): `npm ci` when node_modules is missing
# or older than package-lock.json, then `vite build`. Called by cmake/EmbedAssets.cmake.
# Several build folders may call it at once: the npm step holds a lock on web/.npm-ci.lock.
set -euo pipefail
web="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$web/dist}"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "flywheel: the dashboard build needs '$tool' (Node.js 18 or newer and npm)." >&2
    echo "flywheel: install it with 'bash scripts/install-deps.sh' (Debian packages nodejs and npm)." >&2
    exit 1
  fi
done
major="$(node -p 'process.versions.node.split(".")[0]')"
if ((major < 18)); then
  echo "flywheel: the dashboard build needs Node.js 18 or newer, found $(node --version)." >&2
  exit 1
fi

cd "$web"
(
  flock 9
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    echo "flywheel: npm ci in web/"
    npm ci --no-audit --no-fund --loglevel=error
    touch node_modules/.package-lock.json
  fi
) 9>"$web/.npm-ci.lock"

node node_modules/vite/bin/vite.js build --logLevel warn --outDir "$out" --emptyOutDir
