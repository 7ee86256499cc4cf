#include "residents/roll_parser.h"

#include <algorithm>
#include <map>

#include "residents/roll_fields.h"

namespace vsk::residents {
namespace {

constexpr size_t kMaxNameBytes = 60;  // 20 Chinese characters: longer is a misplaced column

const Cell& cell_at(const std::vector<Cell>& cells, int index) {
  static const Cell empty;
  return index >= 0 && index < static_cast<int>(cells.size()) ? cells[index] : empty;
}

bool blank_row(const std::vector<Cell>& cells) {
  for (const Cell& c : cells)
    if (c.kind != Cell::Kind::kEmpty && !normalize_text(c.text).empty()) return false;
  return true;
}

// "合计 12户 36人" under the last resident (our exports write one): not a resident.
bool totals_row(const std::vector<Cell>& cells) {
  for (const Cell& c : cells) {
    const std::string t = normalize_text(c.text);
    if (t.empty()) continue;
    return t == "合计" || t == "总计" || t == "小计";
  }
  return false;
}

class RowReader {
 public:
  RowReader(const HeaderRow& h, RollParse& out, const core::Date& today) : h_(h), out_(out), today_(today) {}

  void read(int excel_row, const std::vector<Cell>& cells) {
    row_ = excel_row;
    cells_ = &cells;
    RollRow r;
    r.row = excel_row;
    r.name = read_name(cell(Column::kName));
    if (r.name.empty()) error(Column::kName, core::Message("roll.name.empty"));
    else if (r.name.size() > kMaxNameBytes) error(Column::kName, core::Message("roll.name.too_long"));

    const auto id = read_id_number(cell(Column::kIdNumber));
    if (id.error) error(Column::kIdNumber, *id.error);
    if (id.value) r.id_number = *id.value;

    r.household_no = read_text(cell(Column::kHouseholdNo));
    if (r.household_no.empty()) error(Column::kHouseholdNo, core::Message("roll.household.empty"));
    r.relation = normalize_text(cell(Column::kRelation).text);
    if (r.relation.empty()) error(Column::kRelation, core::Message("roll.relation.empty"));
    r.is_head = is_head_relation(r.relation);
    if (r.is_head) r.relation = "户主";

    const auto gender = read_gender(cell(Column::kGender));
    if (gender.error) error(Column::kGender, *gender.error);
    const auto birth = read_date(cell(Column::kBirthDate), today_);
    if (birth.error) error(Column::kBirthDate, *birth.error);
    if (id.value) {  // the ID carries both; the row's own columns win, a disagreement is a warning
      const std::string id_sex = id_gender(r.id_number);
      const core::Date id_birth = id_birth_date(r.id_number);
      r.gender = gender.value.value_or(id_sex);
      r.birth_date = core::format_date(birth.value.value_or(id_birth));
      if (gender.value && *gender.value != id_sex)
        warning(Column::kGender, core::Message("roll.gender.mismatch").arg("id", id_sex == "M" ? "男" : "女"));
      if (birth.value && *birth.value != id_birth)
        warning(Column::kBirthDate, core::Message("roll.date.mismatch").arg("id", core::format_date(id_birth)));
    }

    const auto phone = read_phone(cell(Column::kPhone));
    if (phone.error) error(Column::kPhone, *phone.error);
    r.phone = phone.value.value_or("");
    r.ethnicity = normalize_text(cell(Column::kEthnicity).text);
    r.grid = read_text(cell(Column::kGrid));
    r.address = normalize_text(cell(Column::kAddress).text);
    r.village_group = read_text(cell(Column::kVillageGroup));
    out_.rows.push_back(std::move(r));
  }

