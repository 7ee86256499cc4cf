// Sync figures end to end on loopback: the real township HTTP server (in this process, on
// 127.0.0.1) and the real kiosk client over libcurl. Prints one line per figure.
//   build/bench/sync_bench [OPS] [--postgres] [--batch N] [--runs N]   (default 10000 operations,
//   township on SQLite, the kiosk's batches of SyncLimits::batch_ops, 5 runs: median and min-max)
#include <dirent.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "sync/client/transport.h"
#include "sync/township/http_server.h"
#include "sync/sync_test_support.h"

using namespace vsk;
using Steady = std::chrono::steady_clock;

namespace {

double seconds_since(Steady::time_point t0) { return std::chrono::duration<double>(Steady::now() - t0).count(); }

// CPU of the whole process (kiosk, township and curl threads), seconds.
double process_cpu() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Seconds the process's threads spent runnable but waiting for a core (other work on the
// machine): the part of the wall time that is neither our CPU nor our waiting for the disk.
double process_run_delay() {
  double total = 0;
  if (DIR* d = opendir("/proc/self/task")) {
    while (const dirent* e = readdir(d)) {
      if (e->d_name[0] == '.') continue;
      std::ifstream f(std::string("/proc/self/task/") + e->d_name + "/schedstat");
      unsigned long long on_cpu = 0, waiting = 0;
      if (f >> on_cpu >> waiting) total += static_cast<double>(waiting) / 1e9;
    }
    closedir(d);
  }
  return total;
}

struct Spread {
  std::vector<double> v;
  double median() const {
    auto s = v;
    std::sort(s.begin(), s.end());
    return s.empty() ? 0 : s.size() % 2 ? s[s.size() / 2] : (s[s.size() / 2 - 1] + s[s.size() / 2]) / 2;
  }
  double min() const { return v.empty() ? 0 : *std::min_element(v.begin(), v.end()); }
  double max() const { return v.empty() ? 0 : *std::max_element(v.begin(), v.end()); }
};

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
  int runs = 5;
  sync::SyncLimits limits;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--postgres")
      g_backend = test_support::Backend::kPostgres;
    else if (std::string(argv[i]) == "--batch" && i + 1 < argc)
      limits.batch_ops = std::atoi(argv[++i]);
    else if (std::string(argv[i]) == "--runs" && i + 1 < argc)
      runs = std::max(1, std::atoi(argv[++i]));
    else
      ops = std::atoi(argv[i]);
  }
  Spread wall, cpu;
  for (int run = 0; run < runs; ++run) {
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
    const double cpu0 = process_cpu();
    const double delay0 = process_run_delay();
    const auto t0 = Steady::now();
    const auto r = k.client->run_once(*net.transport);
    const double s = seconds_since(t0);
    const double c = process_cpu() - cpu0;
    const double delay = process_run_delay() - delay0;
    const auto statements = net.town.store.statements_run() - statements_before;
    if (!r.ok || r.accepted != ops) {
      std::fprintf(stderr, "run %d failed: %s (%d accepted)\n", run, r.error_code.c_str(), r.accepted);
      return 1;
    }
    wall.v.push_back(s);
    cpu.v.push_back(c);
    std::printf("run=%d sync_ops=%d ok=%d seconds=%.3f cpu_seconds=%.3f waiting_for_a_core=%.3f ops_per_second=%.0f bytes_sent=%lld "
                "bytes_received=%lld township_statements=%lld (%.2f per operation)\n",
                run, ops, r.ok, s, c, delay, ops / s, static_cast<long long>(r.bytes_sent),
                static_cast<long long>(r.bytes_received), static_cast<long long>(statements),
                static_cast<double>(statements) / ops);
  }
  std::printf("sync_ops=%d runs=%d seconds median=%.3f min=%.3f max=%.3f cpu_seconds median=%.3f\n", ops, runs,
              wall.median(), wall.min(), wall.max(), cpu.median());
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
