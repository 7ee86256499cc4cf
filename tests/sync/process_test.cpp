// Sync with real processes on 127.0.0.1: the township-server binary and kioskctl.
//  - two villages' kiosks enroll, sync, and a township reply reaches only its village;
//  - the township server is SIGKILLed mid-batch again and again;
//  - kioskctl sync is SIGKILLed at random moments 100 times;
//  - a township that accepts the connection and then never answers.
// Afterwards every operation is on the township exactly once, in order.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "support/raw_bytes.h"
#include "support/temp_dir.h"
#include "app/bootstrap.h"
#include "fake/fake_pin_hasher.h"
#include "support/process.h"
#include "sync/client/transport.h"
#include "sync/township/township_admin.h"
#include "sync/township/township_store.h"
#include "process_fixtures.h"
#include "sync_test_support.h"

namespace vsk::test_support {
namespace {

// Every scenario with the server on SQLite and on PostgreSQL.
class SyncProcess : public ::testing::TestWithParam<Backend> {};

TEST_P(SyncProcess, TwoVillagesOverHttpRepliesGoToTheRightKiosk) {
  Server server{GetParam()};
  TownshipProcess town(kTownship, server.dir.path(), server.options());
  town.start();
  KioskDir a, b;
  seed_and_enroll(a, town, "青山村");
  seed_and_enroll(b, town, "绿水村");
  for (KioskDir* k : {&a, &b}) {
    const auto r = ctl(k->dir.path(), {"sync", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_GT(nlohmann::json::parse(r.out)["accepted"].get<int>(), 100);
  }
  // Both demo villages have escalated requests, often under the same numbers; the township
  // answers one of 青山村's (one that 绿水村 also has escalated, when there is one).
  const auto esc = nlohmann::json::parse(run_process(town.cli({"escalations", "--json"})).out);
  std::set<std::string> in_a, in_b;
  for (const auto& e : esc) (e["village"] == "青山村" ? in_a : in_b).insert(e["number"].get<std::string>());
  ASSERT_FALSE(in_a.empty());
  ASSERT_FALSE(in_b.empty());
  std::string number = *in_a.begin();
  for (const auto& n : in_a)
    if (in_b.count(n)) number = n;
  ASSERT_EQ(run_process(town.cli({"reply", "--village", "青山村", "--number", number, "--text", "镇民政办已受理"})).exit_code, 0);
  ASSERT_EQ(ctl(a.dir.path(), {"sync"}).exit_code, 0);
  ASSERT_EQ(ctl(b.dir.path(), {"sync"}).exit_code, 0);
  EXPECT_NE(ctl(a.dir.path(), {"requests", "show", number}).out.find("镇民政办已受理"), std::string::npos);
  EXPECT_EQ(ctl(b.dir.path(), {"requests", "show", number}).out.find("镇民政办已受理"), std::string::npos);
  const auto after = nlohmann::json::parse(run_process(town.cli({"escalations", "--json"})).out);
  EXPECT_EQ(after.size(), esc.size() - 1);
  EXPECT_EQ(server.op_ids(a.device), a.op_ids());
  EXPECT_EQ(server.op_ids(b.device), b.op_ids());
  const auto stats = nlohmann::json::parse(run_process(town.cli({"stats", "--json"})).out);
  EXPECT_EQ(stats["kiosks"].size(), 2u);
  for (const auto& k : stats["kiosks"]) EXPECT_EQ(k["pending_reported"], 0) << stats.dump(1);

  // Revoked: refused with the reason, and the kiosk keeps its operations.
  ASSERT_EQ(run_process(town.cli({"revoke", a.device})).exit_code, 0);
  a.add_ops(1, 0);
  const auto refused = ctl(a.dir.path(), {"sync", "--json"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(refused.out)["error_code"], "refused:revoked");
  EXPECT_EQ(nlohmann::json::parse(ctl(a.dir.path(), {"sync-status", "--json"}).out)["pending"], 1);
}

TEST_P(SyncProcess, UsbBundlesThroughTheCommandLines) {
  Server server{GetParam()};
  TempDir usb;
  TownshipProcess town(kTownship, server.dir.path(), server.options());
  town.start();
  KioskDir k;
  seed_and_enroll(k, town, "青山村");
  town.kill(SIGTERM);  // from here on, no link at all
  const std::string out = usb.file("to-township.vsk"), back = usb.file("from-township.vsk");
  ASSERT_EQ(ctl(k.dir.path(), {"export-bundle", out}).exit_code, 0);
  ASSERT_EQ(run_process(town.cli({"import-bundle", out, "--reply", back})).exit_code, 0);
  const auto twice = run_process(town.cli({"import-bundle", out, "--reply", usb.file("again.vsk")}));
  EXPECT_EQ(twice.exit_code, 0);
  EXPECT_NE(twice.out.find("imported before"), std::string::npos);
  EXPECT_EQ(server.op_ids(k.device), k.op_ids());
  ASSERT_EQ(ctl(k.dir.path(), {"import-bundle", back}).exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(ctl(k.dir.path(), {"sync-status", "--json"}).out)["pending"], 0);
  // Damaged and foreign files are refused with a reason, nothing changes.
  std::string bytes = read_file_bytes(back);
  bytes[bytes.size() - 10] ^= 0x5a;
  { std::ofstream(usb.file("damaged.vsk"), std::ios::binary) << bytes; }
  EXPECT_EQ(ctl(k.dir.path(), {"import-bundle", usb.file("damaged.vsk")}).exit_code, 1);
  EXPECT_EQ(run_process(town.cli({"import-bundle", usb.file("damaged.vsk")})).exit_code, 1);
  { std::ofstream(usb.file("photo.jpg"), std::ios::binary) << "\xff\xd8\xff\xe0 not a bundle"; }
  EXPECT_EQ(run_process(town.cli({"import-bundle", usb.file("photo.jpg")})).exit_code, 1);
}

TEST_P(SyncProcess, TownshipKilledMidBatchLosesNothingAndDuplicatesNothing) {
  Server server{GetParam()};
  TownshipProcess town(kTownship, server.dir.path(), server.options());
  town.start();
  TestKiosk k;
  auto http = sync::make_curl_transport(town.url(), {2, 1, 2, 10, ""});
  {
    const std::string code = trim(run_process(town.cli({"enroll", "--village", "青山村"})).out);
    ASSERT_TRUE(k.client->enroll(*http, town.url(), code, "").ok);
  }
  std::mt19937 rng(7);
  int failed_rounds = 0;
  for (int round = 0; round < 12; ++round) {
    {
      auto tx = k.store.begin();
      // 1,200 operations: with TCP_NODELAY a round of 400 could end before the kill.
      for (int i = 0; i < 1200; ++i) k.store.sync().enqueue(tx, "sync.ping", "{\"round\":" + std::to_string(round) + "}", 0);
      tx.commit();
    }
    std::atomic<bool> done{false};
    std::thread killer([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(2, 60)(rng)));
      town.kill(SIGKILL);
      done = true;
    });
    if (!k.client->run_once(*http).ok) ++failed_rounds;
    killer.join();
    town.start();
  }
  EXPECT_GT(failed_rounds, 0) << "the server was never killed mid-sync";
  ASSERT_TRUE(k.client->run_once(*http).ok);
  EXPECT_EQ(k.acked(), k.last_seq());
  EXPECT_EQ(server.op_ids(k.client->health().device_id), kiosk_op_ids(k.store));
}

// PostgreSQL ends the server's connections in the middle of batches (an operator's
// pg_terminate_backend, a failover, a restart): the server answers 503 for those, drops the
// dead connections, and the kiosk's next rounds carry on with nothing lost or doubled.
TEST(SyncProcessPostgres, BackendsTerminatedMidBatchLoseNothingAndDuplicateNothing) {
  Server server{Backend::kPostgres};
  TownshipProcess town(kTownship, server.dir.path(), server.options());
  town.start();
  TestKiosk k;
  auto http = sync::make_curl_transport(town.url(), {2, 1, 2, 10, ""});
  {
    const std::string code = trim(run_process(town.cli({"enroll", "--village", "青山村"})).out);
    ASSERT_TRUE(k.client->enroll(*http, town.url(), code, "").ok);
  }
  std::mt19937 rng(13);
  int failed_rounds = 0, terminated = 0;
  for (int round = 0; round < 12; ++round) {
    {
      auto tx = k.store.begin();
      for (int i = 0; i < 400; ++i) k.store.sync().enqueue(tx, "sync.ping", "{\"round\":" + std::to_string(round) + "}", 0);
      tx.commit();
    }
    std::thread killer([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 150)(rng)));
      terminated += server.pg->cluster().terminate_backends(server.pg->name());
    });
    const auto r = k.client->run_once(*http);
    if (!r.ok) {
      ++failed_rounds;
      EXPECT_EQ(r.error_code, "refused:busy") << r.error_detail;  // 503 "busy, come back later"
    }
    killer.join();
  }
  EXPECT_GT(terminated, 0);
  EXPECT_GT(failed_rounds, 0) << "no batch was cut by a terminated connection";
  for (int i = 0; i < 3 && !k.client->run_once(*http).ok; ++i) {
  }
  EXPECT_EQ(k.acked(), k.last_seq());
  EXPECT_EQ(server.op_ids(k.client->health().device_id), kiosk_op_ids(k.store));
}

