// Slow and idle TCP clients of a township server for the issue 17 tests: connections from a
// chosen loopback address (127.0.0.x all reach a server listening on 127.0.0.1) that send a
// request head a byte at a time, or nothing at all, and notice when the server closes them.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vsk::test_support {

// One client connection from `source` (e.g. "127.0.0.2") to 127.0.0.1:port.
class RawClient {
 public:
  RawClient(const std::string& source, int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in from{};
    from.sin_family = AF_INET;
    inet_pton(AF_INET, source.c_str(), &from.sin_addr);
    bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0;
  }
  ~RawClient() { close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }
  void send_text(const std::string& s) { ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL | MSG_DONTWAIT); }
  // Whether the server has closed the connection (FIN or reset), after reading what it sent.
  bool closed_by_server() {
    char buf[4096];
    for (;;) {
      const ssize_t n = recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
      if (n > 0) {
        answer_.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
    }
  }
  // What the server sent before closing (read by closed_by_server).
  const std::string& answer() const { return answer_; }

 private:
  int fd_;
  bool connected_ = false;
  std::string answer_;
};

// `n` connections spread over `sources`, either trickling "GET /v1/health HTTP/1.1\r\nX-Slow: a..."
// a byte every `every` or idle (nothing after connecting).
class SlowClients {
 public:
  enum class Mode { kTrickle, kIdle };
  SlowClients(int port, int n, const std::vector<std::string>& sources, Mode mode,
              std::chrono::milliseconds every = std::chrono::milliseconds(1000)) {
    for (int i = 0; i < n; ++i) {
      auto c = std::make_unique<RawClient>(sources[static_cast<std::size_t>(i) % sources.size()], port);
      if (!c->connected()) continue;
      if (mode == Mode::kTrickle) c->send_text("GET /v1/health HTTP/1.1\r\nX-Slow: ");
      clients_.push_back(std::move(c));
    }
    if (mode == Mode::kTrickle)
      trickle_ = std::thread([this, every] {
        while (!stop_) {
          {
            std::lock_guard lock(mutex_);
            for (auto& c : clients_) c->send_text("a");
          }
          const auto until = std::chrono::steady_clock::now() + every;
          while (!stop_ && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      });
  }
  ~SlowClients() {
    stop_ = true;
    if (trickle_.joinable()) trickle_.join();
  }
  std::size_t connected() const { return clients_.size(); }
  // How many the server has closed so far.
  int closed_by_server() {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (auto& c : clients_) n += c->closed_by_server() ? 1 : 0;
    return n;
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<RawClient>> clients_;
  std::atomic<bool> stop_{false};
  std::thread trickle_;
};

inline std::vector<std::string> loopback_sources(int first, int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back("127.0.0." + std::to_string(first + i));
  return out;
}

}  // namespace vsk::test_support
