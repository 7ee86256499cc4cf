// Whether a backup file can be trusted for a restore. A backup that SQLite's quick_check
// accepts may still be damaged: of 46 bit-damaged backups, 24 passed it, and some of those
// then failed `db check`, `audit verify` or `points verify` after the restore. So each backup
// carries a checksum written beside it (`kiosk-....db.b2`, BLAKE2b-256 of the whole file), and
// the check also runs the full integrity_check and walks the audit and points hash chains.
#pragma once

#include <string>

namespace vsk::app {

// DATA_DIR/backups/kiosk-....db -> kiosk-....db.b2
std::string backup_checksum_path(const std::string& backup_path);

// Writes the checksum file of a finished backup (tmp, fsync, rename). Throws on failure.
void write_backup_checksum(const std::string& backup_path);

// "" when the backup is fine to restore, else why not, in words: the checksum differs (the file
// changed after it was written), integrity_check's finding, a broken audit or points chain,
// not a kiosk database, cannot be opened. A backup without a checksum file (older versions,
// or killed between the two files) is judged by the other checks alone.
std::string check_backup(const std::string& path);

}  // namespace vsk::app