 private:
  const Cell& cell(Column c) const { return cell_at(*cells_, h_.index[static_cast<int>(c)]); }
  std::string header(Column c) const {
    const auto& t = h_.text[static_cast<int>(c)];
    return t.empty() ? std::string(canonical_header(c)) : t;
  }
  void error(Column c, core::Message m) {
    out_.problems.push_back({row_, header(c), Severity::kError, std::move(m)});
    out_.bad_rows.insert(row_);
  }
  void warning(Column c, core::Message m) {
    out_.problems.push_back({row_, header(c), Severity::kWarning, std::move(m)});
  }

  const HeaderRow& h_;
  RollParse& out_;
  const core::Date& today_;
  int row_ = 0;
  const std::vector<Cell>* cells_ = nullptr;
};

// The same person twice; households with no 户主 or with two.
void check_across_rows(const HeaderRow& h, RollParse& out) {
  const auto column = [&](Column c) {
    const auto& t = h.text[static_cast<int>(c)];
    return t.empty() ? std::string(canonical_header(c)) : t;
  };
  const auto bad = [&](int row, Column c, core::Message m) {
    out.problems.push_back({row, column(c), Severity::kError, std::move(m)});
    out.bad_rows.insert(row);
  };
  std::map<std::string, int> seen_id;
  std::map<std::string, std::vector<const RollRow*>> households;
  for (const RollRow& r : out.rows) {
    if (!r.id_number.empty()) {
      const auto [it, fresh] = seen_id.emplace(r.id_number, r.row);
      if (!fresh) bad(r.row, Column::kIdNumber, core::Message("roll.id.duplicate").arg("row", std::to_string(it->second)));
    }
    if (!r.household_no.empty()) households[r.household_no].push_back(&r);
  }
  for (const auto& [no, members] : households) {
    std::vector<int> heads;
    for (const RollRow* m : members)
      if (m->is_head) heads.push_back(m->row);
    if (heads.empty()) {
      for (const RollRow* m : members)
        bad(m->row, Column::kRelation, core::Message("roll.household.no_head").arg("household", no));
    } else if (heads.size() > 1) {
      for (size_t i = 1; i < heads.size(); ++i)
        bad(heads[i], Column::kRelation,
            core::Message("roll.household.two_heads").arg("household", no).arg("row", std::to_string(heads[0])));
      for (const RollRow* m : members) out.bad_rows.insert(m->row);  // which head is right: the clerk decides
    }
  }
}

}  // namespace

bool RollParse::usable() const {
  for (const auto& p : problems)
    if (p.row == 0 && p.severity == Severity::kError) return false;
  return true;
}

int RollParse::errors() const {
  int n = 0;
  for (const auto& p : problems) n += p.severity == Severity::kError;
  return n;
}

int RollParse::warnings() const { return static_cast<int>(problems.size()) - errors(); }

bool is_head_relation(const std::string& relation) {
  return relation == "户主" || relation == "本人" || relation == "户主本人";
}

RollParse parse_roll(const std::vector<Sheet>& sheets, const core::Date& today) {
  RollParse out;
  for (const Sheet& sheet : sheets) {
    const auto h = find_header(sheet);
    if (!h) continue;
    out.sheet = sheet.name;
    out.header_row = h->row + 1;
    for (Column required : {Column::kHouseholdNo, Column::kRelation})
      if (!h->has(required))
        out.problems.push_back({0, "", Severity::kError,
                                core::Message("roll.file.missing_column").arg("column", std::string(canonical_header(required)))});
    if (!out.usable()) return out;
    RowReader reader(*h, out, today);
    for (size_t r = h->row + 1; r < sheet.rows.size(); ++r)
      if (!blank_row(sheet.rows[r]) && !totals_row(sheet.rows[r])) reader.read(static_cast<int>(r) + 1, sheet.rows[r]);
    check_across_rows(*h, out);
    std::stable_sort(out.problems.begin(), out.problems.end(),
                     [](const RollProblem& a, const RollProblem& b) { return a.row < b.row; });
    return out;
  }
  out.problems.push_back({0, "", Severity::kError, core::Message("roll.file.no_header")});
  return out;
}

}  // namespace vsk::residents
