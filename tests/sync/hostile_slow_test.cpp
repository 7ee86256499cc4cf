// Slow clients cannot starve the township server (issue 17). With httplib's 8 workers, 8
// connections sending a byte a second stopped every other request (a kiosk sync failed after
// 37 s); with more workers, as many slow connections as workers did the same, and none was
// ever cut: httplib's read timeout starts again with each byte. Now the accept front holds a
// connection without a worker until its request head is in, cuts it at the header deadline,
// and caps connections per address and in total (sync/township/accept_front.h).
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "hostile_support.h"
#include "slow_clients.h"

namespace vsk::test_support {
namespace {

using namespace std::chrono_literals;
using Mode = SlowClients::Mode;

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A real `kioskctl sync` of the seeded demo kiosk, and the dashboard's login page, both while
// the slow clients are open. Prints the sync's time for BENCHMARKS.md.
void sync_and_dashboard_answer(TownshipProcess& town, KioskDir& kiosk, const char* what) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = ctl(kiosk.dir.path(), {"sync", "--json"});
  const double seconds = seconds_since(t0);
  std::printf("kiosk sync (first, %d operations) with %s: %.2f s\n",
              r.exit_code == 0 ? nlohmann::json::parse(r.out)["accepted"].get<int>() : -1, what, seconds);  // BENCHMARKS.md
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_LT(seconds, 30);
  httplib::Client http(town.url());
  http.set_read_timeout(10, 0);
  const auto page = http.Get("/login");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_TRUE(healthy(town));
}

TEST(HostileSlow, AKioskSyncsWhile200SlowConnectionsFromOneAddressAreOpen) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path());
  town.start();
  KioskDir kiosk;
  seed_and_enroll(kiosk, town, "青山村");
  const int port = std::stoi(town.url().substr(town.url().rfind(':') + 1));
  SlowClients trickle(port, 100, {"127.0.0.2"}, Mode::kTrickle);
  SlowClients idle(port, 100, {"127.0.0.2"}, Mode::kIdle);
  ASSERT_EQ(trickle.connected() + idle.connected(), 200u);
  std::this_thread::sleep_for(2s);
  // One address holds at most 128 of them (the rest were answered 503 and closed at once).
  EXPECT_EQ(trickle.closed_by_server() + idle.closed_by_server(), 200 - 128);
  sync_and_dashboard_answer(town, kiosk, "200 slow connections from one address open");
}

TEST(HostileSlow, AKioskSyncsWhile200SlowConnectionsFromTenAddressesHoldFarMoreThanTheWorkers) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path(), {"--workers", "16"});
  town.start();
  KioskDir kiosk;
  seed_and_enroll(kiosk, town, "青山村");
  const int port = std::stoi(town.url().substr(town.url().rfind(':') + 1));
  SlowClients trickle(port, 100, loopback_sources(2, 10), Mode::kTrickle);
  SlowClients idle(port, 100, loopback_sources(2, 10), Mode::kIdle);
  ASSERT_EQ(trickle.connected() + idle.connected(), 200u);
  std::this_thread::sleep_for(2s);  // on httplib's accept loop each would hold one of the 16 workers by now
  EXPECT_EQ(trickle.closed_by_server() + idle.closed_by_server(), 0);  // within every cap: all still open
  sync_and_dashboard_answer(town, kiosk, "200 slow connections from 10 addresses open, 16 workers");
}

TEST(HostileSlow, ASlowHeadIsCutAtTheHeaderDeadlineHoweverOftenItSendsAByte) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path(), {"--header-deadline-ms", "2000"});
  town.start();
  const int port = std::stoi(town.url().substr(town.url().rfind(':') + 1));
  const auto t0 = std::chrono::steady_clock::now();
  SlowClients trickle(port, 5, {"127.0.0.1"}, Mode::kTrickle, 200ms);  // a byte every 200 ms
  SlowClients idle(port, 5, {"127.0.0.1"}, Mode::kIdle);
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(trickle.closed_by_server() + idle.closed_by_server(), 0);  // not before the deadline
  while ((trickle.closed_by_server() < 5 || idle.closed_by_server() < 5) && seconds_since(t0) < 12)
    std::this_thread::sleep_for(100ms);
  EXPECT_EQ(trickle.closed_by_server(), 5);
  EXPECT_EQ(idle.closed_by_server(), 5);
  EXPECT_LT(seconds_since(t0), 5);  // 2 s and the front's 0.1 s tick; httplib never cut the trickle
  EXPECT_TRUE(healthy(town));
}

TEST(HostileSlow, ASlowBodyIsCutAtTheBodyDeadline) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path(), {"--body-deadline-ms", "2000"});
  town.start();
  const int port = std::stoi(town.url().substr(town.url().rfind(':') + 1));
  RawClient c("127.0.0.1", port);
  ASSERT_TRUE(c.connected());
  c.send_text("POST /v1/sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n");
  const auto t0 = std::chrono::steady_clock::now();
  bool closed = false;
  while (!closed && seconds_since(t0) < 12) {
    c.send_text("a");  // a byte every 100 ms: httplib's 10 s read timeout never ran out
    std::this_thread::sleep_for(100ms);
    closed = c.closed_by_server();
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(seconds_since(t0), 5);
  EXPECT_TRUE(healthy(town));
}

// curl asks "Expect: 100-continue" before a large POST: the interim answer's head must not be
// taken for the answer's, whose "Connection: close" (a refused body) ends the connection.
TEST(HostileSlow, ARefusalAfter100ContinueClosesTheConnection) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path());
  town.start();
  const int port = std::stoi(town.url().substr(town.url().rfind(':') + 1));
  RawClient c("127.0.0.1", port);
  ASSERT_TRUE(c.connected());
  c.send_text("POST /v1/enroll HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 20000\r\n\r\n");
  std::this_thread::sleep_for(300ms);
  c.send_text(std::string(20000, 'a'));  // over enrollment's 16 KB
  const auto t0 = std::chrono::steady_clock::now();
  while (!c.closed_by_server() && seconds_since(t0) < 10) std::this_thread::sleep_for(50ms);
  EXPECT_LT(seconds_since(t0), 2);  // at once, not when the kept-alive connection times out (5 s)
  EXPECT_EQ(c.answer().rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 413", 0), 0u) << c.answer();
}

TEST(HostileSlow, ConnectionsPerAddressAndInAllAreCappedWith503) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path(), {"--max-connections-per-address", "10", "--max-connections", "15"});
  town.start();
  const int port = std::stoi(town.url().substr(town.url().rfind(':') + 1));
  SlowClients first(port, 10, {"127.0.0.2"}, Mode::kIdle);
  RawClient eleventh("127.0.0.2", port);
  SlowClients other(port, 5, {"127.0.0.3"}, Mode::kIdle);  // another address still gets in, up to 15 in all
  RawClient sixteenth("127.0.0.4", port);
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(first.closed_by_server(), 0);
  EXPECT_EQ(other.closed_by_server(), 0);
  ASSERT_TRUE(eleventh.closed_by_server());
  EXPECT_EQ(eleventh.answer().rfind("HTTP/1.1 503", 0), 0u) << eleventh.answer();
  EXPECT_NE(eleventh.answer().find("Retry-After: 5"), std::string::npos);
  ASSERT_TRUE(sixteenth.closed_by_server());
  EXPECT_EQ(sixteenth.answer().rfind("HTTP/1.1 503", 0), 0u) << sixteenth.answer();
}

}  // namespace
}  // namespace vsk::test_support