TEST_P(SyncProcess, KioskctlSigkilledDuringSync100Times) {
  Server server{GetParam()};
  TownshipProcess town(kTownship, server.dir.path(), server.options());
  town.start();
  KioskDir k;
  seed_and_enroll(k, town, "青山村");
  std::mt19937 rng(11);
  int killed = 0;
  for (int round = 0; round < 100; ++round) {
    k.add_ops(120, round);
    const pid_t pid = spawn_process({kKioskctl, "--data-dir", k.dir.path(), "sync"});
    // 0-45 ms: a round of 120 operations takes ~40-90 ms since the server answers without
    // Nagle's delay (TCP_NODELAY), so most kills still land inside the round.
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 45)(rng)));
    ::kill(pid, SIGKILL);
    if (wait_process(pid) == 128 + SIGKILL) ++killed;
  }
  EXPECT_GT(killed, 50);
  const auto final_sync = ctl(k.dir.path(), {"sync", "--json"});
  ASSERT_EQ(final_sync.exit_code, 0) << final_sync.out;
  EXPECT_EQ(ctl(k.dir.path(), {"db", "check"}).exit_code, 0);
  const auto ops = k.op_ids();
  EXPECT_EQ(ops.size(), 152u + 100 * 120);
  EXPECT_EQ(server.op_ids(k.device), ops);
  EXPECT_EQ(nlohmann::json::parse(ctl(k.dir.path(), {"sync-status", "--json"}).out)["pending"], 0);
}

