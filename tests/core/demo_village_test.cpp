#include "core/demo_village.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/id_number.h"

using namespace vsk::core;

namespace {

constexpr int kReferenceYear = 2026;  // the generator's "now"; ages are 2026 minus birth year

// The default seed plus a few others, so the invariants are not a lucky property of one seed.
const std::vector<std::uint64_t> kSeeds = {20261123, 1, 42, 987654321};

const DemoVillage& default_village() {
  static const DemoVillage v = generate_demo_village();
  return v;
}

int age_of(const DemoResident& r) { return kReferenceYear - std::stoi(r.birth_date.substr(0, 4)); }

// Splits UTF-8 text into its characters.
std::vector<std::string> characters(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string surname_of(const std::string& name) { return characters(name).at(0); }

bool all_digits(const std::string& s) {
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Every field, flattened, so two villages compare equal only if they are identical.
std::string fingerprint(const DemoVillage& v) {
  std::string out = v.village_name + "|" + v.township_name + "|" + v.region_code + "\n";
  for (const DemoGrid& g : v.grids) out += g.name + "\n";
  for (const DemoGroup& g : v.groups) out += std::to_string(g.grid) + "," + std::to_string(g.leader_household) + "\n";
  for (const DemoHousehold& h : v.households) {
    out += std::to_string(h.grid) + "," + std::to_string(h.group) + "," + h.address + "\n";
    for (const DemoResident& r : h.members)
      out += r.name + "," + r.id_number + "," + r.gender + "," + r.birth_date + "," + r.phone + "," + r.relation + "\n";
  }
  for (const DemoStaff& s : v.staff)
    out += s.staff_no + "," + s.name + "," + s.role + "," + std::to_string(s.grid) + "," + s.pin + "\n";
  for (const DemoLogin& l : v.demo_logins)
    out += std::to_string(l.household) + "," + std::to_string(l.member) + "," + l.pin + "\n";
  return out;
}

template <typename F>
void for_each_resident(const DemoVillage& v, F f) {
  for (const DemoHousehold& h : v.households)
    for (const DemoResident& r : h.members) f(h, r);
}

}  // namespace

TEST(DemoVillage, SameSeedGivesTheSameVillage) {
  EXPECT_EQ(fingerprint(generate_demo_village(7)), fingerprint(generate_demo_village(7)));
  EXPECT_EQ(fingerprint(generate_demo_village()), fingerprint(default_village()));
}

TEST(DemoVillage, DifferentSeedGivesADifferentVillage) {
  EXPECT_NE(fingerprint(generate_demo_village(7)), fingerprint(generate_demo_village(8)));
}

TEST(DemoVillage, DefaultSeedIsPinned) {
  // The demo logins (README) are those of seed 20261123; a new default would silently change them.
  const DemoVillage& v = default_village();
  EXPECT_EQ(fingerprint(v), fingerprint(generate_demo_village(20261123)));
}

TEST(DemoVillage, HasEightGridsAboutThreeHundredHouseholdsAndAboutAThousandPeople) {
  for (std::uint64_t seed : kSeeds) {
    SCOPED_TRACE(seed);
    const DemoVillage v = generate_demo_village(seed);
    EXPECT_EQ(v.village_name, "青山村");
    EXPECT_EQ(v.township_name, "白云镇");
    ASSERT_EQ(v.grids.size(), 8u);
    EXPECT_EQ(v.grids.front().name, "第一网格");
    EXPECT_EQ(v.grids.back().name, "第八网格");
    EXPECT_GE(v.households.size(), 280u);
    EXPECT_LE(v.households.size(), 320u);
    size_t members = 0;
    for (const DemoHousehold& h : v.households) {
      ASSERT_FALSE(h.members.empty());
      EXPECT_EQ(h.members[0].relation, "户主");
      EXPECT_GE(h.grid, 0);
      EXPECT_LT(h.grid, 8);
      members += h.members.size();
    }
    EXPECT_EQ(v.resident_count(), members);
    EXPECT_GE(v.resident_count(), 950u);
    EXPECT_LE(v.resident_count(), 1100u);
  }
}

TEST(DemoVillage, EveryGridHasHouseholds) {
  std::map<int, int> per_grid;
  for (const DemoHousehold& h : default_village().households) ++per_grid[h.grid];
  ASSERT_EQ(per_grid.size(), 8u);
  for (const auto& [grid, n] : per_grid) EXPECT_GE(n, 25) << "grid " << grid;
}

TEST(DemoVillage, GroupsOfAboutTenCoverEveryHouseholdWithinOneGrid) {
  for (std::uint64_t seed : kSeeds) {
    SCOPED_TRACE(seed);
    const DemoVillage v = generate_demo_village(seed);
    std::vector<int> sizes(v.groups.size(), 0);
    for (const DemoHousehold& h : v.households) {
      ASSERT_GE(h.group, 0);
      ASSERT_LT(h.group, static_cast<int>(v.groups.size()));
      EXPECT_EQ(v.groups[static_cast<size_t>(h.group)].grid, h.grid) << h.address;
      ++sizes[static_cast<size_t>(h.group)];
    }
    for (size_t g = 0; g < v.groups.size(); ++g) {
      EXPECT_GE(sizes[g], 6) << "group " << g;
      EXPECT_LE(sizes[g], 15) << "group " << g;
      const int leader = v.groups[g].leader_household;
      ASSERT_GE(leader, 0);
      ASSERT_LT(leader, static_cast<int>(v.households.size()));
      EXPECT_EQ(v.households[static_cast<size_t>(leader)].group, static_cast<int>(g))
          << "the 联户长 must live in the group they lead";
    }
  }
}

TEST(DemoVillage, AddressesNameTheVillageAndHouseNumbersRiseWithinAGrid) {
  const std::vector<std::string> numerals = {"一", "二", "三", "四", "五", "六", "七", "八"};
  std::map<int, int> last_no;
  for (const DemoHousehold& h : default_village().households) {
    const std::string prefix = "青山村" + numerals.at(static_cast<size_t>(h.grid)) + "组";
    ASSERT_EQ(h.address.rfind(prefix, 0), 0u) << h.address;
    const std::string rest = h.address.substr(prefix.size());
    ASSERT_GE(rest.size(), 4u) << h.address;
    ASSERT_EQ(rest.substr(rest.size() - 3), "号") << h.address;
    const std::string digits = rest.substr(0, rest.size() - 3);
    ASSERT_TRUE(all_digits(digits)) << h.address;
    const int no = std::stoi(digits);
    EXPECT_GT(no, last_no[h.grid]) << h.address;
    last_no[h.grid] = no;
  }
}

TEST(DemoVillage, EveryIdNumberIsValidAndUnique) {
  for (std::uint64_t seed : kSeeds) {
    SCOPED_TRACE(seed);
    const DemoVillage v = generate_demo_village(seed);
    std::set<std::string> seen;
    for_each_resident(v, [&](const DemoHousehold&, const DemoResident& r) {
      EXPECT_EQ(validate_id_number(r.id_number), std::nullopt) << r.id_number;
      EXPECT_EQ(r.id_number.substr(0, 6), v.region_code);
      EXPECT_TRUE(seen.insert(r.id_number).second) << "duplicate " << r.id_number;
    });
  }
}

TEST(DemoVillage, SomeIdNumbersEndInX) {
  int with_x = 0;
  for_each_resident(default_village(),
                    [&](const DemoHousehold&, const DemoResident& r) { with_x += r.id_number.back() == 'X'; });
  EXPECT_GT(with_x, 20);  // about one in eleven
}

TEST(DemoVillage, SequenceDigitsBelow200AreNeverUsed) {
  // Documented in the header: tests build "unregistered" IDs with a low sequence number.
  for_each_resident(default_village(), [](const DemoHousehold&, const DemoResident& r) {
    EXPECT_GE(std::stoi(r.id_number.substr(14, 3)), 200) << r.id_number;
  });
}

TEST(DemoVillage, GenderMatchesTheSeventeenthDigit) {
  for (std::uint64_t seed : kSeeds) {
    SCOPED_TRACE(seed);
    int men = 0;
    int women = 0;
    for_each_resident(generate_demo_village(seed), [&](const DemoHousehold&, const DemoResident& r) {
      ASSERT_TRUE(r.gender == 'M' || r.gender == 'F') << r.name;
      const bool odd = (r.id_number[16] - '0') % 2 == 1;
      EXPECT_EQ(odd, r.gender == 'M') << r.id_number;
      (r.gender == 'M' ? men : women)++;
    });
    EXPECT_GT(men, 300);
    EXPECT_GT(women, 300);
  }
}

TEST(DemoVillage, BirthDateIsInTheIdNumber) {
  for (std::uint64_t seed : kSeeds) {
    SCOPED_TRACE(seed);
    for_each_resident(generate_demo_village(seed), [](const DemoHousehold&, const DemoResident& r) {
      ASSERT_EQ(r.birth_date.size(), 10u) << r.birth_date;
      ASSERT_EQ(r.birth_date[4], '-');
      ASSERT_EQ(r.birth_date[7], '-');
      const std::string compact = r.birth_date.substr(0, 4) + r.birth_date.substr(5, 2) + r.birth_date.substr(8, 2);
      EXPECT_EQ(r.id_number.substr(6, 8), compact) << r.id_number;
      EXPECT_GE(age_of(r), 1);
      EXPECT_LE(age_of(r), 100);
    });
  }
}

TEST(DemoVillage, AdultsHaveUniqueMobileNumbersAndChildrenNone) {
  for (std::uint64_t seed : kSeeds) {
    SCOPED_TRACE(seed);
    std::set<std::string> seen;
    int children = 0;
    for_each_resident(generate_demo_village(seed), [&](const DemoHousehold&, const DemoResident& r) {
      if (age_of(r) < 18) {
        EXPECT_EQ(r.phone, "") << r.name;
        ++children;
        return;
      }
      ASSERT_EQ(r.phone.size(), 11u) << r.name;
      EXPECT_TRUE(all_digits(r.phone)) << r.phone;
      EXPECT_EQ(r.phone[0], '1');
      EXPECT_NE(std::string("3589").find(r.phone[1]), std::string::npos) << r.phone;
      EXPECT_TRUE(seen.insert(r.phone).second) << "duplicate " << r.phone;
    });
    EXPECT_GT(children, 50) << "a village has children";
  }
}

TEST(DemoVillage, RelationsHaveFittingAgesAndGenders) {
  const std::map<std::string, char> gender_of = {{"子", 'M'},    {"女", 'F'},    {"父亲", 'M'}, {"母亲", 'F'},
                                                 {"儿媳", 'F'}, {"女婿", 'M'}, {"孙子", 'M'}, {"孙女", 'F'}};
  for (std::uint64_t seed : kSeeds) {
    SCOPED_TRACE(seed);
    for (const DemoHousehold& h : generate_demo_village(seed).households) {
      const DemoResident& head = h.members.at(0);
      const int head_age = age_of(head);
      EXPECT_GE(head_age, 35) << head.name;
      EXPECT_LE(head_age, 80) << head.name;
      for (size_t m = 1; m < h.members.size(); ++m) {
        const DemoResident& r = h.members[m];
        const int gap = head_age - age_of(r);
        EXPECT_NE(r.relation, "户主") << "one head per household: " << h.address;
        if (r.relation == "配偶") {
          EXPECT_NE(r.gender, head.gender) << r.name;
          EXPECT_LE(std::abs(gap), 8) << r.name;
          continue;
        }
        const auto expected = gender_of.find(r.relation);
        ASSERT_NE(expected, gender_of.end()) << "unknown relation " << r.relation;
        EXPECT_EQ(r.gender, expected->second) << r.name << " " << r.relation;
        if (r.relation == "子" || r.relation == "女") {
          EXPECT_GE(gap, 20) << r.name;
          EXPECT_LE(gap, 40) << r.name;
        } else if (r.relation == "父亲" || r.relation == "母亲") {
          EXPECT_LE(gap, -20) << r.name;
        } else if (r.relation == "孙子" || r.relation == "孙女") {
          EXPECT_GE(gap, 40) << r.name;
        } else {  // 儿媳, 女婿: the generation of the children
          EXPECT_GE(gap, 15) << r.name;
        }
      }
    }
  }
}

TEST(DemoVillage, BloodRelativesMostlyShareTheHeadsSurname) {
  int blood = 0;
  int same = 0;
  for (const DemoHousehold& h : default_village().households) {
    const std::string family = surname_of(h.members[0].name);
    for (const DemoResident& r : h.members) {
      if (r.relation == "户主" || r.relation == "配偶" || r.relation == "母亲" || r.relation == "儿媳" ||
          r.relation == "女婿")
        continue;
      ++blood;
      same += surname_of(r.name) == family;
    }
  }
  ASSERT_GT(blood, 200);
  EXPECT_GT(same * 10, blood * 8) << same << " of " << blood;
}

TEST(DemoVillage, NamesHaveTwoOrThreeCharactersAndSiblingsDiffer) {
  for (const DemoHousehold& h : default_village().households) {
    std::set<std::string> names;
    for (const DemoResident& r : h.members) {
      const size_t n = characters(r.name).size();
      EXPECT_GE(n, 2u) << r.name;
      EXPECT_LE(n, 3u) << r.name;
      EXPECT_TRUE(names.insert(r.name).second) << "two " << r.name << " in " << h.address;
    }
  }
}

TEST(DemoVillage, NamesUseFewerThan400DistinctCharacters) {
  // The UI rasterises only the glyphs in use, so the village must not sprawl over the CJK range.
  for (std::uint64_t seed : kSeeds) {
    SCOPED_TRACE(seed);
    const DemoVillage v = generate_demo_village(seed);
    std::set<std::string> glyphs;
    for_each_resident(v, [&](const DemoHousehold&, const DemoResident& r) {
      for (const std::string& c : characters(r.name)) glyphs.insert(c);
    });
    for (const DemoStaff& s : v.staff)
      for (const std::string& c : characters(s.name)) glyphs.insert(c);
    EXPECT_LT(glyphs.size(), 400u);
    EXPECT_GT(glyphs.size(), 100u) << "names should still look varied";
  }
}

TEST(DemoVillage, StaffHaveUniqueNumbersAndEveryRole) {
  const DemoVillage& v = default_village();
  std::set<std::string> numbers;
  std::map<std::string, int> roles;
  std::set<int> worker_grids;
  for (const DemoStaff& s : v.staff) {
    EXPECT_EQ(s.staff_no.size(), 4u) << s.staff_no;
    EXPECT_TRUE(all_digits(s.staff_no)) << s.staff_no;
    EXPECT_TRUE(numbers.insert(s.staff_no).second) << "duplicate " << s.staff_no;
    EXPECT_EQ(s.pin.size(), 6u) << s.staff_no;
    EXPECT_TRUE(all_digits(s.pin)) << s.staff_no;
    EXPECT_GE(characters(s.name).size(), 2u) << s.staff_no;
    ++roles[s.role];
    if (s.role == "grid_worker") {
      EXPECT_TRUE(worker_grids.insert(s.grid).second) << "two workers for grid " << s.grid;
    } else {
      EXPECT_EQ(s.grid, -1) << s.staff_no;
    }
  }
  EXPECT_EQ(roles["admin"], 1);
  EXPECT_EQ(roles["clerk"], 2);
  EXPECT_EQ(roles["grid_worker"], 8);
  EXPECT_EQ(roles["volunteer"], 2);
  EXPECT_EQ(roles.size(), 4u) << "no other roles: the schema rejects them";
  EXPECT_EQ(worker_grids, (std::set<int>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(DemoVillage, DocumentedStaffLoginsExist) {
  const DemoVillage& v = default_village();
  auto find = [&](const std::string& no) -> const DemoStaff* {
    for (const DemoStaff& s : v.staff)
      if (s.staff_no == no) return &s;
    return nullptr;
  };
  ASSERT_NE(find("0001"), nullptr);
  EXPECT_EQ(find("0001")->role, "admin");
  EXPECT_EQ(find("0001")->pin, "246810");
  ASSERT_NE(find("0002"), nullptr);
  EXPECT_EQ(find("0002")->role, "clerk");
  EXPECT_EQ(find("0002")->pin, "135790");
  ASSERT_NE(find("0003"), nullptr);
  EXPECT_EQ(find("0003")->role, "clerk");
  for (int g = 0; g < 8; ++g) {
    const DemoStaff* s = find("010" + std::to_string(g + 1));
    ASSERT_NE(s, nullptr) << "grid " << g;
    EXPECT_EQ(s->role, "grid_worker");
    EXPECT_EQ(s->grid, g);
  }
}

TEST(DemoVillage, DemoLoginsAreAdultsInDifferentGrids) {
  for (std::uint64_t seed : kSeeds) {
    SCOPED_TRACE(seed);
    const DemoVillage v = generate_demo_village(seed);
    ASSERT_EQ(v.demo_logins.size(), 5u);
    EXPECT_EQ(v.demo_logins[0].pin, "123456");
    std::set<int> grids;
    std::set<std::string> pins;
    bool any_x = false;
    for (const DemoLogin& l : v.demo_logins) {
      ASSERT_GE(l.household, 0);
      ASSERT_LT(l.household, static_cast<int>(v.households.size()));
      const DemoHousehold& h = v.households[static_cast<size_t>(l.household)];
      ASSERT_GE(l.member, 0);
      ASSERT_LT(l.member, static_cast<int>(h.members.size()));
      const DemoResident& r = h.members[static_cast<size_t>(l.member)];
      EXPECT_GE(age_of(r), 18) << r.name;
      EXPECT_FALSE(r.phone.empty()) << r.name;
      EXPECT_EQ(l.pin.size(), 6u);
      EXPECT_TRUE(all_digits(l.pin)) << l.pin;
      EXPECT_TRUE(pins.insert(l.pin).second) << "duplicate PIN " << l.pin;
      EXPECT_TRUE(grids.insert(h.grid).second) << "two logins in grid " << h.grid;
      any_x |= r.id_number.back() == 'X';
    }
    EXPECT_TRUE(any_x) << "one demo ID should need the X key";
  }
}
