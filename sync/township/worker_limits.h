// How many HTTP workers the township server runs, and how long a connection may wait for one
// before it is answered 503 with Retry-After (worker_pool.h). township-server --workers N.
#pragma once

#include <chrono>

namespace vsk::township {

struct WorkerLimits {
  int workers = 256;  // a worker per open connection (httplib): 200 slow sockets must leave room
  std::chrono::milliseconds max_wait{2000};
};

}  // namespace vsk::township
