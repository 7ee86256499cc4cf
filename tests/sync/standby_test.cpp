// A primary and a streaming standby on 127.0.0.1 (pg_basebackup -R), as README "Township
// server on PostgreSQL" sets them up: kiosks sync into the primary through the real
// township-server, the admin API's overview (kiosks, escalations) is read from the standby
// (--read-database), and after the standby is promoted the server runs on it with every
// operation there.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <thread>

#include "process_fixtures.h"

namespace vsk::test_support {
namespace {

using nlohmann::json;

std::string current_lsn(const PgCluster& primary) {
  pg::Connection c(primary.url());
  // The insert position, not pg_current_wal_lsn() (the write position): the test cluster runs
  // with synchronous_commit = off, so a commit the server acknowledged may still sit in WAL
  // buffers past the write position, and waiting for that made the overview race the standby
  // (152 of 304 operations, both syncs accepted all 152 of theirs).
  auto s = c.prepare("SELECT pg_current_wal_insert_lsn()::text");
  s.step();
  return s.column_text(0);
}

// Waits (bounded) until the standby has replayed the primary's WAL up to `lsn`.
bool replayed(const PgCluster& standby, const std::string& lsn) {
  pg::Connection c(standby.url());
  for (int i = 0; i < 300; ++i) {
    auto s = c.prepare("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn");
    s.bind(1, lsn);
    if (s.step() && s.column_text(0) == "t") return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// The township server's sessions open on a cluster.
int server_sessions(const PgCluster& cluster, const std::string& db) {
  pg::Connection c(cluster.url());
  auto s = c.prepare("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'township-server'");
  s.bind(1, db);
  s.step();
  return static_cast<int>(s.column_int(0));
}

TEST(TownshipStandby, OverviewIsReadFromTheStandbyAndAPromotedStandbyCarriesOn) {
  auto primary = PgCluster::start_new();
  Server server(*primary);
  township::TownshipStore(server.config());  // the schema exists before the base backup
  auto standby = PgCluster::start_standby_of(*primary);
  const std::string standby_url = standby->url(server.pg->name(), kPgAppRole);

  auto options = server.options();
  options.insert(options.end(), {"--read-database", standby_url});
  TownshipProcess town(kTownship, server.dir.path(), options);
  town.start();
  KioskDir a, b;
  seed_and_enroll(a, town, "青山村");
  seed_and_enroll(b, town, "绿水村");
  // What each sync said, for the failure message: once in a loaded full run the overview
  // held one kiosk's operations only (152 of 304) while both syncs had exited 0.
  std::string synced;
  for (KioskDir* k : {&a, &b}) {
    const auto r = ctl(k->dir.path(), {"sync", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.out;
    synced += r.out + "\n";
  }
  const std::string token = trim(run_process(town.cli({"admin-token"})).out);
  ASSERT_TRUE(replayed(*standby, current_lsn(*primary)));

  EXPECT_EQ(server_sessions(*standby, server.pg->name()), 0);
  httplib::Client http(town.url());
  const httplib::Headers auth{{"Authorization", "Bearer " + token}};
  const auto kiosks = http.Get("/v1/admin/kiosks", auth);
  ASSERT_TRUE(kiosks && kiosks->status == 200);
  const json overview = json::parse(kiosks->body);
  ASSERT_EQ(overview["kiosks"].size(), 2u);
  EXPECT_EQ(overview["operations"].get<int>(), static_cast<int>(a.op_ids().size() + b.op_ids().size()))
      << synced << ctl(b.dir.path(), {"sync-status", "--json"}).out;
  const auto esc = http.Get("/v1/admin/escalations", auth);
  ASSERT_TRUE(esc && esc->status == 200);
  EXPECT_FALSE(json::parse(esc->body).empty());
  // The overview came from the standby: the server holds a session there now.
  EXPECT_GE(server_sessions(*standby, server.pg->name()), 1);
  // The standby refuses writes; writes (a reply) still go to the primary.
  const json first = json::parse(esc->body).at(0);
  const auto reply = http.Post("/v1/admin/reply", auth,
                               json{{"village", first["village"]}, {"number", first["number"]}, {"text", "已办理"}}.dump(),
                               "application/json");
  ASSERT_TRUE(reply && reply->status == 200) << (reply ? reply->body : "no answer");

  // Failover: the primary goes away, the standby is promoted, the server moves to it.
  town.kill(SIGTERM);
  ASSERT_TRUE(replayed(*standby, current_lsn(*primary)));
  primary->stop();
  ASSERT_EQ(standby->promote(), 0);
  // The same address (in the field a DNS name or a virtual IP follows the primary), the
  // promoted standby behind it.
  town.set_options({"--database", standby_url});
  town.start();
  const std::string code = trim(run_process(town.cli({"enroll", "--village", "青山村"})).out);
  EXPECT_EQ(code.size(), 12u);  // it takes writes
  a.add_ops(5, 1);
  ASSERT_EQ(ctl(a.dir.path(), {"sync"}).exit_code, 0);
  township::StoreConfig promoted = server.config();
  promoted.database_url = standby_url;
  township::TownshipStore store(promoted);
  auto tx = store.read(*township::single_township_scope(store));
  EXPECT_EQ(store.ops().op_ids(tx, a.device), a.op_ids());
  EXPECT_EQ(store.ops().op_ids(tx, b.device), b.op_ids());
}

}  // namespace
}  // namespace vsk::test_support
