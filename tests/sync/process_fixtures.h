// Pieces of the process-level sync tests: the township-server and kioskctl binaries, a
// server under test (data dir, and its database on PostgreSQL), a kiosk data dir.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/temp_dir.h"
#include "app/bootstrap.h"
#include "fake/fake_pin_hasher.h"
#include "sync/township/township_admin.h"
#include "sync/township/township_store.h"
#include "sync_test_support.h"

namespace vsk::test_support {

inline const std::string kTownship = VSK_TOWNSHIP_SERVER;
inline const std::string kKioskctl = VSK_KIOSKCTL;


inline std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

inline RunResult ctl(const std::string& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {kKioskctl, "--data-dir", dir});
  return run_process(args);
}

// The township server under test: its data dir (key, SQLite file) and, on PostgreSQL, its
// own database in the test cluster.
struct Server {
  explicit Server(Backend b) : pg(b == Backend::kPostgres ? std::make_unique<PgTestDatabase>() : nullptr) {}
  explicit Server(PgCluster& cluster) : pg(std::make_unique<PgTestDatabase>(cluster)) {}
  TempDir dir;
  std::unique_ptr<PgTestDatabase> pg;
  std::vector<std::string> options() const {
    return pg ? std::vector<std::string>{"--database", pg->url()} : std::vector<std::string>{};
  }
  township::StoreConfig config() const {
    township::StoreConfig c;
    c.sqlite_path = dir.file("township.db");
    if (pg) c.database_url = pg->url();
    c.pool_size = 1;
    return c;
  }
  // The op ids the township holds for one device, in seq order (read beside the running server).
  std::vector<std::string> op_ids(const std::string& device) const {
    township::TownshipStore store(config());
    auto tx = store.read(*township::single_township_scope(store));
    return store.ops().op_ids(tx, device);
  }
};

struct KioskDir {
  TempDir dir;
  std::string device;
  std::vector<std::string> op_ids() {
    platform::FakePinHasher hasher;
    auto v = app::open_village(dir.path(), hasher, false);
    return kiosk_op_ids(*v.store);
  }
  void add_ops(int n, int tag) {
    platform::FakePinHasher hasher;
    auto v = app::open_village(dir.path(), hasher, false);
    auto tx = v.store->begin();
    for (int i = 0; i < n; ++i)
      v.store->sync().enqueue(tx, "sync.ping", nlohmann::json{{"round", tag}, {"i", i}}.dump(), kSyncTestNow);
    tx.commit();
  }
};

inline void seed_and_enroll(KioskDir& k, TownshipProcess& town, const std::string& village) {
  ASSERT_EQ(ctl(k.dir.path(), {"seed"}).exit_code, 0);
  const std::string code = trim(run_process(town.cli({"enroll", "--village", village})).out);
  ASSERT_EQ(code.size(), 12u);
  ASSERT_EQ(ctl(k.dir.path(), {"enroll", "--server", town.url(), "--code", code}).exit_code, 0);
  const auto status = nlohmann::json::parse(ctl(k.dir.path(), {"sync-status", "--json"}).out);
  k.device = status["device_id"];
  ASSERT_TRUE(status["enrolled"].get<bool>());
}

}  // namespace vsk::test_support
