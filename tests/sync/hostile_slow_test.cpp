// Slow clients cannot starve the township server (issue 17): 200 connections that send their
// request head a byte a second are open while a real kiosk syncs through kioskctl on
// 127.0.0.1. (With httplib's 8 workers, 8 such connections stopped every other request; a
// kiosk sync failed after 37 s.)
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "hostile_support.h"

namespace vsk::test_support {
namespace {

// `n` connections trickling "GET /v1/health HTTP/1.1\r\nX-Slow: aaaa..." a byte per second.
class SlowClients {
 public:
  SlowClients(int port, int n) {
    for (int i = 0; i < n; ++i) {
      const int s = socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      addr.sin_port = htons(static_cast<std::uint16_t>(port));
      if (connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        const std::string head = "GET /v1/health HTTP/1.1\r\nX-Slow: ";
        send(s, head.data(), head.size(), MSG_NOSIGNAL);
        sockets_.push_back(s);
      } else {
        close(s);
      }
    }
    trickle_ = std::thread([this] {
      while (!stop_) {
        for (const int s : sockets_) send(s, "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        for (int i = 0; i < 10 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
  }
  ~SlowClients() {
    stop_ = true;
    trickle_.join();
    for (const int s : sockets_) close(s);
  }
  std::size_t open() const { return sockets_.size(); }

 private:
  std::vector<int> sockets_;
  std::atomic<bool> stop_{false};
  std::thread trickle_;
};

TEST(HostileSlow, AKioskSyncsWhile200SlowConnectionsAreOpen) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path());
  town.start();
  KioskDir kiosk;
  seed_and_enroll(kiosk, town, "青山村");
  const int port = std::stoi(town.url().substr(town.url().rfind(':') + 1));
  SlowClients slow(port, 200);
  ASSERT_EQ(slow.open(), 200u);
  std::this_thread::sleep_for(std::chrono::seconds(2));  // every one of them holds a worker by now
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = ctl(kiosk.dir.path(), {"sync", "--json"});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("kiosk sync (first, %d operations) with 200 slow connections open: %.2f s\n",
              r.exit_code == 0 ? nlohmann::json::parse(r.out)["accepted"].get<int>() : -1, seconds);  // BENCHMARKS.md
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_LT(seconds, 30);
  EXPECT_TRUE(healthy(town));
}

}  // namespace
}  // namespace vsk::test_support
