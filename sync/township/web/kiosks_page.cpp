// 终端状态: every kiosk with its health (the latest heartbeat: version, free disk, printer,
// card reader) and its alerts (silent, out of paper, disk low, old version; issue 15) with a
// list of them above the table; for the admin, revoke and re-download (each behind a
// confirmation page, so no JavaScript is needed) and the enrollment of a new kiosk. A kiosk of
// a village with no link shows its last USB exchange: when, what came up, what went back.
#include <cctype>
#include <cstdlib>

#include "sync/township/kiosk_alerts.h"
#include "sync/township/store/usb_exchange_store.h"
#include "sync/township/web/pages.h"

namespace vsk::township::web {
namespace {

// "12.3 GB" / "480 MB": what a clerk reads at a glance.
std::string disk_text(std::int64_t mb) {
  if (mb < 0) return "";
  if (mb < 1024) return std::to_string(mb) + " MB";
  const std::int64_t tenths = mb * 10 / 1024;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " GB";
}

// A state the kiosk reported, translated; one from a newer kiosk that we have no words for
// is shown as sent.
std::string state_text(const PageContext& c, const std::string& prefix, const std::string& state) {
  const std::string key = prefix + state;
  const std::string& text = c.t(key);
  return text == key ? state : text;
}

std::string alert_text(const PageContext& c, const std::string& code, const std::string& newest_version) {
  if (code == "silent") return c.t("alert_silent");
  if (code == "old_version") return c.tr.format(c.lang, "kalert_old_version", newest_version);
  return c.t("kalert_" + code);
}

}  // namespace

const std::vector<std::string>& resync_scopes() {
  static const std::vector<std::string> kScopes = {"requests", "notices", "points", "catalog", "points_rules"};
  return kScopes;
}

Data kiosks_page(const PageContext& c) {
  std::vector<Device> devices;
  std::vector<Place> places;
  KioskHealth health;
  std::map<std::string, UsbExchange> usb;
  {
    Tx tx = c.service.store().read_replica(c.viewer.scope);
    devices = c.service.store().devices().list(tx);
    places = c.service.store().places().list(tx);
    health = kiosk_health(HeartbeatStore(c.service.store().dialect()).latest(tx));
    usb = UsbExchangeStore(c.service.store().dialect()).latest(tx);
  }
  const std::int64_t now = c.clock.unix_seconds();
  const bool manage = allowed(c.viewer.role, Permission::kManageKiosks);
  Data rows = list();
  Data alert_list = list();
  for (const auto& d : devices) {
    Data r;
    r.set("device", d.id);
    r.set("short_id", d.id.substr(0, 8));
    r.set("village", d.village);
    r.set("name", d.name);
    r.set("enrolled_at", format_time(d.enrolled_at));
    r.set("last_contact", d.last_contact ? format_time(*d.last_contact) : c.t("never"));
    const auto latest = health.of(d.id);
    std::optional<sync::Heartbeat> hb;
    if (latest) hb = latest->heartbeat;
    const auto codes = d.revoked_at ? std::vector<std::string>{}
                                    : kiosk_alerts(d.last_contact, hb, now, health.newest_version);
    Data alerts = list();
    for (const auto& code : codes) {
      Data a;
      a.set("code", code);
      a.set("text", alert_text(c, code, health.newest_version));
      alerts.push_back(a);
      Data item = a;
      item.set("village", d.village);
      item.set("short_id", d.id.substr(0, 8));
      alert_list.push_back(item);
    }
    r.set("alerts", alerts);
    r.set("alerting", Data(!codes.empty()));
    r.set("heartbeat", Data(hb.has_value()));
    if (hb) {
      r.set("version", hb->version);
      r.set("disk", disk_text(hb->free_disk_mb));
      r.set("printer_trouble", Data(hb->printer != "ready" && hb->printer != "no_printer"));
      r.set("printer", state_text(c, "printer_", hb->printer));
      r.set("reader", state_text(c, "reader_", hb->reader));
      r.set("heartbeat_at", c.tr.format(c.lang, "health_reported", format_time(latest->at)));
    }
    if (const auto u = usb.find(d.id); u != usb.end()) {
      Data x;
      x.set("at", format_time(u->second.at));
      x.set("ops", c.tr.format(c.lang, "usb_ops", std::to_string(u->second.ops)));
      x.set("changes", c.tr.format(c.lang, "usb_changes", std::to_string(u->second.changes)));
      x.set("imports", c.tr.format(c.lang, "usb_imports", std::to_string(u->second.imports)));
      r.set("usb", x);
    }
    r.set("pending", std::to_string(d.pending_reported));
    r.set("acked", std::to_string(d.acked_seq));
    const std::int64_t skew = d.clock_skew_s.value_or(0);
    r.set("skew", d.clock_skew_s ? std::to_string(skew) : "");
    r.set("skew_off", Data(std::llabs(skew) > 300));
    r.set("revoked", Data(d.revoked_at.has_value()));
    r.set("manage", Data(manage && !d.revoked_at));
    rows.push_back(r);
  }
  Data villages = list();
  for (const auto& p : places)
    if (p.kind == "village") {
      Data v;
      v.set("name", p.name);
      villages.push_back(v);
    }
  Data scopes = list();
  for (const auto& s : resync_scopes()) {
    Data o;
    o.set("scope", s);
    o.set("label", c.t("scope_" + s));
    scopes.push_back(o);
  }
  Data d;
  d.set("kiosks", rows);
  d.set("alert_list", alert_list);
  d.set("has_alerts", Data(!alert_list.is_empty_list()));
  d.set("manage", Data(manage));
  d.set("villages", villages);
  d.set("scopes", scopes);
  d.set("csrf", c.viewer.csrf);
  d.set("usb_upload", Data(allowed(c.viewer.role, Permission::kUsbExchange)));
  return d;
}

std::string usb_reply_file_name(const std::string& uploaded, bool enrollment) {
  const std::size_t slash = uploaded.find_last_of("/\\");
  std::string stem = slash == std::string::npos ? uploaded : uploaded.substr(slash + 1);
  auto strip = [&stem](std::string_view suffix) {
    if (stem.size() >= suffix.size() && stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) == 0)
      stem.resize(stem.size() - suffix.size());
  };
  strip(".vsk");
  strip(enrollment ? "-enroll" : "-to-township");
  std::string safe;
  for (const char ch : stem)
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_') safe += ch;
  if (safe.empty()) safe = "kiosk";
  return safe + (enrollment ? "-enrolled.vsk" : "-from-township.vsk");
}

}  // namespace vsk::township::web
