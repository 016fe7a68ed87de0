#!/usr/bin/env bash
# Installs the Debian packages and npm modules the build and the tests need.
# Safe to run repeatedly: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev libboost-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql
  nlohmann-json3-dev libpugixml-dev libsodium-dev libspdlog-dev libcli11-dev
  libxlsxwriter-dev zlib1g-dev libzxcvbn-dev libgtest-dev libgmock-dev
  libjemalloc-dev libcurl4-openssl-dev libstemmer-dev libcjose-dev
  chromium poppler-utils curl python3-icalendar python3-aiosmtpd
  libxmlsec1-dev xmlsec1 python3-pysaml2
  nginx openssl
)
# Node.js and npm may come from another source than Debian (the machine image ships them);
# Debian's npm package conflicts with those, so only install them when absent.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [ "${1:-}" = "--with-bench" ]; then packages+=(wrk); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ -f package.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error
  fi
fi
