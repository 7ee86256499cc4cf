// 用户管理 (admin): the township's staff accounts with their role and state, a form to add one
// (the password is made by the server and shown once), and per account: disable, new
// password. Every change goes through Accounts, which writes the audit entry with it.
#include "sync/township/web/pages.h"

namespace vsk::township::web {

const std::vector<std::string>& role_names() {
  static const std::vector<std::string> kRoles = {"clerk", "department", "inspector", "admin"};
  return kRoles;
}

Data users_page(const PageContext& c) {
  std::vector<User> users;
  {
    Tx tx = c.service.store().read(c.viewer.scope);
    users = c.service.store().accounts().list(tx);
  }
  const std::int64_t now = c.clock.unix_seconds();
  Data rows = list();
  for (const auto& u : users) {
    Data r;
    r.set("login", u.login);
    r.set("name", u.display_name);
    r.set("role", c.t("role_" + u.role));
    r.set("department", u.department);
    const bool disabled = u.disabled_at.has_value();
    const bool locked = !disabled && u.locked_until > now;
    r.set("state", disabled ? c.t("user_disabled")
                   : locked ? c.tr.format(c.lang, "user_locked", format_time(u.locked_until))
                            : c.t("user_active"));
    r.set("inactive", Data(disabled || locked));
    r.set("can_disable", Data(!disabled && u.login != c.viewer.user.login));  // not oneself
    r.set("created", format_time(u.created_at));
    rows.push_back(r);
  }
  Data roles = list();
  for (const auto& name : role_names()) {
    Data o;
    o.set("role", name);
    o.set("label", c.t("role_" + name));
    roles.push_back(o);
  }
  Data d;
  d.set("users", rows);
  d.set("roles", roles);
  d.set("csrf", c.viewer.csrf);
  return d;
}

}  // namespace vsk::township::web
