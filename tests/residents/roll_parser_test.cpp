// The roll reader against files written by other programs (tests/fixtures/roll/make_fixtures.py:
// openpyxl, xlwt, Python's codecs): every trap asserted by Excel row, column and reason.
#include <gtest/gtest.h>

#include <algorithm>

#include "residents/roll_fields.h"
#include "residents/roll_parser.h"
#include "residents/spreadsheet_reader.h"
#include "residents/text_encoding.h"

namespace vsk::residents {
namespace {

const core::Date kToday{2026, 11, 23};

std::string fixture(const std::string& name) { return std::string(VSK_FIXTURES_DIR) + "/roll/" + name; }

RollParse parse_file(const std::string& name) { return parse_roll(read_spreadsheet(fixture(name)), kToday); }

// "row 5, 公民身份号码: roll.id.number_cell" for every problem, to compare as a whole.
std::vector<std::string> problem_lines(const RollParse& p) {
  std::vector<std::string> out;
  for (const auto& pr : p.problems)
    out.push_back(std::string(pr.severity == Severity::kError ? "E " : "W ") + std::to_string(pr.row) + " " +
                  pr.column + " " + pr.reason.key);
  return out;
}

const RollRow& row(const RollParse& p, int excel_row) {
  const auto it = std::find_if(p.rows.begin(), p.rows.end(), [&](const RollRow& r) { return r.row == excel_row; });
  if (it == p.rows.end()) throw std::runtime_error("no row " + std::to_string(excel_row));
  return *it;
}

TEST(RollFields, FifteenDigitIdsBecomeEighteenPerGb11643) {
  // 1st generation: region, yymmdd, serial; the century goes in, the check character at the end.
  EXPECT_EQ(upgrade_15_digit_id("110105491231002"), "11010519491231002X");
  Cell c{Cell::Kind::kText, "110105491231002", 0};
  EXPECT_EQ(read_id_number(c).value.value_or(""), "11010519491231002X");
}

TEST(RollFields, IdInANumberCellIsRefusedWithHowToFix) {
  const Cell number{Cell::Kind::kNumber, "3.30182199001011E+17", 330182199001011000.0};
  ASSERT_TRUE(read_id_number(number).error);
  EXPECT_EQ(read_id_number(number).error->key, "roll.id.number_cell");
  const Cell csv{Cell::Kind::kText, "3.30182E+17", 0};  // the same column saved as CSV
  EXPECT_EQ(read_id_number(csv).error->key, "roll.id.number_cell");
}

TEST(RollFields, DatesInEveryUsualSpelling) {
  for (const char* t : {"1964-02-03", "1964/2/3", "1964.02.03", "1964年2月3日", "19640203", "1964-02-03 00:00:00",
                        "１９６４年２月３日"}) {
    const auto d = read_date({Cell::Kind::kText, t, 0}, kToday);
    ASSERT_TRUE(d.value) << t;
    EXPECT_EQ(core::format_date(*d.value), "1964-02-03") << t;
  }
  EXPECT_EQ(core::format_date(*read_date({Cell::Kind::kNumber, "19640203", 19640203}, kToday).value), "1964-02-03");
  EXPECT_EQ(core::format_date(*read_date({Cell::Kind::kNumber, "23410", 23410}, kToday).value), "1964-02-03");
  EXPECT_EQ(read_date({Cell::Kind::kText, "1964.13.03", 0}, kToday).error->key, "roll.date.bad");
  EXPECT_EQ(read_date({Cell::Kind::kText, "2030-01-01", 0}, kToday).error->key, "roll.date.future");
}

TEST(RollFields, PhonesAsNumberCellsAndWithSpaces) {
  EXPECT_EQ(*read_phone({Cell::Kind::kNumber, "13800000001", 13800000001.0}).value, "13800000001");
  EXPECT_EQ(*read_phone({Cell::Kind::kText, "１３９ 0000\u30000002", 0}).value, "13900000002");
  EXPECT_EQ(*read_phone({Cell::Kind::kText, "0571-87654321", 0}).value, "0571-87654321");
  EXPECT_EQ(read_phone({Cell::Kind::kText, "12345", 0}).error->key, "roll.phone.bad");
}

TEST(TextEncoding, TellsUtf8BomAndGb18030Apart) {
  EXPECT_EQ(detect_encoding("\xEF\xBB\xBF姓名"), TextEncoding::kUtf8Bom);
  EXPECT_EQ(detect_encoding("姓名"), TextEncoding::kUtf8);
  EXPECT_EQ(detect_encoding("\xD0\xD5\xC3\xFB"), TextEncoding::kGb18030);  // 姓名 in GBK
  EXPECT_EQ(to_utf8("\xD0\xD5\xC3\xFB"), "姓名");
}

TEST(RollHeader, SynonymsStarsAndNotes) {
  EXPECT_EQ(column_for_header("公民身份号码"), Column::kIdNumber);
  EXPECT_EQ(column_for_header(" 身份证号码* "), Column::kIdNumber);
  EXPECT_EQ(column_for_header("户编号（必填）"), Column::kHouseholdNo);
  EXPECT_EQ(column_for_header("所属网格"), Column::kGrid);
  EXPECT_EQ(column_for_header("手机号"), Column::kPhone);
  EXPECT_EQ(column_for_header("备注"), std::nullopt);
}

// The same 12 residents from .xlsx (openpyxl), .xls (xlwt), GB18030 CSV and UTF-8 BOM CSV.
TEST(RollParser, EveryFormatReadsTheSameClean12Residents) {
  const RollParse xlsx = parse_file("roll_clean.xlsx");
  ASSERT_TRUE(xlsx.problems.empty()) << ::testing::PrintToString(problem_lines(xlsx));
  ASSERT_EQ(xlsx.rows.size(), 12u);
  EXPECT_EQ(xlsx.header_row, 1);
  EXPECT_EQ(xlsx.rows[0].name, "王伟");
  EXPECT_TRUE(xlsx.rows[0].is_head);
  EXPECT_EQ(xlsx.rows[0].phone, "13800000001");
  EXPECT_EQ(xlsx.rows[0].birth_date, "1960-03-15");
  EXPECT_EQ(xlsx.rows[0].grid, "第1网格");
  for (const char* other : {"roll_clean.xls", "roll_gb18030.csv", "roll_bom.csv"}) {
    const RollParse p = parse_file(other);
    EXPECT_TRUE(p.problems.empty()) << other << ::testing::PrintToString(problem_lines(p));
    ASSERT_EQ(p.rows.size(), xlsx.rows.size()) << other;
    for (size_t i = 0; i < p.rows.size(); ++i) {
      const RollRow &a = xlsx.rows[i], &b = p.rows[i];
      EXPECT_EQ(std::tie(a.name, a.id_number, a.gender, a.ethnicity, a.birth_date, a.household_no, a.relation, a.grid,
                         a.phone, a.address, a.village_group, a.is_head),
                std::tie(b.name, b.id_number, b.gender, b.ethnicity, b.birth_date, b.household_no, b.relation, b.grid,
                         b.phone, b.address, b.village_group, b.is_head))
          << other << " row " << b.row;
    }
  }
}

TEST(RollParser, TrapsReportedByExcelRowColumnAndReason) {
  const RollParse p = parse_file("roll_traps.xlsx");
  EXPECT_EQ(p.sheet, "村民花名册");  // the instructions sheet before it is skipped
  EXPECT_EQ(p.header_row, 3);       // below the merged title rows
  EXPECT_EQ(problem_lines(p), (std::vector<std::string>{
                                  "E 5 公民身份号码* roll.id.number_cell",
                                  "E 8 公民身份号码* roll.id.duplicate",
                                  "E 9 与户主关系 roll.household.no_head",
                                  "E 11 与户主关系 roll.household.two_heads",
                                  "W 12 性别 roll.gender.mismatch",
                                  "W 12 出生年月日 roll.date.mismatch",
                                  "E 13 手机号 roll.phone.bad",
                                  "E 14 公民身份号码* roll.id.check_lost_digits",
                                  "E 15 公民身份号码* roll.id.empty",
                              }));
  EXPECT_EQ(p.problems[1].reason.args.at(0).second, "4");  // the same person as row 4
  EXPECT_EQ(p.bad_rows, (std::set<int>{5, 8, 9, 10, 11, 13, 14, 15}));

  const RollRow& head = row(p, 4);  // date cell in a 年月日 format, phone in a number cell
  EXPECT_EQ(head.birth_date, "1964-02-03");
  EXPECT_EQ(head.phone, "13800000001");
  EXPECT_EQ(head.grid, "第一网格");
  EXPECT_EQ(head.village_group, "1组");
  const RollRow& old_id = row(p, 6);  // 15 digits -> 18
  EXPECT_EQ(old_id.id_number, "330182198807070134");
  EXPECT_EQ(old_id.birth_date, "1988-07-07");
  const RollRow& full_width = row(p, 7);  // full-width digits, ideographic space, lowercase x
  EXPECT_EQ(full_width.id_number, "33018219900101009X");
  EXPECT_EQ(full_width.name, "张伟");
  EXPECT_EQ(full_width.phone, "13900000002");
  EXPECT_EQ(full_width.birth_date, "1990-01-01");
  const RollRow& warned = row(p, 12);  // warnings only: imported with the row's own values
  EXPECT_EQ(warned.gender, "F");
  EXPECT_EQ(warned.birth_date, "1980-03-04");
  EXPECT_EQ(warned.phone, "0571-87654321");
  EXPECT_FALSE(p.bad_rows.count(12));
}

TEST(RollParser, NoHeaderOrMissingColumnIsAFileProblem) {
  Sheet s;
  s.rows = {{{Cell::Kind::kText, "随便", 0}}};
  const RollParse none = parse_roll({s}, kToday);
  ASSERT_FALSE(none.usable());
  EXPECT_EQ(none.problems.at(0).reason.key, "roll.file.no_header");
  s.rows = {{{Cell::Kind::kText, "姓名", 0}, {Cell::Kind::kText, "身份证号", 0}}};
  const RollParse missing = parse_roll({s}, kToday);
  ASSERT_FALSE(missing.usable());
  EXPECT_EQ(missing.problems.at(0).reason.key, "roll.file.missing_column");
}

TEST(SpreadsheetReader, DamagedFilesAreRefusedNotCrashedOn) {
  EXPECT_THROW(read_xlsx(fixture("roll_bom.csv")), SheetError);
  EXPECT_THROW(read_xls(fixture("roll_clean.xlsx")), SheetError);
  EXPECT_THROW(read_spreadsheet(fixture("no_such_file.xlsx")), SheetError);
}

}  // namespace
}  // namespace vsk::residents

namespace vsk::residents {
namespace {

// assets/roll/roll-template.xlsx (scripts/make_roll_template.py): the header every synonym
// table knows, below two title rows, and no resident yet.
TEST(RollTemplate, HeaderFoundNoRowsNoProblems) {
  const RollParse p = parse_roll(read_spreadsheet(std::string(VSK_SOURCE_DIR) + "/assets/roll/roll-template.xlsx"), kToday);
  EXPECT_TRUE(p.problems.empty());
  EXPECT_EQ(p.header_row, 3);
  EXPECT_TRUE(p.rows.empty());
}

}  // namespace
}  // namespace vsk::residents
