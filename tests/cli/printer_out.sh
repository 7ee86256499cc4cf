#!/bin/sh
# An out-of-paper printer seen by the resident, by staff and by the township:
#  1. the ESC/POS emulator (paper out) on a pty becomes this kiosk's printer;
#  2. `kioskctl hardware check` says paper_out and exits 1;
#  3. the headless kiosk files a request whose print fails (printer_out.kscript);
#  4. `kioskctl sync` to a township server on 127.0.0.1 carries the heartbeat, and
#     `township-server stats --json` shows it with the paper_out alert.
#   printer_out.sh KIOSKCTL TOWNSHIP_SERVER KIOSK EMULATOR SCRIPT WORK_DIR SHOTS_DIR
set -eu
ctl=$1 town=$2 kiosk=$3 emu=$4 script=$5 work=$6 shots=$7
rm -rf "$work" && mkdir -p "$work"
pids=""
cleanup() { for p in $pids; do kill "$p" 2> /dev/null || true; done; }
trap cleanup EXIT
"$ctl" --data-dir "$work/kiosk" seed > /dev/null
"$emu" --printer-link "$work/lp0" --paper out --seconds 300 > "$work/emu.out" &
pids="$pids $!"
for _ in $(seq 50); do grep -q ready "$work/emu.out" 2> /dev/null && break; sleep 0.1; done
"$ctl" --data-dir "$work/kiosk" hardware set-printer "$work/lp0"
if "$ctl" --data-dir "$work/kiosk" hardware check > "$work/check.txt"; then
  echo "hardware check should fail with the printer out of paper"; cat "$work/check.txt"; exit 1
fi
grep -q '^receipt printer: paper_out' "$work/check.txt" || { cat "$work/check.txt"; exit 1; }
"$ctl" --data-dir "$work/kiosk" hardware check --json > "$work/check.json" || true
grep -q '"state": "paper_out"' "$work/check.json"

(cd "$shots" && env -u DISPLAY SDL_AUDIODRIVER=dummy "$kiosk" --headless --data-dir "$work/kiosk" \
  --fake-now 2026-11-23T10:00 --script "$script")

code=$("$town" --data-dir "$work/town" enroll --village 青山村)
"$town" --data-dir "$work/town" --listen 127.0.0.1:0 > "$work/town.out" 2> "$work/town.log" &
pids="$pids $!"
for _ in $(seq 50); do grep -q listening "$work/town.out" && break; sleep 0.1; done
url="http://$(sed -n 's/^listening //p' "$work/town.out")"
"$ctl" --data-dir "$work/kiosk" enroll --server "$url" --code "$code" > /dev/null
"$ctl" --data-dir "$work/kiosk" sync > /dev/null
"$town" --data-dir "$work/town" stats --json > "$work/stats.json"
python3 - "$work/stats.json" << 'PY'
import json, sys
s = json.load(open(sys.argv[1]))
k = s["kiosks"][0]
h = k["heartbeat"]
assert h is not None, s
assert h["printer"] == "paper_out", h
assert h["version"], h
assert h["free_disk_mb"] > 0 and h["db_size_kb"] > 0, h
assert h["crashes"] == 0, h  # the scripted run ended cleanly
assert "paper_out" in k["alerts"], k["alerts"]
assert {"device_id": k["device_id"], "village": "青山村", "alert": "paper_out"} in s["alerts"], s["alerts"]
assert "silent" not in k["alerts"], k["alerts"]
print("heartbeat seen:", h)
PY
# The history keeps every heartbeat: a second round adds one.
"$ctl" --data-dir "$work/kiosk" sync > /dev/null
"$town" --data-dir "$work/town" stats > "$work/stats.txt"
grep -q 'printer paper_out' "$work/stats.txt" && grep -q 'ALERT paper_out' "$work/stats.txt"
