// Finding residents on the 居民管理 screen: by name or 户号 (an ID number is found through the
// blind index in ResidentStore), and a household's members. Internal ids only: the caller
// reads each record through ResidentStore, which decrypts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite/sqlite_db.h"

namespace vsk::store {

class ResidentSearch {
 public:
  explicit ResidentSearch(db::Database& db) : db_(db) {}

  // Residents whose household number is `text`, then those whose name contains it; moved-out
  // and deceased residents too (they are kept and can be found). `grid`: only that grid.
  std::vector<std::int64_t> by_name_or_household(const std::string& text, std::optional<std::int64_t> grid, int limit);
  // Everyone in the household, the head first.
  std::vector<std::int64_t> household_members(std::int64_t household_id);

 private:
  db::Database& db_;
};

}  // namespace vsk::store
