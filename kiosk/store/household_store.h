// Households (户) and grids (网格) as the roll import and 居民管理 change them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite/sqlite_db.h"

namespace vsk::store {

struct HouseholdRecord {
  std::int64_t id = 0;
  std::optional<std::string> household_no;  // 户号; the demo village's households have none
  std::int64_t grid_id = 0;
  std::string address;
  std::string village_group;
};

class HouseholdStore {
 public:
  explicit HouseholdStore(db::Database& db) : db_(db) {}

  std::optional<HouseholdRecord> find(std::int64_t id);
  std::optional<HouseholdRecord> find_by_no(const std::string& household_no);
  std::int64_t insert(db::Transaction& tx, const HouseholdRecord& h);
  void update(db::Transaction& tx, const HouseholdRecord& h);  // by id

  std::optional<std::int64_t> grid_by_name(const std::string& name);
  std::optional<std::string> grid_name(std::int64_t id);
  std::int64_t insert_grid(db::Transaction& tx, const std::string& name);
  std::int64_t grid_count();

 private:
  db::Database& db_;
};

}  // namespace vsk::store
