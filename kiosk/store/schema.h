// The kiosk database schema as an ordered list of migrations.
#pragma once

#include <vector>

#include "platform/pii_cipher.h"
#include "sqlite/sqlite_db.h"

namespace vsk::store {

// Files older than this cannot be upgraded in place (none yet: every version upgrades).
inline constexpr int kOldestSupportedSchema = 1;

// Built per call: v5 encrypts ID and phone numbers with `cipher`, which must outlive the list.
std::vector<db::Migration> kiosk_migrations(const platform::PiiCipher& cipher);

int newest_schema_version();

// The first version that keeps ID and phone numbers encrypted: from here on the database is
// unreadable without its key file, so a missing key must never be replaced by a new one.
inline constexpr int kFirstEncryptedSchema = 5;

// From v5 on, settings[kPiiKeyCheckSetting] holds pii_key_check() of the key the file was
// encrypted with, so a wrong key file is refused at start instead of failing on first read.
inline constexpr const char* kPiiKeyCheckSetting = "pii.key_check";
std::string pii_key_check(const platform::PiiCipher& cipher);

// The version that adds the points system (ledger, notice, objections, shop).
inline constexpr int kPointsSchema = 6;
inline constexpr int kSyncSchema = 7;
inline constexpr int kErrorCodesSchema = 11;  // sync errors stored as codes, not Chinese text (10: roll11)
// 12 is unused: usb19's sync_history was numbered 12 on a branch merged after v13, and the
// migration runner skips versions <= the file's, so it became 14.
inline constexpr int kTrackLockoutSchema = 13;  // pickup-code lockout on disk
inline constexpr int kSyncHistorySchema = 14;  // a replaced kiosk's operations, kept by its successor (issue 19)
inline constexpr int kEventNotesSchema = 9;  // request event notes encrypted (after notices, v8)  // outbox, sync state, applied changes, conflicts

}  // namespace vsk::store
