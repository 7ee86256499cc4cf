#!/usr/bin/env bash
# One command: install what is missing, build, run every test (no display needed: the UI
# tests render offscreen). Screenshots land in build/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j"$(nproc)"
