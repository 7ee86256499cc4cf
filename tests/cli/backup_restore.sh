#!/bin/sh
# kioskctl backup / restore end to end on a seeded data dir, plus the start-up recovery as
# kioskctl sees it. Usage: backup_restore.sh KIOSKCTL DATA_DIR
set -eu
ctl="$1"
data="$2"
rm -rf "$data"
"$ctl" --data-dir "$data" seed >/dev/null

# Zeroes 40 pages from page 20 of a database file (damage SQLite's quick_check finds).
damage() { dd if=/dev/zero of="$1" bs=4096 seek=20 count=40 conv=notrunc 2>/dev/null; }

# backup prints the path of a checked file under DATA_DIR/backups
backup=$("$ctl" --data-dir "$data" backup)
case "$backup" in "$data"/backups/kiosk-*.db) ;; *) echo "unexpected backup path: $backup"; exit 1 ;; esac
test -f "$backup"

# restore without a file: the newest good backup; the old file is kept aside
"$ctl" --data-dir "$data" restore
ls "$data" | grep -q '^kiosk\.db\.damaged-'
"$ctl" --data-dir "$data" db check
"$ctl" --data-dir "$data" requests list | grep -q 'QS1-'

# a damaged backup is refused with a message, exit 1, and the live file is untouched
cp "$backup" "$data/bad.db"
damage "$data/bad.db"
before=$(ls "$data" | grep -c '^kiosk\.db\.damaged-')
if "$ctl" --data-dir "$data" restore "$data/bad.db" 2>"$data/refused.txt"; then
  echo "restore accepted a damaged backup"; exit 1
fi
grep -q 'refusing to restore' "$data/refused.txt"
test "$(ls "$data" | grep -c '^kiosk\.db\.damaged-')" -eq "$before"
if "$ctl" --data-dir "$data" restore "$data/no-such.db" 2>/dev/null; then echo "restored a missing file"; exit 1; fi

# a damaged live database: db check says so; the next command recovers it from the backup
damage "$data/kiosk.db"
if "$ctl" --data-dir "$data" db check >/dev/null 2>&1; then echo "db check missed the damage"; exit 1; fi
"$ctl" --data-dir "$data" requests list 2>"$data/recovery.txt" | grep -q 'QS1-'
grep -q 'restored from' "$data/recovery.txt"
"$ctl" --data-dir "$data" db check
echo "backup/restore ok"
