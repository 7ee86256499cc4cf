// The township dashboard's overview page under a county's load: VILLAGES villages with a
// kiosk each and OPS operations on the server (default 300 and 1,000,000), SQLite. Fills
// the store directly (sealed payloads, as sync writes them), then times GET / through the
// real dashboard over HTTP on 127.0.0.1 with a logged-in clerk. Prints one line per figure.
// Then the receipt status page's requests per second (two client threads, keep-alive).
//   build/bench/web_bench [VILLAGES] [OPS]
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <vector>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "fake/fake_pin_hasher.h"
#include "sync/sync_test_support.h"
#include "sync/township/http_server.h"
#include "sync/township/store/notice_publication_store.h"
#include "sync/township/web/dashboard.h"

using namespace vsk;
using Steady = std::chrono::steady_clock;

namespace {

double seconds_since(Steady::time_point t0) { return std::chrono::duration<double>(Steady::now() - t0).count(); }

// One village: its kiosk, its share of the operations (1 in 200 refused), a request for every
// 30 operations in every state, and its newest 村务公开 of each category (notice cadence).
void fill_village(test_support::TestTownship& town, int index, int ops) {
  static const char* kStatus[] = {"submitted", "accepted", "in_progress", "escalated", "completed", "rejected"};
  town.store.write_retrying(town.scope, [&](township::Tx& tx) {
    const std::string name = "村" + std::to_string(index);
    const std::int64_t village = town.store.places().add(tx, "village", name, town.scope.root, 0);
    township::Device d;
    d.id = "bench-device-" + std::to_string(index);
    d.township_id = town.scope.root;
    d.village_id = village;
    d.public_key_hex = std::string(64, 'a' + index % 6) + std::to_string(index);
    d.enrolled_at = test_support::kSyncTestNow - 86400 * 30;
    town.store.devices().add(tx, d);
    for (int i = 1; i <= ops; ++i) {
      const std::string number = "B" + std::to_string(index) + "-" + std::to_string(i / 30);
      const std::string payload = R"({"number":")" + number + R"(","kind":"note","status":"accepted","note":"第)" +
                                  std::to_string(i) + R"(次跟进","resident_phone":"13800000000"})";
      const township::NewOp op{town.scope.root, d.id, i, d.id + "-" + std::to_string(i), "request.event", payload,
                               test_support::kSyncTestNow - i, test_support::kSyncTestNow};
      const township::StoredOp result{i % 200 == 0 ? "rejected" : "accepted", i % 200 == 0 ? "bad_payload" : "", "",
                                      op.op_id, i};
      town.store.ops().add(tx, op, result);
      if (i % 30 == 0) {
        township::RequestUpdate u;
        u.township_id = town.scope.root;
        u.village_id = village;
        u.number = number;
        u.service_id = "residence_certificate";
        u.status = kStatus[(i / 30) % 6];
        u.seq = i;
        u.now = test_support::kSyncTestNow;
        u.submitted_at = test_support::kSyncTestNow - 86400 * (i % 40);
        u.due_date = "2026-11-" + std::to_string(10 + (i / 30) % 18);
        town.store.requests().upsert(tx, u);
      }
    }
    township::NoticePublicationStore notices(town.store.dialect());
    notices.note(tx, town.scope.root, village, "finance", test_support::kSyncTestNow - 86400 * (index % 40));
    notices.note(tx, town.scope.root, village, "village", test_support::kSyncTestNow - 86400 * (index % 100));
    notices.note(tx, town.scope.root, village, "party", test_support::kSyncTestNow - 86400 * 10);
    town.store.devices().advance_acked(tx, d.id);
    tx.commit();
  });
}

}  // namespace

int main(int argc, char** argv) {
  const int villages = argc > 1 ? std::atoi(argv[1]) : 300;
  const int ops = argc > 2 ? std::atoi(argv[2]) : 1000000;
  test_support::TestTownship town;
  const auto t0 = Steady::now();
  for (int v = 0; v < villages; ++v) fill_village(town, v, ops / villages);
  // A year of the township's own notices to every village (the overview counts them too).
  for (int n = 0; n < 100; ++n)
    town.admin.publish_notice(std::nullopt, {{"category", n % 2 ? "party" : "policy"}, {"title", "乡镇通知" + std::to_string(n)},
                                             {"body", "特此通知。"}});
  std::printf("fill: %d villages, %d operations in %.1f s\n", villages, ops, seconds_since(t0));

  platform::FakePinHasher hasher;
  township::web::Accounts accounts(town.store, town.clock, hasher);
  const std::string password =
      accounts.add_user(town.scope, "clerk", "办事员", "clerk", "", township::Actor{"bench", std::nullopt});
  township::HttpServer http(town.service, [](const std::string&) {});
  auto config = township::web::default_dashboard_config();
  config.status_page_per_minute = 1 << 30;  // the bench is one address asking a lot
  township::web::Dashboard dashboard(town.service, accounts, town.clock, config, [](const std::string&) {});
  dashboard.mount(http);
  const int port = http.bind("127.0.0.1", 0);
  std::thread thread([&] { http.run(); });
  const std::string cookie = "vsk_session=" + accounts.login("clerk", password, "bench").session_token;

  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(120, 0);
  const httplib::Headers headers{{"Cookie", cookie}};
  double best = 1e9, total = 0;
  const int rounds = 10;
  std::size_t bytes = 0;
  for (int i = 0; i < rounds; ++i) {
    const auto t = Steady::now();
    const auto r = client.Get("/", headers);
    const double s = seconds_since(t);
    if (!r || r->status != 200) {
      std::printf("overview failed\n");
      return 1;
    }
    bytes = r->body.size();
    best = std::min(best, s);
    total += s;
  }
  std::printf("overview page (GET /, %d villages, %d ops): best %.0f ms, mean %.0f ms over %d, %zu bytes\n", villages,
              ops, best * 1000, total / rounds * 1000, rounds, bytes);
  // A receipt with a status token in the last village.
  const std::string token = "K7M2QX9RT4WZ8P3N6HVB";
  town.store.write_retrying(town.scope, [&](township::Tx& tx) {
    township::RequestUpdate u;
    u.township_id = town.scope.root;
    u.village_id = town.store.places().villages_named(tx, "村" + std::to_string(villages - 1)).front().id;
    u.number = "QS1-1123-001";
    u.service_id = "residence_certificate";
    u.status = "accepted";
    u.seq = 1 << 30;
    u.now = test_support::kSyncTestNow;
    u.status_token_hash = township::status_token_hash(token);
    town.store.requests().upsert(tx, u);
    tx.commit();
  });
  const int per_thread = 2000;
  std::atomic<int> ok{0};
  const auto t1 = Steady::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < 2; ++c)
    clients.emplace_back([&] {
      httplib::Client cl("127.0.0.1", port);
      cl.set_keep_alive(true);
      for (int i = 0; i < per_thread; ++i)
        if (const auto r = cl.Get(("/r/QS1-1123-001?t=" + token).c_str()); r && r->status == 200) ++ok;
    });
  for (auto& c : clients) c.join();
  const double s = seconds_since(t1);
  std::printf("status page (GET /r/NUMBER?t=TOKEN, 2 clients, keep-alive): %.0f requests/s, %d of %d answered 200\n",
              ok.load() / s, ok.load(), 2 * per_thread);
  http.stop();
  thread.join();
  return 0;
}
