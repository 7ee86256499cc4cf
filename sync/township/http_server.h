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
// Admin answers are limited to the token's scope (a township or a county). Each change is one
// server audit entry naming the token's account, or "api:shared-token" for an operator's token
// (TownshipAdmin writes it with the change; staff_audit.h). The service is
// thread-safe (each call has its own store transactions), so requests run in parallel on a
// bounded pool of workers; beyond what it can serve in time the server answers 503 with
// Retry-After (worker_pool.h). Connections are accepted by our own front, which hands a
// connection to a worker only once its request head is in, within a deadline, and caps
// connections per address and in total (accept_front.h); httplib parses and routes.
#pragma once

#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "sync/township/connection_limits.h"
#include "sync/township/township_service.h"
#include "sync/township/worker_limits.h"

namespace httplib {
class Server;
struct Request;
struct Response;
class ContentReader;
class Stream;
}

namespace vsk::township {

class AcceptFront;
class Connection;

class HttpServer {
 public:
  using Log = std::function<void(const std::string&)>;
  // With a certificate and key (PEM files) it serves HTTPS; without, plain HTTP (payloads are
  // sealed and signed either way, TLS adds hiding of metadata).
  HttpServer(TownshipService& service, Log log, const std::string& tls_cert = "", const std::string& tls_key = "",
             WorkerLimits limits = {}, ConnectionLimits connections = {});
  bool valid() const;
  ~HttpServer();
  // Binds host:port (port 0: any free port) and returns the port, or -1.
  int bind(const std::string& host, int port);
  void run();   // blocks until stop()
  void stop();  // from any thread, or a signal handler
  // The underlying server, for more routes before run() (the web dashboard mounts here).
  httplib::Server& http() { return *server_; }
  // A route of http() that takes a body up to `limit` bytes (declared, plain; httplib buffers
  // it): others get 64 KB. Before run().
  void allow_upload(const std::string& path, std::size_t limit);

 private:
  using BodyHandler = std::function<void(const httplib::Request&, const std::string& body, httplib::Response&)>;
  void routes();
  // POST routes read their body through a limit (see http_server.cpp); the pre-routing check
  // refuses bodies for every other route.
  void post(const std::string& pattern, std::size_t limit, BodyHandler handler);
  static std::function<void(const httplib::Request&, httplib::Response&, const httplib::ContentReader&)> bounded(
      std::size_t limit, BodyHandler handler);
  bool has_bounded_route(const httplib::Request& req) const;
  // One request of a connection on a worker; the connection then waits in the front for its next.
  void serve(std::unique_ptr<Connection> c);
  // httplib's request parsing and routing for a stream of ours (Server::process_request).
  struct Requests {
    virtual ~Requests() = default;
    virtual bool process(httplib::Stream& s, bool close_connection, bool& connection_closed) = 0;
  };
  template <class Base>
  struct ServedBy;
  std::vector<std::regex> bounded_routes_;
  std::vector<std::pair<std::string, std::size_t>> uploads_;  // allow_upload()
  TownshipService& service_;
  Log log_;
  WorkerLimits worker_limits_;
  ConnectionLimits connection_limits_;
  std::unique_ptr<httplib::Server> server_;
  Requests* requests_ = nullptr;  // server_ as a Requests
  std::unique_ptr<AcceptFront> front_;  // after bind()
};

}  // namespace vsk::township
