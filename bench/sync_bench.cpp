// Sync figures end to end on loopback: the real township HTTP server (in this process, on
// 127.0.0.1) and the real kiosk client over libcurl. Prints one line per figure.
//   build/bench/sync_bench [OPS] [--postgres] [--batch N]   (default 10000 operations, township on
//   SQLite, the kiosk's batches of SyncLimits::batch_ops)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "sync/client/transport.h"
#include "sync/township/http_server.h"
#include "sync/sync_test_support.h"

using namespace vsk;
using Steady = std::chrono::steady_clock;

namespace {

double seconds_since(Steady::time_point t0) { return std::chrono::duration<double>(Steady::now() - t0).count(); }

test_support::Backend g_backend = test_support::Backend::kSqlite;

struct Loopback {
  test_support::TestTownship town{g_backend};
  township::HttpServer http{town.service, [](const std::string&) {}};
  int port = http.bind("127.0.0.1", 0);
  std::thread thread{[this] { http.run(); }};
  std::unique_ptr<sync::Transport> transport = sync::make_curl_transport("http://127.0.0.1:" + std::to_string(port));
  ~Loopback() {
    http.stop();
    thread.join();
  }
  void enroll(test_support::TestKiosk& k) {
    const auto r = k.client->enroll(*transport, "loopback", town.admin.create_enroll_code("青山村"), "bench");
    if (!r.ok) std::abort();
  }
};

// Wire bytes of one round that sends exactly what `make` queues (minus an empty round's bytes).
template <typename F>
double bytes_per_op(Loopback& net, test_support::TestKiosk& k, int n, F make) {
  const auto empty = k.client->run_once(*net.transport);
  for (int i = 0; i < n; ++i) make(i);
  const auto r = k.client->run_once(*net.transport);
  if (!r.ok) std::abort();
  return static_cast<double>(r.bytes_sent + r.bytes_received - empty.bytes_sent - empty.bytes_received) / n;
}

}  // namespace

int main(int argc, char** argv) {
  int ops = 10000;
  sync::SyncLimits limits;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--postgres")
      g_backend = test_support::Backend::kPostgres;
    else if (std::string(argv[i]) == "--batch" && i + 1 < argc)
      limits.batch_ops = std::atoi(argv[++i]);
    else
      ops = std::atoi(argv[i]);
  }
  {
    Loopback net;
    test_support::TestKiosk k(/*seed=*/false);
    k.client = std::make_unique<sync::SyncClient>(k.store, k.clock, sync::SigningKey::generate(), k.changes, limits);
    net.enroll(k);
    {
      auto tx = k.store.begin();
      for (int i = 0; i < ops; ++i)
        k.store.sync().enqueue(tx, "request.event",
                               R"({"number":"QS1-1123-)" + std::to_string(i) +
                                   R"(","service_id":"residence_certificate","kind":"accept","from":"submitted","status":"accepted","at":1795399200,"note":""})",
                               1795399200);
      tx.commit();
    }
    const std::int64_t statements_before = net.town.store.statements_run();
    const auto t0 = Steady::now();
    const auto r = k.client->run_once(*net.transport);
    const double s = seconds_since(t0);
    const auto statements = net.town.store.statements_run() - statements_before;
    std::printf("sync_ops=%d ok=%d seconds=%.3f ops_per_second=%.0f bytes_sent=%lld bytes_received=%lld "
                "township_statements=%lld (%.2f per operation)\n",
                ops, r.ok, s, ops / s, static_cast<long long>(r.bytes_sent), static_cast<long long>(r.bytes_received),
                static_cast<long long>(statements), static_cast<double>(statements) / ops);
  }
  {
    Loopback net;
    test_support::TestKiosk k;
    net.enroll(k);
    k.client->run_once(*net.transport);  // the demo village's own records first
    std::vector<std::string> numbers;
    const double per_request = bytes_per_op(net, k, 100, [&](int) { numbers.push_back(k.file_request()); });
    const double per_change = bytes_per_op(net, k, 100, [&](int i) {
      const auto r = k.store.requests().find_by_number(numbers[static_cast<std::size_t>(i)]);
      if (!k.requests.transition(r->id, {core::RequestEventKind::kAccept, k.staff("0002"), "", std::nullopt, "", false}))
        std::abort();
    });
    const double single = bytes_per_op(net, k, 1, [&](int) { k.file_request(); });
    std::printf("wire_bytes_per_new_request=%.0f wire_bytes_per_status_change=%.0f (batches of 100, both directions)\n",
                per_request, per_change);
    std::printf("wire_bytes_one_new_request_alone=%.0f (envelope, signature and sealing overhead included)\n", single);
  }
  return 0;
}
