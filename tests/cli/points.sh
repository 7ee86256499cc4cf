#!/bin/sh
# kioskctl points balance / history / verify on a seeded data dir, and verify naming a
# tampered entry. Usage: points.sh KIOSKCTL DATA_DIR
set -eu
ctl="$1"
data="$2"
rm -rf "$data"
# `! cmd` does not stop a `set -e` script, so expected failures are checked explicitly.
fails() { if "$@"; then echo "expected to fail: $*"; exit 1; fi; }
"$ctl" --data-dir "$data" seed >/dev/null
resident=339901196402033751  # demo resident 王强祥

# balance by ID number: the resident and the household, masked ID, rank
"$ctl" --data-dir "$data" points balance "$resident" > "$data/balance.txt"
grep -q '^resident 王强祥 3399\*\*\*\*\*\*\*\*\*\*3751: final ' "$data/balance.txt"
grep -q 'rank [0-9]* of 300 in the village' "$data/balance.txt"
fails grep -q "$resident" "$data/balance.txt"
"$ctl" --data-dir "$data" points balance "$resident" --json > "$data/balance.json"
grep -q '"households": 300' "$data/balance.json"
household=$(sed -n 's/.*"household_id": \([0-9]*\).*/\1/p' "$data/balance.json")
# ...and by household id, the same household figures
"$ctl" --data-dir "$data" points balance "$household" | grep -q "^household $household: final "
# history: entries with their state, the open objection among them
"$ctl" --data-dir "$data" points history "$household" --json > "$data/history.json"
grep -q '"state": "objected"' "$data/history.json"
grep -q '"state": "in_notice"' "$data/history.json"
grep -q '"state": "final"' "$data/history.json"
"$ctl" --data-dir "$data" points history "$resident" | grep -q '参加村民会议'
# exports are audited
"$ctl" --data-dir "$data" audit list | grep ' export ' | grep -q "points:household:$household"
# unknown subject and bad usage
fails "$ctl" --data-dir "$data" points balance 999999 2>/dev/null
fails "$ctl" --data-dir "$data" points frobnicate 2>/dev/null

# verify: ok, then a changed delta is named and exits 1
"$ctl" --data-dir "$data" points verify | grep -q '^points ledger ok: [0-9]* entries'
"$ctl" --data-dir "$data" points verify --json | grep -q '"ok": true'
# Stocking the shop from the office PC: added, listed, audited; bad input refused.
"$ctl" --data-dir "$data" points goods add --zh 洗洁精 --en "Dish soap" --price 15 --stock 20 | grep -q 'added goods'
"$ctl" --data-dir "$data" points goods list --json | grep -q '"name_zh": "洗洁精"'
"$ctl" --data-dir "$data" audit list | grep -q 'points.goods_added'
fails "$ctl" --data-dir "$data" points goods add --zh 坏 --price 0 --stock 1
fails "$ctl" --data-dir "$data" points goods add --zh 坏 --price abc --stock 1
if command -v sqlite3 >/dev/null; then
  sqlite3 "$data/kiosk.db" "DROP TRIGGER points_ledger_append_only_u; UPDATE points_ledger SET delta = 500 WHERE seq = 7;"
  if "$ctl" --data-dir "$data" points verify > "$data/verify.txt"; then echo "verify passed a tampered ledger"; exit 1; fi
  grep -q 'BROKEN at entry 7 (altered)' "$data/verify.txt"
  fails "$ctl" --data-dir "$data" points verify --json > "$data/verify.json"
  grep -q '"bad_seq": 7' "$data/verify.json"
fi
echo "kioskctl points: ok"
