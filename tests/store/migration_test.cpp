#include <gtest/gtest.h>

#include <filesystem>

#include "support/raw_bytes.h"
#include "support/store_access.h"
#include "support/temp_dir.h"
#include "fake/fixed_key_pii_cipher.h"
#include "store/kiosk_store.h"
#include "store/schema.h"

using namespace vsk;

namespace {

bool has_column(db::Database& db, const std::string& table, const std::string& column) {
  auto st = db.prepare("SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2");
  st.bind(1, table).bind(2, column);
  st.step();
  return st.column_int(0) == 1;
}

std::int64_t scalar(db::Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  st.step();
  return st.column_int(0);
}

const platform::FixedKeyPiiCipher kCipher;

// The ID numbers (and their first 17 digits) and the phone number in kiosk_v1.db.
void expect_no_fixture_numbers(const std::string& raw, const std::string& what) {
  for (const char* secret : {"11010519491231002X", "11010519491231002", "440524198001010013", "44052419800101001",
                             "13800000000"})
    EXPECT_EQ(raw.find(secret), std::string::npos) << secret << " survived the upgrade in " << what;
}

}  // namespace

TEST(Migrations, FreshFileGetsTheNewestSchema) {
  test_support::TempDir dir;
  store::KioskStore s(dir.file("kiosk.db"), kCipher);
  EXPECT_EQ(test_support::raw_db(s).user_version(), store::newest_schema_version());
  EXPECT_EQ(s.migration().outcome, db::MigrationOutcome::kMigrated);
  EXPECT_EQ(s.migration().from_version, 0);
  EXPECT_TRUE(has_column(test_support::raw_db(s), "residents", "pin_locked_until"));
  EXPECT_EQ(test_support::raw_db(s).integrity_check(), "ok");
}

TEST(Migrations, ReopeningAnUpToDateFileChangesNothing) {
  test_support::TempDir dir;
  { store::KioskStore s(dir.file("kiosk.db"), kCipher); }
  store::KioskStore again(dir.file("kiosk.db"), kCipher);
  EXPECT_EQ(again.migration().outcome, db::MigrationOutcome::kUpToDate);
}

// A v1 file written by the first release keeps its residents through the upgrade.
TEST(Migrations, UpgradesVersion1FileKeepingItsData) {
  test_support::TempDir dir;
  const std::string path = dir.file("kiosk.db");
  {
    db::Database d(path);
    auto r = db::migrate(d, store::kiosk_migrations(kCipher), store::kOldestSupportedSchema, 1);
    ASSERT_EQ(r.to_version, 1);
    d.exec(R"sql(
      INSERT INTO grids(id, name) VALUES(1, '第一网格');
      INSERT INTO households(id, grid_id, address) VALUES(1, 1, '青山村一组1号');
      INSERT INTO residents(household_id, name, id_number, gender, birth_date, relation, is_head, pin_hash)
        VALUES(1, '张三', '11010519491231002X', 'M', '1949-12-31', '户主', 1, 'h');
    )sql");
    EXPECT_FALSE(has_column(d, "residents", "pin_failures"));
  }
  store::KioskStore s(path, kCipher);
  EXPECT_EQ(s.migration().from_version, 1);
  EXPECT_EQ(s.migration().to_version, store::newest_schema_version());
  const auto r = s.residents().find_by_id_number("11010519491231002X");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->name, "张三");
  EXPECT_EQ(r->pin_attempts.failures, 0);
  EXPECT_EQ(r->grid_name, "第一网格");
}

