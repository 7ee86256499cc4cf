// Who does an administrative action, for the audit trail: the logged-in staff member on
// screen, or kioskctl (IT at the terminal).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/audit_store.h"

namespace vsk::app {

struct ActingStaff {
  std::optional<std::int64_t> staff_id;
  std::string actor = store::kAuditActorKioskctl;  // used when there is no staff_id

  store::AuditEntry entry(std::int64_t at, std::string action, std::string target, std::string detail = "") const {
    return {at, staff_id, staff_id ? "" : actor, std::move(action), std::move(target), std::move(detail)};
  }
};

}  // namespace vsk::app
