#include "sync/township/web/dashboard.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "app/calendar_loader.h"
#include "app/catalog_loader.h"
#include "core/points_limits.h"
#include "sync/protocol/keys.h"
#include "sync/township/http_server.h"
#include "sync/township/web/i18n.h"
#include "sync/township/web/pages.h"
#include "sync/township/web/rate_limiter.h"
#include "sync/township/web/status_page.h"
#include "sync/township/web/stats_export.h"
#include "sync/township/web/templates.h"

namespace vsk::township::web {
namespace {

constexpr const char* kSessionCookie = "vsk_session";
constexpr const char* kLoginCsrfCookie = "vsk_login_csrf";
constexpr const char* kLangCookie = "vsk_lang";
constexpr std::size_t kMaxFormBytes = 64 * 1024;
// A catalog or points-rules file sent through 文档 (the shipped catalog is about 33 KB).
constexpr std::size_t kMaxDocumentBytes = 900 * 1000;
constexpr std::size_t kFormOverheadBytes = 16 * 1024;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string cookie(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    const std::size_t end = std::min(header.find(';', pos), header.size());
    std::string part = header.substr(pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

httplib::Params form(const httplib::Request& req) {
  httplib::Params p;
  if (req.body.size() <= kMaxFormBytes) httplib::detail::parse_query_text(req.body, p);
  return p;
}

std::string param(const httplib::Params& p, const std::string& name) {
  const auto it = p.find(name);
  return it == p.end() ? std::string() : it->second;
}

// A field of a multipart form (文档's upload), "" when absent.
std::string part(const httplib::Request& req, const std::string& name) {
  return req.has_file(name) ? req.get_file_value(name).content : std::string();
}

// The CSRF token a POST carries, in a urlencoded or a multipart form.
std::string posted_csrf(const httplib::Request& req) {
  return req.is_multipart_form_data() ? part(req, "csrf") : param(form(req), "csrf");
}

// Both strings are random tokens of ours; compare without an early exit.
bool same_token(const std::string& a, const std::string& b) {
  if (a.empty() || a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// The statistics' parameters: from / to (YYYY-MM-DD), by_village / by_service / by_month
// (checkboxes: absent means off once the form was sent, which "grouped" marks). nullopt
// for a malformed date.
std::optional<StatsParams> stats_params(const httplib::Request& req) {
  StatsParams p;
  for (auto [name, field] : {std::pair{"from", &p.from}, std::pair{"to", &p.to}}) {
    const std::string text = req.has_param(name) ? req.get_param_value(name) : "";
    if (text.empty()) continue;
    *field = core::parse_date(text);
    if (!*field) return std::nullopt;
  }
  if (p.from && p.to && *p.to < *p.from) std::swap(p.from, p.to);
  if (req.has_param("grouped")) {
    p.by_village = req.has_param("by_village");
    p.by_service = req.has_param("by_service");
    p.by_month = req.has_param("by_month");
  }
  return p;
}

std::string stats_query_string(const StatsParams& p) {
  std::string q = "grouped=1";
  if (p.from) q += "&from=" + core::format_date(*p.from);
  if (p.to) q += "&to=" + core::format_date(*p.to);
  if (p.by_village) q += "&by_village=1";
  if (p.by_service) q += "&by_service=1";
  if (p.by_month) q += "&by_month=1";
  return q;
}

void security_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
}

struct NavItem {
  const char* href;
  const char* key;
  Permission needs;
};
constexpr NavItem kNav[] = {
    {"/", "nav_overview", Permission::kViewVillages},
    {"/escalations", "nav_escalations", Permission::kViewEscalations},
    {"/stats", "nav_stats", Permission::kViewVillages},
    {"/ratings", "nav_ratings", Permission::kViewVillages},
    {"/kiosks", "nav_kiosks", Permission::kViewVillages},
    {"/notices", "nav_notices", Permission::kViewVillages},
    {"/points", "nav_points", Permission::kViewVillages},
    {"/documents", "nav_documents", Permission::kManageDocuments},
    {"/users", "nav_users", Permission::kManageUsers},
    {"/audit", "nav_audit", Permission::kViewAudit},
};

}  // namespace

DashboardConfig default_dashboard_config() {
  DashboardConfig c;
  c.assets_dir = std::string(VSK_ASSETS_DIR) + "/web";
  c.catalog_path = std::string(VSK_ASSETS_DIR) + "/catalog/services.json";
  c.calendar_path = std::string(VSK_ASSETS_DIR) + "/calendar/cn-holidays.json";
  c.kiosk_i18n_dir = std::string(VSK_ASSETS_DIR) + "/i18n";
  return c;
}

struct Dashboard::Impl {
  TownshipService& service;
  Accounts& accounts;
  platform::Clock& clock;
  DashboardConfig config;
  Log log;
  Translations tr;
  Templates templates;
  core::Catalog catalog;
  core::WorkingCalendar calendar;
  RateLimiter public_limit;  // the status page's budget per address
  std::string css;
  std::string stats_js;
  std::map<std::string, Data> words_;  // by language, see words()

  Impl(TownshipService& s, Accounts& a, platform::Clock& c, DashboardConfig cfg, Log l)
      : service(s), accounts(a), clock(c), config(std::move(cfg)), log(std::move(l)),
        tr(config.assets_dir + "/i18n"), templates(config.assets_dir + "/templates"),
        catalog(app::load_catalog(config.catalog_path)), calendar(app::load_working_calendar(config.calendar_path)),
        public_limit(config.status_page_per_minute, 60),
        css(read_file(config.assets_dir + "/static/dashboard.css")),
        stats_js(read_file(config.assets_dir + "/static/stats_chart.js")) {
    tr.add_phrases(config.kiosk_i18n_dir, "reason.");
    tr.add_phrases(config.kiosk_i18n_dir, "notice.cat.");
    for (const auto& lang : tr.languages()) {
      Data t;
      for (const auto& [k, v] : tr.table(lang)) t.set(k, v);
      words_[lang].set("t", t);
    }
  }

  std::string lang_of(const httplib::Request& req, httplib::Response& res) {
    if (req.has_param("lang")) {
      const std::string lang = tr.language(req.get_param_value("lang"));
      res.set_header("Set-Cookie", std::string(kLangCookie) + "=" + lang + "; Path=/; SameSite=Strict; Max-Age=31536000");
      return lang;
    }
    return tr.language(cookie(req, kLangCookie));
  }

  std::string cookie_attributes(std::int64_t max_age) const {
    return "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
           (config.secure_cookies ? "; Secure" : "");
  }

  // {"t": every word of `lang`}, built once: copying ~300 words into each page's data was
  // most of a status page's CPU (1,100 answers/s; mustache data is a tree of hash maps).
  // Templates find it under the page's own data through a render context.
  const Data& words(const std::string& lang) const { return words_.at(tr.language(lang)); }

  Data base_data(const std::string& lang, const std::string& title) {
    Data d;
    d.set("lang", lang);
    d.set("title", title);
    return d;
  }

  void page(httplib::Response& res, int status, const std::string& lang, const std::string& title,
            const std::string& body_template, Data body, const Viewer* viewer, const std::string& current,
            const std::string& notice = "", const std::string& error = "") {
    Data d = base_data(lang, title);
    d.set("body", templates.render(body_template, body, &words(lang)));
    if (viewer) {
      Data v;
      v.set("name", viewer->user.display_name);
      v.set("role", tr.text(lang, "role_" + std::string(role_name(viewer->role))));
      v.set("department", text_or_false(viewer->user.department));
      v.set("csrf", viewer->csrf);
      Data nav = list();
      for (const auto& item : kNav) {
        if (!allowed(viewer->role, item.needs)) continue;
        Data n;
        n.set("href", item.href);
        n.set("label", tr.text(lang, item.key));
        n.set("current", Data(current == item.href));
        nav.push_back(n);
      }
      v.set("nav", nav);
      d.set("viewer", v);
    }
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    res.status = status;
    security_headers(res);
    res.set_content(templates.render("layout", d, &words(lang)), "text/html; charset=utf-8");
  }

  void message(httplib::Response& res, int status, const std::string& lang, const std::string& key,
               const Viewer* viewer) {
    page(res, status, lang, tr.text(lang, key), "message", Data(), viewer, "", "", tr.text(lang, key));
  }

  void login_page(httplib::Response& res, const std::string& lang, const std::string& login, const std::string& error,
                  int status = 200, const std::string& notice = "") {
    const std::string token = sync::random_code(32);
    res.set_header("Set-Cookie", std::string(kLoginCsrfCookie) + "=" + token + cookie_attributes(3600));
    Data body;
    body.set("login_csrf", token);
    body.set("login", login);
    page(res, status, lang, tr.text(lang, "login_title"), "login", body, nullptr, "", notice, error);
  }

  using Handler = std::function<void(const Viewer&, const std::string& lang, const httplib::Request&, httplib::Response&)>;

  // A page for a logged-in viewer holding `needs`; a POST must carry the session's CSRF token.
  httplib::Server::Handler guarded(Permission needs, Handler h) {
    return [this, needs, h](const httplib::Request& req, httplib::Response& res) {
      const std::string lang = lang_of(req, res);
      try {
        const auto viewer = accounts.viewer(cookie(req, kSessionCookie));
        if (!viewer) {
          res.status = 303;
          res.set_header("Location", "/login");
          return;
        }
        if (req.method == "POST" && !same_token(posted_csrf(req), viewer->csrf)) {
          log("web " + req.method + " " + req.path + " by " + viewer->user.login + ": refused, no CSRF token");
          return message(res, 403, lang, "csrf_refused", &*viewer);
        }
        if (!allowed(viewer->role, needs)) return message(res, 403, lang, "forbidden", &*viewer);
        h(*viewer, lang, req, res);
      } catch (const StoreError& e) {
        log("web " + req.method + " " + req.path + ": storage: " + e.what());
        message(res, 503, lang, "server_error", nullptr);
      } catch (const std::exception& e) {
        log("web " + req.method + " " + req.path + ": " + e.what());
        message(res, 500, lang, "server_error", nullptr);
      }
    };
  }

  PageContext context(const Viewer& v, const std::string& lang) {
    return PageContext{v, lang, tr, service, clock, catalog, calendar};
  }

  // 用户管理 (admin) and 修改密码 (everyone): each POST through Accounts, which audits it.
  void user_routes(httplib::Server& s) {
    auto failed = [this](httplib::Response& res, const Viewer& v, const std::string& lang, const std::string& why) {
      page(res, 409, lang, tr.text(lang, "nav_users"), "users", users_page(context(v, lang)), &v, "/users", "",
           tr.text(lang, "user_failed") + why);
    };
    auto new_password = [this](httplib::Response& res, const Viewer& v, const std::string& lang,
                               const std::string& login, const std::string& password) {
      Data body;
      body.set("login", login);
      body.set("password", password);
      page(res, 200, lang, tr.text(lang, "user_password_title"), "user_password", body, &v, "/users");
    };
    s.Get("/users", guarded(Permission::kManageUsers, [this](const Viewer& v, const std::string& lang,
                                                             const httplib::Request& req, httplib::Response& res) {
      const std::string notice = req.has_param("done") ? tr.text(lang, "user_disabled_done") : "";
      page(res, 200, lang, tr.text(lang, "nav_users"), "users", users_page(context(v, lang)), &v, "/users", notice);
    }));
    s.Post("/users/add", guarded(Permission::kManageUsers, [this, failed, new_password](
                                                               const Viewer& v, const std::string& lang,
                                                               const httplib::Request& req, httplib::Response& res) {
      const auto f = form(req);
      const std::string login = param(f, "login"), role = param(f, "role");
      const auto& roles = role_names();
      std::string password;
      try {
        if (std::find(roles.begin(), roles.end(), role) == roles.end()) throw AdminError("bad_role", "unknown role");
        password = accounts.add_user(v.scope, login, param(f, "name"), role, param(f, "department"), actor_of(v));
      } catch (const AdminError& e) {
        return failed(res, v, lang, e.what());
      }
      log("web user add " + login + " (" + role + ") by " + v.user.login);
      new_password(res, v, lang, login, password);
    }));
    s.Post("/users/reset", guarded(Permission::kManageUsers, [this, failed, new_password](
                                                                 const Viewer& v, const std::string& lang,
                                                                 const httplib::Request& req, httplib::Response& res) {
      const std::string login = param(form(req), "login");
      std::string password;
      try {
        password = accounts.reset_password(v.scope, login, actor_of(v));
      } catch (const AdminError& e) {
        return failed(res, v, lang, e.what());
      }
      new_password(res, v, lang, login, password);
    }));
    s.Post("/users/disable", guarded(Permission::kManageUsers, [this, failed](const Viewer& v, const std::string& lang,
                                                                             const httplib::Request& req,
                                                                             httplib::Response& res) {
      const std::string login = param(form(req), "login");
      if (login == v.user.login) return failed(res, v, lang, tr.text(lang, "forbidden"));  // keep one admin in
      try {
        accounts.disable_user(v.scope, login, actor_of(v));
      } catch (const AdminError& e) {
        return failed(res, v, lang, e.what());
      }
      res.status = 303;
      res.set_header("Location", "/users?done=disable");
    }));
    auto password_form = [this](httplib::Response& res, const Viewer& v, const std::string& lang, int status,
                                const std::string& error) {
      Data body;
      body.set("csrf", v.csrf);
      page(res, status, lang, tr.text(lang, "password_title"), "password", body, &v, "", "", error);
    };
    s.Get("/password", guarded(Permission::kViewEscalations, [password_form](const Viewer& v, const std::string& lang,
                                                                             const httplib::Request&,
                                                                             httplib::Response& res) {
      password_form(res, v, lang, 200, "");
    }));
    s.Post("/password", guarded(Permission::kViewEscalations, [this, password_form](const Viewer& v,
                                                                                    const std::string& lang,
                                                                                    const httplib::Request& req,
                                                                                    httplib::Response& res) {
      const auto f = form(req);
      if (param(f, "new") != param(f, "again")) return password_form(res, v, lang, 409, tr.text(lang, "pw_mismatch"));
      const std::string problem = accounts.change_password(v, param(f, "old"), param(f, "new"));
      if (!problem.empty()) return password_form(res, v, lang, 409, tr.text(lang, problem));
      log("web password changed by " + v.user.login);
      res.status = 303;
      res.set_header("Location", "/login?changed=1");
      res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + cookie_attributes(0));
    }));
  }

  // 终端状态's USB upload (admin, clerk): a kiosk's stick file in, the reply file out as a
  // download, through TownshipService::import_stick_file as `township-server import-bundle`.
  // A refused file changes nothing and answers the page with the reason.
  void usb_routes(httplib::Server& s) {
    s.Post("/kiosks/usb", guarded(Permission::kUsbExchange, [this](const Viewer& v, const std::string& lang,
                                                                  const httplib::Request& req,
                                                                  httplib::Response& res) {
      const auto file = req.has_file("file") ? req.get_file_value("file") : httplib::MultipartFormData{};
      // `audited`: import_stick_file has written the refusal's entry already.
      auto refuse = [&](const std::string& why, bool audited = false) {
        if (!audited) accounts.record(v, "kiosk.usb_refused", file.filename, why);
        log("web usb import by " + v.user.login + ": refused: " + why);
        page(res, 422, lang, tr.text(lang, "nav_kiosks"), "kiosks", kiosks_page(context(v, lang)), &v, "/kiosks", "",
             tr.text(lang, "usb_refused") + why);
      };
      if (file.content.empty()) return refuse(tr.text(lang, "usb_no_file"));
      if (file.content.size() > config.usb_upload_max_bytes)
        return refuse(tr.format(lang, "usb_too_big", std::to_string(config.usb_upload_max_bytes / (1024 * 1024))));
      // Audited there, with the change (the same code as `township-server import-bundle`).
      const auto stick = service.import_stick_file(file.content, v.scope, actor_of(v), file.filename);
      if (!stick.refused.code.empty())
        return refuse(lang == "en" ? stick.refused.message_en : stick.refused.message_zh, true);
      const std::string name = usb_reply_file_name(file.filename, stick.enrollment);
      const std::string device = stick.enrollment ? stick.enrolled.device_id : stick.exchange.carried.device_id;
      const std::string detail =
          stick.enrollment ? "enrollment, " + std::to_string(stick.enrolled.changes) + " changes back"
                           : std::to_string(stick.exchange.carried.ops) + " operations in, " +
                                 std::to_string(stick.exchange.carried.changes) + " changes back, " +
                                 std::to_string(stick.exchange.refusals.size()) + " envelopes refused";
      log("web usb import " + device + " by " + v.user.login + ": " + detail);
      security_headers(res);
      res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
      res.set_content(stick.reply, "application/octet-stream");
    }));
  }

  // 文档 (admin): a catalog or points-rules file, checked and published like the admin API's
  // POST /v1/admin/documents/<scope>; a refused file publishes nothing.
  void document_routes(httplib::Server& s) {
    s.Get("/documents", guarded(Permission::kManageDocuments, [this](const Viewer& v, const std::string& lang,
                                                                     const httplib::Request& req,
                                                                     httplib::Response& res) {
      const std::string notice =
          req.has_param("done") ? tr.format(lang, "doc_published", req.get_param_value("done")) : "";
      page(res, 200, lang, tr.text(lang, "nav_documents"), "documents", documents_page(context(v, lang), ""), &v,
           "/documents", notice);
    }));
    s.Post("/documents", guarded(Permission::kManageDocuments, [this](const Viewer& v, const std::string& lang,
                                                                      const httplib::Request& req,
                                                                      httplib::Response& res) {
      const std::string scope = part(req, "scope");
      const auto file = req.has_file("file") ? req.get_file_value("file") : httplib::MultipartFormData{};
      // `audited`: publish_document has written the refusal's entry already.
      auto refuse = [&](const std::string& why, bool audited = false) {
        if (!audited) accounts.record(v, "document.refused", scope, file.filename);
        log("web document " + scope + " by " + v.user.login + ": refused: " + why);
        page(res, 422, lang, tr.text(lang, "nav_documents"), "documents", documents_page(context(v, lang), scope), &v,
             "/documents", "", tr.text(lang, "doc_refused") + why);
      };
      const auto& scopes = document_scopes();
      if (std::find(scopes.begin(), scopes.end(), scope) == scopes.end()) return refuse(tr.text(lang, "doc_no_scope"));
      if (file.content.empty()) return refuse(tr.text(lang, "doc_no_file"));
      if (file.content.size() > kMaxDocumentBytes)
        return refuse(tr.format(lang, "doc_too_big", std::to_string(kMaxDocumentBytes / 1000)));
      const auto document = nlohmann::json::parse(file.content, nullptr, false);
      if (document.is_discarded()) return refuse(tr.text(lang, "doc_not_json"));
      std::int64_t change = 0;
      try {
        change = service.admin(v.scope, actor_of(v))
                     .publish_document(scope, document, file.filename + ", " + std::to_string(file.content.size()) + " bytes");
      } catch (const AdminError& e) {
        return refuse(tr.text(lang, "doc_check_failed") + e.what(), true);
      }
      log("web document " + scope + " #" + std::to_string(change) + " by " + v.user.login);
      res.status = 303;
      res.set_header("Location", "/documents?done=" + std::to_string(change));
    }));
  }

  // A villager-facing name the viewer's scope holds (never a new village from the web).
  bool in_reach(const Viewer& v, const std::string& lang, const std::string& village) {
    const auto names = village_names(context(v, lang));
    return std::find(names.begin(), names.end(), village) != names.end();
  }

  // The words for an AdminError: a notice's rule key ("... (notice.err.no_title)") in the
  // viewer's language, else the checker's own text.
  std::string admin_error_words(const std::string& lang, const std::string& what) {
    const std::size_t at = what.find("(notice.err.");
    if (at != std::string::npos) {
      const std::string key = "notice_err_" + what.substr(at + 12, what.find(')', at) - at - 12);
      if (tr.table(lang).count(key)) return tr.text(lang, key);
    }
    return what;
  }

  // 村务公开: list (everyone who sees villages), publish and withdraw (admin, clerk).
  void notice_routes(httplib::Server& s) {
    s.Get("/notices", guarded(Permission::kViewVillages, [this](const Viewer& v, const std::string& lang,
                                                                const httplib::Request& req, httplib::Response& res) {
      std::string notice;
      if (req.has_param("done"))
        notice = tr.text(lang, req.get_param_value("done") == "withdraw" ? "notice_withdrawn_done" : "notice_published_done");
      page(res, 200, lang, tr.text(lang, "nav_notices"), "notices", notices_page(context(v, lang), NoticeForm{}), &v,
           "/notices", notice);
    }));
    s.Post("/notices/publish", guarded(Permission::kPublish, [this](const Viewer& v, const std::string& lang,
                                                                    const httplib::Request& req,
                                                                    httplib::Response& res) {
      const auto f = form(req);
      // A browser sends a textarea's line breaks as CRLF; kiosks show text with LF only.
      std::string body = param(f, "body");
      for (std::size_t at = 0; (at = body.find('\r', at)) != std::string::npos;)
        body.replace(at, at + 1 < body.size() && body[at + 1] == '\n' ? 2 : 1, "\n");
      const NoticeForm n{param(f, "category"), param(f, "village"), param(f, "title"), body,
                         param(f, "period_start"), param(f, "period_end"), param(f, "end_date")};
      auto refuse = [&](const std::string& why) {
        page(res, 422, lang, tr.text(lang, "nav_notices"), "notices", notices_page(context(v, lang), n), &v, "/notices",
             "", tr.text(lang, "notice_refused") + why);
      };
      const auto& cats = township_notice_categories();
      if (std::find(cats.begin(), cats.end(), n.category) == cats.end()) return refuse(tr.text(lang, "notice_err_category"));
      if (!n.village.empty() && !in_reach(v, lang, n.village)) return refuse(tr.text(lang, "not_your_village"));
      nlohmann::json notice{{"category", n.category}, {"title", n.title}, {"body", n.body}};
      for (const auto& [key, value] : {std::pair{"period_start", &n.period_start}, std::pair{"period_end", &n.period_end},
                                       std::pair{"end_date", &n.end_date}})
        if (!value->empty()) notice[key] = *value;
      if (n.category != "publicity") notice.erase("period_start"), notice.erase("period_end");
      std::string id;
      try {
        notice["id"] = id = sync::random_uuid();
        service.admin(v.scope, actor_of(v))
            .publish_notice(n.village.empty() ? std::nullopt : std::optional<std::string>(n.village), notice);
      } catch (const AdminError& e) {
        return refuse(admin_error_words(lang, e.what()));
      }
      log("web notice " + id + " by " + v.user.login);
      res.status = 303;
      res.set_header("Location", "/notices?done=publish");
    }));
    s.Post("/notices/withdraw", guarded(Permission::kPublish, [this](const Viewer& v, const std::string& lang,
                                                                     const httplib::Request& req,
                                                                     httplib::Response& res) {
      const std::string id = param(form(req), "id");
      const std::int64_t change = id.empty() ? 0 : service.admin(v.scope, actor_of(v)).withdraw_notice(id);
      if (change == 0) return message(res, 404, lang, "not_found", &v);
      res.status = 303;
      res.set_header("Location", "/notices?done=withdraw");
    }));
  }

  // 积分: the township's points entries (list: everyone who sees villages; new: admin, clerk).
  void points_routes(httplib::Server& s) {
    s.Get("/points", guarded(Permission::kViewVillages, [this](const Viewer& v, const std::string& lang,
                                                               const httplib::Request& req, httplib::Response& res) {
      const std::string notice = req.has_param("done") ? tr.text(lang, "points_done") : "";
      page(res, 200, lang, tr.text(lang, "nav_points"), "points", points_page(context(v, lang), PointsForm{}), &v,
           "/points", notice);
    }));
    s.Post("/points", guarded(Permission::kPublish, [this](const Viewer& v, const std::string& lang,
                                                           const httplib::Request& req, httplib::Response& res) {
      const auto f = form(req);
      const PointsForm p{param(f, "village"), param(f, "household"), param(f, "delta"), param(f, "rule"),
                         param(f, "reason")};
      auto refuse = [&](const std::string& why) {
        page(res, 422, lang, tr.text(lang, "nav_points"), "points", points_page(context(v, lang), p), &v, "/points", "",
             tr.text(lang, "points_refused") + why);
      };
      if (!in_reach(v, lang, p.village)) return refuse(tr.text(lang, "not_your_village"));
      const auto whole = [](const std::string& text) -> std::optional<std::int64_t> {
        if (text.empty() || text.size() > 18) return std::nullopt;
        std::size_t used = 0;
        try {
          const long long n = std::stoll(text, &used);
          if (used == text.size()) return n;
        } catch (const std::exception&) {
        }
        return std::nullopt;
      };
      const auto household = whole(p.household);
      if (!household || *household < 1) return refuse(tr.text(lang, "points_bad_household"));
      const auto delta = whole(p.delta);
      if (!delta || *delta == 0) return refuse(tr.text(lang, "points_bad_delta"));
      if (*delta > core::kMaxPointsDelta || *delta < -core::kMaxPointsDelta)
        return refuse(tr.format(lang, "points_delta_range", std::to_string(core::kMaxPointsDelta)));
      try {
        service.admin(v.scope, actor_of(v)).publish_points_entry(
            p.village, {{"household_id", *household}, {"delta", *delta}, {"rule_id", p.rule}, {"reason", p.reason}});
      } catch (const AdminError& e) {
        return refuse(e.what());
      }
      res.status = 303;
      res.set_header("Location", "/points?done=1");
    }));
  }

  void routes(httplib::Server& s) {
    s.Get("/static/dashboard.css", [this](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "max-age=3600");
      res.set_content(css, "text/css; charset=utf-8");
    });
    s.Get("/static/chart.js", [this](const httplib::Request&, httplib::Response& res) {
      const std::string js = read_file(config.chart_js);
      if (js.empty()) {
        res.status = 404;
        return;
      }
      res.set_header("Cache-Control", "max-age=86400");
      res.set_content(js, "text/javascript; charset=utf-8");
    });
    s.Get("/static/stats_chart.js", [this](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "max-age=3600");
      res.set_content(stats_js, "text/javascript; charset=utf-8");
    });
    s.Get(R"(/r/([A-Za-z0-9-]{1,40}))", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string lang = lang_of(req, res);
      try {
        if (!public_limit.allow(req.remote_addr, clock.unix_seconds())) {
          res.set_header("Retry-After", "60");
          return page(res, 429, lang, tr.text(lang, "pub_title"), "status_missing", Data(), nullptr, "", "",
                      tr.text(lang, "pub_busy"));
        }
        const auto d = status_page(service.store(), catalog, tr, lang, req.matches[1],
                                   req.has_param("t") ? req.get_param_value("t") : "");
        // A wrong token and an unknown number get the very same answer.
        if (!d) return page(res, 404, lang, tr.text(lang, "pub_title"), "status_missing", Data(), nullptr, "");
        page(res, 200, lang, tr.text(lang, "pub_title"), "status", *d, nullptr, "");
      } catch (const std::exception& e) {
        log("web status page: " + std::string(e.what()));
        message(res, 503, lang, "server_error", nullptr);
      }
    });
    s.Get("/login", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string lang = lang_of(req, res);
      login_page(res, lang, "", "", 200, req.has_param("changed") ? tr.text(lang, "password_changed") : "");
    });
    s.Post("/login", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string lang = lang_of(req, res);
      const auto f = form(req);
      const std::string login = param(f, "login");
      if (!same_token(param(f, "csrf"), cookie(req, kLoginCsrfCookie)))
        return login_page(res, lang, login, tr.text(lang, "login_expired"), 403);
      try {
        const auto r = accounts.login(login, param(f, "password"), req.remote_addr);
        log("web login " + login + " from " + req.remote_addr + ": " +
            (r.outcome == LoginResult::Outcome::kOk ? "ok" : "refused"));
        switch (r.outcome) {
          case LoginResult::Outcome::kOk:
            res.status = 303;
            res.set_header("Location", "/");
            res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + r.session_token + cookie_attributes(r.max_age_s));
            return;
          case LoginResult::Outcome::kLocked:
            return login_page(res, lang, login,
                              tr.format(lang, "login_locked", std::to_string((r.locked_seconds_left + 59) / 60)), 403);
          case LoginResult::Outcome::kDisabled:
            return login_page(res, lang, login, tr.text(lang, "login_disabled"), 403);
          case LoginResult::Outcome::kWrongPassword: {
            std::string text = tr.text(lang, "login_wrong");
            if (r.attempts_left > 0) text += " " + tr.format(lang, "login_attempts_left", std::to_string(r.attempts_left));
            return login_page(res, lang, login, text, 403);
          }
        }
      } catch (const std::exception& e) {
        log("web login: " + std::string(e.what()));
        message(res, 503, lang, "server_error", nullptr);
      }
    });
    s.Post("/logout", guarded(Permission::kViewEscalations, [this](const Viewer& v, const std::string&,
                                                                   const httplib::Request&, httplib::Response& res) {
      accounts.logout(v);
      res.status = 303;
      res.set_header("Location", "/login");
      res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + cookie_attributes(0));
    }));
    s.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
      // A department's home is its escalations.
      guarded(Permission::kViewEscalations, [this](const Viewer& v, const std::string& lang, const httplib::Request&,
                                                   httplib::Response& res) {
        if (!allowed(v.role, Permission::kViewVillages)) {
          res.status = 303;
          res.set_header("Location", "/escalations");
          return;
        }
        page(res, 200, lang, tr.text(lang, "nav_overview"), "overview", overview_page(context(v, lang)), &v, "/");
      })(req, res);
    });
    s.Get("/escalations", guarded(Permission::kViewEscalations, [this](const Viewer& v, const std::string& lang,
                                                                       const httplib::Request& req,
                                                                       httplib::Response& res) {
      const std::string department = req.has_param("department") ? req.get_param_value("department") : "";
      std::string notice;
      if (req.has_param("sent")) notice = tr.format(lang, "reply_sent", req.get_param_value("sent"));
      page(res, 200, lang, tr.text(lang, "nav_escalations"), "escalations",
           escalations_page(context(v, lang), department), &v, "/escalations", notice);
    }));
    s.Get("/escalations/detail", guarded(Permission::kViewEscalations, [this](const Viewer& v, const std::string& lang,
                                                                              const httplib::Request& req,
                                                                              httplib::Response& res) {
      const auto d = escalation_detail_page(context(v, lang), req.get_param_value("village"),
                                            req.get_param_value("number"));
      if (!d) return message(res, 404, lang, "not_found", &v);
      page(res, 200, lang, tr.text(lang, "esc_detail_title"), "escalation", *d, &v, "/escalations");
    }));
    s.Post("/escalations/reply", guarded(Permission::kReply, [this](const Viewer& v, const std::string& lang,
                                                                    const httplib::Request& req,
                                                                    httplib::Response& res) {
      const auto f = form(req);
      const std::string village = param(f, "village"), number = param(f, "number"), text = param(f, "text");
      auto show_error = [&](const std::string& error) {
        page(res, 409, lang, tr.text(lang, "nav_escalations"), "escalations", escalations_page(context(v, lang), ""),
             &v, "/escalations", "", error);
      };
      if (text.find_first_not_of(" \t\r\n") == std::string::npos) return show_error(tr.text(lang, "reply_empty"));
      // A department answers only what was routed to it.
      if (v.role == Role::kDepartment) {
        bool routed = false;
        for (const auto& r : service.admin(v.scope, actor_of(v)).escalations())
          routed |= r.village == village && r.number == number && r.department == v.user.department;
        if (!routed) return message(res, 403, lang, "forbidden", &v);
      }
      // Audited with the change (TownshipAdmin::reply_to_request): the chain names the change
      // that holds the sealed words.
      TownshipAdmin admin = service.admin(v.scope, actor_of(v));
      const std::string err = admin.reply_to_request(village, number, text);
      if (!err.empty()) return show_error(tr.text(lang, "reply_failed") + err);
      log("web reply " + number + " by " + v.user.login);
      res.status = 303;
      res.set_header("Location", "/escalations?sent=" + query_value(number));
    }));
    s.Get("/stats", guarded(Permission::kViewVillages, [this](const Viewer& v, const std::string& lang,
                                                              const httplib::Request& req, httplib::Response& res) {
      const auto p = stats_params(req);
      if (!p) return message(res, 400, lang, "bad_date", &v);
      page(res, 200, lang, tr.text(lang, "nav_stats"), "stats",
           stats_page(context(v, lang), *p, stats_query_string(*p)), &v, "/stats");
    }));
    s.Get("/ratings", guarded(Permission::kViewVillages, [this](const Viewer& v, const std::string& lang,
                                                                const httplib::Request& req, httplib::Response& res) {
      const auto p = stats_params(req);
      if (!p) return message(res, 400, lang, "bad_date", &v);
      page(res, 200, lang, tr.text(lang, "nav_ratings"), "ratings", ratings_page(context(v, lang), *p), &v, "/ratings");
    }));
    s.Get(R"(/stats\.(csv|xlsx))", guarded(Permission::kViewVillages, [this](const Viewer& v, const std::string& lang,
                                                                          const httplib::Request& req,
                                                                          httplib::Response& res) {
      const auto p = stats_params(req);
      if (!p) return message(res, 400, lang, "bad_date", &v);
      const auto c = context(v, lang);
      const StatsTable t = stats_table(c, *p);
      const bool xlsx = req.matches[1] == "xlsx";
      const std::string name = "stats-" + core::format_date(t.query.from) + "-" + core::format_date(t.query.to);
      accounts.record(v, "export", xlsx ? "stats.xlsx" : "stats.csv", stats_query_string(*p));
      security_headers(res);
      res.set_header("Content-Disposition", "attachment; filename=\"" + name + (xlsx ? ".xlsx" : ".csv") + "\"");
      if (xlsx)
        res.set_content(stats_xlsx(c, t), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      else
        res.set_content(stats_csv(c, t), "text/csv; charset=utf-8");
    }));
    s.Get("/kiosks", guarded(Permission::kViewVillages, [this](const Viewer& v, const std::string& lang,
                                                               const httplib::Request& req, httplib::Response& res) {
      std::string notice;
      if (req.has_param("done")) notice = tr.text(lang, req.get_param_value("done") == "revoke" ? "revoked_done" : "resync_done");
      page(res, 200, lang, tr.text(lang, "nav_kiosks"), "kiosks", kiosks_page(context(v, lang)), &v, "/kiosks", notice);
    }));
    s.Get("/kiosks/confirm", guarded(Permission::kManageKiosks, [this](const Viewer& v, const std::string& lang,
                                                                       const httplib::Request& req,
                                                                       httplib::Response& res) {
      const std::string action = req.get_param_value("action");
      const std::string device = req.get_param_value("device");
      std::optional<Device> found;
      {
        Tx tx = service.store().read(v.scope);
        for (auto& d : service.store().devices().list(tx))
          if (d.id == device) found = d;
      }
      if (!found || (action != "revoke" && action != "resync")) return message(res, 404, lang, "not_found", &v);
      Data body;
      body.set("question", tr.text(lang, "confirm_" + action));
      body.set("action", action);
      body.set("device", device);
      body.set("village", found->village);
      body.set("csrf", v.csrf);
      body.set("resync", Data(action == "resync"));
      Data scopes = list();
      for (const auto& sc : resync_scopes()) {
        Data o;
        o.set("scope", sc);
        o.set("label", tr.text(lang, "scope_" + sc));
        scopes.push_back(o);
      }
      body.set("scopes", scopes);
      page(res, 200, lang, tr.text(lang, "nav_kiosks"), "kiosk_confirm", body, &v, "/kiosks");
    }));
    s.Post("/kiosks/revoke", guarded(Permission::kManageKiosks, [this](const Viewer& v, const std::string& lang,
                                                                       const httplib::Request& req,
                                                                       httplib::Response& res) {
      const std::string device = param(form(req), "device");
      if (!service.admin(v.scope, actor_of(v)).revoke(device)) return message(res, 404, lang, "not_found", &v);
      res.status = 303;
      res.set_header("Location", "/kiosks?done=revoke");
    }));
    s.Post("/kiosks/resync", guarded(Permission::kManageKiosks, [this](const Viewer& v, const std::string& lang,
                                                                       const httplib::Request& req,
                                                                       httplib::Response& res) {
      const auto f = form(req);
      const std::string device = param(f, "device"), scope = param(f, "scope");
      const auto& scopes = resync_scopes();
      if (std::find(scopes.begin(), scopes.end(), scope) == scopes.end() ||
          !service.admin(v.scope, actor_of(v)).order_resync(device, scope))
        return message(res, 404, lang, "not_found", &v);
      res.status = 303;
      res.set_header("Location", "/kiosks?done=resync");
    }));
    s.Post("/kiosks/enroll", guarded(Permission::kManageKiosks, [this](const Viewer& v, const std::string& lang,
                                                                       const httplib::Request& req,
                                                                       httplib::Response& res) {
      const std::string village = param(form(req), "village");
      std::string code;
      try {
        if (village.empty() || village.size() > 64) throw AdminError("no_such_village", "no village name");
        code = service.admin(v.scope, actor_of(v)).create_enroll_code(village);
      } catch (const AdminError& e) {
        return page(res, 409, lang, tr.text(lang, "nav_kiosks"), "kiosks", kiosks_page(context(v, lang)), &v,
                    "/kiosks", "", tr.text(lang, "action_failed") + e.what());
      }
      Data body;
      body.set("village", village);
      body.set("code", code);
      page(res, 200, lang, tr.text(lang, "enroll_code_title"), "enroll_code", body, &v, "/kiosks");
    }));
    usb_routes(s);
    document_routes(s);
    notice_routes(s);
    points_routes(s);
    user_routes(s);
    s.Get("/audit", guarded(Permission::kViewAudit, [this](const Viewer& v, const std::string& lang,
                                                           const httplib::Request&, httplib::Response& res) {
      page(res, 200, lang, tr.text(lang, "nav_audit"), "audit", audit_page(context(v, lang)), &v, "/audit");
    }));
  }
};

Dashboard::Dashboard(TownshipService& service, Accounts& accounts, platform::Clock& clock, DashboardConfig config,
                     Log log)
    : impl_(std::make_unique<Impl>(service, accounts, clock, std::move(config), std::move(log))) {}

Dashboard::~Dashboard() = default;

void Dashboard::mount(HttpServer& server) {
  // The file's limit and room for the form around it (boundaries, the CSRF token, headers).
  server.allow_upload("/kiosks/usb", impl_->config.usb_upload_max_bytes + kFormOverheadBytes);
  // 文档 takes files up to kMaxDocumentBytes: without this a catalog over the 64 KB of other
  // forms got a bare 413 instead of the page's "文件太大" or its check.
  server.allow_upload("/documents", kMaxDocumentBytes + kFormOverheadBytes);
  impl_->routes(server.http());
}

}  // namespace vsk::township::web
