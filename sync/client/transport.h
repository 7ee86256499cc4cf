// How the kiosk reaches the township: POST bytes, get bytes. libcurl in production; tests
// substitute faulty transports (dropped replies, duplicates, 500s) around the real one.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace vsk::sync {

struct HttpResponse {
  int status = 0;
  std::string body;
  long retry_after_s = 0;  // the Retry-After header of a 503 (seconds; 0: none)
};

inline constexpr const char* kNetworkReasons[] = {"refused", "no_host", "timeout", "dropped", "tls", "too_large"};

class Transport {
 public:
  virtual ~Transport() = default;
  // nullopt: no answer at all (no link, refused, timed out, dropped); `error` says which:
  // one of kNetworkReasons, then ": " and English details (curl's words).
  virtual std::optional<HttpResponse> post(const std::string& path, const std::string& body,
                                           const std::string& content_type, std::string* error) = 0;
};

struct CurlOptions {
  long connect_timeout_s = 15;
  // A transfer slower than this many bytes/s for low_speed_time_s is aborted: a link that
  // stalls must not hold the sync thread forever.
  long low_speed_bytes = 32;
  long low_speed_time_s = 30;
  long total_timeout_s = 600;
  std::string ca_file;  // for https with a private CA; empty: the system store
};

// Keeps one connection open between calls (keep-alive).
std::unique_ptr<Transport> make_curl_transport(const std::string& base_url, CurlOptions options = {});

}  // namespace vsk::sync
