// The morning burst (issue 13): N kiosks sync with one township-server at the same moment,
// each pushing OPS operations and pulling the village's changes. Real HTTP (libcurl, one
// connection per kiosk, kept alive as the kiosk keeps it), real sealed and signed envelopes,
// the real server binary as a child process on 127.0.0.1 (SQLite or PostgreSQL). A kiosk
// answered 503 waits as its scheduler would (Retry-After through BackoffPolicy) and tries
// again. Both backends commit durably (SQLite synchronous=FULL; PostgreSQL in a cluster of
// its own with fsync on). Prints one line per run; see BENCHMARKS.md ("Morning burst").
//   build/bench/burst_bench [--kiosks N] [--ops OPS] [--postgres] [--workers W] [--db-pool P]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <latch>
#include <mutex>
#include <random>
#include <thread>

#include "platform/clock.h"
#include "sync/client/backoff.h"
#include "sync/client/transport.h"
#include "sync/process_fixtures.h"
#include "sync/protocol_kiosk.h"

using namespace vsk;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kVillages = 20;
constexpr int kMaxRounds = 50;  // a kiosk that needs more rounds than this counts as an error

double ms_between(Steady::time_point a, Steady::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

std::string village_name(int i) { return "村" + std::to_string(i % kVillages + 1); }

// One simulated kiosk: protocol-level (ProtocolKiosk), its own curl connection.
struct Kiosk {
  std::unique_ptr<test_support::ProtocolKiosk> proto;
  std::unique_ptr<sync::Transport> net;
  std::int64_t acked = 0, cursor = 0;
  int ops = 0;
  // Figures of this kiosk's burst.
  std::vector<double> round_ms;  // every round, the busy ones included
  std::vector<double> busy_ms;   // the rounds answered 503
  double synced_ms = 0;          // from the start of the burst to everything acked and pulled
  int busy = 0, rounds = 0;
  std::int64_t retry_after_max = 0;  // the longest Retry-After this kiosk was given
  std::string error;
};

enum class Outcome { kDone, kBusy, kError };

// The answer of one exchange: 200 body, 503 (with Retry-After), or an error.
Outcome exchange(Kiosk& k, const std::string& envelope, std::string& body, std::int64_t& retry_after) {
  std::string why;
  const auto r = k.net->post("/v1/sync", envelope, "application/octet-stream", &why);
  if (!r) {
    k.error = "network: " + why;
    return Outcome::kError;
  }
  if (r->status == 503) {
    retry_after = r->retry_after_s;
    return Outcome::kBusy;
  }
  if (r->status != 200) {
    k.error = "http " + std::to_string(r->status) + ": " + r->body.substr(0, 200);
    return Outcome::kError;
  }
  body = r->body;
  return Outcome::kDone;
}

// One sync round as the kiosk's client makes it: what is not acknowledged yet, then pages of
// changes from the saved cursor.
Outcome round(Kiosk& k, std::int64_t& retry_after) {
  std::string body;
  if (k.acked < k.ops) {
    std::vector<sync::Operation> ops;
    for (std::int64_t seq = k.acked + 1; seq <= k.ops; ++seq)
      ops.push_back(test_support::ProtocolKiosk::op(seq, k.proto->device + "-" + std::to_string(seq),
                                                    "QS1-1202-" + std::to_string(seq)));
    const Outcome o = exchange(k, k.proto->push(std::move(ops), 0), body, retry_after);
    if (o != Outcome::kDone) return o;
    const auto reply = k.proto->open_push(body);
    if (!reply) {
      k.error = "push reply does not open";
      return Outcome::kError;
    }
    for (const auto& res : reply->results)
      if (res.outcome == sync::OpOutcome::kRejected) {
        k.error = "op rejected: " + res.code;
        return Outcome::kError;
      }
    k.acked = reply->acked_seq;
    if (k.acked != k.ops) {
      k.error = "acked_seq " + std::to_string(k.acked);
      return Outcome::kError;
    }
  }
  for (;;) {
    const Outcome o = exchange(k, k.proto->pull(k.cursor), body, retry_after);
    if (o != Outcome::kDone) return o;
    const auto reply = k.proto->open_pull(body);
    if (!reply) {
      k.error = "pull reply does not open";
      return Outcome::kError;
    }
    k.cursor = reply->next_cursor;
    if (!reply->more) return Outcome::kDone;
  }
}

void sync_until_done(Kiosk& k, Steady::time_point burst_start, unsigned seed) {
  std::mt19937 rng(seed);
  const sync::BackoffPolicy policy;
  int failures = 0;
  while (k.rounds < kMaxRounds) {
    ++k.rounds;
    std::int64_t retry_after = 0;
    const auto t0 = Steady::now();
    const Outcome o = round(k, retry_after);
    const auto t1 = Steady::now();
    k.round_ms.push_back(ms_between(t0, t1));
    if (o == Outcome::kDone) {
      k.synced_ms = ms_between(burst_start, t1);
      return;
    }
    if (o == Outcome::kError) return;
    k.busy_ms.push_back(k.round_ms.back());
    k.retry_after_max = std::max(k.retry_after_max, retry_after);
    ++k.busy;
    ++failures;
    const double jitter = std::uniform_real_distribution<double>(0, 1)(rng);
    std::this_thread::sleep_for(std::chrono::milliseconds(policy.delay_ms(failures, jitter, retry_after)));
  }
  k.error = "still busy after " + std::to_string(kMaxRounds) + " rounds";
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

// Peak resident set of a running process (kB), from /proc.
long peak_rss_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + "," + b + "," + c;
}

}  // namespace

