#!/usr/bin/env bash
# Builds the dashboard into OUT_DIR (default web/dist): installs the pinned npm packages when
# node_modules is missing or older than package-lock.json (scripts/npm-install.sh), then
# a check that its modules import no cycle (check-imports.mjs), `vite build`, then the gzip and brotli form of each file (compress.mjs). Called by cmake/EmbedAssets.cmake.
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

bash "$web/../scripts/npm-install.sh" "$web"
cd "$web"

node "$web/check-imports.mjs"
node node_modules/vite/bin/vite.js build --logLevel warn --outDir "$out" --emptyOutDir
node "$web/compress.mjs" "$out"
