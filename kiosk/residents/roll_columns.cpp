#include "residents/roll_columns.h"

#include <map>

#include "residents/roll_fields.h"

namespace vsk::residents {
namespace {

constexpr int kHeaderSearchRows = 30;

const std::map<std::string, Column, std::less<>>& synonyms() {
  static const std::map<std::string, Column, std::less<>> m = {
      {"姓名", Column::kName},           {"名字", Column::kName},         {"居民姓名", Column::kName},
      {"村民姓名", Column::kName},       {"身份证号", Column::kIdNumber}, {"公民身份号码", Column::kIdNumber},
      {"身份证号码", Column::kIdNumber}, {"身份证", Column::kIdNumber},   {"证件号码", Column::kIdNumber},
      {"性别", Column::kGender},         {"民族", Column::kEthnicity},    {"出生日期", Column::kBirthDate},
      {"出生年月日", Column::kBirthDate}, {"出生年月", Column::kBirthDate}, {"生日", Column::kBirthDate},
      {"户号", Column::kHouseholdNo},    {"户编号", Column::kHouseholdNo}, {"与户主关系", Column::kRelation},
      {"与户主的关系", Column::kRelation}, {"家庭关系", Column::kRelation}, {"关系", Column::kRelation},
      {"网格", Column::kGrid},           {"所属网格", Column::kGrid},     {"网格名称", Column::kGrid},
      {"联系电话", Column::kPhone},      {"手机号", Column::kPhone},      {"手机号码", Column::kPhone},
      {"电话", Column::kPhone},          {"联系方式", Column::kPhone},    {"住址", Column::kAddress},
      {"家庭住址", Column::kAddress},    {"地址", Column::kAddress},      {"现住址", Column::kAddress},
      {"村民小组", Column::kVillageGroup}, {"小组", Column::kVillageGroup}, {"所属小组", Column::kVillageGroup},
  };
  return m;
}

// Drops spaces, required-field stars and a trailing "(必填)" / "（选填）" note.
std::string header_key(std::string_view raw) {
  std::string s = normalize_text(raw);
  for (const char* note : {"(", "（"})
    if (const auto p = s.find(note); p != std::string::npos && p > 0) s = s.substr(0, p);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '*') continue;
    if (s.compare(i, 3, "＊") == 0) {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace

std::string_view canonical_header(Column c) {
  static constexpr std::array<std::string_view, kColumnCount> names = {
      "姓名", "身份证号", "性别", "民族", "出生日期", "户号", "与户主关系", "网格", "联系电话", "住址", "村民小组"};
  return names[static_cast<int>(c)];
}

std::optional<Column> column_for_header(std::string_view header) {
  const auto& m = synonyms();
  const auto it = m.find(header_key(header));
  if (it == m.end()) return std::nullopt;
  return it->second;
}

std::optional<HeaderRow> find_header(const Sheet& sheet) {
  const int rows = std::min<int>(kHeaderSearchRows, static_cast<int>(sheet.rows.size()));
  for (int r = 0; r < rows; ++r) {
    HeaderRow h;
    h.row = r;
    h.index.fill(-1);
    const auto& cells = sheet.rows[r];
    for (int i = 0; i < static_cast<int>(cells.size()); ++i) {
      if (cells[i].kind != Cell::Kind::kText) continue;
      const auto col = column_for_header(cells[i].text);
      if (!col || h.has(*col)) continue;  // the first of two same-named columns wins
      h.index[static_cast<int>(*col)] = i;
      h.text[static_cast<int>(*col)] = normalize_text(cells[i].text);
    }
    if (h.has(Column::kName) && h.has(Column::kIdNumber)) return h;
  }
  return std::nullopt;
}

}  // namespace vsk::residents
