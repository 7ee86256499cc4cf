#include "app/staff_accounts.h"

#include "store/household_store.h"

namespace vsk::app {
namespace {

constexpr std::size_t kStaffNoLength = 4;
constexpr std::size_t kMaxStaffNameBytes = 60;

bool valid_role(const std::string& r) {
  return r == "admin" || r == "clerk" || r == "grid_worker" || r == "volunteer";
}

// The grid a role needs: grid workers have one, the others none.
core::Result<std::optional<std::int64_t>> grid_for(store::KioskStore& store, const std::string& role,
                                                   const std::string& grid) {
  if (!valid_role(role)) return core::Message("staff.err.role");
  if (role != "grid_worker") return std::optional<std::int64_t>{};
  if (grid.empty()) return core::Message("staff.err.grid_needed");
  const auto id = store.households().grid_by_name(grid);
  if (!id) return core::Message("roll.grid.unknown").arg("value", grid);
  return std::optional<std::int64_t>(*id);
}

core::Result<store::StaffRecord> existing(store::KioskStore& store, const std::string& staff_no) {
  auto s = store.staff().find_any_by_staff_no(staff_no);
  if (!s) return core::Message("staff.err.not_found");
  return *s;
}

bool last_active_admin(store::KioskStore& store, const store::StaffRecord& s) {
  return s.role == "admin" && !s.disabled_at && store.staff().active_admins() <= 1;
}

}  // namespace

core::Result<std::int64_t> add_staff(store::KioskStore& store, const NewStaff& s, const ActingStaff& who,
                                     std::int64_t now_unix) {
  if (s.staff_no.size() != kStaffNoLength || s.staff_no.find_first_not_of("0123456789") != std::string::npos)
    return core::Message("staff.err.staff_no");
  if (s.name.empty() || s.name.size() > kMaxStaffNameBytes) return core::Message("staff.err.name");
  if (store.staff().find_any_by_staff_no(s.staff_no)) return core::Message("staff.err.exists");
  const auto grid = grid_for(store, s.role, s.grid);
  if (!grid) return grid.error();
  store::StaffRecord rec;
  rec.staff_no = s.staff_no;
  rec.name = s.name;
  rec.role = s.role;
  rec.grid_id = grid.value();
  auto tx = store.begin();
  const std::int64_t id = store.staff().insert(tx, rec);
  store.staff().require_new_pin(tx, id);
  store.audit().append(tx, who.entry(now_unix, "staff_account.add", s.staff_no, "role=" + s.role));
  tx.commit();
  return id;
}

core::Status change_staff_role(store::KioskStore& store, const std::string& staff_no, const std::string& role,
                               const std::string& grid, const ActingStaff& who, std::int64_t now_unix) {
  const auto s = existing(store, staff_no);
  if (!s) return s.error();
  const auto grid_id = grid_for(store, role, grid);
  if (!grid_id) return grid_id.error();
  if (role != "admin" && last_active_admin(store, s.value())) return core::Message("staff.err.last_admin");
  auto tx = store.begin();
  store.staff().set_role(tx, s.value().id, role, grid_id.value());
  store.audit().append(tx, who.entry(now_unix, "staff_account.role", staff_no, s.value().role + "->" + role));
  tx.commit();
  return core::ok();
}

core::Status rename_staff(store::KioskStore& store, const std::string& staff_no, const std::string& name,
                          const ActingStaff& who, std::int64_t now_unix) {
  const auto s = existing(store, staff_no);
  if (!s) return s.error();
  if (name.empty() || name.size() > kMaxStaffNameBytes) return core::Message("staff.err.name");
  if (name == s.value().name) return core::ok();
  auto tx = store.begin();
  store.staff().set_name(tx, s.value().id, name);
  // Staff names are not residents' data: the entry says who the account was and is.
  store.audit().append(tx, who.entry(now_unix, "staff_account.rename", staff_no, s.value().name + "->" + name));
  tx.commit();
  return core::ok();
}

core::Status disable_staff(store::KioskStore& store, const std::string& staff_no, const ActingStaff& who,
                           std::int64_t now_unix) {
  const auto s = existing(store, staff_no);
  if (!s) return s.error();
  if (s.value().disabled_at) return core::Message("staff.err.disabled");
  if (last_active_admin(store, s.value())) return core::Message("staff.err.last_admin");
  auto tx = store.begin();
  store.staff().disable(tx, s.value().id, now_unix);
  store.audit().append(tx, who.entry(now_unix, "staff_account.disable", staff_no));
  tx.commit();
  return core::ok();
}

core::Status reset_staff_pin(store::KioskStore& store, const std::string& staff_no, const ActingStaff& who,
                             std::int64_t now_unix) {
  const auto s = existing(store, staff_no);
  if (!s) return s.error();
  if (s.value().disabled_at) return core::Message("staff.err.disabled");
  auto tx = store.begin();
  store.staff().require_new_pin(tx, s.value().id);
  store.audit().append(tx, who.entry(now_unix, "staff_account.pin_reset", staff_no));
  tx.commit();
  return core::ok();
}

}  // namespace vsk::app
