#include "app/resident_register.h"

#include <algorithm>

#include "app/resident_changes.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/text_limits.h"
#include "residents/roll_fields.h"
#include "residents/roll_parser.h"
#include "store/household_store.h"

namespace vsk::app {
namespace {

bool known_relation(const std::string& relation) {
  const auto& known = resident_relations();
  return std::find(known.begin(), known.end(), relation) != known.end();
}

// Where the resident goes: an existing household (checked for a second 户主) or a new one,
// which only a 户主 can start. Nothing is written here.
core::Status check_household(store::KioskStore& store, const std::optional<store::HouseholdRecord>& household,
                             const std::string& relation, std::int64_t except) {
  if (!known_relation(relation)) return core::Message("resident.err.relation");
  const bool head = residents::is_head_relation(relation);
  if (!household) return head ? core::ok() : core::Status(core::Message("resident.err.new_household_head"));
  if (head)
    if (const auto other = active_head_of(store, household->id, except))
      return core::Message("resident.err.two_heads").arg("name", other->name);
  return core::ok();
}

}  // namespace

// Typed on the keypad as digits; a roll's 户号 may hold letters and dashes (QS-012) too.
bool valid_household_no(const std::string& no) {
  return !no.empty() && no.size() <= kMaxHouseholdNoChars &&
         std::all_of(no.begin(), no.end(), [](unsigned char c) { return c > ' ' && c != 0x7f; });
}

core::Result<std::string> new_resident_id_number(store::KioskStore& store, const std::string& typed) {
  std::string id = core::normalize_id_number(typed);
  if (id.size() != 18 || core::validate_id_number(id)) return core::Message("residents.err.id");
  if (const auto known = store.residents().find_by_id_number(id))
    return core::Message("resident.err.exists").arg("name", known->name);
  return id;
}

core::Result<std::int64_t> register_resident(store::KioskStore& store, const NewResident& n, const ActingStaff& who,
                                             std::int64_t now_unix) {
  const auto checked = new_resident_id_number(store, n.id_number);
  if (!checked) return checked.error();
  const std::string& id = checked.value();
  const std::string name = core::trim_free_text(n.name);
  if (name.empty() || core::check_free_text(name, kMaxResidentNameChars, true)) return core::Message("resident.err.name");
  if (!valid_household_no(n.household_no)) return core::Message("resident.err.household_no");
  auto household = store.households().find_by_no(n.household_no);
  if (const core::Status st = check_household(store, household, n.relation, 0); !st) return st.error();
  if (!household && !n.grid_id) return core::Message("resident.err.grid_needed");
  residents::Cell cell;
  cell.kind = n.phone.empty() ? residents::Cell::Kind::kEmpty : residents::Cell::Kind::kText;
  cell.text = n.phone;
  const auto phone = residents::read_phone(cell);
  if (phone.error) return core::Message("resident.err.phone");

  auto tx = store.begin();
  if (!household) {
    household = store::HouseholdRecord{0, n.household_no, *n.grid_id, "", ""};
    household->id = store.households().insert(tx, *household);
  }
  store::ResidentRecord r;
  r.household_id = household->id;
  r.name = name;
  r.id_number = id;
  r.gender = residents::id_gender(id);
  r.birth_date = core::format_date(residents::id_birth_date(id));
  r.phone = phone.value && !phone.value->empty() ? phone.value : std::nullopt;
  r.relation = n.relation;
  r.is_head = residents::is_head_relation(n.relation);
  r.id = store.residents().insert(tx, r);
  store.audit().append(tx, who.entry(now_unix, "resident_info.register", "resident:" + std::to_string(r.id),
                                     "household:" + std::to_string(household->id)));
  enqueue_resident(store, tx, r, n.household_no, store.households().grid_name(household->grid_id).value_or(""), now_unix);
  tx.commit();
  return r.id;
}

core::Status move_resident(store::KioskStore& store, std::int64_t resident_id, const std::string& household_no,
                           const std::string& relation, const ActingStaff& who, std::int64_t now_unix) {
  auto r = store.residents().find(resident_id);
  if (!r) return core::Message("resident.err.not_found");
  if (!valid_household_no(household_no)) return core::Message("resident.err.household_no");
  auto target = store.households().find_by_no(household_no);
  if (target && target->id == r->household_id) return core::Message("resident.err.same_household");
  if (const core::Status st = check_household(store, target, relation, r->id); !st) return st;
  if (r->is_head)
    for (std::int64_t id : store.resident_search().household_members(r->household_id)) {
      const auto m = store.residents().find(id);
      if (m && m->id != r->id && m->status == "active") return core::Message("resident.err.head_leaves");
    }
  const auto from = store.households().find(r->household_id);
  auto tx = store.begin();
  if (!target) {  // 分户: the new household stays where the old one is, in its 网格
    target = store::HouseholdRecord{0, household_no, from ? from->grid_id : r->grid_id, from ? from->address : "",
                                    from ? from->village_group : ""};
    target->id = store.households().insert(tx, *target);
  }
  r->household_id = target->id;
  r->relation = relation;
  r->is_head = residents::is_head_relation(relation);
  store.residents().update(tx, *r);
  store.audit().append(tx, who.entry(now_unix, "resident_info.move", "resident:" + std::to_string(r->id),
                                     "household:" + std::to_string(from ? from->id : 0) + "->household:" +
                                         std::to_string(target->id)));
  enqueue_resident(store, tx, *r, household_no, store.households().grid_name(target->grid_id).value_or(""), now_unix);
  tx.commit();
  return core::ok();
}

}  // namespace vsk::app
