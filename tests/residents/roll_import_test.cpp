// Importing rolls into a real (kioskctl init) village: upsert by ID number, households by 户号,
// all or nothing, dry runs and re-imports that change nothing, missing residents listed and
// marked 迁出 only when asked, PII encrypted, changes in the outbox, audit without ID numbers.
#include <gtest/gtest.h>

#include <regex>

#include "app/init_village.h"
#include "app/resident_pins.h"
#include "app/roll_import.h"
#include "fake/fake_pin_hasher.h"
#include "fake/fixed_key_pii_cipher.h"
#include "support/raw_bytes.h"
#include "support/store_access.h"
#include "residents/spreadsheet_reader.h"
#include "store/household_store.h"
#include "support/store_access.h"
#include "support/temp_dir.h"

namespace vsk::app {
namespace {

constexpr std::int64_t kNow = 1795399200;  // 2026-11-23 10:00 China time
const core::Date kToday{2026, 11, 23};

residents::RollParse parse_fixture(const std::string& name) {
  return residents::parse_roll(residents::read_spreadsheet(std::string(VSK_FIXTURES_DIR) + "/roll/" + name), kToday);
}

class RollImport : public ::testing::Test {
 protected:
  RollImport() : store_(dir_.file("kiosk.db"), cipher_) {
    EXPECT_TRUE(init_village(store_, {"青山村", "白云镇", "QS1"}, kNow).ok());
  }

  RollImportReport import(const std::string& fixture, RollImportOptions o = {}) {
    o.source = fixture;
    return import_roll(store_, parse_fixture(fixture), o, kNow);
  }
  RollImportOptions creating() {
    RollImportOptions o;
    o.create_grids = true;
    return o;
  }
  std::int64_t count(const char* table) {
    auto st = vsk::test_support::raw_db(store_).prepare(std::string("SELECT count(*) FROM ") + table);
    st.step();
    return st.column_int(0);
  }
  std::int64_t outbox() { return store_.sync().last_seq(); }

  test_support::TempDir dir_;
  platform::FixedKeyPiiCipher cipher_;
  store::KioskStore store_;
  platform::FakePinHasher hasher_;
};

TEST_F(RollImport, CleanRollImportedThenTheSameFileChangesNothing) {
  const auto first = import("roll_clean.xlsx", creating());
  ASSERT_TRUE(first.committed);
  EXPECT_EQ(first.new_residents, 12);
  EXPECT_EQ(first.new_households, 4);
  EXPECT_EQ(first.new_grids, 2);
  EXPECT_EQ(count("residents"), 12);
  EXPECT_EQ(outbox(), 12);  // one resident.upserted each, for the township

  const auto r = store_.residents().find_by_id_number(parse_fixture("roll_clean.xlsx").rows[0].id_number);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->name, "王伟");
  EXPECT_EQ(r->household_no, "0001");
  EXPECT_EQ(r->grid_name, "第1网格");
  EXPECT_EQ(r->ethnicity, "汉族");
  EXPECT_EQ(r->phone, "13800000001");
  EXPECT_TRUE(r->is_head);
  EXPECT_FALSE(r->pin_hash);  // PINs are set at the window

