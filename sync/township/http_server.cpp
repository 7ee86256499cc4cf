#include "sync/township/http_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include "sync/township/worker_pool.h"

namespace vsk::township {
namespace {

using nlohmann::json;

constexpr int kListenBacklog = 1024;

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

}  // namespace

HttpServer::HttpServer(TownshipService& service, Log log, const std::string& tls_cert, const std::string& tls_key,
                       WorkerLimits limits)
    : service_(service), log_(std::move(log)) {
  if (!tls_cert.empty())
    server_ = std::make_unique<httplib::SSLServer>(tls_cert.c_str(), tls_key.c_str());
  else
    server_ = std::make_unique<httplib::Server>();
  server_->set_payload_max_length(sync::kMaxPayloadBytes + sync::kMaxHeaderBytes + 1024);
  server_->set_read_timeout(30, 0);
  server_->set_write_timeout(30, 0);
  server_->set_keep_alive_timeout(10);
  server_->new_task_queue = [limits] { return new WorkerPool(limits); };
  // A connection the pool turned away is answered before any route runs: no database.
  server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!WorkerPool::turned_away() || req.path == "/v1/health") return httplib::Server::HandlerResponse::Unhandled;
    Reply r = busy_reply(WorkerPool::retry_after_s());
    r.close_connection = true;
    send(res, r);
    log_(req.method + " " + req.path + " (" + req.remote_addr + "): 503 turned away, retry after " +
         std::to_string(r.retry_after_s) + " s");
    return httplib::Server::HandlerResponse::Handled;
  });
  routes();
}

HttpServer::~HttpServer() = default;

bool HttpServer::valid() const { return server_->is_valid(); }

int HttpServer::bind(const std::string& host, int port) {
  // cpp-httplib as Debian builds it listens with a backlog of 5: when a burst of kiosks
  // connects at once the kernel drops the SYNs beyond it, and each dropped kiosk loses 1, 3,
  // 7 s to TCP retransmission before it is even accepted. Listening again on the same socket
  // raises the backlog (capped by net.core.somaxconn).
  int fd = -1;
  server_->set_socket_options([&fd](socket_t s) {
    httplib::default_socket_options(s);
    fd = s;
  });
  const int bound = port == 0 ? server_->bind_to_any_port(host.c_str()) : server_->bind_to_port(host.c_str(), port) ? port : -1;
  server_->set_socket_options(httplib::default_socket_options);  // the lambda's `fd` dies here
  if (bound > 0 && fd >= 0) ::listen(fd, kListenBacklog);
  return bound;
}

void HttpServer::run() { server_->listen_after_bind(); }
void HttpServer::stop() { server_->stop(); }