// The committed fixture is a real v1 file; it must always open and upgrade.
TEST(Migrations, UpgradesTheCommittedVersion1Fixture) {
  test_support::TempDir dir;
  const std::string path = dir.file("kiosk.db");
  std::filesystem::copy_file(std::string(VSK_FIXTURES_DIR) + "/kiosk_v1.db", path);
  {
    store::KioskStore s(path, kCipher);
    EXPECT_EQ(s.migration().from_version, 1);
    EXPECT_EQ(test_support::raw_db(s).user_version(), store::newest_schema_version());
    EXPECT_GT(s.residents().count(), 0);
    EXPECT_EQ(test_support::raw_db(s).integrity_check(), "ok");
    // v5: ID and phone numbers encrypted, found through the blind index, read back decrypted.
    const auto zhang = s.residents().find_by_id_number("11010519491231002x");  // normalized on lookup
    ASSERT_TRUE(zhang);
    EXPECT_EQ(zhang->name, "张三");
    EXPECT_EQ(zhang->id_number, "11010519491231002X");
    EXPECT_FALSE(zhang->phone);
    const auto li = s.residents().find_by_id_number("440524198001010013");
    ASSERT_TRUE(li);
    EXPECT_EQ(li->name, "李四");
    EXPECT_EQ(li->phone, "13800000000");
    EXPECT_EQ(li->pin_hash, "fake$123456");
    EXPECT_EQ(li->grid_name, "第二网格");
    EXPECT_FALSE(has_column(test_support::raw_db(s), "residents", "id_number"));
    EXPECT_FALSE(has_column(test_support::raw_db(s), "residents", "phone"));
    // The rebuilt table is still the one the 联户 group's leader points at, and foreign keys
    // are enforced again after the rebuild.
    EXPECT_EQ(scalar(test_support::raw_db(s), "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    EXPECT_EQ(scalar(test_support::raw_db(s), "PRAGMA foreign_keys"), 1);
    EXPECT_EQ(scalar(test_support::raw_db(s), "SELECT count(*) FROM household_groups g JOIN residents r ON r.id = g.leader_resident_id"),
              1);
    EXPECT_THROW(test_support::raw_db(s).exec("DELETE FROM residents WHERE id = 1"), db::DbError);
    EXPECT_EQ(scalar(test_support::raw_db(s), "SELECT count(*) FROM sqlite_master WHERE name = 'residents_household'"), 1);
    // Right after the upgrade, while the kiosk runs: the zeroed pages are already checkpointed
    // into the main file, not waiting in the WAL for the next automatic checkpoint.
    expect_no_fixture_numbers(test_support::database_bytes(path), "the live file");
  }
  // A copy of the upgraded file holds none of the numbers the v1 file had in plaintext.
  expect_no_fixture_numbers(test_support::database_bytes(path), "the closed file");
}

// Form values written before v5 (some are phone numbers) are encrypted by the upgrade too.
TEST(Migrations, Version5EncryptsExistingRequestFormValues) {
  test_support::TempDir dir;
  const std::string path = dir.file("kiosk.db");
  std::filesystem::copy_file(std::string(VSK_FIXTURES_DIR) + "/kiosk_v1.db", path);
  {
    db::Database d(path);
    ASSERT_EQ(db::migrate(d, store::kiosk_migrations(kCipher), store::kOldestSupportedSchema, 4).to_version, 4);
    d.exec(R"sql(
      INSERT INTO requests(id, number, service_id, resident_id, pickup_code, status, submitted_at, updated_at, due_date)
        VALUES(1, 'QS1-1123-001', 'facility_repair', 2, '123456', 'submitted', 0, 0, '2026-11-26');
      INSERT INTO request_fields(request_id, field_id, value) VALUES(1, 'phone', '13912345678'), (1, 'problem', '路灯不亮');
    )sql");
  }
  {
    store::KioskStore s(path, kCipher);
    const auto fields = s.requests().fields(1);
    EXPECT_EQ(fields.at("phone"), "13912345678");
    EXPECT_EQ(fields.at("problem"), "路灯不亮");
    EXPECT_EQ(scalar(test_support::raw_db(s), "SELECT count(*) FROM request_fields WHERE typeof(value_cipher) != 'blob'"), 0);
  }
  const std::string raw = test_support::database_bytes(path);
  EXPECT_EQ(raw.find("13912345678"), std::string::npos);
  EXPECT_EQ(raw.find("路灯不亮"), std::string::npos);
}

// The key check written by v5 refuses another key instead of failing on the first read.
TEST(Migrations, AnEncryptedFileRefusesAnotherKey) {
  test_support::TempDir dir;
  const std::string path = dir.file("kiosk.db");
  { store::KioskStore s(path, kCipher); }
  const platform::FixedKeyPiiCipher other(0x11);
  try {
    store::KioskStore s(path, other);
    FAIL() << "another key must be refused";
  } catch (const store::StoreError& e) {
    EXPECT_EQ(e.kind(), store::StoreError::Kind::kWrongPiiKey);
  }
  store::KioskStore again(path, kCipher);
  EXPECT_EQ(again.migration().outcome, db::MigrationOutcome::kUpToDate);
}

TEST(Migrations, RefusesAFileFromANewerKioskAndLeavesItAlone) {
  test_support::TempDir dir;
  const std::string path = dir.file("kiosk.db");
  {
    db::Database d(path);
    d.exec("CREATE TABLE future(x)");
    d.set_user_version(store::newest_schema_version() + 1);
  }
  try {
    store::KioskStore s(path, kCipher);
    FAIL() << "a newer schema must be refused";
  } catch (const store::StoreError& e) {
    EXPECT_EQ(e.kind(), store::StoreError::Kind::kSchemaTooNew);
  }
  db::Database d(path);
  EXPECT_EQ(d.user_version(), store::newest_schema_version() + 1);
}

TEST(Migrations, AFailingMigrationLeavesTheFileAtTheLastGoodVersion) {
  test_support::TempDir dir;
  db::Database d(dir.file("x.db"));
  std::vector<db::Migration> steps = {
      {1, [](db::Transaction& tx) { tx.db().exec("CREATE TABLE a(x)"); }},
      {2, [](db::Transaction& tx) {
         tx.db().exec("CREATE TABLE b(x)");
         tx.db().exec("THIS IS NOT SQL");
       }},
  };
  EXPECT_THROW(db::migrate(d, steps, 1), db::DbError);
  EXPECT_EQ(d.user_version(), 1);
  auto st = d.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'");
  st.step();
  EXPECT_EQ(st.column_int(0), 0);  // v2's half-done work was rolled back with it
}

// Sync errors were stored as Chinese sentences (the English UI showed them); v11 keeps codes.
TEST(Migrations, Version11KeepsSyncErrorCodesAndDropsTheirChineseText) {
  test_support::TempDir dir;
  const std::string path = dir.file("kiosk.db");
  std::filesystem::copy_file(std::string(VSK_FIXTURES_DIR) + "/kiosk_v1.db", path);
  {
    db::Database d(path);
    ASSERT_EQ(db::migrate(d, store::kiosk_migrations(kCipher), store::kOldestSupportedSchema, 9).to_version, 9);
    d.prepare("INSERT INTO outbox(seq, op_id, type, payload, device_time) VALUES(1, 'op-1', 'teleport.resident', ?1, 0)")
        .bind_blob(1, kCipher.encrypt("{}"))
        .run();
    d.exec(R"sql(
      INSERT INTO outbox_rejections(seq, code, message_zh, at) VALUES(1, 'unknown_type', '乡镇无法识别该操作类型', 5);
      INSERT INTO sync_state(key, value) VALUES('last_error_code', 'network'), ('last_error_zh', '无法连接乡镇服务器');
    )sql");
  }
  store::KioskStore s(path, kCipher);
  EXPECT_FALSE(has_column(test_support::raw_db(s), "outbox_rejections", "message_zh"));
  EXPECT_EQ(scalar(test_support::raw_db(s), "SELECT count(*) FROM sync_state WHERE key = 'last_error_zh'"), 0);
  EXPECT_EQ(s.sync().health().last_error_code, "network");
  EXPECT_EQ(scalar(test_support::raw_db(s), "SELECT count(*) FROM outbox_rejections WHERE code = 'unknown_type'"), 1);
}
