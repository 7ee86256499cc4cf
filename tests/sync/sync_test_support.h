// Building blocks for sync tests: a kiosk (seeded demo village, its own data dir and key), an
// in-process township, transports that lose, duplicate or fail messages, and the real
// township-server as a child process on 127.0.0.1.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "support/pg_test_cluster.h"
#include "support/temp_dir.h"
#include "app/calendar_loader.h"
#include "app/catalog_loader.h"
#include "app/notice_service.h"
#include "app/points_rules_loader.h"
#include "app/points_service.h"
#include "app/request_service.h"
#include "app/township_changes.h"
#include "core/demo_village.h"
#include "fake/fake_pin_hasher.h"
#include "fake/fixed_key_pii_cipher.h"
#include "fake/manual_clock.h"
#include "fake/sequence_random.h"
#include "store/demo_seeder.h"
#include "sync/client/sync_client.h"
#include "sync/township/township_admin.h"
#include "sync/township/township_service.h"

namespace vsk::test_support {

inline constexpr std::int64_t kSyncTestNow = 1795399200;  // 2026-11-23 10:00 China time

struct TestKiosk {
  TempDir dir;
  platform::FixedKeyPiiCipher cipher;
  store::KioskStore store{dir.file("kiosk.db"), cipher};
  core::Catalog catalog = app::load_catalog(std::string(VSK_SOURCE_DIR) + "/assets/catalog/services.json");
  core::WorkingCalendar calendar =
      app::load_working_calendar(std::string(VSK_SOURCE_DIR) + "/assets/calendar/cn-holidays.json");
  platform::ManualClock clock{kSyncTestNow};
  platform::SequenceRandom random;
  platform::FakePinHasher hasher;
  app::RequestService requests{store, catalog, calendar, clock, random};
  core::PointsRules points_rules = app::load_points_rules(std::string(VSK_SOURCE_DIR) + "/assets/points/rules.json");
  app::PointsService points{store, points_rules, clock, random};
  app::NoticeService notices{store, clock};
  app::TownshipChanges changes{store, clock};
  std::unique_ptr<sync::SyncClient> client;

  explicit TestKiosk(bool seed = true) {
    if (seed) store::seed_demo_village(store, hasher, core::generate_demo_village());
    app::register_request_changes(changes, requests);
    app::register_points_changes(changes, points);
    app::register_notice_changes(changes, notices);
    app::register_setting_changes(changes, store);
    client = std::make_unique<sync::SyncClient>(store, clock, sync::SigningKey::generate(), changes);
  }

  // A new request filed by a demo resident; returns its number.
  std::string file_request(const std::string& service = "residence_certificate") {
    const auto resident = store.residents().find(1);
    app::SubmitInput in;
    in.service_id = service;
    in.resident_id = resident->id;
    in.fields = {{"purpose", "bank"}, {"copies", "1"}};
    auto r = requests.submit(in);
    if (!r) return "";
    return r.value().number;
  }
  std::int64_t staff(const std::string& no) { return store.staff().find_by_staff_no(no)->id; }
  std::int64_t last_seq() { return store.sync().last_seq(); }
  std::int64_t acked() { return store.sync().get_int(store::sync_key::kAckedSeq); }
};

// The township in this process, behind the same call the HTTP server makes.
class LoopbackTransport : public sync::Transport {
 public:
  explicit LoopbackTransport(township::TownshipService& s) : s_(s) {}
  std::optional<sync::HttpResponse> post(const std::string& path, const std::string& body, const std::string&,
                                         std::string* error) override {
    ++calls;
    const township::Reply r = path == "/v1/enroll" ? s_.enroll(body) : s_.handle_envelope(body);
    (void)error;
    return sync::HttpResponse{r.status, r.body};
  }
  int calls = 0;

 private:
  township::TownshipService& s_;
};

// Wraps a transport and misbehaves on purpose, from a seeded generator so a failure repeats.
class FaultyTransport : public sync::Transport {
 public:
  struct Faults {
    double drop_request = 0;   // lost before the township saw it
    double drop_reply = 0;     // township processed it, the answer is lost (connection dropped)
    double duplicate = 0;      // delivered twice
    double http_500 = 0;       // township answers 500 without processing
  };
  FaultyTransport(sync::Transport& inner, Faults f, unsigned seed) : inner_(inner), f_(f), rng_(seed) {}

  std::optional<sync::HttpResponse> post(const std::string& path, const std::string& body, const std::string& type,
                                         std::string* error) override {
    if (roll(f_.drop_request)) return fail(error, "connection refused (injected)");
    if (roll(f_.http_500)) {
      ++injected;
      return sync::HttpResponse{500, "internal error (injected)"};
    }
    auto reply = inner_.post(path, body, type, error);
    if (reply && roll(f_.duplicate)) {
      ++injected;
      inner_.post(path, body, type, nullptr);  // the copy's answer is lost
    }
    if (roll(f_.drop_reply)) return fail(error, "connection reset (injected)");
    return reply;
  }
  int injected = 0;

 private:
  bool roll(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  std::optional<sync::HttpResponse> fail(std::string* error, const char* why) {
    ++injected;
    if (error) *error = why;
    return std::nullopt;
  }
  sync::Transport& inner_;
  Faults f_;
  std::mt19937 rng_;
};

// Which database the township runs on: the behavioural tests run once per backend.
enum class Backend { kSqlite, kPostgres };
inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}
inline const auto kBothBackends = ::testing::Values(Backend::kSqlite, Backend::kPostgres);

// An in-process township with its own temp dir (SQLite) or its own database (PostgreSQL).
struct TestTownship {
  TempDir dir;
  std::unique_ptr<PgTestDatabase> pg;
  township::TownshipStore store;
  platform::ManualClock clock{kSyncTestNow};
  township::TownshipService service{store, clock, sync::SigningKey::generate()};
  township::Scope scope = *township::single_township_scope(store);
  township::TownshipAdmin admin = service.admin(scope, township::command_line_actor());  // township staff, as the command line acts
  LoopbackTransport loopback{service};

  explicit TestTownship(Backend backend = Backend::kSqlite, township::StoreConfig config = {})
      : pg(backend == Backend::kPostgres ? std::make_unique<PgTestDatabase>() : nullptr),
        store(with_database(std::move(config))) {}

  township::StoreConfig with_database(township::StoreConfig c) const {
    c.sqlite_path = dir.file("township.db");
    if (pg) c.database_url = pg->url();
    return c;
  }
  void enroll(TestKiosk& k, const std::string& village) {
    const auto r = k.client->enroll(loopback, "loopback", admin.create_enroll_code(village), village);
    if (!r.ok) throw std::runtime_error("enroll failed: " + r.error_code);
  }
  // op ids the township holds for one device, in seq order.
  std::vector<std::string> op_ids(const std::string& device) {
    auto tx = store.read(scope);
    return store.ops().op_ids(tx, device);
  }
  std::int64_t op_count(const std::string& type = "") {
    auto tx = store.read(scope);
    return store.ops().count(tx, type);
  }
  std::optional<township::TownshipRequest> request(const std::string& village, const std::string& number) {
    auto tx = store.read(scope);
    for (const auto& v : store.places().villages_named(tx, village)) return store.requests().find(tx, v.id, number);
    return std::nullopt;
  }
};

// The kiosk's own op ids, in seq order.
inline std::vector<std::string> kiosk_op_ids(store::KioskStore& store) {
  std::vector<std::string> out;
  for (const auto& o : store.sync().ops_after(0, 1 << 30)) out.push_back(o.op_id);
  return out;
}

}  // namespace vsk::test_support
