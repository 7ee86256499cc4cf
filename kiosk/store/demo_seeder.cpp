#include "store/demo_seeder.h"

#include <map>
#include <stdexcept>
#include <utility>

namespace vsk::store {
namespace {

std::int64_t insert_row(db::Transaction& tx, std::string_view sql, auto&&... values) {
  auto st = tx.db().prepare(sql);
  int i = 0;
  (st.bind(++i, values), ...);
  st.run();
  return tx.db().last_insert_rowid();
}

}  // namespace

SeedReport seed_demo_village(KioskStore& store, platform::PinHasher& hasher, const core::DemoVillage& v) {
  if (!store.is_empty()) throw std::runtime_error("the database already holds a village; refusing to seed");

  // Hash outside the transaction: argon2id is slow on purpose and the write lock should be short.
  std::map<std::pair<int, int>, std::string> resident_pins;
  for (const core::DemoLogin& login : v.demo_logins)
    resident_pins[{login.household, login.member}] = hasher.hash(login.pin);
  std::vector<std::string> staff_pins;
  for (const core::DemoStaff& s : v.staff) staff_pins.push_back(hasher.hash(s.pin));

  SeedReport report;
  auto tx = store.begin();
  std::vector<std::int64_t> grid_ids;
  for (const core::DemoGrid& g : v.grids) grid_ids.push_back(insert_row(tx, "INSERT INTO grids(name) VALUES(?1)", g.name));

  std::vector<std::int64_t> group_ids;
  for (const core::DemoGroup& g : v.groups)
    group_ids.push_back(insert_row(tx, "INSERT INTO household_groups(grid_id) VALUES(?1)", grid_ids.at(g.grid)));

  std::vector<std::int64_t> head_ids;
  for (size_t h = 0; h < v.households.size(); ++h) {
    const core::DemoHousehold& hh = v.households[h];
    const std::int64_t hid = insert_row(tx, "INSERT INTO households(grid_id, group_id, address) VALUES(?1, ?2, ?3)",
                                        grid_ids.at(hh.grid), group_ids.at(hh.group), hh.address);
    ++report.households;
    for (size_t m = 0; m < hh.members.size(); ++m) {
      const core::DemoResident& r = hh.members[m];
      auto pin = resident_pins.find({static_cast<int>(h), static_cast<int>(m)});
      std::optional<std::string> pin_hash;
      if (pin != resident_pins.end()) pin_hash = pin->second;
      ResidentRecord rec;  // ID and phone numbers are encrypted by the store
      rec.household_id = hid;
      rec.name = r.name;
      rec.id_number = r.id_number;
      rec.gender = std::string(1, r.gender);
      rec.birth_date = r.birth_date;
      if (!r.phone.empty()) rec.phone = r.phone;
      rec.relation = r.relation;
      rec.is_head = m == 0;
      rec.pin_hash = pin_hash;
      const std::int64_t rid = store.residents().insert(tx, rec);
      if (m == 0) head_ids.push_back(rid);
      ++report.residents;
    }
  }
  for (size_t g = 0; g < v.groups.size(); ++g)
    insert_row(tx, "UPDATE household_groups SET leader_resident_id = ?2 WHERE id = ?1", group_ids[g],
               head_ids.at(v.groups[g].leader_household));

  for (size_t i = 0; i < v.staff.size(); ++i) {
    const core::DemoStaff& s = v.staff[i];
    StaffRecord rec;
    rec.staff_no = s.staff_no;
    rec.name = s.name;
    rec.role = s.role;
    if (s.grid >= 0) rec.grid_id = grid_ids.at(s.grid);
    rec.pin_hash = staff_pins[i];
    store.staff().insert(tx, rec);
    ++report.staff;
  }
  store.settings().set(tx, setting::kVillageName, v.village_name);
  store.settings().set(tx, setting::kTownshipName, v.township_name);
  store.settings().set(tx, setting::kDemo, "1");
  store.settings().set(tx, setting::kKioskCode, "QS1");  // 青山 kiosk no. 1
  tx.commit();
  return report;
}

}  // namespace vsk::store
