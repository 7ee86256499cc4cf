#include "sync/township/connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace vsk::township {
namespace {

void address_of(const sockaddr_storage& a, std::string* ip, int* port) {
  char buf[INET6_ADDRSTRLEN] = "";
  if (a.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(a);
    inet_ntop(AF_INET, &v4.sin_addr, buf, sizeof buf);
    *port = ntohs(v4.sin_port);
  } else if (a.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(a);
    inet_ntop(AF_INET6, &v6.sin6_addr, buf, sizeof buf);
    *port = ntohs(v6.sin6_port);
  }
  *ip = buf;
}

}  // namespace

Connection::Connection(int fd, SSL_CTX* tls, std::function<void()> on_close) : fd_(fd), on_close_(std::move(on_close)) {
  sockaddr_storage a{};
  socklen_t len = sizeof a;
  if (getpeername(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0) address_of(a, &peer_, &peer_port_);
  len = sizeof a;
  if (getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0) address_of(a, &local_, &local_port_);
  if (tls) {
    tls_ = true;
    ssl_ = SSL_new(tls);
    if (ssl_) {
      SSL_set_fd(ssl_, fd_);
      SSL_set_accept_state(ssl_);
      SSL_set_mode(ssl_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    }
  }
}

Connection::~Connection() {
  if (ssl_) {
    SSL_shutdown(ssl_);  // non-blocking: sends close_notify if it can, never waits
    SSL_free(ssl_);
  }
  ::shutdown(fd_, SHUT_RDWR);
  ::close(fd_);
  if (on_close_) on_close_();
}

Connection::Io Connection::read_some(std::size_t room) {
  char buf[16 * 1024];
  bool got = false;
  while (room > 0) {
    const int want = static_cast<int>(std::min(room, sizeof buf));
    if (tls_) {
      if (!ssl_) return Io::kError;
      ERR_clear_error();
      const int n = SSL_read(ssl_, buf, want);
      if (n > 0) {
        in.append(buf, static_cast<std::size_t>(n));
        room -= static_cast<std::size_t>(n);
        got = true;
        continue;
      }
      const int e = SSL_get_error(ssl_, n);
      if (e == SSL_ERROR_WANT_READ) return got ? Io::kDone : Io::kWantRead;
      if (e == SSL_ERROR_WANT_WRITE) return got ? Io::kDone : Io::kWantWrite;
      if (e == SSL_ERROR_ZERO_RETURN) return got ? Io::kDone : Io::kEof;
      return got ? Io::kDone : Io::kError;
    }
    const ssize_t n = ::recv(fd_, buf, static_cast<std::size_t>(want), 0);
    if (n > 0) {
      in.append(buf, static_cast<std::size_t>(n));
      room -= static_cast<std::size_t>(n);
      got = true;
      continue;
    }
    if (n == 0) return got ? Io::kDone : Io::kEof;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return got ? Io::kDone : Io::kWantRead;
    return got ? Io::kDone : Io::kError;
  }
  return Io::kDone;
}

Connection::Io Connection::write_some(const char* data, std::size_t n, std::size_t* written) {
  *written = 0;
  if (tls_) {
    if (!ssl_) return Io::kError;
    ERR_clear_error();
    const int w = SSL_write(ssl_, data, static_cast<int>(std::min<std::size_t>(n, 1 << 30)));
    if (w > 0) {
      *written = static_cast<std::size_t>(w);
      return Io::kDone;
    }
    const int e = SSL_get_error(ssl_, w);
    if (e == SSL_ERROR_WANT_READ) return Io::kWantRead;
    if (e == SSL_ERROR_WANT_WRITE) return Io::kWantWrite;
    return Io::kError;
  }
  for (;;) {
    const ssize_t w = ::send(fd_, data, n, MSG_NOSIGNAL);
    if (w >= 0) {
      *written = static_cast<std::size_t>(w);
      return Io::kDone;
    }
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK ? Io::kWantWrite : Io::kError;
  }
}

bool Connection::wait(Io io, Clock::time_point deadline) const {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd_, static_cast<short>(io == Io::kWantWrite ? POLLOUT : POLLIN), 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (r > 0) return true;  // ready, or an error the next read or write reports
    if (r < 0 && errno != EINTR) return true;
  }
}

void Connection::send_now(const std::string& bytes) const {
  if (!tls_) [[maybe_unused]] const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

bool Connection::has_head() const { return in.find("\r\n\r\n") != std::string::npos; }

}  // namespace vsk::township
