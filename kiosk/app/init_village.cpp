#include "app/init_village.h"

#include "core/request_number.h"

namespace vsk::app {

core::Status init_village(store::KioskStore& store, const InitVillage& v, std::int64_t now_unix) {
  if (!store.is_empty()) return core::Message("init.err.not_empty");
  if (v.village.empty()) return core::Message("init.err.village");
  if (!core::valid_kiosk_code(v.kiosk_code)) return core::Message("init.err.kiosk_code");
  auto tx = store.begin();
  store.settings().set(tx, store::setting::kVillageName, v.village);
  store.settings().set(tx, store::setting::kTownshipName, v.township);
  store.settings().set(tx, store::setting::kKioskCode, v.kiosk_code);
  store.settings().set(tx, store::setting::kFirstAdminPin, "pending");
  store::StaffRecord admin;
  admin.staff_no = kFirstAdminStaffNo;
  admin.name = "管理员";
  admin.role = "admin";  // pin_hash stays empty: nobody can log in until the PIN is set
  store.staff().insert(tx, admin);
  store.audit().append(tx, {now_unix, std::nullopt, "kioskctl", "init", v.kiosk_code, ""});
  tx.commit();
  return core::ok();
}

}  // namespace vsk::app