TEST_P(SyncProcess, AdminApiNeedsATokenAndActsLikeTheCli) {
  Server server{GetParam()};
  TownshipProcess town(kTownship, server.dir.path(), server.options());
  town.start();
  KioskDir k;
  seed_and_enroll(k, town, "青山村");
  ASSERT_EQ(ctl(k.dir.path(), {"sync"}).exit_code, 0);
  const std::string token = trim(run_process(town.cli({"admin-token", "--label", "dashboard"})).out);
  ASSERT_EQ(token.size(), 32u);
  httplib::Client http(town.url());
  EXPECT_EQ(http.Get("/v1/admin/kiosks")->status, 401);
  EXPECT_EQ(http.Get("/v1/admin/kiosks", {{"Authorization", "Bearer wrong"}})->status, 401);
  const httplib::Headers auth{{"Authorization", "Bearer " + token}};
  const auto kiosks = http.Get("/v1/admin/kiosks", auth);
  ASSERT_EQ(kiosks->status, 200);
  EXPECT_EQ(nlohmann::json::parse(kiosks->body)["kiosks"].at(0)["device_id"], k.device);
  const auto esc = http.Get("/v1/admin/escalations", auth);
  ASSERT_EQ(esc->status, 200);
  const auto list = nlohmann::json::parse(esc->body);
  ASSERT_FALSE(list.empty());
  const std::string number = list.at(0)["number"];
  EXPECT_EQ(http.Post("/v1/admin/reply", auth, R"({"village":"青山村"})", "application/json")->status, 400);
  const auto reply = http.Post("/v1/admin/reply", auth,
                               nlohmann::json{{"village", "青山村"}, {"number", number}, {"text", "乡镇已办理"}}.dump(),
                               "application/json");
  ASSERT_EQ(reply->status, 200) << reply->body;
  ASSERT_EQ(http.Post("/v1/admin/notices", auth,
                      nlohmann::json{{"notice", {{"id", "api-1"}, {"title", "乡镇通知"}, {"body", "正文"}}}}.dump(),
                      "application/json")->status, 200);
  const auto r = nlohmann::json::parse(ctl(k.dir.path(), {"sync", "--json"}).out);
  EXPECT_EQ(r["pulled"], 2);
  EXPECT_EQ(r["conflicts"], 0);
  EXPECT_NE(ctl(k.dir.path(), {"requests", "show", number}).out.find("乡镇已办理"), std::string::npos);
  EXPECT_NE(ctl(k.dir.path(), {"notices", "list"}).out.find("乡镇通知"), std::string::npos);
}

TEST(SyncNetwork, AStalledTownshipIsAbandonedNotWaitedOnForever) {
  // Accepts connections (the kernel does, via the backlog) and never answers.
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(s, 8), 0);
  socklen_t len = sizeof addr;
  getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
  TestKiosk k;
  {
    auto tx = k.store.begin();
    k.store.sync().set(tx, store::sync_key::kDeviceId, "d");
    k.store.sync().set(tx, store::sync_key::kServerKey, sync::SigningKey::generate().public_key.hex());
    tx.commit();
  }
  auto http = sync::make_curl_transport("http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)),
                                        {2, 1, 1, 3, ""});
  const auto r = k.client->run_once(*http);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error_code.rfind("network", 0), 0u) << r.error_code;  // "network:timeout" or the like
  EXPECT_EQ(k.client->health().last_error_code, r.error_code);
  close(s);
}

INSTANTIATE_TEST_SUITE_P(Backends, SyncProcess, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
