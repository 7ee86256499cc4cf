#include "store/resident_search.h"

namespace vsk::store {

std::vector<std::int64_t> ResidentSearch::by_name_or_household(const std::string& text,
                                                               std::optional<std::int64_t> grid, int limit) {
  // instr(), not LIKE: a % or _ typed in a name is a character, not a pattern.
  auto st = db_.prepare(R"sql(
    SELECT r.id FROM residents r JOIN households h ON h.id = r.household_id
    WHERE (h.household_no = ?1 OR instr(r.name, ?1) > 0) AND (?2 IS NULL OR h.grid_id = ?2)
    ORDER BY h.household_no = ?1 DESC, r.status <> 'active', h.id, r.is_head DESC, r.id
    LIMIT ?3
  )sql");
  st.bind(1, text);
  st.bind(2, grid).bind(3, limit);
  std::vector<std::int64_t> out;
  while (st.step()) out.push_back(st.column_int(0));
  return out;
}

std::vector<std::int64_t> ResidentSearch::household_members(std::int64_t household_id) {
  auto st = db_.prepare("SELECT id FROM residents WHERE household_id = ?1 ORDER BY is_head DESC, status <> 'active', id");
  st.bind(1, household_id);
  std::vector<std::int64_t> out;
  while (st.step()) out.push_back(st.column_int(0));
  return out;
}

}  // namespace vsk::store
