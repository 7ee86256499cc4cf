// The monthly ledgers from a village with known requests: 代办台账 and 月度办件统计 as tables,
// then as .xlsx opened by openpyxl (another program) and checked cell by cell.
#include <gtest/gtest.h>

#include "app/ledger_exports.h"
#include "app/table_file.h"
#include "support/process.h"
#include "support/village_fixture.h"

namespace vsk::app {
namespace {

using core::RequestEventKind;

class LedgerExport : public test_support::VillageFixture {
 protected:
  std::int64_t file_repair(std::optional<std::int64_t> on_behalf_of_staff) {
    SubmitInput in;
    in.service_id = "facility_repair";
    in.resident_id = demo_resident_id();
    in.staff_id = on_behalf_of_staff;
    for (const auto& f : catalog_.find("facility_repair")->fields)
      if (f.id == "facility") in.fields["facility"] = f.choices.front().id;
    in.fields["problem"] = "路灯不亮";
    in.fields["noticed_on"] = "2026-11-22";
    in.fields["phone"] = "13800138000";
    auto r = service_->submit(in);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().key);
    return r.value().id;
  }
  void act(std::int64_t id, RequestEventKind kind) {
    ASSERT_TRUE(service_->transition(id, TransitionInput{kind, staff_id("0002"), "", std::nullopt, "", false}));
  }
  Translations tr_ = Translations::load(std::string(VSK_SOURCE_DIR) + "/assets/i18n", {"zh-CN"});
  Month month_ = *parse_month("2026-11");
};

TEST_F(LedgerExport, MonthBoundsAreChinaTime) {
  EXPECT_EQ(month_.from, 1793462400);  // 2026-11-01 00:00 +08:00
  EXPECT_EQ(month_.to - month_.from, 30 * 86400);
  EXPECT_EQ(month_.last_date, "2026-11-30");
  EXPECT_FALSE(parse_month("2026-13"));
  EXPECT_FALSE(parse_month("202611"));
}

TEST_F(LedgerExport, DaibanAndServiceStatisticsCellByCellInExcel) {
  const std::int64_t clerk = staff_id("0002");
  const std::int64_t a = file_repair(clerk);
  file_repair(clerk);
  file_repair(std::nullopt);  // filed by the resident: not on the 代办台账
  act(a, RequestEventKind::kAccept);
  act(a, RequestEventKind::kComplete);
  RatingInput five{5, "", RatingSource::kStaffInPerson, clerk, std::nullopt};
  ASSERT_TRUE(service_->rate(a, five));

  const Table daiban = daiban_table(store_, catalog_, tr_, month_);
  ASSERT_EQ(daiban.rows.size(), 2u);
  EXPECT_EQ(daiban.rows[0][1].text, store_.requests().find(a)->number);
  EXPECT_EQ(daiban.rows[0][6].text, "已办结");
  EXPECT_EQ(daiban.rows[0][8].number, 5);
  EXPECT_EQ(daiban.rows[1][6].text, "已提交");
  const Table stats = requests_table(store_, catalog_, month_, "2026-11-23");
  ASSERT_EQ(stats.rows.size(), 1u);
  EXPECT_EQ(stats.rows[0][1].number, 3);  // received
  EXPECT_EQ(stats.rows[0][2].number, 1);  // completed
  EXPECT_EQ(stats.rows[0][3].number, 1);  // on time
  EXPECT_EQ(stats.rows[0][4].number, 0);  // the open two are not due yet on the 23rd
  EXPECT_EQ(stats.rows[0][5].text, "100.0%");
  EXPECT_EQ(requests_table(store_, catalog_, month_, "2026-12-15").rows[0][4].number, 2);  // at the month's end
  EXPECT_EQ(stats.rows[0][7].text, "5.00");

  write_table(dir_.file("daiban.xlsx"), daiban);
  write_table(dir_.file("stats.xlsx"), stats);
  const std::string check = R"py(
import sys, openpyxl
d = openpyxl.load_workbook(sys.argv[1]).active
assert d.title == "代办台账", d.title
assert d["A1"].value == "青山村代办台账（2026-11）", d["A1"].value
assert "A1:I1" in [str(r) for r in d.merged_cells.ranges]
assert d.freeze_panes == "A3"
assert [c.value for c in d[2]] == ["序号", "办件编号", "事项", "申请人", "代办人", "受理时间", "状态", "办结时间", "满意度"]
assert d["A3"].value == 1 and d["A4"].value == 2
assert d["B3"].value == sys.argv[3], d["B3"].value
assert d["C3"].value == "公共设施报修", d["C3"].value
assert d["E3"].value == "李秀梅", d["E3"].value
assert d["G3"].value == "已办结" and d["I3"].value == 5
assert d["H3"].value.startswith("2026-11-23 ") and d["H4"].value in (None, "")
assert d["A5"].value == "合计" and d["B5"].value == "共2件" and d["G5"].value == "办结1件"
assert d["A5"].font.b
s = openpyxl.load_workbook(sys.argv[2]).active
assert [c.value for c in s[3]] == ["公共设施报修", 3, 1, 1, 0, "100.0%", 1, "5.00"], [c.value for c in s[3]]
assert [c.value for c in s[4]] == ["合计", 3, 1, 1, 0, "100.0%", 1, "5.00"], [c.value for c in s[4]]
print("ok")
)py";
  const auto r = test_support::run_process({"/usr/bin/python3", "-c", check, dir_.file("daiban.xlsx"),
                                            dir_.file("stats.xlsx"), store_.requests().find(a)->number});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "ok\n");
}

}  // namespace
}  // namespace vsk::app
