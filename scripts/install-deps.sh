#!/usr/bin/env bash
# Installs the Debian packages Flywheel needs to build and test, skipping those present.
# Safe to run repeatedly; needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  cmake g++ ninja-build pkg-config make
  libsqlite3-dev sqlite3
  libfmt-dev libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libfast-float-dev libicu-dev
  libeigen3-dev libnlopt-cxx-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost-dev zlib1g-dev libbrotli-dev libxlsxwriter-dev libxxhash-dev
  libcpp-httplib-dev wrk curl unzip time
  clang-format
)
# Node.js and npm build the dashboard (web/, embedded into the binary) and run the browser
# tests (tests/browser/) and the DuckDB SQL test (tests/sql/). A Node.js from another source
# ships its own npm, so each is only added when its command is missing.
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi
# Browser tests drive Debian's Chromium; the SQL tests start a private PostgreSQL server.
if [[ ! -x /usr/bin/chromium ]]; then packages+=(chromium); fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then packages+=(postgresql); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "flywheel: installing Debian packages: ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
