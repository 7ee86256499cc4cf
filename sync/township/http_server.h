// The township server's HTTP face (cpp-httplib). Routes:
//   GET  /v1/health                    {"ok":true,"protocol":{"min":1,"max":1}}
//   POST /v1/enroll                    JSON, one-time code (see TownshipService::enroll)
//   POST /v1/sync                      a push or pull envelope; answers an envelope
//   Admin API, "Authorization: Bearer <token>" (township-server admin-token):
//   GET  /v1/admin/kiosks              per-kiosk health (stats)
//   GET  /v1/admin/escalations         escalated requests of every village
//   POST /v1/admin/reply               {"village","number","text"}
//   POST /v1/admin/notices             {"village"?: name, "notice": {...}}
//   POST /v1/admin/points              {"village", "household_id", "delta", "rule_id"?, "reason"?}
//   POST /v1/admin/documents/catalog | /v1/admin/documents/points_rules   the whole document
//   POST /v1/admin/revoke              {"device_id"}
//   POST /v1/admin/resync              {"device_id", "scope"}: the kiosk downloads the scope again
// Admin answers are limited to the token's scope (a township or a county). The service is
// thread-safe (each call has its own store transactions), so requests run in parallel on a
// bounded pool of workers; beyond what it can serve in time the server answers 503 with
// Retry-After (worker_pool.h).
#pragma once

#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "sync/township/township_service.h"
#include "sync/township/worker_limits.h"

namespace httplib {
class Server;
struct Request;
struct Response;
class ContentReader;
}

namespace vsk::township {

class HttpServer {
 public:
  using Log = std::function<void(const std::string&)>;
  // With a certificate and key (PEM files) it serves HTTPS; without, plain HTTP (payloads are
  // sealed and signed either way, TLS adds hiding of metadata).
  HttpServer(TownshipService& service, Log log, const std::string& tls_cert = "", const std::string& tls_key = "",
             WorkerLimits limits = {});
  bool valid() const;
  ~HttpServer();
  // Binds host:port (port 0: any free port) and returns the port, or -1.
  int bind(const std::string& host, int port);
  void run();   // blocks until stop()
  void stop();
  // The underlying server, for more routes before run() (the web dashboard mounts here).
  httplib::Server& http() { return *server_; }

 private:
  using BodyHandler = std::function<void(const httplib::Request&, const std::string& body, httplib::Response&)>;
  void routes();
  // POST routes read their body through a limit (see http_server.cpp); the pre-routing check
  // refuses bodies for every other route.
  void post(const std::string& pattern, std::size_t limit, BodyHandler handler);
  static std::function<void(const httplib::Request&, httplib::Response&, const httplib::ContentReader&)> bounded(
      std::size_t limit, BodyHandler handler);
  bool has_bounded_route(const httplib::Request& req) const;
  std::vector<std::regex> bounded_routes_;
  TownshipService& service_;
  Log log_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace vsk::township
