#include "sync/township/http_server.h"

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sync/township/accept_front.h"
#include "sync/township/connection_stream.h"
#include "sync/township/worker_pool.h"

#include "sync/protocol/bounded_json.h"

namespace vsk::township {
namespace {

using nlohmann::json;

constexpr int kListenBacklog = 1024;

// Body limits per route. httplib's own limit covers only a declared Content-Length; these
// are counted as bytes arrive (chunked) and after inflating (gzip, br), so no body ever takes
// more memory than its route allows, and a refused one is never read to its end.
constexpr std::size_t kSyncBodyLimit = sync::kMaxPayloadBytes + sync::kMaxHeaderBytes + 1024;
constexpr std::size_t kAdminBodyLimit = 4u * 1024 * 1024;  // the largest admin document, a catalog, is ~100 KB
constexpr std::size_t kEnrollBodyLimit = 16u * 1024;
constexpr std::size_t kOtherBodyLimit = 64u * 1024;        // routes without a limit of their own: declared, plain

// A listening socket on host:port (0: any free port), or -1. SO_REUSEADDR only (httplib's
// default adds SO_REUSEPORT, which lets a second server bind the same port and take half the
// connections; a port in use must refuse the second start). The backlog is ours too:
// httplib as Debian builds it listens with 5, and when a burst of kiosks connects at once the
// kernel drops the SYNs beyond it (each dropped kiosk loses 1, 3, 7 s to retransmission).
int listening_socket(const std::string& host, int port, int* bound_port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.empty() ? nullptr : host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
  int fd = -1;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    const int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, kListenBacklog) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  if (fd < 0) return -1;
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  *bound_port = ntohs(ss.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6&>(ss).sin6_port
                                               : reinterpret_cast<sockaddr_in&>(ss).sin_port);
  return fd;
}

// What a connection over a cap is sent before it is closed (plain HTTP; accept_front.h).
std::string busy_answer() {
  const Reply r = busy_reply(5);
  return "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Type: " + r.content_type +
         "\r\nContent-Length: " + std::to_string(r.body.size()) + "\r\nConnection: close\r\n\r\n" + r.body;
}

void send(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  if (r.retry_after_s > 0) res.set_header("Retry-After", std::to_string(r.retry_after_s));
  if (r.close_connection) res.set_header("Connection", "close");
  res.set_content(r.body, r.content_type.c_str());
}

// A failed answer's line for the log: the reply and, for storage failures, what happened.
std::string outcome(const Reply& r) {
  if (r.ok()) return std::to_string(r.status);
  return std::to_string(r.status) + " " + r.body + (r.log_detail.empty() ? "" : " (" + r.log_detail + ")");
}

void refuse_body(httplib::Response& res, const Reply& r) {
  res.set_header("Connection", "close");  // the rest of the body is never read
  send(res, r);
}

Reply too_large(std::size_t limit) {
  return error_reply(413, "too_large", "数据过大，已拒收", "request body over " + std::to_string(limit) + " bytes");
}

std::size_t declared_length(const httplib::Request& req) {
  const std::string v = req.get_header_value("Content-Length");
  return v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 12 ? 0 : std::stoull(v);
}

}  // namespace

httplib::Server::HandlerWithContentReader HttpServer::bounded(std::size_t limit, BodyHandler handler) {
  return [limit, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                               const httplib::ContentReader& reader) {
    std::string body;
    // Reserved pages are not resident until written, and the body never moves while it grows:
    // memory follows the bytes that arrived, never twice the limit.
    const bool plain = !req.has_header("Transfer-Encoding") && !req.has_header("Content-Encoding");
    body.reserve(plain ? std::min(limit, declared_length(req)) : limit);
    bool over = false;
    const bool read = reader([&](const char* data, std::size_t n) {
      if (body.size() + n > limit) return !(over = true);
      body.append(data, n);
      return true;
    });
    if (!read)
      return refuse_body(res, over ? too_large(limit)
                              : res.status == 415
                                  ? error_reply(415, "unsupported_encoding", "不支持的压缩格式，已拒收", "unsupported Content-Encoding")
                                  : error_reply(400, "bad_body", "请求数据不完整或无法解压，已拒收", "incomplete or undecodable body"));
    handler(req, body, res);
  };
}

