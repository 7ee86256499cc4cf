// What one client may hold of the township server (issue 17): connections per address and in
// total, and how long a request may take to arrive. township-server --max-connections N
// --max-connections-per-address N --header-deadline-ms MS --body-deadline-ms MS.
#pragma once

#include <chrono>
#include <cstddef>

namespace vsk::township {

struct ConnectionLimits {
  // Open connections (waiting for a request head, or on a worker). A connection waiting for
  // its head costs the server a socket and a small buffer, not a worker (accept_front.h).
  int max_connections = 4000;
  // From one address. Villages behind one carrier NAT share an address, but a kiosk holds one
  // connection and only while it syncs: 128 at once is far more than a township's kiosks.
  int per_address = 128;
  // From the accept (or the first byte of a keep-alive request) until the request head is
  // complete, TLS handshake included. A kiosk on a poor link sends its head in one packet.
  std::chrono::milliseconds header_deadline{20000};
  // From the complete head until the body is read and the answer written; each byte that
  // arrives or leaves adds 1 s per `min_rate` bytes, up to `max_request_time` in all.
  std::chrono::milliseconds body_deadline{60000};
  std::size_t min_rate = 16 * 1024;  // bytes per second
  std::chrono::milliseconds max_request_time{600000};
  // An open connection with no next request is closed after this long.
  std::chrono::milliseconds keep_alive{5000};
  int requests_per_connection = 100;
  std::size_t max_head_bytes = 16 * 1024;  // request line and headers
};

}  // namespace vsk::township
