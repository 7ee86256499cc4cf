// The roll's columns, found by header name (with the synonyms village rolls use), not by
// position; the header row may sit below title rows and merged cells.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "residents/sheet.h"

namespace vsk::residents {

enum class Column { kName, kIdNumber, kGender, kEthnicity, kBirthDate, kHouseholdNo, kRelation, kGrid, kPhone,
                    kAddress, kVillageGroup };
inline constexpr int kColumnCount = 11;

// The header our own template and exports write, in their order.
std::string_view canonical_header(Column c);
inline constexpr std::array<Column, kColumnCount> kRollColumns = {
    Column::kHouseholdNo, Column::kName,  Column::kIdNumber, Column::kGender,   Column::kEthnicity,
    Column::kBirthDate,   Column::kRelation, Column::kPhone, Column::kAddress, Column::kGrid,
    Column::kVillageGroup};

// "公民身份号码", " 身份证号码* ", "户编号（必填）" -> the column; nullopt for other headers.
std::optional<Column> column_for_header(std::string_view header);

struct HeaderRow {
  int row = -1;  // index into Sheet::rows
  std::array<int, kColumnCount> index{};  // cell index per Column, -1 when absent
  std::array<std::string, kColumnCount> text{};  // the header as written in the file
  bool has(Column c) const { return index[static_cast<int>(c)] >= 0; }
};

// The first row, within the first 30, that names both 姓名 and an ID column.
std::optional<HeaderRow> find_header(const Sheet& sheet);

}  // namespace vsk::residents