void HttpServer::allow_upload(const std::string& path, std::size_t limit) { uploads_.emplace_back(path, limit); }

bool HttpServer::has_bounded_route(const httplib::Request& req) const {
  if (req.method != "POST") return false;
  for (const auto& re : bounded_routes_)
    if (std::regex_match(req.path, re)) return true;
  return false;
}

void HttpServer::post(const std::string& pattern, std::size_t limit, BodyHandler handler) {
  bounded_routes_.emplace_back(pattern);
  server_->Post(pattern, bounded(limit, std::move(handler)));
}

// httplib::Server (or SSLServer) whose request handling our workers call with our streams.
template <class Base>
struct HttpServer::ServedBy final : Base, HttpServer::Requests {
  using Base::Base;
  bool process(httplib::Stream& s, bool close_connection, bool& connection_closed) override {
    return this->process_request(s, close_connection, connection_closed, nullptr);
  }
};

HttpServer::HttpServer(TownshipService& service, Log log, const std::string& tls_cert, const std::string& tls_key,
                       WorkerLimits limits, ConnectionLimits connections)
    : service_(service), log_(std::move(log)), worker_limits_(limits), connection_limits_(connections) {
  if (!tls_cert.empty()) {
    auto s = std::make_unique<ServedBy<httplib::SSLServer>>(tls_cert.c_str(), tls_key.c_str());
    requests_ = s.get();
    server_ = std::move(s);
  } else {
    auto s = std::make_unique<ServedBy<httplib::Server>>();
    requests_ = s.get();
    server_ = std::move(s);
  }
  server_->set_payload_max_length(sync::kMaxPayloadBytes + sync::kMaxHeaderBytes + 1024);
  // For the Keep-Alive header httplib writes; the front enforces both (accept_front.h).
  server_->set_keep_alive_timeout(std::max<time_t>(1, connections.keep_alive.count() / 1000));
  server_->set_keep_alive_max_count(static_cast<std::size_t>(std::max(1, connections.requests_per_connection)));
  // A connection the pool turned away is answered before any route runs: no database. A
  // route without a limit of its own would read any body whole (httplib buffers it): only a
  // small declared, uncompressed one gets there.
  server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (WorkerPool::turned_away() && req.path != "/v1/health") {
      Reply r = busy_reply(WorkerPool::retry_after_s());
      r.close_connection = true;
      send(res, r);
      log_(req.method + " " + req.path + " (" + req.remote_addr + "): 503 turned away, retry after " +
           std::to_string(r.retry_after_s) + " s");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (has_bounded_route(req)) return httplib::Server::HandlerResponse::Unhandled;
    std::size_t limit = kOtherBodyLimit;
    for (const auto& [path, max] : uploads_)
      if (req.method == "POST" && req.path == path) limit = max;
    const bool body = req.has_header("Transfer-Encoding") || req.has_header("Content-Encoding") ||
                      declared_length(req) > limit || (req.method == "POST" && !req.has_header("Content-Length"));
    if (!body) return httplib::Server::HandlerResponse::Unhandled;
    refuse_body(res, too_large(limit));
    return httplib::Server::HandlerResponse::Handled;
  });
  // An exception a handler did not expect (std::bad_alloc, a JSON type error): a plain 500,
  // its text only in the log (httplib would put it into an EXCEPTION_WHAT header).
  server_->set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log_(req.method + " " + req.path + " (" + req.remote_addr + "): 500 internal error (" + what + ")");
    res.headers.clear();
    send(res, error_reply(500, "internal_error", "乡镇服务器内部错误，请稍后重试", "internal error"));
  });
  routes();
}

HttpServer::~HttpServer() = default;

bool HttpServer::valid() const { return server_->is_valid(); }

int HttpServer::bind(const std::string& host, int port) {
  int bound = -1;
  const int fd = listening_socket(host, port, &bound);
  if (fd < 0) return -1;
  SSL_CTX* tls = nullptr;
  if (auto* ssl = dynamic_cast<httplib::SSLServer*>(server_.get())) tls = ssl->ssl_context();
  front_ = std::make_unique<AcceptFront>(fd, tls, connection_limits_, busy_answer(), log_);
  return bound;
}

