// Point-in-time recovery of a township on PostgreSQL with pgBackRest, as README "Backups"
// sets it up: WAL archived by `archive_command = pgbackrest ... archive-push`, a full backup,
// and `pgbackrest restore --type=time` on the stopped cluster. A kiosk's operations after
// the chosen moment are gone from the restored township, everything before it is there
// (signatures, sealed payloads, counters), the server opens the restored schema, and the
// kiosk's next push lands again what the restore took away.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "protocol_kiosk.h"
#include "sync_test_support.h"

namespace vsk::test_support {
namespace {

// pgBackRest around a test cluster: its configuration, repository, locks and spool in the
// cluster's own directory (removed with it); run as the cluster's owner, as on a real server.
class BackRest {
 public:
  explicit BackRest(PgCluster& cluster) : cluster_(cluster), conf_(cluster.dir() + "/pgbackrest.conf") {
    const std::string home = cluster.dir() + "/backrest";
    cluster.run_as_owner({"mkdir", "-p", home + "/repo", home + "/lock", home + "/spool"});
    std::ofstream f(conf_);
    f << "[global]\nrepo1-path=" << home << "/repo\nrepo1-retention-full=2\nlock-path=" << home
      << "/lock\nspool-path=" << home << "/spool\nlog-level-console=warn\nlog-level-file=off\n"
      << "start-fast=y\narchive-timeout=60\n\n[township]\npg1-path=" << cluster.data()
      << "\npg1-port=" << cluster.port() << "\npg1-socket-path=" << cluster.dir() << "\npg1-user=postgres\n";
  }
  std::string archive_command() const { return "pgbackrest --config=" + conf_ + " --stanza=township archive-push %p"; }
  RunResult run(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {"/usr/bin/pgbackrest", "--config=" + conf_, "--stanza=township"};
    argv.insert(argv.end(), args.begin(), args.end());
    return cluster_.run_as_owner(argv);
  }

 private:
  PgCluster& cluster_;
  std::string conf_;
};

// The township service on the test cluster, with a server key that outlives it (a restored
// township is the same township to its kiosks).
struct Township {
  township::TownshipStore store;
  platform::ManualClock clock{kSyncTestNow};
  township::TownshipService service;
  township::Scope scope = *township::single_township_scope(store);

