// township-server migrate-from-sqlite: a township running on its SQLite file moves to
// PostgreSQL. The copy is verified (row counts and checksums per table) and committed only
// when everything matches; the server then runs on PostgreSQL with the same data dir and
// the kiosks carry on without noticing: same device ids, keys, counters and cursors.
#include <gtest/gtest.h>

#include <filesystem>

#include <httplib.h>

#include "process_fixtures.h"

namespace vsk::test_support {
namespace {

using nlohmann::json;

struct SqliteTownshipWithKiosks {
  Server sqlite{Backend::kSqlite};
  TownshipProcess town{kTownship, sqlite.dir.path()};
  KioskDir a, b;
  std::string token;

  SqliteTownshipWithKiosks() {
    town.start();
    seed_and_enroll(a, town, "青山村");
    seed_and_enroll(b, town, "绿水村");
    for (KioskDir* k : {&a, &b}) EXPECT_EQ(ctl(k->dir.path(), {"sync"}).exit_code, 0);
    const auto esc = json::parse(run_process(town.cli({"escalations", "--json"})).out);
    EXPECT_EQ(run_process(town.cli({"reply", "--village", esc.at(0)["village"], "--number", esc.at(0)["number"],
                                    "--text", "已转镇民政办"})).exit_code, 0);
    EXPECT_EQ(run_process(town.cli({"publish-notice", "--title", "冬季防火", "--body", "注意用火"})).exit_code, 0);
    for (KioskDir* k : {&a, &b}) EXPECT_EQ(ctl(k->dir.path(), {"sync"}).exit_code, 0);
    token = trim(run_process(town.cli({"admin-token"})).out);
    town.kill(SIGTERM);
  }
  RunResult migrate(const PgTestDatabase& pg) {
    return run_process({kTownship, "--data-dir", sqlite.dir.path(), "--database", pg.url(), "migrate-from-sqlite",
                        sqlite.dir.file("township.db"), "--township", "白云镇", "--county", "青山县"});
  }
};

TEST(MigrateFromSqlite, CopiesVerifiesAndTheKiosksCarryOn) {
  SqliteTownshipWithKiosks s;
  PgTestDatabase pg;
  const auto r = s.migrate(pg);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("copied and verified"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ops: " + std::to_string(s.a.op_ids().size() + s.b.op_ids().size()) + " rows"), std::string::npos)
      << r.out;
  // Twice: refused, nothing doubled.
  const auto again = s.migrate(pg);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(again.out.find("copied"), std::string::npos);

  // The same data dir (server key) on PostgreSQL, on the same address.
  s.town.set_options({"--database", pg.url()});
  s.town.start();
  const auto places = run_process(s.town.cli({"place", "list"})).out;
  EXPECT_NE(places.find("青山县"), std::string::npos) << places;
  EXPECT_NE(places.find("白云镇"), std::string::npos) << places;
  for (KioskDir* k : {&s.a, &s.b}) {
    const auto sync = ctl(k->dir.path(), {"sync", "--json"});
    ASSERT_EQ(sync.exit_code, 0) << sync.out;
    EXPECT_EQ(json::parse(sync.out)["pulled"], 0);  // cursors still valid: nothing again, nothing missed
    EXPECT_EQ(json::parse(sync.out)["conflicts"], 0);
  }
  ASSERT_EQ(run_process(s.town.cli({"--township", "白云镇", "publish-notice", "--title", "迁移后", "--body", "..."})).exit_code, 0);
  EXPECT_EQ(json::parse(ctl(s.a.dir.path(), {"sync", "--json"}).out)["pulled"], 1);
  township::StoreConfig c;
  c.database_url = pg.url();
  c.sqlite_path = s.sqlite.dir.file("township.db");  // the data dir: keys/pii.key is there
  township::TownshipStore store(c);
  const auto scope = township::township_scope(store, "白云镇", "青山县");
  ASSERT_TRUE(scope);
  {
    auto tx = store.read(*scope);
    EXPECT_EQ(store.ops().op_ids(tx, s.a.device), s.a.op_ids());
    EXPECT_EQ(store.ops().op_ids(tx, s.b.device), s.b.op_ids());
  }
  // The township's admin token works against PostgreSQL.
  httplib::Client http(s.town.url());
  const auto kiosks = http.Get("/v1/admin/kiosks", {{"Authorization", "Bearer " + s.token}});
  ASSERT_TRUE(kiosks && kiosks->status == 200);
  EXPECT_EQ(json::parse(kiosks->body)["kiosks"].size(), 2u);
}

TEST(MigrateFromSqlite, AMismatchCommitsNothing) {
  SqliteTownshipWithKiosks s;
  PgTestDatabase pg;
  township::StoreConfig c;
  c.database_url = pg.url();
  c.sqlite_path = s.sqlite.dir.file("township.db");  // the data dir: keys/pii.key is there
  { township::TownshipStore schema(c); }
  // Something between the copy and the disk changes a payload on the way in.
  pg::Connection tamper(pg.url());
  tamper.exec(R"sql(
    CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.payload := NEW.payload || ' '; RETURN NEW; END $$;
    CREATE TRIGGER tamper BEFORE INSERT ON ops FOR EACH ROW EXECUTE FUNCTION tamper();
  )sql");
  const auto r = s.migrate(pg);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("ops: "), std::string::npos);
  EXPECT_NE(r.out.find("DIFFERS"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("nothing was committed"), std::string::npos);
  township::TownshipStore store(c);
  const auto scope = township::township_scope(store, "白云镇", "青山县");
  ASSERT_TRUE(scope);  // the empty township is there (made before the copy), nothing in it
  auto tx = store.read(*scope);
  EXPECT_EQ(store.ops().count(tx), 0);
  EXPECT_TRUE(store.devices().list(tx).empty());
}

TEST(MigrateFromSqlite, AnOldVersionFileIsUpgradedOnTheWay) {
  TempDir dir;
  std::filesystem::copy_file(std::string(VSK_FIXTURES_DIR) + "/township_v1.db", dir.file("old.db"));
  PgTestDatabase pg;
  const auto r = run_process({kTownship, "--data-dir", dir.path(), "--database", pg.url(), "migrate-from-sqlite",
                              dir.file("old.db")});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("ops: 153 rows -> 153"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("changes: 2 rows -> 2"), std::string::npos) << r.out;
  EXPECT_NE(run_process({kTownship, "--data-dir", dir.path(), "--database", pg.url(), "place", "list"}).out.find("本镇"),
            std::string::npos);
}

}  // namespace
}  // namespace vsk::test_support
