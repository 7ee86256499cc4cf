// A per-client request budget for the public status page: at most `limit` requests per
// `window_s` seconds from one address (a fixed window), so nobody can walk receipt numbers
// and tokens quickly. In memory: a restart forgets it, which costs an attacker nothing they
// would not get from waiting a window. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace vsk::township::web {

class RateLimiter {
 public:
  RateLimiter(int limit, std::int64_t window_s) : limit_(limit), window_s_(window_s) {}
  // true: go ahead; false: over the budget until the window ends.
  bool allow(const std::string& client, std::int64_t now);

 private:
  struct Window {
    std::int64_t start = 0;
    int count = 0;
  };
  static constexpr std::size_t kMaxClients = 100000;  // then windows that ended are dropped
  int limit_;
  std::int64_t window_s_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace vsk::township::web
