// The township's HTTP server with the web dashboard mounted, on 127.0.0.1, for tests that go
// through the real routes with a staff session cookie.
#pragma once

#include <httplib.h>

#include <thread>

#include "sync/sync_test_support.h"
#include "fake/fake_pin_hasher.h"
#include "sync/township/http_server.h"
#include "sync/township/web/dashboard.h"

namespace vsk::test_support {

// One server (sync API and dashboard) over a store; a second one may share the database.
struct WebServer {
  platform::FakePinHasher hasher;
  township::web::Accounts accounts;
  township::HttpServer http;
  township::web::Dashboard dashboard;
  int port = 0;
  std::thread thread;

  WebServer(township::TownshipService& service, township::TownshipStore& store, platform::Clock& clock,
            township::web::DashboardConfig config = township::web::default_dashboard_config())
      : accounts(store, clock, hasher), http(service, [](const std::string&) {}),
        dashboard(service, accounts, clock, std::move(config), [](const std::string&) {}) {
    dashboard.mount(http);
    port = http.bind("127.0.0.1", 0);
    thread = std::thread([this] { http.run(); });
  }
  ~WebServer() {
    http.stop();
    thread.join();
  }
  httplib::Result get(const std::string& session, const std::string& path) {
    httplib::Client c("127.0.0.1", port);
    return c.Get(path.c_str(), httplib::Headers{{"Cookie", "vsk_session=" + session}});
  }
  httplib::Result post(const std::string& session, const std::string& path, const httplib::Params& form) {
    httplib::Client c("127.0.0.1", port);
    return c.Post(path.c_str(), httplib::Headers{{"Cookie", "vsk_session=" + session}}, form);
  }
  std::string csrf(const std::string& session) { return accounts.viewer(session)->csrf; }
};

// A staff account of `role` in `scope`, logged in: its session cookie's value.
inline std::string staff_session(WebServer& web, const township::Scope& scope, const std::string& login,
                                 const std::string& name, const std::string& role) {
  const std::string pw = web.accounts.add_user(scope, login, name, role, "", township::command_line_actor());
  const auto r = web.accounts.login(login, pw, "127.0.0.1");
  if (r.outcome != township::web::LoginResult::Outcome::kOk) throw std::runtime_error("login failed: " + login);
  return r.session_token;
}

}  // namespace vsk::test_support
