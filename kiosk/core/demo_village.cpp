#include "core/demo_village.h"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <utility>

#include "core/id_number.h"

namespace vsk::core {
namespace {

// Ages are "2026 minus birth year": the demo is pinned to one year so the data never drifts.
constexpr int kReferenceYear = 2026;
constexpr int kHouseholdCount = 300;
constexpr int kGridCount = 8;
constexpr int kGroupSize = 10;  // households per 联户 group, roughly
constexpr int kAdultAge = 18;

// splitmix64: tiny, well mixed and fully specified, so every compiler and platform
// produces the same village. std distributions are implementation-defined and are not used.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); the modulo bias is far below anything a demo could notice.
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }
  bool percent(int p) { return below(100) < p; }

 private:
  std::uint64_t state_;
};

struct Weighted {
  std::string_view text;
  int weight;
};

// Roughly the national frequency of the commonest surnames (per mille).
constexpr std::array<Weighted, 40> kSurnames = {{
    {"王", 71}, {"李", 70}, {"张", 68}, {"刘", 54}, {"陈", 45}, {"杨", 31}, {"赵", 23}, {"黄", 22},
    {"周", 21}, {"吴", 20}, {"徐", 17}, {"孙", 15}, {"胡", 13}, {"朱", 13}, {"高", 12}, {"林", 12},
    {"何", 12}, {"郭", 12}, {"马", 11}, {"罗", 9},  {"梁", 9},  {"宋", 8},  {"郑", 8},  {"谢", 8},
    {"韩", 7},  {"唐", 7},  {"冯", 7},  {"于", 6},  {"董", 6},  {"程", 6},  {"曹", 6},  {"袁", 5},
    {"邓", 5},  {"许", 5},  {"傅", 5},  {"沈", 5},  {"曾", 5},  {"彭", 5},  {"吕", 5},  {"苏", 5},
}};

// Given-name characters, split by generation: people born before 1985 mostly carry the
// older style (建国, 秀英), younger ones the newer (浩宇, 欣怡). The lists are short on
// purpose: the UI rasterises only the glyphs in use.
constexpr std::array<std::string_view, 40> kMaleOld = {
    "建", "国", "军", "明", "伟", "强", "华", "平", "东", "海", "波", "勇", "志", "文",
    "林", "峰", "刚", "德", "福", "春", "永", "庆", "荣", "成", "利", "祥", "金", "宝",
    "亮", "江", "山", "兵", "忠", "新", "全", "生", "贵", "富", "民", "胜"};
constexpr std::array<std::string_view, 32> kMaleNew = {
    "浩", "宇", "俊", "鹏", "辉", "磊", "超", "杰", "涛", "斌", "鑫", "晨", "阳", "博", "航", "轩",
    "睿", "豪", "宏", "泽", "然", "旭", "天", "思", "文", "凯", "佳", "乐", "嘉", "铭", "皓", "诚"};
constexpr std::array<std::string_view, 36> kFemaleOld = {
    "秀", "英", "兰", "芳", "丽", "娟", "敏", "静", "燕", "红", "梅", "霞", "玲", "桂", "凤", "珍", "萍", "琴",
    "云", "莉", "华", "春", "香", "美", "翠", "玉", "金", "荣", "菊", "淑", "彩", "爱", "月", "琼", "惠", "素"};
constexpr std::array<std::string_view, 32> kFemaleNew = {
    "婷", "雪", "慧", "娜", "颖", "洁", "倩", "佳", "欣", "怡", "琳", "雨", "涵", "萱", "悦", "诗",
    "梦", "瑶", "思", "妍", "晓", "月", "璐", "可", "馨", "语", "彤", "蕾", "丹", "媛", "嘉", "文"};

constexpr std::array<std::string_view, 8> kChineseNumerals = {"一", "二", "三", "四", "五", "六", "七", "八"};

// Mobile prefixes of the three carriers (13x/15x/18x/19x).
constexpr std::array<std::string_view, 26> kPhonePrefixes = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "157", "158", "159", "180", "181", "182", "186", "187", "188", "189", "191", "198", "199"};

template <size_t N>
std::string_view pick_weighted(Rng& rng, const std::array<Weighted, N>& items) {
  int total = 0;
  for (const Weighted& w : items) total += w.weight;
  int roll = rng.below(total);
  for (const Weighted& w : items) {
    if (roll < w.weight) return w.text;
    roll -= w.weight;
  }
  return items.back().text;
}

template <size_t N>
std::string_view pick(Rng& rng, const std::array<std::string_view, N>& items) {
  return items[static_cast<size_t>(rng.below(static_cast<int>(N)))];
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[static_cast<size_t>(month - 1)];
}

std::string two_digits(int v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); }

// A relative in the household being built, before names and numbers are drawn.
struct Person {
  std::string surname;
  char gender;
  int age;
  std::string relation;
};

