#!/bin/sh
# A USB stick that is full or read-only (issue 19), through the real command lines: the
# "stick" is a tiny tmpfs in a private mount namespace (no root, nothing left mounted), as
# tests/ui/disk_full.sh does. Each write to it must fail with words that say why, leave no
# half-written file under the bundle's name, and lose nothing: the same exchange on a good
# stick afterwards goes through with every operation.
#   usb_stick.sh KIOSKCTL TOWNSHIP_SERVER WORK_DIR
# Exit 77 (ctest: skipped) where no mount namespace can be made.
set -eu
ctl=$1 town=$2 work=$3
. "$(dirname "$0")/../support/private_mount_ns.sh"

rm -rf "$work" && mkdir -p "$work/stick" "$work/good"
kiosk=$work/kiosk township=$work/township stick=$work/stick good=$work/good
fails() {  # fails WHAT EXPECTED_WORDS COMMAND...: must exit 1 and say EXPECTED_WORDS
  what=$1 words=$2; shift 2
  if "$@" > "$work/out" 2>&1; then echo "$what: succeeded on a bad stick"; cat "$work/out"; exit 1; fi
  cat "$work/out"
  grep -q "$words" "$work/out" || { echo "$what: the message does not say '$words'"; exit 1; }
}
nothing_on_stick() {
  if [ -n "$(ls -A "$stick")" ]; then echo "$1: left files on the stick:"; ls -la "$stick"; exit 1; fi
}
pending() { "$ctl" --data-dir "$kiosk" sync-status --json | sed -n 's/.*"pending": \([0-9]*\).*/\1/p'; }

"$ctl" --data-dir "$kiosk" seed > /dev/null
code=$("$town" --data-dir "$township" enroll --village 青山村)

# A read-only stick (write-protect switch): the enrollment request cannot be written.
mount -t tmpfs -o size=1m tmpfs "$stick"
mount -o remount,ro "$stick"
fails "request on a read-only stick" "read-only" "$ctl" --data-dir "$kiosk" enroll --usb "$stick/request.vsk" --code "$code"
nothing_on_stick "read-only request"
umount "$stick"

# Enrolled on a good stick.
"$ctl" --data-dir "$kiosk" enroll --usb "$good/request.vsk" --code "$code"
"$town" --data-dir "$township" import-bundle "$good/request.vsk" --reply "$good/reply.vsk"
"$ctl" --data-dir "$kiosk" import-bundle "$good/reply.vsk"
before=$(pending)
[ "$before" -gt 100 ] || { echo "expected the demo village's operations pending, got $before"; exit 1; }

# A full stick: the demo village's bundle (9 KB compressed) does not fit in 4 KiB.
mount -t tmpfs -o size=4k tmpfs "$stick"
fails "bundle on a full stick" "full" "$ctl" --data-dir "$kiosk" export-bundle "$stick/qs1.vsk"
nothing_on_stick "full stick"
[ "$(pending)" = "$before" ] || { echo "operations changed after a failed export"; exit 1; }
# The same stick read-only.
mount -o remount,ro "$stick"
fails "bundle on a read-only stick" "read-only" "$ctl" --data-dir "$kiosk" export-bundle "$stick/qs1.vsk"
nothing_on_stick "read-only stick"
mount -o remount,rw "$stick"

# The township's reply onto the full stick: refused in words; the township keeps what it took,
# and the next exchange still brings the kiosk its answer.
"$ctl" --data-dir "$kiosk" export-bundle "$good/qs1.vsk"
fails "reply on a full stick" "full" "$town" --data-dir "$township" import-bundle "$good/qs1.vsk" --reply "$stick/reply.vsk"
nothing_on_stick "full reply"
umount "$stick"
"$ctl" --data-dir "$kiosk" export-bundle "$good/qs1-again.vsk"
"$town" --data-dir "$township" import-bundle "$good/qs1-again.vsk" --reply "$good/qs1-reply.vsk"
"$ctl" --data-dir "$kiosk" import-bundle "$good/qs1-reply.vsk"
[ "$(pending)" = 0 ] || { echo "operations still pending after the good exchange: $(pending)"; exit 1; }
echo "usb_stick: ok"