  for (const char* same : {"roll_clean.xlsx", "roll_clean.xls", "roll_gb18030.csv", "roll_bom.csv"}) {
    const auto again = import(same);
    EXPECT_TRUE(again.committed) << same;
    EXPECT_EQ(again.new_residents + again.changed, 0) << same;
    EXPECT_EQ(again.unchanged, 12) << same;
    EXPECT_EQ(again.new_households + again.changed_households + again.new_grids, 0) << same;
  }
  EXPECT_EQ(outbox(), 12);
  EXPECT_EQ(count("residents"), 12);
}

TEST_F(RollImport, UnknownGridsAreCreatedOnlyWhenAsked) {
  const auto r = import("roll_clean.xlsx");
  EXPECT_FALSE(r.committed);
  ASSERT_FALSE(r.parse.problems.empty());
  EXPECT_EQ(r.parse.problems[0].row, 2);  // the first household's head
  EXPECT_EQ(r.parse.problems[0].column, "网格");
  EXPECT_EQ(r.parse.problems[0].reason.key, "roll.grid.unknown");
  EXPECT_EQ(count("residents"), 0);
  EXPECT_EQ(count("grids"), 0);
}

TEST_F(RollImport, DryRunCountsWhatTheImportWouldDoAndChangesNothing) {
  RollImportOptions o = creating();
  o.dry_run = true;
  const auto r = import("roll_clean.xlsx", o);
  EXPECT_FALSE(r.committed);
  EXPECT_EQ(r.new_residents, 12);
  EXPECT_EQ(r.new_households, 4);
  EXPECT_EQ(count("residents"), 0);
  EXPECT_EQ(count("households"), 0);
  EXPECT_EQ(count("grids"), 0);
  EXPECT_EQ(outbox(), 0);
}

TEST_F(RollImport, OneBadRowRefusesTheWholeFileUnlessSkipBad) {
  const auto refused = import("roll_traps.xlsx", creating());
  EXPECT_FALSE(refused.committed);
  EXPECT_EQ(count("residents"), 0);
  EXPECT_EQ(refused.new_residents, 4);  // what would have gone in: rows 4, 6, 7, 12

  RollImportOptions o = creating();
  o.skip_bad = true;
  const auto partial = import("roll_traps.xlsx", o);
  ASSERT_TRUE(partial.committed);
  EXPECT_EQ(partial.new_residents, 4);
  EXPECT_EQ(partial.skipped_rows, 8);
  EXPECT_EQ(count("residents"), 4);
  // Row 6's first-generation number was stored as its 18-digit form.
  EXPECT_TRUE(store_.residents().find_by_id_number("330182198807070134"));
}

TEST_F(RollImport, ChangesCountedMissingListedAndMovedOutOnlyWithTheFlag) {
  ASSERT_TRUE(import("roll_clean.xlsx", creating()).committed);
  residents::RollParse edited = parse_fixture("roll_clean.xlsx");
  edited.rows[1].phone = "13911112222";  // row 3: a new phone number
  edited.rows.resize(9);                 // household 0004 (rows 11-13) left off the new roll
  RollImportOptions o;
  o.source = "edited";
  const auto r = import_roll(store_, edited, o, kNow);
  ASSERT_TRUE(r.committed);
  EXPECT_EQ(r.changed, 1);
  EXPECT_EQ(r.unchanged, 8);
  ASSERT_EQ(r.missing.size(), 3u);
  EXPECT_EQ(r.missing[0].household_no, "0004");
  EXPECT_NE(r.missing[0].masked_id_number.find("**********"), std::string::npos);
  EXPECT_EQ(r.moved_out, 0);
  EXPECT_EQ(store_.residents().ids_with_status("active").size(), 12u);  // listed, never deleted or changed

  o.mark_missing_moved_out = true;
  const auto marked = import_roll(store_, edited, o, kNow);
  ASSERT_TRUE(marked.committed);
  EXPECT_EQ(marked.moved_out, 3);
  EXPECT_EQ(store_.residents().ids_with_status("moved_out").size(), 3u);
  EXPECT_EQ(count("residents"), 12);
  // On the roll again: back to active.
  const auto back = import("roll_clean.xlsx");
  EXPECT_EQ(back.changed, 4);  // 3 back from 迁出, and row 3's phone as it was
  EXPECT_EQ(store_.residents().ids_with_status("active").size(), 12u);
}

TEST_F(RollImport, IdPhoneAndEthnicityEncryptedAndAuditHasNoIdNumbers) {
  ASSERT_TRUE(import("roll_clean.xlsx", creating()).committed);
  vsk::test_support::raw_db(store_).exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const std::string bytes = test_support::database_bytes(dir_.file("kiosk.db"));
  const auto parse = parse_fixture("roll_clean.xlsx");
  for (const auto& r : parse.rows) {
    EXPECT_EQ(bytes.find(r.id_number), std::string::npos) << "row " << r.row;
    if (!r.phone.empty()) {
      EXPECT_EQ(bytes.find(r.phone), std::string::npos) << "row " << r.row;
    }
  }
  EXPECT_EQ(bytes.find("汉族"), std::string::npos);
  const auto audit = store_.audit().list(100, 0);
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action, "residents.import");
  EXPECT_EQ(audit.back().target, "roll_clean.xlsx");
  EXPECT_NE(audit.back().detail.find("new=12"), std::string::npos);
  for (const auto& e : audit)
    EXPECT_FALSE(std::regex_search(e.detail + e.target, std::regex("[0-9]{15}"))) << e.detail;
  for (const auto& op : store_.sync().ops_after(0, 100)) {
    EXPECT_EQ(op.type, "residents.upserted");
    EXPECT_FALSE(std::regex_search(op.payload, std::regex("[0-9]{15}"))) << op.payload;  // no ID, no phone
  }
}

TEST_F(RollImport, ResidentPinAtTheWindowSetResetUnlock) {
  ASSERT_TRUE(import("roll_clean.xlsx", creating()).committed);
  const std::int64_t id = store_.residents().find_by_id_number(parse_fixture("roll_clean.xlsx").rows[0].id_number)->id;
  const ActingStaff clerk;
  EXPECT_EQ(set_resident_pin(store_, hasher_, id, "123456", "123456", clerk, kNow).error().key, "staff.err.weak_pin");
  EXPECT_EQ(set_resident_pin(store_, hasher_, id, "1234", "1234", clerk, kNow).error().key, "resident.err.pin_length");
  EXPECT_EQ(set_resident_pin(store_, hasher_, id, "258036", "258037", clerk, kNow).error().key, "staff.err.pin_mismatch");
  ASSERT_TRUE(set_resident_pin(store_, hasher_, id, "258036", "258036", clerk, kNow).ok());
  EXPECT_TRUE(hasher_.verify(*store_.residents().find(id)->pin_hash, "258036"));

  auto tx = store_.begin();
  store_.residents().save_pin_attempts(tx, id, {5, kNow + 900});
  tx.commit();
  ASSERT_TRUE(unlock_resident(store_, id, clerk, kNow).ok());
  EXPECT_EQ(store_.residents().find(id)->pin_attempts.locked_until, 0);
  EXPECT_TRUE(store_.residents().find(id)->pin_hash);  // unlocking keeps the PIN
  ASSERT_TRUE(reset_resident_pin(store_, id, clerk, kNow).ok());
  EXPECT_FALSE(store_.residents().find(id)->pin_hash);

  std::vector<std::string> actions;
  for (const auto& e : store_.audit().list(100, 0))
    if (e.target == "resident:" + std::to_string(id)) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"resident_pin.set", "resident_pin.unlock", "resident_pin.reset"}));
}

}  // namespace
}  // namespace vsk::app
