// httplib's view of one request on a Connection (connection.h), within a deadline: the head
// is already in the connection's buffer (the accept front waited for it); the body must
// arrive and the answer leave before ConnectionLimits' body deadline, each byte buying a
// little more time at the minimum rate. Past it every read and write fails, and httplib drops
// the request. A slow body cannot hold a worker longer than that.
#pragma once

#include <httplib.h>

#include "sync/township/connection.h"
#include "sync/township/connection_limits.h"

namespace vsk::township {

class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(Connection& c, const ConnectionLimits& limits);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return c_.fd(); }

  bool timed_out() const { return timed_out_; }
  bool failed() const { return failed_; }

 private:
  void moved(std::size_t bytes);  // the deadline, after `bytes` came or went
  bool wait(Connection::Io io);

  Connection& c_;
  const ConnectionLimits& limits_;
  Connection::Clock::time_point started_, deadline_;
  bool timed_out_ = false, failed_ = false;
  std::string out_head_;  // the answer's head as written, to see "Connection: close"
  bool out_head_done_ = false;
};

}  // namespace vsk::township
