// 审计日志: the township's server audit log, newest first, with the chain checked on view.
#include "sync/township/web/pages.h"

namespace vsk::township::web {

Data audit_page(const PageContext& c) {
  Tx tx = c.service.store().read(c.viewer.scope);
  const std::int64_t township = c.viewer.user.township_id;
  const auto check = c.service.store().audit().verify(tx, township);
  Data entries = list();
  for (const auto& e : c.service.store().audit().newest(tx, township, 200)) {
    Data row;
    row.set("seq", std::to_string(e.seq));
    row.set("at", format_time(e.at));
    row.set("actor", e.actor);
    row.set("action", e.action);
    row.set("target", e.target);
    row.set("detail", e.detail);
    entries.push_back(row);
  }
  Data d;
  d.set("entries", entries);
  d.set("chain_ok", Data(check.ok));
  d.set("chain", check.ok ? c.tr.format(c.lang, "audit_ok", std::to_string(check.entries))
                          : c.t("audit_broken") + check.reason);
  return d;
}

}  // namespace vsk::township::web