void HttpServer::run() {
  if (!front_) return;
  WorkerPool pool(worker_limits_);
  front_->run([this, &pool](std::unique_ptr<Connection> c) {
    auto box = std::make_shared<std::unique_ptr<Connection>>(std::move(c));  // std::function copies
    pool.enqueue([this, box] { serve(std::move(*box)); });
  });
  pool.shutdown();  // requests in flight end within their deadline
}

void HttpServer::stop() {
  if (front_) front_->stop();
}

void HttpServer::serve(std::unique_ptr<Connection> c) {
  ConnectionStream stream(*c, connection_limits_);
  const bool last = ++c->requests >= connection_limits_.requests_per_connection;
  bool closed = false;
  const bool ok = requests_->process(stream, last, closed);
  if (stream.timed_out())
    log_("connection from " + c->peer() + ": request not complete within its deadline, closed");
  if (ok && !closed && !last && !c->close_after && !stream.timed_out() && !stream.failed())
    front_->give_back(std::move(c));
}

void HttpServer::routes() {
  server_->Get("/v1/health", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(json{{"ok", true}, {"protocol", {{"min", sync::kOldestProtocolVersion}, {"max", sync::kProtocolVersion}}}}.dump(),
                    "application/json");
  });
  post("/v1/enroll", kEnrollBodyLimit, [this](const httplib::Request& req, const std::string& body, httplib::Response& res) {
    const Reply r = service_.enroll(body);
    log_("enroll from " + req.remote_addr + ": " + outcome(r));
    send(res, r);
  });
  post("/v1/sync", kSyncBodyLimit, [this](const httplib::Request& req, const std::string& body, httplib::Response& res) {
    const auto admission = WorkerPool::admit();
    Reply r = admission.admitted() ? service_.handle_envelope(body) : busy_reply(admission.retry_after_s());
    r.close_connection = r.close_connection || !admission.admitted();
    std::string who = "?";
    sync::EnvelopeError e{};
    if (const auto env = sync::parse_envelope(body, &e)) who = env->header.kind + " from " + env->header.from;
    log_("sync " + who + " (" + req.remote_addr + ", " + std::to_string(body.size()) + " bytes): " +
         outcome(r));
    send(res, r);
  });

  // Admin API.
  auto admin_with_body = [this](auto&& handler) {
    return [this, handler](const httplib::Request& req, const std::string& raw, httplib::Response& res) {
      const std::string auth = req.get_header_value("Authorization");
      const std::string prefix = "Bearer ";
      std::string who = "no token";  // for the log line: whom the audit entries name
      try {
        // The token's scope: every answer below is limited to its township (or county).
        // And who it acts for, whom each change's audit entry names.
        const auto caller =
            auth.rfind(prefix, 0) == 0 ? service_.admin_caller(auth.substr(prefix.size())) : std::nullopt;
        if (!caller) {
          send(res, error_reply(401, "unauthorized", "需要乡镇管理令牌", "admin token required"));
          return;
        }
        who = caller->actor.name;
        std::string why = "not an object";
        const auto parsed = raw.empty() ? std::optional<json>(json::object()) : sync::parse_bounded_json(raw, &why);
        if (!parsed || !parsed->is_object()) {
          send(res, error_reply(400, "bad_request", "请求不是有效的 JSON 对象，或嵌套过深、过大",
                                "body is not a usable JSON object: " + why));
          return;
        }
        const json& body = *parsed;
        TownshipAdmin scoped = service_.admin(caller->scope, caller->actor);
        handler(scoped, req, body, res);
      } catch (const json::exception& ex) {
        send(res, error_reply(400, "bad_request", "请求缺少必要字段", ex.what()));
      } catch (const AdminError& ex) {
        const int status = ex.code() == "ambiguous_village" ? 409 : ex.code().rfind("no_such_", 0) == 0 ? 404 : 400;
        send(res, error_reply(status, ex.code(), "无法办理：" + std::string(ex.what()), ex.what()));
      } catch (const StoreError& ex) {
        const Reply r = storage_failure(ex);
        send(res, r);
        log_("admin " + req.method + " " + req.path + " by " + who + ": " + outcome(r));
        return;
      }
      log_("admin " + req.method + " " + req.path + " by " + who + ": " + std::to_string(res.status));
    };
  };
  auto admin = [admin_with_body](auto&& handler) {  // GET: no body
    return [h = admin_with_body(handler)](const httplib::Request& req, httplib::Response& res) { h(req, "", res); };
  };
  auto admin_post = [this, admin_with_body](const std::string& pattern, auto&& handler) {
    post(pattern, kAdminBodyLimit, admin_with_body(handler));
  };
  auto ok_json = [](httplib::Response& res, const json& j) { res.set_content(j.dump(), "application/json"); };

  server_->Get("/v1/admin/kiosks", admin([ok_json](TownshipAdmin& admin, const httplib::Request&, const json&, httplib::Response& res) {
    ok_json(res, admin.stats());
  }));
  // One kiosk's heartbeat history, newest first (the latest is in /v1/admin/kiosks).
  server_->Get(R"(/v1/admin/kiosks/([0-9A-Za-z_-]+)/heartbeats)",
               admin([ok_json](TownshipAdmin& admin, const httplib::Request& req, const json&, httplib::Response& res) {
                 ok_json(res, admin.heartbeat_history(req.matches[1]));
               }));
  server_->Get("/v1/admin/escalations", admin([ok_json](TownshipAdmin& admin, const httplib::Request&, const json&, httplib::Response& res) {
    json list = json::array();
    for (const auto& r : admin.escalations())
      list.push_back({{"township", r.township}, {"village", r.village}, {"number", r.number}, {"service_id", r.service_id},
                      {"department", r.department}, {"detail", json::parse(r.detail, nullptr, false)},
                      {"updated_at", r.updated_at}});
    ok_json(res, list);
  }));
  admin_post("/v1/admin/reply", ([ok_json](TownshipAdmin& admin, const httplib::Request&, const json& b, httplib::Response& res) {
    const std::string err = admin.reply_to_request(b.at("village").get<std::string>(), b.at("number").get<std::string>(),
                                                      b.at("text").get<std::string>());
    if (!err.empty()) return send(res, error_reply(409, "cannot_reply", "无法答复：" + err, err));
    ok_json(res, json{{"ok", true}});
  }));
  admin_post("/v1/admin/notices", ([ok_json](TownshipAdmin& admin, const httplib::Request&, const json& b, httplib::Response& res) {
    std::optional<std::string> village;
    if (b.contains("village")) {
      // Not a name (a number, null...) must not quietly mean "every village".
      if (!b["village"].is_string()) throw AdminError("bad_notice", "village: expected a village name");
      village = b["village"].get<std::string>();
    }
    if (!b.contains("notice")) throw AdminError("bad_notice", "notice: missing");
    ok_json(res, json{{"change", admin.publish_notice(village, b["notice"])}});
  }));
  admin_post(R"(/v1/admin/documents/(catalog|points_rules))",
                ([ok_json](TownshipAdmin& admin, const httplib::Request& req, const json& b, httplib::Response& res) {
                  ok_json(res, json{{"change", admin.publish_document(req.matches[1], b)}});
                }));
  admin_post("/v1/admin/points", ([ok_json](TownshipAdmin& admin, const httplib::Request&, const json& b, httplib::Response& res) {
    json entry = b;  // checked (whole numbers, ranges) by publish_points_entry, as for the CLI
    entry.erase("village");
    ok_json(res, json{{"change", admin.publish_points_entry(b.at("village").get<std::string>(), entry)}});
  }));
  admin_post("/v1/admin/resync", ([ok_json](TownshipAdmin& admin, const httplib::Request&, const json& b, httplib::Response& res) {
    ok_json(res, json{{"ordered", admin.order_resync(b.at("device_id").get<std::string>(), b.at("scope").get<std::string>())}});
  }));
  admin_post("/v1/admin/revoke", ([ok_json](TownshipAdmin& admin, const httplib::Request&, const json& b, httplib::Response& res) {
    ok_json(res, json{{"revoked", admin.revoke(b.at("device_id").get<std::string>())}});
  }));
}

}  // namespace vsk::township
