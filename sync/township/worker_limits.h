// How many HTTP workers the township server runs, and how long a connection may wait for one
// before it is answered 503 with Retry-After (worker_pool.h). township-server --workers N.
#pragma once

#include <chrono>

namespace vsk::township {

struct WorkerLimits {
  int workers = 256;  // a worker per open connection (httplib): 200 slow sockets must leave room
  std::chrono::milliseconds max_wait{2000};
  // Sync requests handled at once (WorkerPool::admit): more only share the two cores and the
  // one SQLite writer, and every round gets slower (1,000 kiosks on 256 workers at once: round
  // p99 23 s; with 32 at once, 3.5 s).
  int at_once = 32;
};

}  // namespace vsk::township
