// The township server's accept front (issue 17: slow clients cannot starve the server).
// httplib would give every accepted connection a worker for its whole life, and a read timeout
// that starts again with each byte: 200 clients sending a header byte every few seconds held
// 200 workers for as long as they liked. Here one thread accepts and waits, on epoll, for each
// connection's request head; only a connection with a complete head goes to a worker, and
// back here between keep-alive requests. It enforces ConnectionLimits:
//   - at most `max_connections` open, at most `per_address` from one address: one more is
//     answered 503 with Retry-After (plain HTTP) and closed at once;
//   - the head must be complete within `header_deadline` of the accept (TLS handshake
//     included), or of its first byte on a kept-alive connection; a connection idle between
//     requests longer than `keep_alive` is closed; a head over `max_head_bytes` is refused.
// (The body's deadline is the worker's, connection_stream.h.)
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "sync/township/connection.h"
#include "sync/township/connection_limits.h"

namespace vsk::township {

class AcceptFront {
 public:
  using Log = std::function<void(const std::string&)>;
  using HandOff = std::function<void(std::unique_ptr<Connection>)>;
  // `listen_fd` is bound and listening (the front makes it non-blocking, and closes it).
  // `busy_answer`: the bytes a connection over a cap is sent before it is closed.
  AcceptFront(int listen_fd, SSL_CTX* tls, ConnectionLimits limits, std::string busy_answer, Log log);
  ~AcceptFront();
  AcceptFront(const AcceptFront&) = delete;
  AcceptFront& operator=(const AcceptFront&) = delete;

  // Accepts and waits for heads until stop(); each connection with a complete head goes to
  // `hand_off` (on this thread: it should only queue it).
  void run(const HandOff& hand_off);
  // From any thread, also a signal handler.
  void stop();
  // A served connection waits here for its next request (from a worker).
  void give_back(std::unique_ptr<Connection> c);

 private:
  struct Counts {
    std::int64_t open = 0, refused_total = 0, refused_address = 0, cut_header = 0, cut_idle = 0;
  };
  struct Waiting {
    std::unique_ptr<Connection> c;
    Connection::Clock::time_point deadline;
    bool idle;  // between requests, no byte of the next one yet
    bool want_write = false;
  };
  void accept_all(const HandOff& hand_off);
  void wait_for_head(std::unique_ptr<Connection> c, bool fresh, const HandOff& hand_off);
  void on_ready(int fd, const HandOff& hand_off);
  void expire();
  void watch(Waiting& w, bool add);
  void release(const std::string& peer);

  int listen_fd_, epoll_fd_, wake_fd_;
  SSL_CTX* tls_;
  ConnectionLimits limits_;
  std::string busy_answer_;
  Log log_;
  std::atomic<bool> stopping_{false};
  std::unordered_map<int, Waiting> waiting_;  // by fd, only on the front's thread
  Connection::Clock::time_point accept_paused_until_{};

  mutable std::mutex mutex_;  // the counts and the connections given back
  std::map<std::string, int> per_address_;
  Counts counts_, logged_;  // logged_: as of the last log line about refusals
  std::vector<std::unique_ptr<Connection>> given_back_;
};

}  // namespace vsk::township
