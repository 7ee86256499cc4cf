#!/usr/bin/env bash
# One command: install what is missing, build, start the kiosk (fullscreen, demo village
# created in ~/.local/share/village-kiosk on first start). Extra arguments go to the kiosk,
# e.g. scripts/run-kiosk.sh --windowed
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec "${BUILD_DIR:-build}/kiosk" "$@"
