// Staff accounts (admin only; issue 11): add, change role or grid, disable (never delete), reset
// a PIN (the person chooses a new one at the next login). The village always keeps one active
// admin: the last one can be neither disabled nor demoted. Every change audited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/acting_staff.h"
#include "core/result.h"
#include "store/kiosk_store.h"

namespace vsk::app {

struct NewStaff {
  std::string staff_no;  // 4 digits, as typed at the staff login
  std::string name;
  std::string role;  // admin / clerk / grid_worker / volunteer
  std::string grid;  // grid name; required for grid workers
};

// The new account has no PIN: its owner chooses one at the first login.
core::Result<std::int64_t> add_staff(store::KioskStore& store, const NewStaff& s, const ActingStaff& who,
                                     std::int64_t now_unix);
core::Status change_staff_role(store::KioskStore& store, const std::string& staff_no, const std::string& role,
                               const std::string& grid, const ActingStaff& who, std::int64_t now_unix);
// The real name (a new installation's first admin is called 管理员 until it is set here).
// Errors: staff.err.not_found, staff.err.name. Audited as staff_account.rename.
core::Status rename_staff(store::KioskStore& store, const std::string& staff_no, const std::string& name,
                          const ActingStaff& who, std::int64_t now_unix);
core::Status disable_staff(store::KioskStore& store, const std::string& staff_no, const ActingStaff& who,
                           std::int64_t now_unix);
core::Status reset_staff_pin(store::KioskStore& store, const std::string& staff_no, const ActingStaff& who,
                             std::int64_t now_unix);

}  // namespace vsk::app