int main(int argc, char** argv) {
  int kiosks = 100, ops = 100;
  test_support::Backend backend = test_support::Backend::kSqlite;
  std::vector<std::string> server_options;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--postgres") {
      backend = test_support::Backend::kPostgres;
    } else if (a == "--kiosks" && i + 1 < argc) {
      kiosks = std::atoi(argv[++i]);
    } else if (a == "--ops" && i + 1 < argc) {
      ops = std::atoi(argv[++i]);
    } else if ((a == "--workers" || a == "--db-pool") && i + 1 < argc) {
      server_options.insert(server_options.end(), {a, argv[++i]});
    } else {
      std::fprintf(stderr, "usage: burst_bench [--kiosks N] [--ops OPS] [--postgres] [--workers W] [--db-pool P]\n");
      return 2;
    }
  }
  // PostgreSQL: a cluster of its own, durable as in production (the test clusters run with
  // fsync off), so both backends pay for their commits.
  std::unique_ptr<test_support::PgCluster> cluster;
  if (backend == test_support::Backend::kPostgres)
    cluster = test_support::PgCluster::start_new({"fsync = on", "synchronous_commit = on", "full_page_writes = on"});
  std::unique_ptr<test_support::Server> owned_server =
      cluster ? std::make_unique<test_support::Server>(*cluster) : std::make_unique<test_support::Server>(backend);
  test_support::Server& server = *owned_server;
  // Enrollment codes and a township notice every kiosk pulls, written before the server starts
  // (as staff would with `township-server enroll`, without a thousand processes).
  std::vector<std::string> codes;
  {
    township::TownshipStore store(server.config());
    platform::SystemClock clock;
    township::TownshipService service(store, clock, sync::SigningKey::load_or_create(server.dir.file("server.key")));
    township::TownshipAdmin admin = service.admin(*township::single_township_scope(store), township::command_line_actor());
    for (int i = 0; i < kiosks; ++i) codes.push_back(admin.create_enroll_code(village_name(i)));
    admin.publish_notice(std::nullopt, {{"id", "burst-notice"}, {"title", "春耕通知"}, {"body", std::string(600, 'x')},
                                        {"category", "policy"}});
  }
  const sync::PublicKey server_key = sync::SigningKey::load_or_create(server.dir.file("server.key")).public_key;
  auto options = server.options();
  options.insert(options.end(), server_options.begin(), server_options.end());
  // Every kiosk here connects from 127.0.0.1; in the field each has its own address, so the
  // per-address cap (128) must not turn the burst away as one client.
  options.insert(options.end(), {"--max-connections-per-address", std::to_string(kiosks + 16)});
  test_support::TownshipProcess town(test_support::kTownship, server.dir.path(), options);
  town.start();

  std::vector<Kiosk> fleet(static_cast<std::size_t>(kiosks));
  for (int i = 0; i < kiosks; ++i) {
    Kiosk& k = fleet[static_cast<std::size_t>(i)];
    k.ops = ops;
    k.proto = std::make_unique<test_support::ProtocolKiosk>(server_key);
    k.net = sync::make_curl_transport(town.url());
    std::string why;
    const auto r = k.net->post("/v1/enroll", k.proto->enroll_body(codes[static_cast<std::size_t>(i)]), "application/json", &why);
    if (!r || !k.proto->enrolled(r->status, r->body)) {
      std::fprintf(stderr, "enrollment %d failed: %s\n", i, r ? r->body.c_str() : why.c_str());
      return 1;
    }
    k.net = sync::make_curl_transport(town.url());  // a fresh connection, as after a night off
  }
  const long rss_before_kb = peak_rss_kb(town.pid());

  std::latch start(kiosks + 1);
  Steady::time_point burst_start;
  std::vector<std::thread> threads;
  for (int i = 0; i < kiosks; ++i)
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      sync_until_done(fleet[static_cast<std::size_t>(i)], burst_start, static_cast<unsigned>(i));
    });
  burst_start = Steady::now();
  start.arrive_and_wait();
  for (auto& t : threads) t.join();
  const double seconds = ms_between(burst_start, Steady::now()) / 1000;
  const long rss_kb = peak_rss_kb(town.pid());
  town.kill(SIGTERM);

  std::vector<double> rounds, busy_rounds, synced;
  int errors = 0, busy = 0;
  std::int64_t retry_after_max = 0;
  std::string first_error;
  for (const auto& k : fleet) {
    rounds.insert(rounds.end(), k.round_ms.begin(), k.round_ms.end());
    busy_rounds.insert(busy_rounds.end(), k.busy_ms.begin(), k.busy_ms.end());
    busy += k.busy;
    retry_after_max = std::max(retry_after_max, k.retry_after_max);
    if (!k.error.empty()) {
      if (errors++ == 0) first_error = k.error;
    } else {
      synced.push_back(k.synced_ms);
    }
  }
  // Exactly once: the township holds every operation, none twice.
  std::int64_t held = 0;
  {
    township::TownshipStore store(server.config());
    auto tx = store.read(*township::single_township_scope(store));
    held = store.ops().count(tx, "");
  }
  const std::int64_t expected = static_cast<std::int64_t>(kiosks) * ops;
  std::printf("burst backend=%s kiosks=%d ops_per_kiosk=%d seconds=%.1f ops_per_second=%.0f "
              "round_p50_ms=%.0f round_p99_ms=%.0f synced_p50_ms=%.0f synced_p99_ms=%.0f synced_max_ms=%.0f "
              "busy_503=%d (p50 %.0f ms, p99 %.0f ms, longest Retry-After %lld s) errors=%d ops_held=%lld/%lld server_peak_rss_mb=%.1f (idle %.1f) load=%s\n",
              backend == test_support::Backend::kPostgres ? "postgresql" : "sqlite", kiosks, ops, seconds,
              static_cast<double>(expected) / seconds, percentile(rounds, 0.5), percentile(rounds, 0.99),
              percentile(synced, 0.5), percentile(synced, 0.99), percentile(synced, 1.0), busy,
              percentile(busy_rounds, 0.5), percentile(busy_rounds, 0.99), static_cast<long long>(retry_after_max), errors,
              static_cast<long long>(held), static_cast<long long>(expected), static_cast<double>(rss_kb) / 1024,
              static_cast<double>(rss_before_kb) / 1024, load_average().c_str());
  if (errors) std::printf("first error: %s\n", first_error.c_str());
  return errors == 0 && held == expected ? 0 : 1;
}
