#!/bin/sh
# The sync health screen as staff see it: an enrolled kiosk whose township went away (or,
# with COPY_HOST set, its data dir copied to another machine).
#   sync_screen.sh KIOSKCTL TOWNSHIP_SERVER KIOSK SCRIPT WORK_DIR SHOTS_DIR [KIOSK_OPTION...]
set -eu
ctl=$1 town=$2 kiosk=$3 script=$4 work=$5 shots=$6
shift 6
rm -rf "$work" && mkdir -p "$work"
"$ctl" --data-dir "$work/kiosk" seed > /dev/null
code=$("$town" --data-dir "$work/town" enroll --village 青山村)
"$town" --data-dir "$work/town" --listen 127.0.0.1:0 > "$work/town.out" 2> "$work/town.log" &
pid=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do grep -q listening "$work/town.out" && break; sleep 0.2; done
url="http://$(sed -n 's/^listening //p' "$work/town.out")"
"$ctl" --data-dir "$work/kiosk" enroll --server "$url" --code "$code"
kill "$pid"; wait "$pid" || true
# COPY_HOST: from here on this data dir runs on another machine (a copied disk).
if [ -n "${COPY_HOST:-}" ]; then export VSK_HOST_ID="$COPY_HOST"; fi
# The demo village's records wait to go up, and a failed round is on record.
if "$ctl" --data-dir "$work/kiosk" sync; then echo "sync should fail with the township down"; exit 1; fi
cd "$shots"
env -u DISPLAY "$kiosk" --headless --data-dir "$work/kiosk" --script "$script" "$@"
