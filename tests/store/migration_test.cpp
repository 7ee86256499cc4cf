#include <gtest/gtest.h>

#include <filesystem>

#include "../support/temp_dir.h"
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

}  // namespace

TEST(Migrations, FreshFileGetsTheNewestSchema) {
  test_support::TempDir dir;
  store::KioskStore s(dir.file("kiosk.db"));
  EXPECT_EQ(s.db().user_version(), store::newest_schema_version());
  EXPECT_EQ(s.migration().outcome, db::MigrationOutcome::kMigrated);
  EXPECT_EQ(s.migration().from_version, 0);
  EXPECT_TRUE(has_column(s.db(), "residents", "pin_locked_until"));
  EXPECT_EQ(s.db().integrity_check(), "ok");
}

TEST(Migrations, ReopeningAnUpToDateFileChangesNothing) {
  test_support::TempDir dir;
  { store::KioskStore s(dir.file("kiosk.db")); }
  store::KioskStore again(dir.file("kiosk.db"));
  EXPECT_EQ(again.migration().outcome, db::MigrationOutcome::kUpToDate);
}

// A v1 file written by the first release keeps its residents through the upgrade.
TEST(Migrations, UpgradesVersion1FileKeepingItsData) {
  test_support::TempDir dir;
  const std::string path = dir.file("kiosk.db");
  {
    db::Database d(path);
    auto r = db::migrate(d, store::kiosk_migrations(), store::kOldestSupportedSchema, 1);
    ASSERT_EQ(r.to_version, 1);
    d.exec(R"sql(
      INSERT INTO grids(id, name) VALUES(1, '第一网格');
      INSERT INTO households(id, grid_id, address) VALUES(1, 1, '青山村一组1号');
      INSERT INTO residents(household_id, name, id_number, gender, birth_date, relation, is_head, pin_hash)
        VALUES(1, '张三', '11010519491231002X', 'M', '1949-12-31', '户主', 1, 'h');
    )sql");
    EXPECT_FALSE(has_column(d, "residents", "pin_failures"));
  }
  store::KioskStore s(path);
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
  store::KioskStore s(path);
  EXPECT_EQ(s.migration().from_version, 1);
  EXPECT_EQ(s.db().user_version(), store::newest_schema_version());
  EXPECT_GT(s.residents().count(), 0);
  EXPECT_EQ(s.db().integrity_check(), "ok");
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
    store::KioskStore s(path);
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
