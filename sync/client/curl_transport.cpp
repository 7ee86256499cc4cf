#include <curl/curl.h>

#include <mutex>

#include "sync/client/transport.h"

namespace vsk::sync {
namespace {

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
  auto* body = static_cast<std::string*>(out);
  if (body->size() + size * n > 64u * 1024 * 1024) return 0;  // a runaway answer aborts the transfer
  body->append(data, size * n);
  return size * n;
}

// What went wrong, as a reason code (transport.h) the UI translates; curl's words follow it.
const char* reason_of(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT: return "refused";
    case CURLE_COULDNT_RESOLVE_HOST: return "no_host";
    case CURLE_OPERATION_TIMEDOUT: return "timeout";
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE: return "dropped";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE: return "tls";
    case CURLE_WRITE_ERROR: return "too_large";
    default: return "other";
  }
}

class CurlTransport final : public Transport {
 public:
  CurlTransport(std::string base_url, CurlOptions o) : base_(std::move(base_url)), o_(std::move(o)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    curl_ = curl_easy_init();
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }
  ~CurlTransport() override { curl_easy_cleanup(curl_); }

  std::optional<HttpResponse> post(const std::string& path, const std::string& body, const std::string& content_type,
                                   std::string* error) override {
    if (!curl_) {
      if (error) *error = "curl unavailable";
      return std::nullopt;
    }
    HttpResponse r;
    const std::string url = base_ + path;
    curl_slist* headers = curl_slist_append(nullptr, ("Content-Type: " + content_type).c_str());
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_POST, 1L);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, o_.connect_timeout_s);
    curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_LIMIT, o_.low_speed_bytes);
    curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_TIME, o_.low_speed_time_s);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, o_.total_timeout_s);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    if (!o_.ca_file.empty()) curl_easy_setopt(curl_, CURLOPT_CAINFO, o_.ca_file.c_str());
    const CURLcode rc = curl_easy_perform(curl_);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
      if (error) *error = std::string(reason_of(rc)) + ": " + curl_easy_strerror(rc);
      return std::nullopt;
    }
    long status = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    r.status = static_cast<int>(status);
    curl_off_t retry_after = 0;
    if (curl_easy_getinfo(curl_, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0)
      r.retry_after_s = static_cast<long>(retry_after);
    return r;
  }

 private:
  std::string base_;
  CurlOptions o_;
  CURL* curl_ = nullptr;
};

}  // namespace

std::unique_ptr<Transport> make_curl_transport(const std::string& base_url, CurlOptions options) {
  return std::make_unique<CurlTransport>(base_url, std::move(options));
}

}  // namespace vsk::sync
