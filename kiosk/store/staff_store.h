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
};

class StaffStore {
 public:
  explicit StaffStore(db::Database& db) : db_(db) {}

  std::optional<StaffRecord> find_by_staff_no(const std::string& staff_no);
  std::optional<StaffRecord> find(std::int64_t id);
  std::vector<StaffRecord> list();
  std::int64_t insert(db::Transaction& tx, const StaffRecord& s);
  void save_pin_attempts(db::Transaction& tx, std::int64_t id, const core::PinAttemptState& s);
  void set_pin_hash(db::Transaction& tx, std::int64_t id, const std::string& hash);

 private:
  db::Database& db_;
};

}  // namespace vsk::store
