// Request bodies without a declared length (issue 17): a chunked body of 256 MiB and four gzip
// bodies of zeros inflating to 256 MiB each, at the real township-server on 127.0.0.1, none
// needing a login. The server answers 413, its peak resident memory stays far below what it
// was sent, and a real kiosk syncs afterwards. (Before, each body was buffered whole.)
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <zlib.h>

#include <thread>

#include "hostile_support.h"

namespace vsk::test_support {
namespace {

constexpr std::size_t kMiB = 1024 * 1024;

// A raw HTTP/1.1 exchange: sends `head`, then whatever `body` produces until it returns an
// empty string or the server stops reading; returns the status line's code (or -1).
template <typename Body>
int raw_exchange(int port, const std::string& head, Body&& body) {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return -1;
  timeval tv{30, 0};
  setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  auto send_all = [s](const std::string& bytes) {
    for (std::size_t done = 0; done < bytes.size();) {
      const ssize_t n = send(s, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  };
  if (send_all(head))
    for (std::string part = body(); !part.empty() && send_all(part); part = body()) {
    }
  std::string reply;
  char buf[4096];
  for (ssize_t n; reply.find("\r\n") == std::string::npos && (n = recv(s, buf, sizeof buf, 0)) > 0;)
    reply.append(buf, static_cast<std::size_t>(n));
  close(s);
  if (reply.rfind("HTTP/1.1 ", 0) != 0) return -1;
  return std::stoi(reply.substr(9, 3));
}

int port_of(const TownshipProcess& town) { return std::stoi(town.url().substr(town.url().rfind(':') + 1)); }

// `size` zero bytes, gzip-compressed (about 1/1000 of the size).
std::string gzip_zeros(std::size_t size) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  const std::string zeros(kMiB, '\0');
  std::string out;
  char buf[64 * 1024];
  for (std::size_t left = size;;) {
    const std::size_t n = std::min(left, zeros.size());
    left -= n;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
    z.avail_in = static_cast<uInt>(n);
    const int flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
    int rc = Z_OK;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      rc = deflate(&z, flush);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
    if (flush == Z_FINISH && rc == Z_STREAM_END) break;
  }
  deflateEnd(&z);
  return out;
}

TEST(HostileBody, AChunkedBodyIsCountedAsItArrives) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path());
  town.start();
  const std::string chunk = std::string("100000\r\n") + std::string(kMiB, 'x') + "\r\n";  // 1 MiB chunks
  int sent = 0;
  const int status = raw_exchange(port_of(town),
                                  "POST /v1/sync HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
                                  "Content-Type: application/octet-stream\r\n\r\n",
                                  [&]() -> std::string {
                                    if (sent < 256) return ++sent, chunk;
                                    return sent++ == 256 ? "0\r\n\r\n" : "";
                                  });
  EXPECT_EQ(status, 413);
  EXPECT_LT(sent, 256) << "the server read the whole body";
  const long peak = peak_rss_mib(town.pid());
  std::printf("township-server peak RSS after a 256 MiB chunked body: %ld MiB\n", peak);  // BENCHMARKS.md
  EXPECT_LT(peak, 120) << "peak RSS " << peak << " MiB";
  EXPECT_TRUE(healthy(town));
}

TEST(HostileBody, GzipBodiesAreInflatedOnlyUpToTheLimit) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path());
  town.start();
  const std::string bomb = gzip_zeros(256 * kMiB);
  ASSERT_LT(bomb.size(), kMiB);
  std::vector<std::thread> senders;
  std::vector<int> statuses(4, 0);
  for (int i = 0; i < 4; ++i)
    senders.emplace_back([&, i] {
      bool done = false;
      statuses[static_cast<std::size_t>(i)] = raw_exchange(
          port_of(town),
          "POST /v1/sync HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) +
              "\r\nContent-Type: application/octet-stream\r\n\r\n",
          [&]() -> std::string { return std::exchange(done, true) ? "" : bomb; });
    });
  for (auto& t : senders) t.join();
  for (const int s : statuses) EXPECT_EQ(s, 413);
  const long peak = peak_rss_mib(town.pid());
  std::printf("township-server peak RSS after four 256 MiB gzip bodies at once: %ld MiB\n", peak);  // BENCHMARKS.md
  EXPECT_LT(peak, 250) << "peak RSS " << peak << " MiB";
  // A real kiosk still enrolls and syncs.
  KioskDir kiosk;
  seed_and_enroll(kiosk, town, "青山村");
  EXPECT_EQ(ctl(kiosk.dir.path(), {"sync"}).exit_code, 0);
}

TEST(HostileBody, AnUncaughtFailureSaysNothingInItsHeaders) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path());
  town.start();
  // An enrollment whose name is not text made nlohmann throw inside the handler; httplib then
  // put the exception's text into an EXCEPTION_WHAT header.
  httplib::Client http(town.url());
  const auto r = http.Post("/v1/enroll", R"({"code":"x","public_key":")" + std::string(64, 'a') + R"(","name":7})",
                           "application/json");
  ASSERT_TRUE(r);
  EXPECT_GE(r->status, 400);
  EXPECT_FALSE(r->has_header("EXCEPTION_WHAT"));
  EXPECT_TRUE(healthy(town));
}

}  // namespace
}  // namespace vsk::test_support