// Draws the per-person details and keeps ID and phone numbers unique across the village.
class ResidentFactory {
 public:
  ResidentFactory(Rng& rng, std::string region_code) : rng_(rng), region_(std::move(region_code)) {}

  DemoResident make(const Person& p, const std::vector<DemoResident>& household) {
    DemoResident r;
    r.gender = p.gender;
    r.relation = p.relation;
    r.name = unique_name_in(household, p);
    const int year = kReferenceYear - p.age;
    const int month = rng_.between(1, 12);
    const int day = rng_.between(1, days_in_month(year, month));
    r.birth_date = std::to_string(year) + "-" + two_digits(month) + "-" + two_digits(day);
    r.id_number = unique_id(std::to_string(year) + two_digits(month) + two_digits(day), p.gender);
    if (p.age >= kAdultAge) r.phone = unique_phone();
    return r;
  }

  std::string surname() { return std::string(pick_weighted(rng_, kSurnames)); }

 private:
  std::string given_name(char gender, int birth_year) {
    const bool older = birth_year < 1985;
    auto draw = [&] {
      if (gender == 'M') return older ? pick(rng_, kMaleOld) : pick(rng_, kMaleNew);
      return older ? pick(rng_, kFemaleOld) : pick(rng_, kFemaleNew);
    };
    std::string first(draw());
    if (rng_.percent(25)) return first;  // single-character given names are common, not the rule
    std::string second(draw());
    while (second == first) second = draw();
    return first + second;
  }

  // Siblings never share a full name; repeats elsewhere in the village are fine (and real).
  std::string unique_name_in(const std::vector<DemoResident>& household, const Person& p) {
    for (;;) {
      std::string name = p.surname + given_name(p.gender, kReferenceYear - p.age);
      const bool taken = std::any_of(household.begin(), household.end(),
                                     [&](const DemoResident& r) { return r.name == name; });
      if (!taken) return name;
    }
  }

  // Sequence numbers run 200-999 only: any ID under this region code with a sequence below 200
  // is guaranteed not to be registered, which tests use for "unknown person" cases.
  std::string unique_id(const std::string& yyyymmdd, char gender) {
    for (;;) {
      const int seq = 200 + 2 * rng_.below(400) + (gender == 'M' ? 1 : 0);  // odd = male
      std::string first17 = region_ + yyyymmdd + std::to_string(seq);
      std::string id = first17 + id_check_character(first17);
      if (ids_.insert(id).second) return id;
    }
  }

  std::string unique_phone() {
    for (;;) {
      std::string phone(pick(rng_, kPhonePrefixes));
      for (int i = 0; i < 8; ++i) phone += static_cast<char>('0' + rng_.below(10));
      if (phones_.insert(phone).second) return phone;
    }
  }

  Rng& rng_;
  std::string region_;
  std::set<std::string> ids_;
  std::set<std::string> phones_;
};

char opposite(char gender) { return gender == 'M' ? 'F' : 'M'; }

// Who lives in one household. Ages follow the relations: children are 22-38 years younger than
// the head, grandchildren 22-35 younger than their parent, parents 24-34 older than the head.
class FamilyPlanner {
 public:
  FamilyPlanner(Rng& rng, ResidentFactory& factory) : rng_(rng), factory_(factory) {}

  std::vector<Person> plan() {
    people_.clear();
    const int head_age = rng_.between(35, 80);
    const bool married = rng_.percent(head_age < 70 ? 85 : 60);
    // Rural household books usually list the husband as 户主; women head mostly when widowed.
    const char head_gender = married ? (rng_.percent(92) ? 'M' : 'F') : (rng_.percent(55) ? 'M' : 'F');
    const std::string head_surname = factory_.surname();
    people_.push_back({head_surname, head_gender, head_age, "户主"});

    // Children carry their father's surname; a widowed or divorced mother's late husband is not listed.
    std::string child_surname = head_surname;
    if (married) {
      const Person spouse = make_spouse(people_[0]);
      if (head_gender == 'F') child_surname = spouse.surname;
      people_.push_back(spouse);
    } else if (head_gender == 'F') {
      child_surname = factory_.surname();
    }
    add_parents(people_[0]);
    add_children(people_[0], child_surname);
    return people_;
  }

 private:
  Person make_spouse(const Person& head) {
    // Husbands tend to be a little older than their wives.
    const int gap = rng_.between(-2, 5);
    const int age = head.gender == 'M' ? head.age - gap : head.age + gap;
    return {factory_.surname(), opposite(head.gender), std::clamp(age, 30, 90), "配偶"};
  }

