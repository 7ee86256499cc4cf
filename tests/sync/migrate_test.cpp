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

// What the township's staff had on SQLite comes along: accounts (renumbered, since another
// township already on the server has user 1), their passwords, a person's API token (still
// that person's, not the township's), and the audit chain, which verifies on PostgreSQL
// with one more entry saying where it came from.
TEST(MigrateFromSqlite, StaffAccountsTokensAndTheAuditChainComeAlong) {
  SqliteTownshipWithKiosks s;
  const auto added = run_process(s.town.cli({"user", "add", "wang", "--role", "clerk", "--name", "王秘书"}));
  ASSERT_EQ(added.exit_code, 0) << added.out;
  const std::string password = trim(added.out.substr(added.out.find("(shown once): ") + 14));
  const std::string wang_token = trim(run_process(s.town.cli({"user", "token", "wang"})).out);
  ASSERT_FALSE(wang_token.empty());
  const auto verified = run_process(s.town.cli({"audit", "verify"}));
  ASSERT_EQ(verified.exit_code, 0) << verified.out;
  const int entries = std::stoi(verified.out.substr(verified.out.find("ok: ") + 4));
  ASSERT_GE(entries, 2);

  PgTestDatabase pg;
  s.town.set_options({"--database", pg.url()});  // the commands below, and the server later, on PostgreSQL
  ASSERT_EQ(run_process(s.town.cli({"place", "add", "county", "青山县"})).exit_code, 0);
  ASSERT_EQ(run_process(s.town.cli({"place", "add", "township", "黑石镇", "--county", "青山县"})).exit_code, 0);
  ASSERT_EQ(run_process(s.town.cli({"--township", "黑石镇", "user", "add", "li", "--role", "admin"})).exit_code, 0);  // user 1 there
  const auto r = s.migrate(pg);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("users: 1 rows -> 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("server_audit: " + std::to_string(entries) + " rows -> " + std::to_string(entries)),
            std::string::npos) << r.out;

  const auto chain = run_process(s.town.cli({"--township", "白云镇", "audit", "verify"}));
  EXPECT_EQ(chain.exit_code, 0) << chain.out;
  EXPECT_NE(chain.out.find("ok: " + std::to_string(entries + 1) + " entries"), std::string::npos) << chain.out;
  EXPECT_NE(run_process(s.town.cli({"--township", "白云镇", "audit", "list"})).out.find("township.migrated"), std::string::npos);
  const auto users = json::parse(run_process(s.town.cli({"--township", "白云镇", "user", "list", "--json"})).out);
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0]["name"], "王秘书");

  s.town.start();
  httplib::Client http(s.town.url());
  const auto kiosks = http.Get("/v1/admin/kiosks", {{"Authorization", "Bearer " + wang_token}});
  ASSERT_TRUE(kiosks && kiosks->status == 200);
  EXPECT_EQ(json::parse(kiosks->body)["kiosks"].size(), 2u);
  // The same password opens the dashboard.
  const auto login = http.Post("/login", {{"Cookie", "vsk_login_csrf=migrated-test"}},
                               httplib::Params{{"login", "wang"}, {"password", password}, {"csrf", "migrated-test"}});
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 303) << login->body;
  EXPECT_NE(login->get_header_value("Set-Cookie").find("vsk_session="), std::string::npos);
  // The token is still the person's: it stops with the account (as a township token it would not).
  ASSERT_EQ(run_process(s.town.cli({"--township", "白云镇", "user", "disable", "wang"})).exit_code, 0);
  const auto after = http.Get("/v1/admin/kiosks", {{"Authorization", "Bearer " + wang_token}});
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401) << after->body;
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
