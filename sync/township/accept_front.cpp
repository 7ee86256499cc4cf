#include "sync/township/accept_front.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <set>

namespace vsk::township {
namespace {

constexpr auto kTick = std::chrono::milliseconds(100);  // deadlines are checked this often
constexpr auto kAcceptPause = std::chrono::milliseconds(100);  // out of file descriptors

}  // namespace

AcceptFront::AcceptFront(int listen_fd, SSL_CTX* tls, ConnectionLimits limits, std::string busy_answer, Log log)
    : listen_fd_(listen_fd),
      epoll_fd_(epoll_create1(EPOLL_CLOEXEC)),
      wake_fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)),
      tls_(tls),
      limits_(limits),
      busy_answer_(std::move(busy_answer)),
      log_(std::move(log)) {
  fcntl(listen_fd_, F_SETFL, fcntl(listen_fd_, F_GETFL) | O_NONBLOCK);
  epoll_event e{};
  e.events = EPOLLIN;
  e.data.fd = listen_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &e);
  e.data.fd = wake_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &e);
}

AcceptFront::~AcceptFront() {
  waiting_.clear();
  given_back_.clear();
  ::close(listen_fd_);
  ::close(epoll_fd_);
  ::close(wake_fd_);
}

void AcceptFront::stop() {
  stopping_ = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(wake_fd_, &one, sizeof one);
}

void AcceptFront::give_back(std::unique_ptr<Connection> c) {
  if (stopping_) return;
  {
    std::lock_guard lock(mutex_);
    given_back_.push_back(std::move(c));
  }
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(wake_fd_, &one, sizeof one);
}

void AcceptFront::release(const std::string& peer) {
  std::lock_guard lock(mutex_);
  --counts_.open;
  if (const auto it = per_address_.find(peer); it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
}

void AcceptFront::watch(Waiting& w, bool add) {
  epoll_event e{};
  e.events = w.want_write ? EPOLLOUT : EPOLLIN;
  e.data.fd = w.c->fd();
  epoll_ctl(epoll_fd_, add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, w.c->fd(), &e);
}

void AcceptFront::accept_all(const HandOff& hand_off) {
  for (;;) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        // The listening socket stays readable: stop watching it for a moment (the kernel's
        // backlog holds new connections meanwhile) instead of spinning.
        accept_paused_until_ = Connection::Clock::now() + kAcceptPause;
        epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
        log_("accept: out of file descriptors; accepting again in 100 ms");
      }
      return;
    }
    const int yes = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);  // see http_server.cpp
    auto c = std::make_unique<Connection>(fd, tls_, nullptr);
    const std::string peer = c->peer();
    bool admitted = false;
    {
      std::lock_guard lock(mutex_);
      const bool over_total = counts_.open >= limits_.max_connections;
      const bool over_address = !over_total && per_address_[peer] >= limits_.per_address;
      admitted = !over_total && !over_address;
      if (!admitted) {
        ++(over_total ? counts_.refused_total : counts_.refused_address);
        if (per_address_[peer] == 0) per_address_.erase(peer);
      } else {
        ++counts_.open;
        ++per_address_[peer];
      }
    }
    if (!admitted) {
      if (!tls_) c->send_now(busy_answer_);  // a TLS client could not read it
      continue;  // closed here
    }
    c->set_on_close([this, peer] { release(peer); });
    wait_for_head(std::move(c), true, hand_off);
  }
}

void AcceptFront::wait_for_head(std::unique_ptr<Connection> c, bool fresh, const HandOff& hand_off) {
  if (c->has_head()) return hand_off(std::move(c));
  const auto now = Connection::Clock::now();
  const bool idle = !fresh && c->in.empty();
  Waiting w{std::move(c), now + (idle ? limits_.keep_alive : limits_.header_deadline), idle};
  const int fd = w.c->fd();
  watch(w, true);
  waiting_.emplace(fd, std::move(w));
  if (!fresh) on_ready(fd, hand_off);  // TLS may hold decrypted bytes no poll would show
}