  Township(const township::StoreConfig& config, const sync::SigningKey& key) : store(config), service(store, clock, key) {}
  // Enrolls the kiosk into 青山村 with a fresh one-time code.
  testing::AssertionResult enroll(ProtocolKiosk& k) {
    const auto r = service.enroll(k.enroll_body(township::TownshipAdmin(store, clock, scope, township::command_line_actor()).create_enroll_code("青山村")));
    if (k.enrolled(r.status, r.body)) return testing::AssertionSuccess();
    return testing::AssertionFailure() << r.body;
  }
  sync::PushReply push(ProtocolKiosk& k, std::int64_t from, std::int64_t to) {
    std::vector<sync::Operation> ops;
    for (std::int64_t seq = from; seq <= to; ++seq)
      ops.push_back(ProtocolKiosk::op(seq, "op-" + std::to_string(seq), "QS1-1123-" + std::to_string(seq)));
    const auto r = service.handle_envelope(k.push(std::move(ops)));
    if (!r.ok()) throw std::runtime_error("push refused: " + r.body);
    return *k.open_push(r.body);
  }
  std::vector<std::string> op_ids(const std::string& device) {
    auto tx = store.read(scope);
    return store.ops().op_ids(tx, device);
  }
};

// The township's store on a PostgreSQL database; the SQLite path only names the data dir.
township::StoreConfig pg_store(const std::string& url, const TempDir& data_dir) {
  township::StoreConfig config;
  config.database_url = url;
  config.sqlite_path = data_dir.file("unused.db");
  return config;
}

std::vector<std::string> ids(std::int64_t from, std::int64_t to) {
  std::vector<std::string> out;
  for (std::int64_t seq = from; seq <= to; ++seq) out.push_back("op-" + std::to_string(seq));
  return out;
}

std::string query_text(const std::string& url, const std::string& sql) {
  pg::Connection c(url);
  auto s = c.prepare(sql);
  return s.step() ? s.column_text(0) : "";
}
std::string query_text(const PgCluster& cluster, const std::string& sql) { return query_text(cluster.url(), sql); }

// A PostgreSQL client tool (pg_dump, pg_restore) run as the cluster's owner, reaching it over
// TCP as `user`.
RunResult pg_tool(const PgCluster& cluster, const std::string& tool, const std::string& user,
                  std::vector<std::string> args) {
  std::vector<std::string> argv = {std::string(VSK_PG_BINDIR) + "/" + tool, "-h", "127.0.0.1", "-p",
                                   std::to_string(cluster.port()), "-U", user};
  argv.insert(argv.end(), args.begin(), args.end());
  return cluster.run_as_owner(argv);
}

TEST(TownshipBackup, PgBackRestRestoresTheTownshipToAPointInTime) {
  auto cluster = PgCluster::start_new({"archive_mode = on"});
  BackRest backrest(*cluster);
  cluster->admin_exec("ALTER SYSTEM SET archive_command = '" + backrest.archive_command() + "'");
  cluster->admin_exec("SELECT pg_reload_conf()");
  const auto created = backrest.run({"stanza-create"});
  ASSERT_EQ(created.exit_code, 0) << created.out;
  const auto checked = backrest.run({"check"});  // a WAL segment archived and found in the repository
  ASSERT_EQ(checked.exit_code, 0) << checked.out;

  PgTestDatabase db(*cluster);
  TempDir keys;
  township::StoreConfig config = pg_store(db.url(), keys);
  const sync::SigningKey server_key = sync::SigningKey::generate();
  ProtocolKiosk k{server_key.public_key};  // keeps its counter across the restore, as a kiosk does
  std::string target;
  std::string device;
  {
    Township town(config, server_key);
    ASSERT_TRUE(town.enroll(k));
    device = k.device;
    ASSERT_EQ(town.push(k, 1, 40).acked_seq, 40);
    const auto full = backrest.run({"backup", "--type=full"});
    ASSERT_EQ(full.exit_code, 0) << full.out;
    // pgBackRest records a backup's stop time in whole seconds and restores to a time only
    // from a backup that stopped before it: the moment we go back to is in a later second.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    ASSERT_EQ(town.push(k, 41, 80).acked_seq, 80);  // after the backup: only in the archived WAL
    target = query_text(*cluster, "SELECT clock_timestamp()::text");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ASSERT_EQ(town.push(k, 81, 120).acked_seq, 120);  // after the moment we go back to
    ASSERT_EQ(town.op_ids(device).size(), 120u);
  }
  const auto archived = backrest.run({"check"});  // switches WAL: the last commits reach the repository
  ASSERT_EQ(archived.exit_code, 0) << archived.out;

  cluster->halt();
  const auto restored =
      backrest.run({"restore", "--delta", "--type=time", "--target=" + target, "--target-action=promote"});
  ASSERT_EQ(restored.exit_code, 0) << restored.out;
  cluster->start();
  bool promoted = false;
  for (int i = 0; i < 600 && !promoted; ++i) {
    promoted = query_text(*cluster, "SELECT pg_is_in_recovery()::text") == "false";
    if (!promoted) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(promoted) << "the restored cluster never left recovery";

  Township town(config, server_key);  // migrations check the restored schema; the same key opens payloads
  EXPECT_EQ(town.op_ids(device), ids(1, 80));
  {
    auto tx = town.store.read(town.scope);
    const auto held = town.store.requests().find(tx, town.store.devices().find(tx, device)->village_id, "QS1-1123-80");
    ASSERT_TRUE(held);
    EXPECT_EQ(held->service_id, "residence_certificate");
    EXPECT_FALSE(town.store.requests().find(tx, held->village_id, "QS1-1123-81"));
  }
  // The kiosk still has 81..120 (it keeps what it sent until the township holds it): its next
  // round sends them again, and the township holds all 120 once.
  EXPECT_EQ(town.push(k, 81, 120).acked_seq, 120);
  EXPECT_EQ(town.op_ids(device), ids(1, 120));
}

// README "Backups", the logical one: `pg_dump -Fc` (as postgres) of a live township and `pg_restore` into an
// empty database give a township its kiosks carry on with: the server opens the restored
// schema (migrations see it current), row-level security comes back with it (a role bound by
// the policies still sees nothing without a scope), every operation is there once, and a
// kiosk's replay of what it already sent is a duplicate, not a second copy.
TEST(TownshipBackup, PgDumpRestoresIntoAnEmptyDatabase) {
  auto cluster = PgCluster::start_new();
  PgTestDatabase live(*cluster);
  TempDir dir;
  std::filesystem::permissions(dir.path(), std::filesystem::perms::all);  // pg_dump runs as postgres
  township::StoreConfig config = pg_store(live.url(), dir);
  const sync::SigningKey server_key = sync::SigningKey::generate();
  ProtocolKiosk k{server_key.public_key};
  std::string device;
  {
    Township town(config, server_key);
    ASSERT_TRUE(town.enroll(k));
    device = k.device;
    ASSERT_EQ(town.push(k, 1, 40).acked_seq, 40);
  }
  const std::string dump = dir.file("township.dump");
  // The township server's own role owns the tables but is bound by their forced row-level
  // security, and pg_dump refuses to dump what a policy would filter: backups run as postgres
  // (or a BYPASSRLS role), as README "Backups" says.
  const auto as_app = pg_tool(*cluster, "pg_dump", kPgAppRole, {"-Fc", "-d", live.name(), "-f", dir.file("refused.dump")});
  EXPECT_NE(as_app.exit_code, 0);
  const auto dumped = pg_tool(*cluster, "pg_dump", "postgres", {"-Fc", "-d", live.name(), "-f", dump});
  ASSERT_EQ(dumped.exit_code, 0) << dumped.out;

  PgTestDatabase restored(*cluster);  // empty, owned by the township server's role
  const auto loaded = pg_tool(*cluster, "pg_restore", "postgres", {"-d", restored.name(), "--exit-on-error", dump});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.out;
  const std::string policies = "SELECT count(*)::text FROM pg_policies";
  EXPECT_GT(std::stoi(query_text(cluster->url(live.name()), policies)), 0);
  EXPECT_EQ(query_text(cluster->url(restored.name()), policies), query_text(cluster->url(live.name()), policies));
  // The server's own role, without a scope set, is bound by the restored policies.
  EXPECT_EQ(query_text(restored.url(), "SELECT count(*)::text FROM devices"), "0");

  config.database_url = restored.url();
  Township town(config, server_key);  // opens the restored schema; the same key opens payloads
  EXPECT_EQ(town.op_ids(device), ids(1, 40));
  EXPECT_EQ(town.push(k, 1, 40).acked_seq, 40);  // a replay: nothing doubled
  EXPECT_EQ(town.push(k, 41, 60).acked_seq, 60);
  EXPECT_EQ(town.op_ids(device), ids(1, 60));
}

}  // namespace
}  // namespace vsk::test_support
