#!/bin/sh
# The on-screen USB enrollment and exchange (issue 19), end to end: the kiosk runs a headless
# script on 同步状态 while this harness plays the stick and the township. The "stick" is a
# small tmpfs in a private mount namespace (no root, nothing left mounted; as
# tests/ui/disk_full.sh), so the script also meets it read-only and full. The township is
# the real township-server command line. Screenshots: build/screenshots/usb_*.png.
#   usb_enroll.sh KIOSK KIOSKCTL TOWNSHIP_SERVER SCRIPT_TEMPLATE WORK_DIR SHOTS_DIR
# Exit 77 (ctest: skipped) where no mount namespace can be made.
set -eu
kiosk=$1 ctl=$2 town=$3 template=$4 work=$5 shots=$6
. "$(dirname "$0")/../support/private_mount_ns.sh"

rm -rf "$work" && mkdir -p "$work"
data=$work/data stick=$work/stick township=$work/township other=$work/other
"$ctl" --data-dir "$data" seed > /dev/null
"$town" --data-dir "$township" publish-notice --village 青山村 --title 冬季防火通知 --body 请各户检查电线。 > /dev/null
code=$("$town" --data-dir "$township" enroll --village 青山村)
# The script types the code key by key.
echo "$code" | sed 's/./tap usbkey.&\n/g' | sed '/^$/d' > "$work/taps"
sed -e "/@TYPE_CODE@/r $work/taps" -e "/@TYPE_CODE@/d" "$template" > "$work/usb_enroll.kscript"

cd "$shots"
rm -f .stick-in .wrong-reply .reply-ready .answer-ready .read-only .full usb_*.png
env -u DISPLAY VSK_LOG=stderr "$kiosk" --headless --data-dir "$data" --usb-dir "$stick" --fake-now 2026-11-23T10:00 \
  --script "$work/usb_enroll.kscript" 2> "$work/kiosk.log" &
pid=$!
wait_for() {  # a file the kiosk writes (a screenshot before it waits, or a file on the stick)
  for _ in $(seq 1 600); do [ -f "$1" ] && return 0; kill -0 "$pid" 2>/dev/null || return 1; sleep 0.1; done
  return 1
}
fail() { echo "usb_enroll: $1"; cat "$work/kiosk.log"; kill "$pid" 2>/dev/null || true; exit 1; }

wait_for usb_no_stick.png || fail "the kiosk did not say the stick is missing"
mkdir -p "$stick" && mount -t tmpfs -o size=4m tmpfs "$stick"
touch .stick-in
wait_for "$stick/QS1-enroll.vsk" || fail "no enrollment request on the stick"
# Another kiosk's enrollment reply on the stick: the kiosk must refuse it and say why.
"$ctl" --data-dir "$other" seed > /dev/null
"$ctl" --data-dir "$other" enroll --usb "$work/other-request.vsk" --code "$("$town" --data-dir "$township" enroll --village 青山村)" > /dev/null
"$town" --data-dir "$township" import-bundle "$work/other-request.vsk" --reply "$stick/other-enrolled.vsk" > /dev/null
touch .wrong-reply
wait_for usb_wrong_file.png || fail "the kiosk did not refuse another kiosk's reply"
rm "$stick/other-enrolled.vsk"
"$town" --data-dir "$township" import-bundle "$stick/QS1-enroll.vsk" --reply "$stick/QS1-enrolled.vsk"
touch .reply-ready
wait_for "$stick/QS1-to-township.vsk" || fail "no bundle on the stick after 导出U盘数据"
"$town" --data-dir "$township" import-bundle "$stick/QS1-to-township.vsk" --reply "$stick/QS1-from-township.vsk"
touch .answer-ready
wait_for usb_imported.png || fail "the kiosk did not import the township's answer"
rm -f "$stick"/*.vsk
mount -o remount,ro "$stick"
touch .read-only
wait_for usb_read_only.png || fail "the kiosk did not say the stick is read-only"
umount "$stick" && mount -t tmpfs -o size=4k tmpfs "$stick"
# Full to the last byte: not even an empty bundle fits.
dd if=/dev/zero of="$stick/filler" bs=1k count=4 2> /dev/null || true
touch .full
status=0; wait "$pid" || status=$?
rm -f .stick-in .wrong-reply .reply-ready .answer-ready .read-only .full
[ "$status" -eq 0 ] || fail "the kiosk script failed ($status)"
# Nothing half-written under a bundle's name, and the township holds the village's operations.
[ -z "$(ls -A "$stick" | grep -v '^filler$')" ] || fail "something was left on the full stick: $(ls -A "$stick")"
"$town" --data-dir "$township" stats | grep -q "青山村" || fail "the township does not know the kiosk"
echo "usb_enroll: ok"
