// A new, real (non-demo) village: `kioskctl init --village NAME`. It gets one admin account
// (staff number 0001) with no usable PIN; the first admin sets it at the kiosk. Residents
// arrive later (import or township sync); no demo logins exist.
#pragma once

#include <string>

#include "core/result.h"
#include "store/kiosk_store.h"

namespace vsk::app {

struct InitVillage {
  std::string village;
  std::string township;
  std::string kiosk_code = "K1";  // receipt prefix; must differ between kiosks of a township
};

inline constexpr const char* kFirstAdminStaffNo = "0001";

// Refuses a database that already holds a village. Writes settings, the admin account and an
// audit entry in one transaction.
core::Status init_village(store::KioskStore& store, const InitVillage& v, std::int64_t now_unix);

}  // namespace vsk::app
