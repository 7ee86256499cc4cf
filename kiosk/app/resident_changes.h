// What 居民管理 changes on one resident (issue 11): phone, relation, the household's grid,
// 迁出 / 死亡 with a date (never deleted; points and requests stay) or back to active. Each
// change is one transaction with its audit entry (by internal id, never the ID number) and
// its outbox entry for the township (without ID or phone numbers).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/acting_staff.h"
#include "core/date.h"
#include "core/result.h"
#include "store/kiosk_store.h"

namespace vsk::app {

// The township's copy of a resident (outbox type residents.upserted); also used by the roll import.
void enqueue_resident(store::KioskStore& store, db::Transaction& tx, const store::ResidentRecord& r,
                      const std::string& household_no, const std::string& grid, std::int64_t now);

// Errors: resident.err.not_found, resident.err.phone (not a phone number).
core::Status set_resident_phone(store::KioskStore& store, std::int64_t resident_id, const std::string& phone,
                                const ActingStaff& who, std::int64_t now_unix);
// The relation to the head (户主 makes the resident the head; the former head becomes 其他 until
// corrected). Errors: resident.err.not_found, resident.err.relation.
core::Status set_resident_relation(store::KioskStore& store, std::int64_t resident_id, const std::string& relation,
                                   const ActingStaff& who, std::int64_t now_unix);
// The 网格 of the resident's household (every member moves with it).
core::Status set_household_grid(store::KioskStore& store, std::int64_t resident_id, std::int64_t grid_id,
                                const ActingStaff& who, std::int64_t now_unix);
// status: moved_out / deceased with `date` (not after today), or active (date ignored).
// Errors: resident.err.not_found, resident.err.status, resident.err.status_date.
core::Status set_resident_status(store::KioskStore& store, std::int64_t resident_id, const std::string& status,
                                 const std::string& date, const core::Date& today, const ActingStaff& who,
                                 std::int64_t now_unix);

// The active 户主 of a household other than resident `except`, if there is one.
std::optional<store::ResidentRecord> active_head_of(store::KioskStore& store, std::int64_t household_id,
                                                    std::int64_t except = 0);

// The relations offered on screen (与户主关系), 户主 first.
const std::vector<std::string>& resident_relations();

}  // namespace vsk::app
