#!/bin/sh
# Day one of a real village with kioskctl: init, the roll's dry run and import (refused without
# --create-grids, then in), a re-import that changes nothing, the problem report as .xlsx read
# back by openpyxl, a resident PIN, staff accounts.
# Usage: roll.sh KIOSKCTL DATA_DIR FIXTURES_DIR
set -eu
ctl="$1"
data="$2"
fx="$3"
rm -rf "$data"
mkdir -p "$data"
fails() { if "$@"; then echo "expected to fail: $*"; exit 1; fi; }
# No village yet: refused, nothing made up.
fails "$ctl" --data-dir "$data" residents import "$fx/roll_clean.xlsx" --create-grids 2> "$data/none.txt"
grep -q 'holds no village yet' "$data/none.txt"
"$ctl" --data-dir "$data" init --village 青山村 --township 白云镇 --kiosk-code QS1 > /dev/null

# The traps: a dry run that would be refused, every problem by row and column, in English.
fails "$ctl" --data-dir "$data" residents import "$fx/roll_traps.xlsx" --dry-run --create-grids \
  --report "$data/problems.xlsx" > "$data/dry.txt"
cat "$data/dry.txt"
grep -q '^roll_traps.xlsx: sheet 村民花名册, header on row 3, 12 data rows$' "$data/dry.txt"
grep -q '^new 4, changed 0, unchanged 0, errors 7, warnings 2, skipped rows 8$' "$data/dry.txt"
grep -q '^row 5, 公民身份号码\*: The ID number is in a number cell, so Excel has already lost its last digits' "$data/dry.txt"
grep -q '^row 8, 公民身份号码\*: The same person as row 4$' "$data/dry.txt"
grep -q '^warning: row 12, 性别: The ID number says 男' "$data/dry.txt"
grep -q '^dry run: nothing changed; the import would be refused' "$data/dry.txt"
# The report for the clerk, in Chinese, as Excel would open it.
/usr/bin/python3 - "$data/problems.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
assert ws["A1"].value == "花名册导入检查结果", ws["A1"].value
assert [c.value for c in ws[2]] == ["行号", "列", "类别", "问题"], [c.value for c in ws[2]]
assert ws["A3"].value == 5 and ws["B3"].value == "公民身份号码*" and ws["C3"].value == "错误", [c.value for c in ws[3]]
assert "设置为文本" in ws["D3"].value, ws["D3"].value
assert ws.freeze_panes == "A3", ws.freeze_panes
assert ws.cell(ws.max_row, 1).value == "合计"
PY
"$ctl" --data-dir "$data" residents list | grep -c . | grep -qx 0 || { echo "dry run changed residents"; exit 1; }

# The clean roll: refused without --create-grids, then imported; the same file again changes nothing.
fails "$ctl" --data-dir "$data" residents import "$fx/roll_clean.xlsx" > "$data/refused.txt"
grep -q '^row 2, 网格: The village has no grid "第1网格"' "$data/refused.txt"
grep -q '^refused: nothing changed' "$data/refused.txt"
"$ctl" --data-dir "$data" residents import "$fx/roll_clean.xlsx" --create-grids | grep -q '^new 12, changed 0, unchanged 0, errors 0'
"$ctl" --data-dir "$data" residents import "$fx/roll_gb18030.csv" | grep -q '^new 0, changed 0, unchanged 12, errors 0'
"$ctl" --data-dir "$data" residents list | grep -c 3301 | grep -qx 12
"$ctl" --data-dir "$data" audit list | grep -q 'residents.import .*roll_clean.xlsx'
# Round trip: the exported roll re-imports with nothing changed, as .xlsx and as CSV.
"$ctl" --data-dir "$data" export roll "$data/exported.xlsx" | grep -q '^wrote .*: 12 rows'
"$ctl" --data-dir "$data" export roll "$data/exported.csv" > /dev/null
"$ctl" --data-dir "$data" residents import "$data/exported.xlsx" | grep -q '^new 0, changed 0, unchanged 12, errors 0, warnings 0'
"$ctl" --data-dir "$data" residents import "$data/exported.csv" | grep -q '^new 0, changed 0, unchanged 12, errors 0, warnings 0'

# A resident's PIN typed twice; a trivial one refused.
printf '123456\n123456\n' | fails "$ctl" --data-dir "$data" residents pin set 330182196003150017 2> "$data/weak.txt"
grep -q 'too easy' "$data/weak.txt"
printf '258036\n258036\n' | "$ctl" --data-dir "$data" residents pin set 330182196003150017 | grep -q 'PIN set'
"$ctl" --data-dir "$data" residents list --json | grep -q '"pin_set": true'

# Staff: add, list, reset, disable; the last admin stays.
"$ctl" --data-dir "$data" staff add --no 0002 --name 王会计 --role clerk | grep -q 'added staff 0002'
"$ctl" --data-dir "$data" staff add --no 0003 --name 刘网格 --role grid_worker --grid 第1网格 > /dev/null
fails "$ctl" --data-dir "$data" staff add --no 0004 --name 赵网格 --role grid_worker 2> /dev/null
fails "$ctl" --data-dir "$data" staff disable 0001 2> "$data/last.txt"
grep -q 'last active admin' "$data/last.txt"
"$ctl" --data-dir "$data" staff disable 0002 > /dev/null
"$ctl" --data-dir "$data" staff reset-pin 0003 > /dev/null
"$ctl" --data-dir "$data" staff list > "$data/staff.txt"
cat "$data/staff.txt"
grep -q '^0002  王会计 .*(disabled)$' "$data/staff.txt"
grep -q '^0003  刘网格 .*grid_worker  第1网格 .*PIN chooses at next login$' "$data/staff.txt"
"$ctl" --data-dir "$data" audit verify > /dev/null
echo "roll.sh: ok"
