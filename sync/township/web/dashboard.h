// The township's web dashboard (issue 12), served by township-server beside the sync API:
// server-rendered pages (templates.h), zh-CN first with English from the translation
// tables, chart.js from Debian's libjs-chart.js served by this server (a township LAN has
// no internet). Routes:
//   GET  /login, POST /login, POST /logout
//   GET  /                      总览 (overview)
//   GET  /escalations[?department=D]    吹哨报到, POST /escalations/reply
//   GET  /kiosks                终端状态; admin: GET /kiosks/confirm?action=revoke|resync&device=D,
//        POST /kiosks/revoke, /kiosks/resync, /kiosks/enroll (shows the one-time code);
//        admin and clerk: POST /kiosks/usb (multipart: a kiosk's stick file in, the reply
//        file back as a download; TownshipService::import_stick_file, as the CLI)
//   GET  /audit                 the server audit log (admin)
//   GET  /users, POST /users/add|reset|disable   staff accounts (admin; new passwords shown once)
//   GET  /password, POST /password               change one's own password (then log in again)
//   GET  /r/NUMBER?t=TOKEN      the receipt QR's public status page (no login, rate-limited)
//   GET  /stats[.csv|.xlsx]     办件统计
//   GET  /ratings               好差评 (the same date parameters; by_village / by_service)
//   GET  /static/dashboard.css, /static/chart.js, /static/stats_chart.js
// Every page needs a session cookie (HttpOnly, SameSite=Strict, expiring; Secure under
// TLS); every POST a CSRF token (the session's, or for the login form a double-submit
// cookie), else 403 and nothing is done. Pages work without JavaScript.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "sync/township/township_service.h"
#include "sync/township/web/accounts.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace vsk::township {
class HttpServer;
}  // namespace vsk::township

namespace vsk::township::web {

struct DashboardConfig {
  std::string assets_dir;  // assets/web: i18n/, templates/, static/
  std::string chart_js = "/usr/share/javascript/chart.js/chart.min.js";
  std::string catalog_path;   // service names (assets/catalog/services.json)
  std::string calendar_path;  // working days for report-by dates (assets/calendar/cn-holidays.json)
  std::string kiosk_i18n_dir;  // the kiosk's phrases a village sends as keys (assets/i18n)
  bool secure_cookies = false;  // served over TLS
  int status_page_per_minute = 30;  // requests of the public status page per address
  std::size_t usb_upload_max_bytes = 32u * 1024 * 1024;  // a stick file on 终端状态 (kept in memory)
};

// The defaults beside the source tree (VSK_ASSETS_DIR), for township-server.
DashboardConfig default_dashboard_config();

class Dashboard {
 public:
  using Log = std::function<void(const std::string&)>;
  // Loads translations and templates; throws std::runtime_error naming what is wrong.
  Dashboard(TownshipService& service, Accounts& accounts, platform::Clock& clock, DashboardConfig config, Log log);
  ~Dashboard();
  // The routes, and the upload's body limit on the server's front.
  void mount(HttpServer& server);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vsk::township::web
