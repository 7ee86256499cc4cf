// Overload at the township server: beyond what its workers can serve in time, a connection
// is answered 503 with Retry-After at once (no database work), each kiosk turned away gets a
// later slot than the one before, the real kiosk client over libcurl reads Retry-After and
// its round succeeds once there is room, and the last page of a round frees the worker.
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <latch>
#include <thread>

#include "sync/client/transport.h"
#include "sync/township/http_server.h"
#include "sync/township/worker_pool.h"
#include "sync_test_support.h"

namespace vsk::test_support {
namespace {

using namespace std::chrono_literals;

TEST(WorkerPool, TurnsAwayWhatWouldWaitTooLongAndSpreadsTheirReturn) {
  township::WorkerPool pool({1, 50ms});
  std::latch hold(1), held(1);
  pool.enqueue([&] {
    held.count_down();
    hold.wait();
  });
  held.wait();  // the only worker is busy: anything else would wait a service time (a cold pool guesses 250 ms)
  std::mutex m;
  std::vector<int> retry_after;
  std::latch answered(40);
  for (int i = 0; i < 40; ++i)
    pool.enqueue([&] {
      std::lock_guard lock(m);
      retry_after.push_back(township::WorkerPool::turned_away() ? township::WorkerPool::retry_after_s() : 0);
      answered.count_down();
    });
  answered.wait();  // all answered by the refusing thread while the worker is still held
  hold.count_down();
  EXPECT_EQ(pool.refused(), 40);
  ASSERT_EQ(retry_after.size(), 40u);
  std::sort(retry_after.begin(), retry_after.end());  // two refusing threads: any order
  EXPECT_GE(retry_after.front(), 1);
  EXPECT_GE(retry_after.back() - retry_after.front(), 8);  // a slot of 250 ms each: the crowd is spread
}

// Completions that come in clumps (many workers sharing two cores) must not make the pool
// promise slots far in the future: the slot is never longer than the service time shared
// by the workers.
TEST(WorkerPool, ClumpedCompletionsDoNotStretchTheSlots) {
  township::WorkerPool pool({4, 50ms});
  for (int clump = 0; clump < 2; ++clump) {  // 8 instant rounds, half of them 1 s after the other half
    std::latch done(4);
    for (int i = 0; i < 4; ++i) pool.enqueue([&] { done.count_down(); });
    done.wait();
    if (clump == 0) std::this_thread::sleep_for(1s);
  }
  std::latch hold(1), held(4);
  for (int i = 0; i < 4; ++i)
    pool.enqueue([&] {
      held.count_down();
      hold.wait();
    });
  held.wait();
  std::mutex m;
  std::vector<int> retry_after;
  std::latch answered(40);
  for (int i = 0; i < 40; ++i)
    pool.enqueue([&] {
      std::lock_guard lock(m);
      retry_after.push_back(township::WorkerPool::turned_away() ? township::WorkerPool::retry_after_s() : 0);
      answered.count_down();
    });
  std::thread release([&] {  // the few queued behind the held workers are answered after this
    std::this_thread::sleep_for(200ms);
    hold.count_down();
  });
  answered.wait();
  release.join();
  ASSERT_EQ(retry_after.size(), 40u);
  // The pace of the window (1 s / 7 rounds) would have spread 40 kiosks over 6 s and more.
  EXPECT_LE(*std::max_element(retry_after.begin(), retry_after.end()), 2);
}

// However many workers hold connections, only `at_once` sync requests work at once; one
// that cannot get in within max_wait is told when to come back.
TEST(WorkerPool, OnlyAtOnceRequestsWorkTogetherTheRestAreToldToComeBack) {
  township::WorkerPool pool({8, 50ms, 2});
  std::latch hold(1), inside(2), refused(1);
  std::atomic<int> admitted{0};
  int retry_after = 0;
  for (int i = 0; i < 2; ++i)
    pool.enqueue([&] {
      const auto a = township::WorkerPool::admit();
      if (a.admitted()) ++admitted;
      inside.count_down();
      hold.wait();
    });
  inside.wait();
  pool.enqueue([&] {
    const auto a = township::WorkerPool::admit();
    retry_after = a.admitted() ? 0 : a.retry_after_s();
    refused.count_down();
  });
  refused.wait();
  EXPECT_EQ(admitted, 2);
  EXPECT_GE(retry_after, 1);
  hold.count_down();
  std::latch later(1);
  bool admitted_later = false;
  pool.enqueue([&] {  // the two have left: room again
    admitted_later = township::WorkerPool::admit().admitted();
    later.count_down();
  });
  later.wait();
  EXPECT_TRUE(admitted_later);
}

// A TCP connection that sends a request head and then none of its body: it holds one worker
// until closed (a connection that sends nothing holds none, the accept front waits for heads).
struct IdleConnection {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  explicit IdleConnection(int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("connect");
    const std::string head = "POST /v1/sync HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n";
    if (::send(fd, head.data(), head.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(head.size())) throw std::runtime_error("send");
  }
  ~IdleConnection() { close(); }
  void close() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

struct OneWorkerServer {
  TestTownship town;
  township::HttpServer http{town.service, [](const std::string&) {}, "", "", township::WorkerLimits{1, 50ms}};
  int port = http.bind("127.0.0.1", 0);
  std::thread thread{[this] { http.run(); }};
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
  ~OneWorkerServer() {
    http.stop();
    thread.join();
  }
};

TEST(Overload, AKioskTurnedAwayIsToldWhenAndSyncsOnceThereIsRoom) {
  OneWorkerServer server;
  TestKiosk k;
  server.town.enroll(k, "青山村");
  k.file_request();
  auto net = sync::make_curl_transport(server.url());
  IdleConnection idle(server.port);
  std::this_thread::sleep_for(200ms);  // accepted and on the worker (waiting for the body)

  const auto busy = k.client->run_once(*net);
  EXPECT_FALSE(busy.ok);
  EXPECT_EQ(busy.error_code, "refused:busy");
  EXPECT_GE(busy.retry_after_s, 1);  // read from the Retry-After header by libcurl
  EXPECT_EQ(server.town.op_count(), 0);  // turned away before any database work

  idle.close();
  std::this_thread::sleep_for(std::chrono::seconds(busy.retry_after_s));
  const auto later = k.client->run_once(*net);
  EXPECT_TRUE(later.ok) << later.error_code;
  EXPECT_EQ(k.acked(), k.last_seq());
}

TEST(Overload, TheLastPageOfARoundFreesTheWorkerForTheNextKiosk) {
  OneWorkerServer server;
  TestKiosk a, b;
  server.town.enroll(a, "青山村");
  server.town.enroll(b, "青山村");
  auto net_a = sync::make_curl_transport(server.url());
  auto net_b = sync::make_curl_transport(server.url());
  ASSERT_TRUE(a.client->run_once(*net_a).ok);
  // a keeps its curl handle (as the kiosk does between rounds); had the server kept that
  // connection open, its only worker would sit on it for the keep-alive time and b would be
  // turned away. A few tries cover the moment between the answer and the worker's return.
  sync::SyncReport r;
  for (int attempt = 0; attempt < 5 && !r.ok; ++attempt) {
    if (attempt) std::this_thread::sleep_for(100ms);
    r = b.client->run_once(*net_b);
  }
  EXPECT_TRUE(r.ok) << r.error_code;
}

}  // namespace
}  // namespace vsk::test_support