  void add_parents(const Person& head) {
    if (head.age > 62 || !rng_.percent(30)) return;
    // 40% both, 40% only the mother, 20% only the father: mothers tend to outlive fathers.
    const int roll = rng_.below(10);
    const bool father = roll < 4 || roll >= 8;
    const bool mother = roll < 8;
    const int father_age = head.age + rng_.between(26, 34);
    const int mother_age = head.age + rng_.between(24, 32);
    if (father && father_age <= 92) people_.push_back({head.surname, 'M', father_age, "父亲"});
    if (mother && mother_age <= 94) people_.push_back({factory_.surname(), 'F', mother_age, "母亲"});
  }

  int child_count() {
    const int roll = rng_.below(100);
    if (roll < 10) return 0;
    if (roll < 50) return 1;
    if (roll < 88) return 2;
    return 3;
  }

  // Distinct ages, oldest first, all at least one year old (no births "in the future").
  std::vector<int> child_ages(const Person& head) {
    std::vector<int> ages;
    const int wanted = child_count();
    for (int tries = 0; static_cast<int>(ages.size()) < wanted && tries < 20; ++tries) {
      const int age = head.age - rng_.between(22, 38);
      if (age >= 1 && std::find(ages.begin(), ages.end(), age) == ages.end()) ages.push_back(age);
    }
    std::sort(ages.rbegin(), ages.rend());
    return ages;
  }

  void add_children(const Person& head, const std::string& surname) {
    bool has_married_child = false;
    for (int age : child_ages(head)) {
      const char gender = rng_.percent(52) ? 'M' : 'F';
      if (moved_out(gender, age)) continue;
      people_.push_back({surname, gender, age, gender == 'M' ? "子" : "女"});
      // One grown child at most brings a spouse into the household; daughters only as 上门女婿.
      if (!has_married_child && age >= 25 && rng_.percent(gender == 'M' ? 70 : 35)) {
        has_married_child = true;
        add_in_law_and_grandchildren(people_.back(), surname);
      }
    }
  }

  // Grown daughters usually marry out and grown sons often work in town.
  bool moved_out(char gender, int age) {
    if (age < 22) return false;
    return rng_.percent(gender == 'F' ? 65 : 40);
  }

  void add_in_law_and_grandchildren(const Person& child, const std::string& surname) {
    const int gap = rng_.between(-2, 4);
    const int in_law_age = child.gender == 'M' ? child.age - gap : child.age + gap;
    people_.push_back({factory_.surname(), opposite(child.gender), std::max(in_law_age, 22),
                       child.gender == 'M' ? "儿媳" : "女婿"});
    const int youngest_parent = std::min(child.age, in_law_age);
    const int count = rng_.between(0, 2);
    int last_age = -1;
    for (int i = 0; i < count; ++i) {
      const int age = youngest_parent - rng_.between(22, 35);
      if (age < 1 || age == last_age) continue;
      last_age = age;
      const char gender = rng_.percent(52) ? 'M' : 'F';
      // Grandchildren keep the family surname, also with a 上门女婿.
      people_.push_back({surname, gender, age, gender == 'M' ? "孙子" : "孙女"});
    }
  }

  Rng& rng_;
  ResidentFactory& factory_;
  std::vector<Person> people_;
};

std::vector<DemoGrid> make_grids() {
  std::vector<DemoGrid> grids;
  for (int g = 0; g < kGridCount; ++g) grids.push_back({"第" + std::string(kChineseNumerals[g]) + "网格"});
  return grids;
}

// Households per grid: an even split, then a few random moves so grids are not all alike.
std::vector<int> households_per_grid(Rng& rng) {
  std::vector<int> sizes(kGridCount, kHouseholdCount / kGridCount);
  for (int g = 0; g < kHouseholdCount % kGridCount; ++g) ++sizes[static_cast<size_t>(g)];
  for (int i = 0; i < 12; ++i) {
    const auto from = static_cast<size_t>(rng.below(kGridCount));
    const auto to = static_cast<size_t>(rng.below(kGridCount));
    const int n = rng.between(1, 3);
    if (from != to && sizes[from] - n >= 30) {
      sizes[from] -= n;
      sizes[to] += n;
    }
  }
  return sizes;
}

// Splits the grid's households [first, first + count) into 联户 groups of about kGroupSize.
void add_groups(Rng& rng, DemoVillage& v, int grid, int first, int count) {
  const int groups = std::max(1, (count + kGroupSize / 2) / kGroupSize);
  int next = first;
  for (int i = 0; i < groups; ++i) {
    const int size = count / groups + (i < count % groups ? 1 : 0);
    const int group = static_cast<int>(v.groups.size());
    v.groups.push_back({grid, next + rng.below(size)});
    for (int h = next; h < next + size; ++h) v.households[static_cast<size_t>(h)].group = group;
    next += size;
  }
}

