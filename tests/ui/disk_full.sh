#!/bin/sh
# Full disk at the kiosk, end to end (issue 17): the data directory lives on a small tmpfs of
# its own (a private mount namespace, so no root and nothing left mounted). The kiosk runs a
# headless script; when the script says so, the harness fills the file system to the last
# byte, and later frees it. In between, a staff login, a wrong PIN, a points claim, a notice
# opinion and a resident's submit must each show the translated storage error with the kiosk
# still running; once space is back the same submit files the request. Then the database must
# be whole: integrity, audit chain, points chain, exactly one new request.
#   disk_full.sh KIOSK KIOSKCTL SCRIPT WORK_DIR SHOTS_DIR
# Exit 77 (ctest: skipped) where no mount namespace can be made.
set -eu
kiosk=$1 ctl=$2 script=$3 work=$4 shots=$5
if [ -z "${VSK_DISK_FULL_NS:-}" ]; then
  if ! unshare --user --map-root-user --mount true 2>/dev/null; then
    echo "disk_full: no user+mount namespace here; skipped (the app-level test covers the logic)"
    exit 77
  fi
  VSK_DISK_FULL_NS=1 exec unshare --user --map-root-user --mount sh "$0" "$@"
fi

rm -rf "$work" && mkdir -p "$work/mnt"
mount -t tmpfs -o size=128m tmpfs "$work/mnt"
data=$work/mnt/data
cd "$shots"
# First start, with room: the demo village is seeded on the script clock and the pinyin
# dictionaries are compiled, so the real run below writes only what residents and staff do.
echo "expect 办事申请" > "$work/first_start.kscript"
env -u DISPLAY "$kiosk" --headless --data-dir "$data" --fake-now 2026-11-23T10:00 --script "$work/first_start.kscript" \
  2> "$work/first_start.log"
before=$("$ctl" --data-dir "$data" requests list | wc -l)
rm -f .disk-full .space-back disk_full_before.png disk_full_all.png

env -u DISPLAY VSK_LOG=stderr "$kiosk" --headless --data-dir "$data" --fake-now 2026-11-23T10:00 --script "$script" \
  2> "$work/kiosk.log" &
pid=$!
wait_for() {  # a screenshot the script takes right before it waits for us
  for _ in $(seq 1 600); do [ -f "$1" ] && return 0; kill -0 "$pid" 2>/dev/null || return 1; sleep 0.1; done
  return 1
}
wait_for disk_full_before.png || { echo "kiosk did not reach the form"; cat "$work/kiosk.log"; exit 1; }
# Fill every last block (dd stops at ENOSPC); then the small files the tmpfs still takes.
dd if=/dev/zero of="$work/mnt/filler" bs=64k 2> /dev/null || true
i=0; while dd if=/dev/zero of="$work/mnt/small$i" bs=512 count=1 2> /dev/null; do i=$((i + 1)); done
touch .disk-full
wait_for disk_full_all.png || { echo "kiosk died with the disk full"; cat "$work/kiosk.log"; exit 1; }
kill -0 "$pid"  # still running
# kioskctl on the full disk says it in words (`residents list` writes an export audit row).
if "$ctl" --data-dir "$data" residents list > /dev/null 2> "$work/ctl.err"; then
  echo "kioskctl wrote on a full disk?"; exit 1
fi
cat "$work/ctl.err"
grep -q "the data disk is full" "$work/ctl.err"
rm -f "$work/mnt/filler" "$work/mnt"/small*
touch .space-back
status=0; wait "$pid" || status=$?
rm -f .disk-full .space-back
if [ "$status" -ne 0 ]; then echo "kiosk script failed ($status)"; cat "$work/kiosk.log"; exit 1; fi

# What was logged: the storage errors, in English, with their codes.
grep -q "error: storage: action failed, storage.full" "$work/kiosk.log" || { cat "$work/kiosk.log"; exit 1; }
# Nothing half-written, and exactly the one request filed after space came back.
"$ctl" --data-dir "$data" db check
"$ctl" --data-dir "$data" audit verify
"$ctl" --data-dir "$data" points verify
after=$("$ctl" --data-dir "$data" requests list | wc -l)
[ "$after" -eq $((before + 1)) ] || { echo "expected one new request: $before -> $after"; exit 1; }
"$ctl" --data-dir "$data" requests show QS1-1123-001 | grep -q submitted

echo "disk_full: ok"