void HttpServer::routes() {
  server_->Get("/v1/health", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(json{{"ok", true}, {"protocol", {{"min", sync::kOldestProtocolVersion}, {"max", sync::kProtocolVersion}}}}.dump(),
                    "application/json");
  });
  server_->Post("/v1/enroll", [this](const httplib::Request& req, httplib::Response& res) {
    const Reply r = service_.enroll(req.body);
    log_("enroll from " + req.remote_addr + ": " + outcome(r));
    send(res, r);
  });
  server_->Post("/v1/sync", [this](const httplib::Request& req, httplib::Response& res) {
    const Reply r = service_.handle_envelope(req.body);
    std::string who = "?";
    sync::EnvelopeError e{};
    if (const auto env = sync::parse_envelope(req.body, &e)) who = env->header.kind + " from " + env->header.from;
    log_("sync " + who + " (" + req.remote_addr + ", " + std::to_string(req.body.size()) + " bytes): " +
         outcome(r));
    send(res, r);
  });

  // Admin API.
  auto admin = [this](auto&& handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      const std::string auth = req.get_header_value("Authorization");
      const std::string prefix = "Bearer ";
      try {
        // The token's scope: every answer below is limited to its township (or county).
        const auto scope = auth.rfind(prefix, 0) == 0 ? service_.admin_scope(auth.substr(prefix.size())) : std::nullopt;
        if (!scope) {
          send(res, error_reply(401, "unauthorized", "需要乡镇管理令牌", "admin token required"));
          return;
        }
        const json body = req.body.empty() ? json::object() : json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) {
          send(res, error_reply(400, "bad_request", "请求不是有效的 JSON 对象", "body is not a JSON object"));
          return;
        }
        TownshipAdmin scoped = service_.admin(*scope);
        handler(scoped, req, body, res);
      } catch (const json::exception& ex) {
        send(res, error_reply(400, "bad_request", "请求缺少必要字段", ex.what()));
      } catch (const AdminError& ex) {
        send(res, error_reply(ex.code() == "ambiguous_village" ? 409 : 404, ex.code(), "无法办理：" + std::string(ex.what()), ex.what()));
      } catch (const StoreError& ex) {
        const Reply r = storage_failure(ex);
        send(res, r);
        log_("admin " + req.method + " " + req.path + ": " + outcome(r));
        return;
      }
      log_("admin " + req.method + " " + req.path + ": " + std::to_string(res.status));
    };
  };
  auto ok_json = [](httplib::Response& res, const json& j) { res.set_content(j.dump(), "application/json"); };

  server_->Get("/v1/admin/kiosks", admin([ok_json](TownshipAdmin& admin, const httplib::Request&, const json&, httplib::Response& res) {
    ok_json(res, admin.stats());
  }));
  server_->Get("/v1/admin/escalations", admin([ok_json](TownshipAdmin& admin, const httplib::Request&, const json&, httplib::Response& res) {
    json list = json::array();
    for (const auto& r : admin.escalations())
      list.push_back({{"township", r.township}, {"village", r.village}, {"number", r.number}, {"service_id", r.service_id},
                      {"department", r.department}, {"detail", json::parse(r.detail, nullptr, false)},
                      {"updated_at", r.updated_at}});
    ok_json(res, list);
  }));
  server_->Post("/v1/admin/reply", admin([ok_json](TownshipAdmin& admin, const httplib::Request&, const json& b, httplib::Response& res) {
    const std::string err = admin.reply_to_request(b.at("village").get<std::string>(), b.at("number").get<std::string>(),
                                                      b.at("text").get<std::string>());
    if (!err.empty()) return send(res, error_reply(409, "cannot_reply", "无法答复：" + err, err));
    ok_json(res, json{{"ok", true}});
  }));
  server_->Post("/v1/admin/notices", admin([ok_json](TownshipAdmin& admin, const httplib::Request&, const json& b, httplib::Response& res) {
    std::optional<std::string> village;
    if (b.contains("village") && b["village"].is_string()) village = b["village"].get<std::string>();
    ok_json(res, json{{"change", admin.publish_notice(village, b.at("notice"))}});
  }));
  server_->Post(R"(/v1/admin/documents/(catalog|points_rules))",
                admin([ok_json](TownshipAdmin& admin, const httplib::Request& req, const json& b, httplib::Response& res) {
                  ok_json(res, json{{"change", admin.publish_document(req.matches[1], b)}});
                }));
  server_->Post("/v1/admin/points", admin([ok_json](TownshipAdmin& admin, const httplib::Request&, const json& b, httplib::Response& res) {
    const json entry{{"household_id", b.at("household_id").get<std::int64_t>()}, {"delta", b.at("delta").get<std::int64_t>()},
                     {"rule_id", b.value("rule_id", "")}, {"reason", b.value("reason", "")}};
    ok_json(res, json{{"change", admin.publish_points_entry(b.at("village").get<std::string>(), entry)}});
  }));
  server_->Post("/v1/admin/resync", admin([ok_json](TownshipAdmin& admin, const httplib::Request&, const json& b, httplib::Response& res) {
    ok_json(res, json{{"ordered", admin.order_resync(b.at("device_id").get<std::string>(), b.at("scope").get<std::string>())}});
  }));
  server_->Post("/v1/admin/revoke", admin([ok_json](TownshipAdmin& admin, const httplib::Request&, const json& b, httplib::Response& res) {
    ok_json(res, json{{"revoked", admin.revoke(b.at("device_id").get<std::string>())}});
  }));
}

}  // namespace vsk::township