void add_households(Rng& rng, DemoVillage& v, ResidentFactory& factory) {
  FamilyPlanner planner(rng, factory);
  const std::vector<int> sizes = households_per_grid(rng);
  for (int grid = 0; grid < kGridCount; ++grid) {
    const int first = static_cast<int>(v.households.size());
    int house_no = rng.between(1, 3);
    for (int i = 0; i < sizes[static_cast<size_t>(grid)]; ++i) {
      DemoHousehold hh;
      hh.grid = grid;
      // The 组 of the old production-team numbering matches the grid, house numbers run upward.
      hh.address = v.village_name + std::string(kChineseNumerals[grid]) + "组" + std::to_string(house_no) + "号";
      house_no += rng.between(1, 3);
      for (const Person& p : planner.plan()) hh.members.push_back(factory.make(p, hh.members));
      v.households.push_back(std::move(hh));
    }
    add_groups(rng, v, grid, first, sizes[static_cast<size_t>(grid)]);
  }
}

void add_staff(DemoVillage& v) {
  v.staff = {
      {"0001", "陈建华", "admin", -1, "246810"},
      {"0002", "李秀梅", "clerk", -1, "135790"},
      {"0003", "王志强", "clerk", -1, "112358"},
  };
  // One grid worker per grid, staff_no 0101-0108, PIN "2026" + the two-digit grid number.
  static constexpr std::array<std::string_view, kGridCount> kGridWorkers = {
      "张伟", "刘丽娟", "杨海波", "赵春燕", "黄明", "周玲", "吴建军", "徐芳"};
  for (int g = 0; g < kGridCount; ++g) {
    const std::string nn = two_digits(g + 1);
    v.staff.push_back({"01" + nn, std::string(kGridWorkers[static_cast<size_t>(g)]), "grid_worker", g, "2026" + nn});
  }
  v.staff.push_back({"0201", "孙德福", "volunteer", -1, "369258"});
  v.staff.push_back({"0202", "胡秀英", "volunteer", -1, "258147"});
}

bool is_adult(const DemoResident& r) {
  return kReferenceYear - std::stoi(r.birth_date.substr(0, 4)) >= kAdultAge;
}

enum class LoginPick { kAnyAdult, kHead, kIdEndsInX };

bool fits(const DemoResident& r, size_t member, LoginPick want) {
  switch (want) {
    case LoginPick::kHead: return member == 0;
    case LoginPick::kIdEndsInX: return r.id_number.back() == 'X';
    case LoginPick::kAnyAdult: break;
  }
  return true;
}

// A random adult of `grid` matching `want`, or any adult of the grid if none matches.
DemoLogin pick_login(Rng& rng, const DemoVillage& v, int grid, LoginPick want, std::string pin) {
  std::vector<DemoLogin> adults;
  std::vector<DemoLogin> matching;
  for (size_t h = 0; h < v.households.size(); ++h) {
    if (v.households[h].grid != grid) continue;
    const auto& members = v.households[h].members;
    for (size_t m = 0; m < members.size(); ++m) {
      if (!is_adult(members[m])) continue;
      const DemoLogin login{static_cast<int>(h), static_cast<int>(m), pin};
      adults.push_back(login);
      if (fits(members[m], m, want)) matching.push_back(login);
    }
  }
  const std::vector<DemoLogin>& pool = matching.empty() ? adults : matching;
  return pool[static_cast<size_t>(rng.below(static_cast<int>(pool.size())))];
}

// Five logins in five different grids. Grid 0 has none, so the first households of the book
// show the "PIN not set yet" path. The main demo persona (PIN 123456) is a household head, and
// one ID ends in 'X' so the demo also exercises the X key.
void add_demo_logins(Rng& rng, DemoVillage& v) {
  struct Spec {
    int grid;
    LoginPick want;
    std::string_view pin;
  };
  static constexpr std::array<Spec, 5> kLogins = {{{1, LoginPick::kHead, "123456"},
                                                   {2, LoginPick::kIdEndsInX, "654321"},
                                                   {4, LoginPick::kAnyAdult, "112233"},
                                                   {5, LoginPick::kAnyAdult, "778899"},
                                                   {7, LoginPick::kAnyAdult, "135246"}}};
  for (const Spec& s : kLogins) v.demo_logins.push_back(pick_login(rng, v, s.grid, s.want, std::string(s.pin)));
}

}  // namespace

size_t DemoVillage::resident_count() const {
  size_t n = 0;
  for (const DemoHousehold& h : households) n += h.members.size();
  return n;
}

DemoVillage generate_demo_village(std::uint64_t seed) {
  Rng rng(seed);
  DemoVillage v;
  v.village_name = "青山村";
  v.township_name = "白云镇";
  v.region_code = "339901";  // 33 is Zhejiang, but no county uses 99xx: clearly not a real place
  v.grids = make_grids();
  ResidentFactory factory(rng, v.region_code);
  add_households(rng, v, factory);
  add_staff(v);
  add_demo_logins(rng, v);
  return v;
}

}  // namespace vsk::core
