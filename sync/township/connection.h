// One accepted client connection of the township server, plain TCP or TLS, with non-blocking
// reads and writes (the accept front waits for its request head, a worker serves the request;
// see accept_front.h). Bytes read but not yet consumed wait in `in`.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace vsk::township {

class Connection {
 public:
  using Clock = std::chrono::steady_clock;
  // Takes the socket (non-blocking). With a TLS context the handshake happens on the first reads.
  // `on_close` runs when the connection is closed (the front's counts).
  Connection(int fd, SSL_CTX* tls, std::function<void()> on_close);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  enum class Io { kDone, kWantRead, kWantWrite, kEof, kError };
  // Reads what is available now into `in` (at most `room` bytes more).
  Io read_some(std::size_t room);
  // Writes from `data`; `written` is how much went out.
  Io write_some(const char* data, std::size_t n, std::size_t* written);
  // Waits until the socket is ready for `io` (kWantRead / kWantWrite) or `deadline`: false on timeout.
  bool wait(Io io, Clock::time_point deadline) const;
  // Plain TCP only: sends `bytes` if the socket takes them at once (a short refusal).
  void send_now(const std::string& bytes) const;
  void set_on_close(std::function<void()> f) { on_close_ = std::move(f); }
  // Whether a complete request head ("\r\n\r\n") is in `in`.
  bool has_head() const;

  int fd() const { return fd_; }
  const std::string& peer() const { return peer_; }
  int peer_port() const { return peer_port_; }
  const std::string& local() const { return local_; }
  int local_port() const { return local_port_; }

  std::string in;      // received, not yet consumed
  int requests = 0;    // served on this connection
  bool close_after = false;  // the last answer said "Connection: close"

 private:
  int fd_;
  bool tls_ = false;
  SSL* ssl_ = nullptr;  // null with tls_: SSL_new failed, every read and write fails
  std::function<void()> on_close_;
  std::string peer_, local_;
  int peer_port_ = 0, local_port_ = 0;
};

}  // namespace vsk::township
