#!/bin/sh
# Dry run and import of an N-resident roll (.xlsx written by openpyxl) into a fresh village,
# wall time and peak RSS from GNU time. Usage: bench/roll_import.sh BUILD_DIR [N=5000]
set -eu
build="$1"
n="${2:-5000}"
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/../tests/fixtures/roll/make_fixtures.py" --big "$n" "$tmp/roll.xlsx"
"$build/kioskctl" --data-dir "$tmp/v" init --village 青山村 > /dev/null
measure() {
  /usr/bin/time -f "%e s wall, %M KiB peak RSS" "$build/kioskctl" --data-dir "$tmp/v" "$@" 2>&1 > "$tmp/out.txt" | tail -1
  grep '^new ' "$tmp/out.txt"
}
echo "dry run:";  measure residents import "$tmp/roll.xlsx" --create-grids --dry-run
echo "import:";   measure residents import "$tmp/roll.xlsx" --create-grids
echo "re-import:"; measure residents import "$tmp/roll.xlsx"
