#!/bin/sh
# The ID card reader at the identify step, through the real serial code: the GA/T 467 emulator
# on a pty holds a card, the kiosk (headless) is told to use it with `kioskctl hardware
# set-reader`, and the scripts lay the card on, take the PIN and file a request
# (card_request.kscript), read points with the card alone and confirm an objection with the
# PIN (card_points.kscript), or refuse an expired card (card_expired.kscript).
#   card_identify.sh KIOSKCTL KIOSK EMULATOR FIXTURES SCRIPTS WORK_DIR SHOTS_DIR
set -eu
ctl=$1 kiosk=$2 emu=$3 fixtures=$4 scripts=$5 work=$6 shots=$7
rm -rf "$work" && mkdir -p "$work"
pid=""
cleanup() { [ -z "$pid" ] || kill "$pid" 2> /dev/null || true; }
trap cleanup EXIT
"$ctl" --data-dir "$work/kiosk" seed > /dev/null
"$ctl" --data-dir "$work/kiosk" hardware set-reader "$work/ttyUSB0" > /dev/null

run_with_card() {  # CARD.hex SCRIPT
  "$emu" --reader-link "$work/ttyUSB0" --card "$fixtures/$1" --seconds 120 > "$work/emu.out" &
  pid=$!
  for _ in $(seq 50); do grep -q ready "$work/emu.out" 2> /dev/null && break; sleep 0.1; done
  # The installer's check sees the card (masked).
  "$ctl" --data-dir "$work/kiosk" hardware check > "$work/check.txt" || true
  grep -q '^ID card reader: ready' "$work/check.txt" || { cat "$work/check.txt"; exit 1; }
  (cd "$shots" && env -u DISPLAY SDL_AUDIODRIVER=dummy "$kiosk" --headless --data-dir "$work/kiosk" \
    --fake-now 2026-11-23T10:00 --script "$scripts/$2")
  kill "$pid"; wait "$pid" || true
  pid=""
}
run_with_card wang_qiangxiang.hex card_request.kscript
grep -q 'card on the reader: 王\*祥' "$work/check.txt" || { cat "$work/check.txt"; exit 1; }
run_with_card wang_qiangxiang.hex card_points.kscript
run_with_card li_xinming_expired.hex card_expired.kscript
# The card's address and validity are not stored: nothing of them in the database.
! grep -aq '第二网格18号' "$work/kiosk/kiosk.db"
! grep -aq '20400315' "$work/kiosk/kiosk.db"
