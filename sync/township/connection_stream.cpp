#include "sync/township/connection_stream.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace vsk::township {
namespace {

bool says_close(std::string head) {
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return head.find("\r\nconnection: close\r\n") != std::string::npos;
}

}  // namespace

ConnectionStream::ConnectionStream(Connection& c, const ConnectionLimits& limits)
    : c_(c), limits_(limits), started_(Connection::Clock::now()), deadline_(started_ + limits.body_deadline) {}

void ConnectionStream::moved(std::size_t bytes) {
  const auto more = std::chrono::duration_cast<Connection::Clock::duration>(
      std::chrono::duration<double>(static_cast<double>(bytes) / static_cast<double>(std::max<std::size_t>(1, limits_.min_rate))));
  deadline_ = std::min(deadline_ + more, started_ + limits_.max_request_time);
}

bool ConnectionStream::wait(Connection::Io io) {
  if (c_.wait(io, deadline_)) return true;
  timed_out_ = true;
  return false;
}

bool ConnectionStream::is_readable() const {
  return !c_.in.empty() || c_.wait(Connection::Io::kWantRead, deadline_);
}

bool ConnectionStream::is_writable() const { return c_.wait(Connection::Io::kWantWrite, deadline_); }

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (timed_out_ || failed_) return -1;
  while (c_.in.empty()) {
    const auto io = c_.read_some(std::max<std::size_t>(size, 4096));
    if (io == Connection::Io::kDone) break;
    if (io == Connection::Io::kEof) return 0;
    if (io == Connection::Io::kError) {
      failed_ = true;
      return -1;
    }
    if (!wait(io)) return -1;
  }
  const std::size_t n = std::min(size, c_.in.size());
  std::memcpy(ptr, c_.in.data(), n);
  c_.in.erase(0, n);
  moved(n);
  return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  if (timed_out_ || failed_) return -1;
  if (!out_head_done_) {
    out_head_.append(ptr, std::min<std::size_t>(size, 64 * 1024 - std::min<std::size_t>(out_head_.size(), 64 * 1024)));
    if (const auto end = out_head_.find("\r\n\r\n"); end != std::string::npos || out_head_.size() >= 64 * 1024) {
      // "100 Continue" (curl asks for it before a large POST) comes first: the answer's own head follows.
      const bool interim = out_head_.rfind("HTTP/1.1 1", 0) == 0 && end != std::string::npos;
      if (!interim) {
        out_head_done_ = true;
        c_.close_after = c_.close_after || says_close(out_head_.substr(0, end == std::string::npos ? out_head_.size() : end + 2));
      }
      out_head_.erase(0, end == std::string::npos ? out_head_.size() : end + 4);
    }
  }
  std::size_t done = 0;
  while (done < size) {
    std::size_t w = 0;
    const auto io = c_.write_some(ptr + done, size - done, &w);
    done += w;
    if (io == Connection::Io::kDone) continue;
    if (io == Connection::Io::kError || io == Connection::Io::kEof) {
      failed_ = true;
      return -1;
    }
    if (!wait(io)) return -1;
  }
  moved(size);
  return static_cast<ssize_t>(size);
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = c_.peer();
  port = c_.peer_port();
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = c_.local();
  port = c_.local_port();
}

}  // namespace vsk::township
