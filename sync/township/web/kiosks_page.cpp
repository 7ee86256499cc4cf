// 终端状态: every kiosk with its health; for the admin, revoke and re-download (each behind a
// confirmation page, so no JavaScript is needed) and the enrollment of a new kiosk.
#include <cstdlib>

#include "sync/township/web/pages.h"

namespace vsk::township::web {

const std::vector<std::string>& resync_scopes() {
  static const std::vector<std::string> kScopes = {"requests", "notices", "points", "catalog", "points_rules"};
  return kScopes;
}

Data kiosks_page(const PageContext& c) {
  std::vector<Device> devices;
  std::vector<Place> places;
  {
    Tx tx = c.service.store().read_replica(c.viewer.scope);
    devices = c.service.store().devices().list(tx);
    places = c.service.store().places().list(tx);
  }
  const std::int64_t now = c.clock.unix_seconds();
  const bool manage = allowed(c.viewer.role, Permission::kManageKiosks);
  Data rows = list();
  for (const auto& d : devices) {
    Data r;
    r.set("device", d.id);
    r.set("short_id", d.id.substr(0, 8));
    r.set("village", d.village);
    r.set("name", d.name);
    r.set("enrolled_at", format_time(d.enrolled_at));
    r.set("last_contact", d.last_contact ? format_time(*d.last_contact) : c.t("never"));
    r.set("silent", Data(!d.revoked_at && (!d.last_contact || now - *d.last_contact > 24 * 3600)));
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
  d.set("manage", Data(manage));
  d.set("villages", villages);
  d.set("scopes", scopes);
  d.set("csrf", c.viewer.csrf);
  return d;
}

}  // namespace vsk::township::web
