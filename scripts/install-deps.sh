#!/usr/bin/env bash
# Installs the Debian 12 packages the kiosk needs to build, run and test, if missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libsdl2-dev libimgui-dev libstb-dev libwayland-dev
  libsqlite3-dev libsodium-dev nlohmann-json3-dev libqrencode-dev libsystemd-dev
  libespeak-ng-dev espeak-ng-data librime-dev rime-data-luna-pinyin
  rime-data-terra-pinyin  # toned pinyin for speech (espeak-ng's Mandarin voice lacks most characters)
  libcpp-httplib-dev libzstd-dev libcurl4-openssl-dev clang libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  zlib1g-dev  # tests send gzip bodies to the township server
  libpq-dev postgresql-15  # the township server on PostgreSQL; tests start throwaway clusters
  pgbackrest  # point-in-time recovery of a township on PostgreSQL (tests/sync/pgbackrest_test.cpp)
  fonts-wqy-microhei
  libzip-dev libpugixml-dev libfreexl-dev libxlsxwriter-dev  # village rolls in and ledgers out (issue 11)
  python3-openpyxl python3-xlwt  # tests: roll fixtures written and exports read by other programs
  libkainjow-mustache-dev libjs-chart.js  # the township web dashboard: templates, charts
  chromium chromium-driver python3-selenium  # its browser tests (headless, no browser download)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
