// 居民管理 between two rolls (issue 11 §2): a newborn or a resident who moved in is registered
// at the window, joining a household by its 户号 or starting a new one (then as its 户主, with
// the 网格 it belongs to); a resident moves to another household (分户: a new 户号, 合户: an
// existing one). Each is one transaction with its audit entry (internal ids, never the ID
// number) and its outbox entry for the township, as the roll import writes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/acting_staff.h"
#include "core/result.h"
#include "store/kiosk_store.h"

namespace vsk::app {

inline constexpr std::size_t kMaxHouseholdNoChars = 20;
inline constexpr std::size_t kMaxResidentNameChars = 20;

struct NewResident {
  std::string id_number;  // as typed: normalized and checked here; sex and birth date come from it
  std::string name;
  std::string household_no;  // an existing 户号 joins that household; a new one starts a household
  std::string relation;      // 与户主关系 (app::resident_relations); 户主 for a new household
  std::optional<std::int64_t> grid_id;  // a new household's 网格
  std::string phone;                    // optional
};

// The new resident's id. Errors: residents.err.id, resident.err.exists (name), resident.err.name,
// resident.err.household_no, resident.err.relation, resident.err.two_heads (name),
// resident.err.new_household_head, resident.err.grid_needed, resident.err.phone.
core::Result<std::int64_t> register_resident(store::KioskStore& store, const NewResident& r, const ActingStaff& who,
                                             std::int64_t now_unix);

// 分户 / 合户: the resident joins household `household_no` (created, in the resident's 网格 and
// at the same address, when it is new: the resident then heads it) as `relation`. A 户主 with
// others still at home hands the role on first. Errors: resident.err.not_found,
// resident.err.household_no, resident.err.same_household, resident.err.relation,
// resident.err.two_heads, resident.err.new_household_head, resident.err.head_leaves.
core::Status move_resident(store::KioskStore& store, std::int64_t resident_id, const std::string& household_no,
                           const std::string& relation, const ActingStaff& who, std::int64_t now_unix);

// The typed number normalized, if it can be a new resident's: 18 valid digits nobody holds.
// Errors: residents.err.id, resident.err.exists (name). The form checks it as it is typed.
core::Result<std::string> new_resident_id_number(store::KioskStore& store, const std::string& typed);

// Whether `no` can be a 户号: 1-20 printable characters, no spaces.
bool valid_household_no(const std::string& no);

}  // namespace vsk::app
