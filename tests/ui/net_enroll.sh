#!/bin/sh
# 连接乡镇 over the network on screen (issue 11 §5), end to end: the real township-server on
# 127.0.0.1 gives a one-time code; the kiosk's headless script types a wrong code, a bad
# address, then the right ones, and enrolls; its background sync then sends everything
# filed so far, seen by the township. Screenshots: build/screenshots/net_*.png.
#   net_enroll.sh KIOSK KIOSKCTL TOWNSHIP_SERVER SCRIPT_TEMPLATE WORK_DIR SHOTS_DIR
set -eu
kiosk=$1 ctl=$2 town=$3 template=$4 work=$5 shots=$6
rm -rf "$work" && mkdir -p "$work"
data=$work/data township=$work/township
"$ctl" --data-dir "$data" seed > /dev/null
code=$("$town" --data-dir "$township" enroll --village 青山村)
"$town" --data-dir "$township" --listen 127.0.0.1:0 > "$work/town.out" 2> "$work/town.log" &
town_pid=$!
trap 'kill $town_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q listening "$work/town.out" && break; sleep 0.1; done
address=$(sed -n 's/^listening //p' "$work/town.out")
[ -n "$address" ] || { echo "net_enroll: the township server did not start"; cat "$work/town.log"; exit 1; }
taps() { echo "$1" | sed 's/./tap usbkey.&\n/g' | sed '/^$/d'; }
taps "$code" > "$work/code"
taps 222222222222 > "$work/wrong"
for _ in $(seq 12); do echo "tap usbkey.back"; done > "$work/clear"
# The keyboard's 123 page: digits are keys key.N; "." and ":" sit in its third row (punct.2I).
echo "$address" | sed 's/./&\n/g' | sed '/^$/d' | sed -e 's/^\.$/tap punct.25/' -e 's/^:$/tap punct.22/' \
  -e 's/^[0-9]$/type &/' > "$work/address"
sed -e "/@WRONG_CODE@/r $work/wrong" -e "/@WRONG_CODE@/d" -e "/@CLEAR_CODE@/r $work/clear" -e "/@CLEAR_CODE@/d" \
    -e "/@TYPE_CODE@/r $work/code" -e "/@TYPE_CODE@/d" \
    -e "/@ADDRESS_TAPS@/r $work/address" -e "/@ADDRESS_TAPS@/d" -e "s|@ADDRESS@|$address|g" "$template" > "$work/net_enroll.kscript"
cd "$shots"
rm -f .net-synced net_*.png
env -u DISPLAY VSK_LOG=stderr "$kiosk" --headless --data-dir "$data" --fake-now 2026-11-23T10:00 \
  --script "$work/net_enroll.kscript" 2> "$work/kiosk.log" &
pid=$!
# The background round: the township logs the kiosk's push and then its pull.
for _ in $(seq 300); do grep -q "sync pull from" "$work/town.log" && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done
touch .net-synced
status=0; wait $pid || status=$?
rm -f .net-synced
[ "$status" -eq 0 ] || { echo "net_enroll: the kiosk script failed ($status)"; cat "$work/kiosk.log"; exit 1; }
grep -q "sync push from .*: 200" "$work/town.log" || { echo "net_enroll: no push reached the township"; cat "$work/town.log"; exit 1; }
echo "net_enroll: enrolled on screen with $address and synced"