void AcceptFront::on_ready(int fd, const HandOff& hand_off) {
  const auto it = waiting_.find(fd);
  if (it == waiting_.end()) return;
  Waiting& w = it->second;
  const std::size_t room = limits_.max_head_bytes + 1 > w.c->in.size() ? limits_.max_head_bytes + 1 - w.c->in.size() : 0;
  const std::size_t before = w.c->in.size();
  const auto io = w.c->read_some(room);
  if (io == Connection::Io::kEof || io == Connection::Io::kError) {
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    waiting_.erase(it);
    return;
  }
  if (w.idle && w.c->in.size() > before) {  // the next request's first byte: its head deadline starts
    w.idle = false;
    w.deadline = Connection::Clock::now() + limits_.header_deadline;
  }
  if (w.c->has_head()) {
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    auto c = std::move(w.c);
    waiting_.erase(it);
    return hand_off(std::move(c));
  }
  if (w.c->in.size() > limits_.max_head_bytes) {
    log_("connection from " + w.c->peer() + ": request head over " + std::to_string(limits_.max_head_bytes) +
         " bytes, closed");
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    waiting_.erase(it);
    return;
  }
  const bool want_write = io == Connection::Io::kWantWrite;  // TLS renegotiation or handshake
  if (want_write != w.want_write) {
    w.want_write = want_write;
    watch(w, false);
  }
}

void AcceptFront::expire() {
  const auto now = Connection::Clock::now();
  int cut = 0;
  std::set<std::string> from;  // one log line for all of them: a flood of slow clients must not flood the log
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    if (now < it->second.deadline) {
      ++it;
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      ++(it->second.idle ? counts_.cut_idle : counts_.cut_header);
    }
    if (!it->second.idle) {
      ++cut;
      if (from.size() < 5) from.insert(it->second.c->peer());
    }
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, it->first, nullptr);
    it = waiting_.erase(it);
  }
  {
    std::lock_guard lock(mutex_);
    const auto total = counts_.refused_total - logged_.refused_total, address = counts_.refused_address - logged_.refused_address;
    if (total > 0 || address > 0)
      log_("refused " + std::to_string(address) + " connection(s) over " + std::to_string(limits_.per_address) +
           " from one address and " + std::to_string(total) + " over " + std::to_string(limits_.max_connections) +
           " in all (answered 503)");
    logged_ = counts_;
  }
  if (cut == 0) return;
  std::string who;
  for (const auto& a : from) who += (who.empty() ? "" : ", ") + a;
  log_(std::to_string(cut) + " connection(s) closed without a complete request head within " +
       std::to_string(limits_.header_deadline.count()) + " ms (from " + who + (cut > static_cast<int>(from.size()) ? ", ..." : "") + ")");
}

void AcceptFront::run(const HandOff& hand_off) {
  auto last_expiry = Connection::Clock::now();
  epoll_event events[256];
  while (!stopping_) {
    const int n = epoll_wait(epoll_fd_, events, 256, static_cast<int>(kTick.count()));
    for (int i = 0; i < n && !stopping_; ++i) {
      const int fd = events[i].data.fd;
      if (fd == listen_fd_) {
        accept_all(hand_off);
      } else if (fd == wake_fd_) {
        std::uint64_t v;
        [[maybe_unused]] const auto r = ::read(wake_fd_, &v, sizeof v);
        std::vector<std::unique_ptr<Connection>> back;
        {
          std::lock_guard lock(mutex_);
          back.swap(given_back_);
        }
        for (auto& c : back) wait_for_head(std::move(c), false, hand_off);
      } else {
        on_ready(fd, hand_off);
      }
    }
    if (Connection::Clock::now() - last_expiry >= kTick) {
      expire();
      if (accept_paused_until_ != Connection::Clock::time_point{} && Connection::Clock::now() >= accept_paused_until_) {
        accept_paused_until_ = {};
        epoll_event e{};
        e.events = EPOLLIN;
        e.data.fd = listen_fd_;
        epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &e);
      }
      last_expiry = Connection::Clock::now();
    }
  }
  waiting_.clear();
  std::vector<std::unique_ptr<Connection>> back;
  {
    std::lock_guard lock(mutex_);
    back.swap(given_back_);
  }
}

}  // namespace vsk::township
