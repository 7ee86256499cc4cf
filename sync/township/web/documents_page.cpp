// 文档 (admin): the township's catalog (services) and points-rules documents. The form sends
// a whole JSON file; the server checks it with the kiosk's own loaders
// (TownshipAdmin::publish_document -> check_document) and publishes it to every village, or
// refuses it with the loader's reason and publishes nothing. The list: every version the
// change log holds, newest first, with who published it (from the audit log: a login, the
// admin API's token user or "cli:..." for the command line) and its size.
#include <algorithm>
#include <map>

#include "sync/township/web/pages.h"

namespace vsk::township::web {

const std::vector<std::string>& document_scopes() {
  static const std::vector<std::string> kScopes = {"catalog", "points_rules"};
  return kScopes;
}


Data documents_page(const PageContext& c, const std::string& chosen_scope) {
  TownshipAdmin admin = c.service.admin(c.viewer.scope, actor_of(c.viewer));
  std::vector<PublishedChange> versions;
  for (const auto& scope : document_scopes())
    for (auto& v : admin.published(scope)) {
      v.key = scope;
      versions.push_back(std::move(v));
    }
  std::stable_sort(versions.begin(), versions.end(), [](const PublishedChange& a, const PublishedChange& b) {
    return a.at != b.at ? a.at > b.at : a.id > b.id;
  });
  const auto who = audit_actors(c, "document.publish");  // none for versions from before the API was audited
  std::map<std::string, bool> newest_seen;
  Data rows = list();
  for (const auto& v : versions) {
    Data r;
    r.set("id", std::to_string(v.id));
    r.set("document", c.t("doc_" + v.key));
    r.set("at", format_time(v.at));
    const auto w = who.find(document_audit_target(v.key, v.id));
    r.set("who", w != who.end() ? w->second : c.t("doc_by_api"));
    r.set("size", c.tr.format(c.lang, "doc_bytes", std::to_string(v.payload.size())));
    const bool current = !newest_seen[v.key];
    newest_seen[v.key] = true;
    r.set("current", Data(current));
    rows.push_back(r);
  }
  Data scopes = list();
  for (const auto& s : document_scopes()) {
    Data o;
    o.set("scope", s);
    o.set("label", c.t("doc_" + s));
    o.set("selected", Data(s == chosen_scope));
    scopes.push_back(o);
  }
  Data d;
  d.set("versions", rows);
  d.set("scopes", scopes);
  d.set("csrf", c.viewer.csrf);
  return d;
}

}  // namespace vsk::township::web
