// A deterministic, fictional demo village: the same seed always gives the same people.
// Pure data generation (no I/O); kiosk/store/demo_seeder writes it into the database.
// All names, ID numbers and phone numbers are invented. ID numbers are valid in format
// only (18 chars, real GB 11643 check character) under a made-up region code.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vsk::core {

struct DemoResident {
  std::string name;        // realistic Chinese name, 2-3 characters
  std::string id_number;   // 18 chars, valid check character, birth date matches birth_date
  char gender = 'M';       // 'M' or 'F'; matches the 17th digit (odd = male)
  std::string birth_date;  // "YYYY-MM-DD"
  std::string phone;       // 11 digits starting with 13/15/18/19, or empty for children
  std::string relation;    // relation to head in zh-CN: 户主, 配偶, 子, 女, 父亲, 母亲, 儿媳, 女婿, 孙子, 孙女
};

struct DemoHousehold {
  int grid = 0;    // index into DemoVillage::grids
  int group = 0;   // index into DemoVillage::groups (联户 group of about ten households)
  std::string address;                // e.g. "青山村三组12号"
  std::vector<DemoResident> members;  // members[0] is the head (户主)
};

struct DemoGrid {
  std::string name;  // "第一网格" ... "第八网格"
};

struct DemoGroup {
  int grid = 0;
  int leader_household = 0;  // index into households; the leader (联户长) is that household's head
};

struct DemoStaff {
  std::string staff_no;  // 4 digits, typed on the keypad
  std::string name;
  std::string role;      // "admin" (书记/主任), "clerk" (村务员), "grid_worker" (网格员), "volunteer" (党员志愿者)
  int grid = -1;         // grid index for grid workers, else -1
  std::string pin;       // demo PIN in clear: hashed by the seeder, documented in README
};

// A resident given a known PIN so the demo can be tried; documented in README.
struct DemoLogin {
  int household = 0;
  int member = 0;
  std::string pin;  // 6 digits
};

struct DemoVillage {
  std::string village_name;  // "青山村" (fictional)
  std::string township_name; // "白云镇" (fictional)
  std::string region_code;   // 6-digit made-up region code used in every ID number
                             // (sequence digits 15-17 are always 200-999: lower ones are never registered)
  std::vector<DemoGrid> grids;             // 8
  std::vector<DemoHousehold> households;   // about 300
  std::vector<DemoGroup> groups;           // about 30
  std::vector<DemoStaff> staff;            // a few: 1 admin, 2 clerks, 1 grid worker per grid, 2 volunteers
  std::vector<DemoLogin> demo_logins;      // a handful of residents with known PINs
  size_t resident_count() const;
};

DemoVillage generate_demo_village(std::uint64_t seed = 20261123);

}  // namespace vsk::core
