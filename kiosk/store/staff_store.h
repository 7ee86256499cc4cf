// Village staff accounts (村两委, 网格员, 党员志愿者) for the staff login.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/pin_lockout.h"
#include "sqlite/sqlite_db.h"

namespace vsk::store {

struct StaffRecord {
  std::int64_t id = 0;
  std::string staff_no;
  std::string name;
  std::string role;  // admin / clerk / grid_worker / volunteer
  std::optional<std::int64_t> grid_id;
  std::optional<std::string> pin_hash;
  core::PinAttemptState pin_attempts;
  std::optional<std::int64_t> disabled_at;  // unix seconds; none: active (schema v10)
  bool pin_reset = false;  // chooses a new PIN at the next login, as the first admin does
};

class StaffStore {
 public:
  explicit StaffStore(db::Database& db) : db_(db) {}

  // An active account only: a disabled one cannot log in, so the login never sees it.
  std::optional<StaffRecord> find_by_staff_no(const std::string& staff_no);
  // Disabled accounts too (staff accounts screen, kioskctl staff).
  std::optional<StaffRecord> find_any_by_staff_no(const std::string& staff_no);
  std::optional<StaffRecord> find(std::int64_t id);
  std::vector<StaffRecord> list();  // every account, disabled ones too
  std::int64_t active_admins();
  std::int64_t insert(db::Transaction& tx, const StaffRecord& s);
  void save_pin_attempts(db::Transaction& tx, std::int64_t id, const core::PinAttemptState& s);
  // Also ends a PIN reset: the new PIN is chosen.
  void set_pin_hash(db::Transaction& tx, std::int64_t id, const std::string& hash);
  void set_role(db::Transaction& tx, std::int64_t id, const std::string& role, std::optional<std::int64_t> grid_id);
  void set_name(db::Transaction& tx, std::int64_t id, const std::string& name);
  void disable(db::Transaction& tx, std::int64_t id, std::int64_t at);
  // Forgets the PIN; the person chooses a new one at the next login.
  void require_new_pin(db::Transaction& tx, std::int64_t id);

 private:
  db::Database& db_;
};

}  // namespace vsk::store
