#!/usr/bin/env bash
# One command: install what is missing, build, run the tests (no display needed: the UI
# tests render offscreen). Screenshots land in build/screenshots/.
#   bash scripts/test.sh                 every test; exactly what .ci/run runs
#   bash scripts/test.sh --fast          the developer loop: unit, in-process sync, CLI and
#                                        a UI smoke set (docs/BUILD.md, "Test tiers")
# Further arguments go to ctest: bash scripts/test.sh --fast -R Scheduler
set -euo pipefail
cd "$(dirname "$0")/.."
tier=(-j"$(nproc)")
if [ "${1:-}" = --fast ]; then
  shift
  tier+=(-L '^(unit|sync|fast)$')
fi
bash scripts/install-deps.sh
bash scripts/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure "${tier[@]}" "$@"
